package syntax

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/corpus.golden from nix-instantiate --parse")

const goldenFile = "testdata/corpus.golden"

// goldenLine renders one result for the golden file, with the corpus
// directory, its parent (paths such as ../a lead there) and $HOME replaced
// so that the file does not depend on the checkout.
func goldenLine(name, dir, out string) string {
	out = strings.ReplaceAll(out, dir, "$DIR")
	out = strings.ReplaceAll(out, filepath.Dir(dir)+"/", "$DIR/../")
	if home := os.Getenv("HOME"); home != "" && home != "/" {
		out = strings.ReplaceAll(out, home, "$HOME")
	}
	return name + "\t" + strings.TrimSuffix(out, "\n") + "\n"
}

// ourGolden parses one corpus file alone, like nix-instantiate --parse FILE.
func ourGolden(t *testing.T, path string) string {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := PrintParse(&out, path, src); err != nil {
		e := err.(*Error)
		return fmt.Sprintf("error %d:%d", e.Pos.Line, e.Pos.Column)
	}
	return out.String()
}

func nixGolden(t *testing.T, nix, path string) string {
	cmd := exec.Command(nix, "--parse", path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		_, lineCol := nixError(stderr.String())
		return "error " + lineCol
	}
	return stdout.String()
}

// TestCorpusGolden checks every file of testdata/corpus against the
// result nix-instantiate --parse gave for it (output, or the line and
// column of the error), recorded in testdata/corpus.golden. With
// -update it asks nix-instantiate again.
func TestCorpusGolden(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	files := nixFiles(t, dir)
	if *update {
		nix := nixInstantiate(t)
		var b strings.Builder
		for _, f := range files {
			b.WriteString(goldenLine(filepath.Base(f), dir, nixGolden(t, nix, f)))
		}
		if err := os.WriteFile(goldenFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, l := range strings.SplitAfter(string(data), "\n") {
		if name, _, ok := strings.Cut(l, "\t"); ok {
			want[name] = l
		}
	}
	if len(files) < 300 {
		t.Errorf("corpus has %d files, want at least 300", len(files))
	}
	for _, f := range files {
		name := filepath.Base(f)
		w, ok := want[name]
		if !ok {
			t.Errorf("%s: not in %s; run go test -run TestCorpusGolden -update", name, goldenFile)
			continue
		}
		if got := goldenLine(name, dir, ourGolden(t, f)); got != w {
			t.Errorf("%s:\n got %s want %s", name, got, w)
		}
	}
}
