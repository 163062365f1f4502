package syntax

import (
	"io"
	"strings"
	"testing"
	"time"
)

func fuzzSeeds(f *testing.F) {
	for _, tt := range treeTests {
		f.Add(tt.src)
	}
	for _, tt := range pipeTests {
		f.Add(tt.src)
	}
	for _, tt := range errorTests {
		if len(tt.src) < 1000 {
			f.Add(tt.src)
		}
	}
	for _, src := range corpusSources(f) {
		f.Add(string(src))
	}
}

// FuzzParse checks that parsing never panics or hangs and that the
// pretty printer's output parses back to the same tree.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		start := time.Now()
		e, err := ParseFile("/fuzz/f.nix", []byte(src), NoScopeCheck())
		if d := time.Since(start); d > 10*time.Second && len(src) < 100000 {
			t.Fatalf("parse took %v", d)
		}
		if err != nil {
			if _, ok := err.(ErrorList); !ok {
				t.Fatalf("error is %T, not ErrorList", err)
			}
			return
		}
		_ = Canonical(e)
		want := semantic(e)
		out := Format(e)
		e2, err := ParseFile("/fuzz/f.nix", out, NoScopeCheck())
		if err != nil && strings.Contains(err.Error(), "nested too deeply") {
			return // parentheses Format adds can cross the limit
		}
		if err != nil {
			t.Fatalf("formatted output does not parse: %v\nsource: %q\nformatted: %s", err, src, out)
		}
		if got := semantic(e2); got != want {
			t.Fatalf("round trip changed the tree\nsource: %q\nformatted: %s\n got %s\nwant %s", src, out, got, want)
		}
	})
}

// FuzzPrintParse checks the nix-instantiate emulation (scope check and
// canonical printer) for panics and for stable output.
func FuzzPrintParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		var a, b strings.Builder
		errA := PrintParse(&a, "/fuzz/f.nix", []byte(src))
		errB := PrintParse(&b, "/fuzz/f.nix", []byte(src))
		if (errA == nil) != (errB == nil) || a.String() != b.String() {
			t.Fatalf("unstable result for %q", src)
		}
		// A Session reuses its parser's memory from file to file: a
		// file parsed after another must give the same tree. Only the
		// order of let bindings and formals may change, since the
		// first file created symbols; so may which error comes first,
		// since Nix checks bindings in that order.
		var c strings.Builder
		s := NewSession()
		s.PrintParse(io.Discard, "/fuzz/before.nix", []byte(fuzzDirtySource))
		errC := s.PrintParse(&c, "/fuzz/f.nix", []byte(src))
		if (errA == nil) != (errC == nil) || !sameBytes(a.String(), c.String()) {
			t.Fatalf("parsed after another file, %q gives\n%s (%v), alone\n%s (%v)", src, c.String(), errC, a.String(), errA)
		}
		if errA != nil {
			if _, ok := errA.(*Error); !ok {
				t.Fatalf("error is %T, not *Error", errA)
			}
		}
	})
}

// fuzzDirtySource is parsed before a fuzz input to leave a Session's
// reused memory full of another tree.
const fuzzDirtySource = `{ pkgs, lib ? null, ... }@args: let x = rec { a = "s${toString 1}"; b.c = [ 1 2.5 ./p ]; }; in
  with pkgs; assert true; if x.a or false then ''
    i ${x.b.c}
  '' else (y: -y + 2) 3 // { inherit (x) a; z = <nixpkgs>; }`
