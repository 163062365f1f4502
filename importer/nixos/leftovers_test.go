package nixos

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nixarch/nixarch/model"
)

// TestLeftoversBounded checks that options nothing understands are each
// a finding only up to the bounds, and that the rest are counted, not
// dropped.
func TestLeftoversBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("{ ... }: {\n")
	for i := range 40 {
		fmt.Fprintf(&b, "  many.opt%d = %d;\n", i, i)
	}
	for i := range 300 {
		fmt.Fprintf(&b, "  top%03d = %d;\n", i, i)
	}
	b.WriteString("}\n")
	dir := write(t, map[string]string{"configuration.nix": b.String()})
	sys, err := Import(filepath.Join(dir, "configuration.nix"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var single, many, rest int
	for _, f := range sys.Findings {
		switch {
		case strings.Contains(f.Message, "is not understood by nixarch: carry it over by hand"):
			single++
		case strings.Contains(f.Message, "more options under many are not understood"):
			many++
			if !strings.Contains(f.Message, fmt.Sprintf(" %d more", 40-maxLeftovers)) {
				t.Errorf("many: %s", f.Message)
			}
		case strings.Contains(f.Message, "more options are not understood"):
			rest++
			// 40 under many and 300 top-level ones: maxLeftovers of many
			// and the first shown, 15 of many counted under its name.
			want := 40 + 300 - maxLeftoversInAll - (40 - maxLeftovers)
			if !strings.Contains(f.Message, fmt.Sprintf(" %d more", want)) {
				t.Errorf("rest: %s, want %d more", f.Message, want)
			}
		}
	}
	if single != maxLeftoversInAll || many != 1 || rest != 1 {
		t.Errorf("%d single findings, %d for many, %d for the rest; want %d, 1, 1", single, many, rest, maxLeftoversInAll)
	}
}

var nixpkgsFlag = flag.String("nixpkgs", os.Getenv("NIXARCH_NIXPKGS"), "a nixpkgs tree whose every .nix file TestImportEveryNixpkgsFile imports (default $NIXARCH_NIXPKGS)")

// TestImportEveryNixpkgsFile imports every .nix file of a nixpkgs tree
// (-nixpkgs DIR or NIXARCH_NIXPKGS; see DEVELOPERS.md) as if it were a
// configuration: none may panic or hang, and each import's findings
// must encode. Errors and findings are fine: these files are no
// configurations. A file still running after a minute is a hang.
func TestImportEveryNixpkgsFile(t *testing.T) {
	if *nixpkgsFlag == "" {
		t.Skip("no nixpkgs tree: pass -nixpkgs DIR or set NIXARCH_NIXPKGS to import every file of it")
	}
	var files []string
	err := filepath.WalkDir(*nixpkgsFlag, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && strings.HasSuffix(p, ".nix") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	type result struct {
		panicked any
		stack    []byte
		err      error
		findings int
	}
	var errs, findings int
	start := time.Now()
	for _, f := range files {
		done := make(chan result, 1)
		go func() {
			var r result
			defer func() {
				if p := recover(); p != nil {
					r.panicked, r.stack = p, debug.Stack()
				}
				done <- r
			}()
			sys, err := Import(f, Options{})
			r.err = err
			if err == nil {
				r.findings = len(sys.Findings)
				if _, err := model.Encode(sys); err != nil {
					r.err = fmt.Errorf("encode: %w", err)
					r.findings = -1
				}
			}
		}()
		select {
		case r := <-done:
			switch {
			case r.panicked != nil:
				t.Errorf("%s: panic: %v\n%s", f, r.panicked, r.stack)
			case r.findings < 0:
				t.Errorf("%s: %v", f, r.err)
			case r.err != nil:
				errs++
			default:
				findings += r.findings
			}
		case <-time.After(time.Minute):
			t.Fatalf("%s: still importing after a minute: a hang", f)
		}
	}
	t.Logf("%d files in %v: %d could not be imported (errors, as expected of files that are no configurations), %d findings in the rest",
		len(files), time.Since(start).Round(time.Second), errs, findings)
}
