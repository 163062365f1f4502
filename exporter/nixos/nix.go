package nixos

import (
	"regexp"
	"strings"

	"github.com/nixarch/nixarch/nix/syntax"
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

// attrPath is an attribute path of the given parts, each quoted unless it
// is a plain identifier.
func attrPath(parts ...string) []syntax.AttrName {
	path := make([]syntax.AttrName, len(parts))
	for i, p := range parts {
		path[i] = syntax.AttrName{Name: p, Quoted: !identifier.MatchString(p) || keywords[p]}
	}
	return path
}

// packageExpr is the expression for a nixpkgs attribute path inside
// "with pkgs;": the path itself, or pkgs.PATH when its first part is not
// a plain identifier (a quoted one would be a string) or is shadowed. It
// reports false for a path with an empty part.
func packageExpr(attr string) (syntax.Expr, bool) {
	parts := strings.Split(attr, ".")
	for _, p := range parts {
		if p == "" {
			return nil, false
		}
	}
	path := attrPath(parts...)
	if first := parts[0]; path[0].Quoted || shadowed[first] || strings.HasPrefix(first, "__") {
		return &syntax.Select{X: syntax.NewIdent("pkgs"), Path: path}, true
	}
	if len(path) == 1 {
		return syntax.NewIdent(parts[0]), true
	}
	return &syntax.Select{X: syntax.NewIdent(parts[0]), Path: path[1:]}, true
}
