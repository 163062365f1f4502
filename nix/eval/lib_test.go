package eval

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/internal/oracle"
)

var nixpkgs = flag.String("nixpkgs", "", "a nixpkgs tree (see DEVELOPERS.md) to compare lib with")

// TestNixpkgsLib compares our lib with nixpkgs' lib evaluated by Nix,
// and also evaluates nixpkgs' own lib with this evaluator. It needs
// -nixpkgs DIR.
func TestNixpkgsLib(t *testing.T) {
	if *nixpkgs == "" {
		t.Skip("no -nixpkgs DIR given")
	}
	nix := oracle.Require(t, "nix-instantiate", "nix-bin")
	root, err := filepath.Abs(*nixpkgs)
	if err != nil {
		t.Fatal(err)
	}
	exprs := readExprs(t, "lib.txt")
	ourLib := make([]string, len(exprs))
	realLib := make([]string, len(exprs))
	var b strings.Builder
	b.WriteString("let lib = import " + root + "/lib; in [\n")
	for i, src := range exprs {
		b.WriteString("(" + src + ")\n")
		ourLib[i] = ours(t, "/x", "let lib = (import <nixpkgs> { }).lib; in "+src)
		ev := New(WithFS(os.DirFS(root), root))
		v, err := ev.EvalString("/x/expr.nix", "let lib = import "+root+"/lib; in "+src)
		if err != nil {
			t.Fatal(err)
		}
		realLib[i] = Print(ev.ForceDeep(v))
	}
	b.WriteString("]")
	dir := t.TempDir()
	file := filepath.Join(dir, "lib.nix")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := oracle.Run(t, dir, nix, "--eval", "--strict", file)
	if err != nil {
		t.Fatalf("nix-instantiate: %v\n%s", err, errOut)
	}
	rest := strings.TrimPrefix(strings.TrimSuffix(out, "\n"), "[ ")
	for i, src := range exprs {
		if realLib[i] != ourLib[i] {
			t.Errorf("%s\nnixpkgs lib in our evaluator: %.300s\n             our lib: %.300s", src, realLib[i], ourLib[i])
		}
		if !strings.HasPrefix(rest, ourLib[i]+" ") {
			t.Fatalf("expression %d differs:\n%s\n got: %s\nnix: %.300s", i+1, src, ourLib[i], rest)
		}
		rest = rest[len(ourLib[i])+1:]
	}
	t.Logf("%d lib expressions agree with nixpkgs' lib in Nix", len(exprs))

	// nixpkgs' own lib (its module system, generators, types…) in this
	// evaluator against Nix, one expression at a time for clear failures.
	exprs = readExprs(t, "nixpkgs_lib.txt")
	b.Reset()
	b.WriteString("let lib = import " + root + "/lib; in [\n")
	mine := make([]string, len(exprs))
	for i, src := range exprs {
		b.WriteString("(" + src + ")\n")
		ev := New(WithFS(os.DirFS(root), root))
		v, err := ev.EvalString("/x/expr.nix", "let lib = import "+root+"/lib; in "+src)
		if err != nil {
			t.Fatal(err)
		}
		mine[i] = Print(ev.ForceDeep(v))
	}
	b.WriteString("]")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err = oracle.Run(t, dir, nix, "--eval", "--strict", file)
	if err != nil {
		t.Fatalf("nix-instantiate: %v\n%s", err, errOut)
	}
	rest = strings.TrimPrefix(strings.TrimSuffix(out, "\n"), "[ ")
	for i, src := range exprs {
		if !strings.HasPrefix(rest, mine[i]+" ") {
			t.Fatalf("expression %d differs:\n%s\n got: %.300s\nnix: %.300s", i+1, src, mine[i], rest)
		}
		rest = rest[len(mine[i])+1:]
	}
	t.Logf("%d expressions over nixpkgs' lib agree with Nix", len(exprs))
}
