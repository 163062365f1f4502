package e2e

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nixarch/nixarch/cmd/nixarch/commands"
)

// entry is what a snapshot keeps of one file, folder or link.
type entry struct {
	mode    fs.FileMode
	modTime time.Time
	content string // a file's bytes or a link's target
}

// snapshotTree records every entry under dir by its relative path,
// dir itself included.
func snapshotTree(t *testing.T, dir string) map[string]entry {
	t.Helper()
	out := map[string]entry{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		e := entry{mode: info.Mode(), modTime: info.ModTime()}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			e.content, err = os.Readlink(p)
		case info.Mode().IsRegular():
			var data []byte
			data, err = os.ReadFile(p)
			e.content = string(data)
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = e
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// diffTrees names every path that was added, removed or changed.
func diffTrees(before, after map[string]entry) []string {
	var out []string
	for p, b := range before {
		a, ok := after[p]
		switch {
		case !ok:
			out = append(out, "removed "+p)
		case a.mode != b.mode:
			out = append(out, fmt.Sprintf("%s: mode %v → %v", p, b.mode, a.mode))
		case a.content != b.content:
			out = append(out, p+": content changed")
		case !a.modTime.Equal(b.modTime):
			out = append(out, fmt.Sprintf("%s: modified %v → %v", p, b.modTime, a.modTime))
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			out = append(out, "added "+p)
		}
	}
	slices.Sort(out)
	return out
}

// runNixarch runs the CLI in process and returns its output and exit code.
func runNixarch(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = commands.Main(append([]string{"nixarch"}, args...), nil, &o, &e)
	return o.String(), e.String(), code
}

// TestDryRunChangesNothing fills an Arch and a NixOS output folder for
// real, then runs the same commands with --dry-run (with and without
// --force) and checks that not one file, folder or link changed anywhere
// in the folder that holds them: no mode, byte or modification time, and
// no staging or temporary file left behind, in the output folders, next to
// them or in TMPDIR. Folders are compared by modification time too, so a
// file created and removed again is caught as well.
func TestDryRunChangesNothing(t *testing.T) {
	parent := t.TempDir()
	tmp := filepath.Join(parent, "tmp")
	if err := os.Mkdir(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", tmp)
	src := filepath.Join("..", "examples", "nixos")
	archOut := filepath.Join(parent, "arch")
	nixosOut := filepath.Join(parent, "nixos")
	model := filepath.Join(parent, "arch.yaml")

	for _, args := range [][]string{
		{"migrate", src, "--to", "arch", "-o", archOut},
		{"import", "arch", filepath.Join("..", "examples", "arch", "pkglist.txt"), "--foreign",
			filepath.Join("..", "examples", "arch", "aur.txt"), "-o", model},
		{"export", "nixos", model, "-o", nixosOut},
	} {
		if _, stderr, code := runNixarch(t, args...); code != 0 {
			t.Fatalf("nixarch %s exited %d:\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	// A file of the user's own in each folder, which --force would replace
	// or keep, and every time set in the past, so that a rewrite in the
	// same instant as the real run cannot go unseen.
	for _, dir := range []string{archOut, nixosOut} {
		if err := os.WriteFile(filepath.Join(dir, "mine.txt"), []byte("mine\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Date(2001, 2, 3, 4, 5, 6, 7, time.UTC)
	var dirs []string
	err := filepath.WalkDir(parent, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Type()&fs.ModeSymlink != 0 {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p) // after their files, whose changes touch them
			return nil
		}
		return os.Chtimes(p, past, past)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range slices.Backward(dirs) {
		if err := os.Chtimes(d, past, past); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshotTree(t, parent)
	if n := len(before); n < 30 {
		t.Fatalf("only %d entries in the filled folder", n)
	}

	for _, c := range []struct {
		args []string
		code int
		says string // a line of the plan the dry run prints
	}{
		{[]string{"migrate", src, "--to", "arch", "-o", archOut, "--dry-run", "--force"}, 0, "setup.sh"},
		{[]string{"migrate", src, "--to", "arch", "-o", archOut, "--dry-run"}, 1, ""},
		{[]string{"export", "nixos", model, "-o", nixosOut, "--dry-run", "--force"}, 0, "configuration.nix"},
		{[]string{"export", "nixos", model, "-o", nixosOut, "--dry-run"}, 1, ""},
	} {
		stdout, stderr, code := runNixarch(t, c.args...)
		name := "nixarch " + strings.Join(c.args, " ")
		if code != c.code {
			t.Errorf("%s exited %d, want %d:\n%s", name, code, c.code, stderr)
		}
		if c.says != "" && !strings.Contains(stdout, c.says) {
			t.Errorf("%s does not name %s in its plan:\n%s", name, c.says, stdout)
		}
		if diff := diffTrees(before, snapshotTree(t, parent)); len(diff) > 0 {
			t.Fatalf("%s changed the tree:\n%s", name, strings.Join(diff, "\n"))
		}
	}
}
