package arch

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// nameBytes marks the bytes an Arch package name may hold. The Arch package
// guidelines allow lowercase letters, digits and @ . _ + -; makepkg's own
// check (libmakepkg/lint_pkgbuild/pkgname.sh) also lets uppercase letters
// through, but no repository or AUR package uses them, and nixarch keeps the
// stricter rule so that a capitalised word in a list is caught as a typo.
var nameBytes = func() (table [256]bool) {
	for _, c := range []byte("abcdefghijklmnopqrstuvwxyz0123456789@._+-") {
		table[c] = true
	}
	return table
}()

// checkName returns why name is not a valid Arch package name, or "" when
// it is.
func checkName(name string) string {
	if name == "" {
		return "empty package name"
	}
	for i := 0; i < len(name); i++ {
		if nameBytes[name[i]] {
			continue
		}
		what := fmt.Sprintf("byte 0x%02x", name[i])
		if r, size := utf8.DecodeRuneInString(name[i:]); size > 1 || r < utf8.RuneSelf {
			what = fmt.Sprintf("%q", r)
		}
		hint := "a-z 0-9 @ . _ + -"
		if 'A' <= name[i] && name[i] <= 'Z' {
			hint = "package names are lowercase"
		}
		return fmt.Sprintf("invalid package name %q: %s is not allowed (%s)", name, what, hint)
	}
	switch name[0] {
	case '-', '.':
		return fmt.Sprintf("invalid package name %q: must not start with '%c'", name, name[0])
	}
	return ""
}

// checkVersion returns why version is not a full pacman version,
// [epoch:]pkgver-pkgrel, or "" when it is. The rules are makepkg's: epoch
// is digits; pkgver is printable ASCII without colons, slashes, hyphens or
// spaces; pkgrel is an integer or integer.integer.
func checkVersion(version string) string {
	if !validVersion(version) {
		return fmt.Sprintf("invalid version %q: want [epoch:]pkgver-pkgrel, such as 1:2.3.4-1", version)
	}
	return ""
}

func validVersion(v string) bool {
	if epoch, rest, ok := strings.Cut(v, ":"); ok {
		if !isDigits(epoch) {
			return false
		}
		v = rest
	}
	dash := strings.LastIndexByte(v, '-')
	if dash < 0 {
		return false
	}
	pkgver, pkgrel := v[:dash], v[dash+1:]
	if pkgver == "" {
		return false
	}
	for i := 0; i < len(pkgver); i++ {
		c := pkgver[i]
		if c <= ' ' || c >= 0x7f || c == ':' || c == '/' || c == '-' {
			return false
		}
	}
	major, minor, hasMinor := strings.Cut(pkgrel, ".")
	return isDigits(major) && (!hasMinor || isDigits(minor))
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
