// Package arch reads Arch Linux package lists into nixarch's intermediate
// model.
//
// A package list is the output of pacman -Qqe, -Qq, -Qe or -Q (one name, or
// a name and a version, per line) or the AddPackage lines of an aconfmgr
// configuration. The format is decided line by line, so one file may mix
// them. ReadPackageList reads one list; ImportPackageLists reads several into
// a model.System, marking the ones the user says are foreign (pacman -Qm, the
// AUR, locally built packages).
//
// Lists are read line by line, never run: an aconfmgr file is not evaluated
// by bash, so an AddPackage inside an if or a loop is imported as if it were
// unconditional. Every line that is not a package is either an error or a
// finding, never dropped in silence:
//
//   - Other aconfmgr commands (CopyFile, RemovePackage, IgnorePath and so on)
//     and lines starting with a bash reserved word (if, else, for, while …)
//     become warnings. A line that only closes a block (fi, done, esac, })
//     is skipped: the line that opened the block gave the warning.
//   - AddPackageGroup becomes a warning, not a package: the model has no
//     package groups, and which packages a group holds depends on the sync
//     database at the time it is installed.
//   - A malformed line is an error at file:line:col, the column pointing at
//     the offending word. Columns count bytes from 1; on the first line they
//     count from after a UTF-8 byte order mark, as editors show them.
//
// Input is bounded: see MaxLineLength, MaxInputSize, MaxPackages and
// MaxErrors.
//
// Reading the pacman database of a live or mounted Arch system (nixarch
// import --root) is a separate, later part of this package; it will produce
// the same model.Package values, with Repo and Dependency filled in from the
// database.
package arch
