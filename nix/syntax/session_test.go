package syntax

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestPrintParseFiles checks that parsing in parallel prints exactly
// what one Session prints file after file.
func TestPrintParseFiles(t *testing.T) {
	dir := *corpusFlag
	if dir == "" {
		dir = filepath.Join("testdata", "corpus")
	}
	var ok []string
	for _, f := range nixFiles(t, dir) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, errs := NewSession().Parse(f, src); len(errs) == 0 {
			ok = append(ok, f)
		}
	}
	var want bytes.Buffer
	s := NewSession()
	for _, f := range ok {
		path, err := ResolveExprPath(f)
		if err != nil {
			t.Fatal(err)
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.PrintParse(&want, path, src); err != nil {
			t.Fatal(err)
		}
	}
	for _, workers := range []int{1, 2, 4} {
		var got bytes.Buffer
		if err := NewSession().PrintParseFiles(&got, ok, workers); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%d workers: output differs from a sequential Session", workers)
		}
	}
	// Like Nix, stop at the first file with an error.
	bad := filepath.Join(t.TempDir(), "bad.nix")
	if err := os.WriteFile(bad, []byte("{ a = 1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err := NewSession().PrintParseFiles(&out, []string{ok[0], bad, ok[1]}, 2)
	if err == nil || err.Error() != bad+":1:9: syntax error, unexpected end of file" {
		t.Errorf("got error %v", err)
	}
	if bytes.Count(out.Bytes(), []byte("\n")) != 1 {
		t.Errorf("printed %q, want one line", out.String())
	}
}
