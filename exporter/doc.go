// Package exporter holds what every nixarch exporter shares: the File a
// renderer returns and the Writer that puts a tree of files on disk.
//
// Renderers (the NixOS configuration, REPORT.md, dotfiles) are pure: they
// return []File in memory and never touch the file system. Only a Writer
// writes, and there are three of them:
//
//   - NewRealWriter writes atomically: a fresh output folder is built in a
//     hidden staging folder beside it and renamed into place, and with
//     Options.Force every file is staged as a temporary file next to its
//     target before any of them is renamed, so a failure leaves no partial
//     output.
//   - NewDryRunWriter performs the same checks and prints what it would do,
//     writing nothing. It is what --dry-run selects.
//   - NewMemWriter records trees in memory for tests.
//
// Callers branch on the sentinel errors ErrNotEmpty, ErrInvalidTree,
// ErrSymlink and ErrConflict with errors.Is.
package exporter
