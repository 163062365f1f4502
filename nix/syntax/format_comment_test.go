package syntax_test

import (
	"testing"

	"github.com/nixarch/nixarch/nix/syntax"
)

// TestFormatStandaloneComments checks comment-only list entries: Format
// prints them as comment lines in place, anywhere in the list, and the
// canonical form leaves them out.
func TestFormatStandaloneComments(t *testing.T) {
	list := syntax.NewList(
		syntax.NewCommented("first", nil),
		syntax.NewIdent("git"),
		syntax.NewCommented("two\nlines", nil),
		syntax.NewCommented("leading", syntax.NewIdent("vim")),
		syntax.NewCommented("last", nil),
	)
	e := syntax.NewWith(syntax.NewIdent("pkgs"), list)
	want := "with pkgs; [\n  # first\n  git\n  # two\n  # lines\n  # leading\n  vim\n  # last\n]\n"
	if got := string(syntax.Format(e)); got != want {
		t.Errorf("Format =\n%s\nwant\n%s", got, want)
	}
	if got, want := syntax.Canonical(list), "[ (git) (vim) ]"; got != want {
		t.Errorf("Canonical = %q, want %q", got, want)
	}
	var seen int
	syntax.Inspect(list, func(n syntax.Node) bool {
		if n != nil {
			seen++
		}
		return true
	})
	if seen == 0 {
		t.Error("Inspect saw nothing")
	}
	parsed, err := syntax.ParseFile("x.nix", append([]byte("pkgs: "), syntax.Format(e)...))
	if err != nil {
		t.Fatal(err)
	}
	if got := syntax.Canonical(parsed); got != "(pkgs: (with pkgs; [ (git) (vim) ]))" {
		t.Errorf("reparsed = %s", got)
	}
}
