package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzEval parses and evaluates random input with small limits: the
// evaluator must not panic, hang or overflow the stack.
func FuzzEval(f *testing.F) {
	for _, name := range []string{"oracle.txt", "oracle_errors.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if line != "" && !strings.HasPrefix(line, "#") {
				f.Add(line)
			}
		}
	}
	files, _ := filepath.Glob("testdata/config/*.nix")
	for _, file := range files {
		data, _ := os.ReadFile(file)
		f.Add(string(data))
	}
	f.Add(`let f = x: f x; in f 1`)
	f.Add(`let x = { a = x; }; in x`)
	f.Add(`(import <nixpkgs> { }).lib.recursiveUpdate { a.b = 1; } { a.c = 2; }`)
	f.Fuzz(func(t *testing.T, src string) {
		start := time.Now()
		defer func() {
			if d := time.Since(start); d > 3*time.Second {
				t.Fatalf("took %v", d)
			}
		}()
		ev := New(WithLimits(Limits{Depth: 300, Steps: 20000, Time: time.Second}),
			WithFS(os.DirFS("testdata/config"), "/etc/nixos"))
		v, err := ev.EvalString("/etc/nixos/fuzz.nix", src)
		if err != nil {
			return
		}
		if f, ok := v.(*Function); ok {
			v = ev.Apply(f.P, f, ev.ModuleArgs(&Unknown{Reason: "config"}))
		}
		v = ev.ForceDeep(v)
		_ = Print(v)
	})
}
