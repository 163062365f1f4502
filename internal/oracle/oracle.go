// Package oracle runs the real programs that judge nixarch's output in
// tests: nix-instantiate for Nix files, pacman for package lists and
// databases, shellcheck, stow, git and the shells for scripts and dotfiles.
//
// A test that needs a program calls Require. Where the program is missing,
// the test is skipped with a loud message, except under CI (CI=true), where
// a missing program is a failure: CI installs every program the tests need.
package oracle

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// InCI reports whether the tests run under CI (the environment variable CI
// is "true" or "1").
func InCI() bool {
	v := strings.ToLower(os.Getenv("CI"))
	return v == "true" || v == "1"
}

// Require returns the path of program, or skips t when it is missing (fails
// t under CI). hint names the Debian package that provides it.
func Require(t testing.TB, program, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(program)
	if err == nil {
		return path
	}
	msg := "\n" + strings.Repeat("!", 72) + "\n" +
		"!!! " + program + " is not installed: this test cannot check nixarch's output\n" +
		"!!! install it with: apt-get install " + debianPackage + "   (or: make deps)\n" +
		strings.Repeat("!", 72)
	if InCI() {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Run runs program with args in dir and returns its standard output,
// standard error and error.
func Run(t testing.TB, dir, program string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := exec.Command(program, args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}

// NixParse runs "nix-instantiate --parse" on file and returns Nix's
// canonical form of it. It fails t when Nix rejects the file.
func NixParse(t testing.TB, file string) string {
	t.Helper()
	nix := Require(t, "nix-instantiate", "nix-bin")
	out, errOut, err := Run(t, "", nix, "--parse", file)
	if err != nil {
		data, _ := os.ReadFile(file)
		t.Fatalf("nix-instantiate --parse %s: %v\n%s\n--- file ---\n%s", file, err, errOut, data)
	}
	return out
}
