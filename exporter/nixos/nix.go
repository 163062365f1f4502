package nixos

import (
	"regexp"
	"strings"
)

// identifier matches Nix's ID token.
var identifier = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_'-]*$`)

// keywords cannot be used as bare attribute names.
var keywords = map[string]bool{
	"if": true, "then": true, "else": true, "assert": true, "with": true,
	"let": true, "in": true, "rec": true, "inherit": true, "or": true,
}

// shadowed are names that a lexical binding hides inside "with pkgs;":
// the module's arguments (the ones this file takes and the ones a user may
// add) and the builtins Nix puts in scope without "builtins.". Names that
// start with "__" are builtins too. A "with" never overrides any of them,
// so such packages must be written pkgs.NAME.
var shadowed = map[string]bool{
	"config": true, "pkgs": true, "lib": true, "options": true, "modulesPath": true, "specialArgs": true,
	// Nix 2.8's global builtins, plus "break" from later versions.
	"abort": true, "baseNameOf": true, "break": true, "builtins": true, "derivation": true,
	"derivationStrict": true, "dirOf": true, "false": true, "fetchGit": true, "fetchMercurial": true,
	"fetchTarball": true, "fetchTree": true, "fromTOML": true, "import": true, "isNull": true,
	"map": true, "null": true, "placeholder": true, "removeAttrs": true, "scopedImport": true,
	"throw": true, "toString": true, "true": true,
}

// attrName writes one attribute name, quoted unless it is a plain
// identifier.
func attrName(s string) string {
	if identifier.MatchString(s) && !keywords[s] {
		return s
	}
	return nixString(s)
}

// packageExpr writes a nixpkgs attribute path as an expression inside
// "with pkgs;". It reports false for a path with an empty part.
func packageExpr(attrPath string) (string, bool) {
	parts := strings.Split(attrPath, ".")
	for i, p := range parts {
		if p == "" {
			return "", false
		}
		parts[i] = attrName(p)
	}
	first := strings.Split(attrPath, ".")[0]
	// A quoted first part would be a string, not a variable.
	if parts[0] != first || shadowed[first] || strings.HasPrefix(first, "__") {
		return "pkgs." + strings.Join(parts, "."), true
	}
	return strings.Join(parts, "."), true
}

// nixString writes s as a Nix double-quoted string. "${" is escaped so it
// does not start an interpolation; a "$" before anything else is literal.
func nixString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '$':
			if i+1 < len(s) && s[i+1] == '{' {
				b.WriteString(`\$`)
			} else {
				b.WriteByte('$')
			}
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// commentText makes s safe for a "#" comment: Nix ends a comment at a
// carriage return or a line feed, editors at other line separators too, so
// every control character and separator becomes a space, and invalid UTF-8
// becomes U+FFFD.
func commentText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == '\u2028', r == '\u2029':
			return ' '
		}
		return r
	}, s)
}
