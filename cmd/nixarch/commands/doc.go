// Package commands implements the nixarch command line: one file per
// command, and Main, which runs a whole invocation in process so that tests
// can drive it without building a binary.
//
// Exit codes: 0 success, 1 error, 2 usage error, 3 when --strict was given
// and something could not be mapped.
package commands
