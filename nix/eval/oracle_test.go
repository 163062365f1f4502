package eval

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/nixarch/nixarch/internal/oracle"
)

var update = flag.Bool("update", false, "rewrite the golden files: testdata/oracle.golden.json from nix-instantiate, testdata/config.golden")

// readExprs reads one expression a line; an expression continues on the
// following lines while they are indented or the expression is inside
// an indented string or a quoted string.
func readExprs(t *testing.T, name string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var cur []string
	open := func(s string) bool {
		s = strings.NewReplacer(`''\`, "", `'''`, "", `''$`, "").Replace(s)
		return strings.Count(s, "''")%2 == 1 || strings.Count(strings.ReplaceAll(s, `\"`, ""), `"`)%2 == 1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if len(cur) == 0 {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			cur = append(cur, line)
		} else {
			cur = append(cur, line)
		}
		if !open(strings.Join(cur, "\n")) {
			out = append(out, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	if cur != nil {
		out = append(out, strings.Join(cur, "\n"))
	}
	return out
}

// ours evaluates src strictly and prints it; "error" when it fails.
func ours(t *testing.T, dir, src string) string {
	t.Helper()
	ev := New(WithSystem("x86_64-linux"))
	v, err := ev.EvalString(filepath.Join(dir, "expr.nix"), src)
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	v = ev.ForceDeep(v)
	if _, ok := v.(*Error); ok {
		return "error"
	}
	return Print(v)
}

// goldenDir stands for the folder relative paths resolve against: Nix
// resolves them against the working directory.
const goldenDir = "/oracle"

// goldenEntry is one expression of oracle.txt and what Nix printed.
type goldenEntry struct {
	Expr string `json:"expr"`
	Nix  string `json:"nix"`
}

func readGolden(t *testing.T) map[string]string {
	data, err := os.ReadFile("testdata/oracle.golden.json")
	if err != nil {
		t.Fatalf("%v (run go test -run TestOracle -update with Nix installed)", err)
	}
	var entries []goldenEntry
	if err := json.Unmarshal(data, &entries); err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		m[e.Expr] = e.Nix
	}
	return m
}

// TestGolden compares our printing with what Nix printed, as recorded in
// testdata/oracle.golden.json; it runs without Nix.
func TestGolden(t *testing.T) {
	golden := readGolden(t)
	for _, src := range readExprs(t, "oracle.txt") {
		want, ok := golden[src]
		if !ok {
			t.Errorf("%q: not in oracle.golden (run with -update)", src)
			continue
		}
		want = strings.ReplaceAll(want, "@DIR@", goldenDir)
		if got := ours(t, goldenDir, src); got != want {
			t.Errorf("%s\n got: %s\nwant: %s", src, got, want)
		}
	}
	for _, src := range readExprs(t, "oracle_errors.txt") {
		if got := ours(t, goldenDir, src); got != "error" {
			t.Errorf("%s\n got: %s\nwant: an error", src, got)
		}
	}
}

// TestOracle evaluates every expression with nix-instantiate and
// compares. Values are checked in one batch (a list of all of them,
// since starting Nix is slow); errors one by one, in parallel.
func TestOracle(t *testing.T) {
	nix := oracle.Require(t, "nix-instantiate", "nix-bin")
	dir := t.TempDir()
	exprs := readExprs(t, "oracle.txt")
	var b strings.Builder
	b.WriteString("[\n")
	var mine []string
	for _, src := range exprs {
		b.WriteString("(\n" + src + "\n)\n")
		mine = append(mine, ours(t, dir, src))
	}
	b.WriteString("]")
	file := filepath.Join(dir, "all.nix")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := oracle.Run(t, dir, nix, "--eval", "--strict", file)
	if err != nil {
		t.Fatalf("nix-instantiate: %v\n%s", err, errOut)
	}
	out = strings.TrimSuffix(out, "\n")
	// Split Nix's output along our results: each must be the next piece.
	rest := strings.TrimPrefix(out, "[ ")
	var golden []goldenEntry
	failed := false
	for i, src := range exprs {
		if !strings.HasPrefix(rest, mine[i]+" ") {
			t.Errorf("expression %d differs:\n%s\n got: %s\nnix: %.200s", i+1, src, mine[i], rest)
			failed = true
			break
		}
		rest = rest[len(mine[i])+1:]
		golden = append(golden, goldenEntry{src, strings.ReplaceAll(mine[i], dir, "@DIR@")})
	}
	if !failed && rest != "]" {
		t.Errorf("trailing output from nix: %q", rest)
	}
	if !failed {
		t.Logf("%d expressions agree with nix-instantiate", len(exprs))
	}

	errs := readExprs(t, "oracle_errors.txt")
	var wg sync.WaitGroup
	nixFailed := make([]bool, len(errs))
	sem := make(chan struct{}, 16)
	for i, src := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			_, _, err := oracle.Run(t, dir, nix, "--eval", "--strict", "--expr", src)
			nixFailed[i] = err != nil
		}()
	}
	wg.Wait()
	for i, src := range errs {
		if !nixFailed[i] {
			t.Errorf("nix accepts %q: move it to oracle.txt", src)
		}
		if got := ours(t, dir, src); got != "error" {
			t.Errorf("%s\n got: %s\nwant: an error", src, got)
		}
	}
	t.Logf("%d erroneous expressions fail in both", len(errs))
	if *update && !failed && !t.Failed() {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(golden); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("testdata/oracle.golden.json", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
