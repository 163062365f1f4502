// Package e2e holds nixarch's end-to-end tests: testscript files under
// testdata/script, each running the nixarch command in process on files it
// carries, with HOME inside the test's work folder, and checking its output
// and exit code. Where a script needs a real program (nix-instantiate,
// pacman, shellcheck …) it guards itself with [oracle:PROGRAM], which
// skips locally when the program is missing and fails under CI.
package e2e
