//go:build !alpm

package arch

// DefaultBackend is the backend ImportRoot uses when RootOptions.Backend
// is empty. This build has no alpm tag, so it is the pure-Go reader.
const DefaultBackend = BackendGo
