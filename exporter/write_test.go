package exporter

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
)

// snapshot returns every entry below dir (hidden ones too) as
// "path mode [content]", so a test can compare whole trees.
func snapshot(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		line := filepath.ToSlash(rel) + " " + info.Mode().String()
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += " " + string(b)
		}
		out = append(out, line)
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func equal(a, b []string) bool { return strings.Join(a, "\n") == strings.Join(b, "\n") }

func mustWrite(t *testing.T, name, content string, mode fs.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
}

// withUmask runs the test under a restrictive umask, to show that modes
// are set explicitly rather than inherited from the process.
func withUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	t.Cleanup(func() { syscall.Umask(old) })
}

func sampleTree() []File {
	return []File{
		{Path: "configuration.nix", Content: []byte("{ }\n")},
		{Path: "bin/setup.sh", Mode: ExecutableMode, Content: []byte("#!/bin/sh\n")},
		{Path: "secret/key", Mode: 0o600, Content: []byte("k")},
		{Path: "REPORT.md", Content: []byte("# report\n")},
	}
}

var sampleSnapshot = []string{
	". drwxr-xr-x",
	"REPORT.md -rw-r--r-- # report\n",
	"bin drwxr-xr-x",
	"bin/setup.sh -rwxr-xr-x #!/bin/sh\n",
	"configuration.nix -rw-r--r-- { }\n",
	"secret drwxr-xr-x",
	"secret/key -rw------- k",
}

// writerKinds is the conformance table: every Writer must reject the same
// trees and the same output folders.
var writerKinds = []struct {
	name string
	new  func(buf *bytes.Buffer, opts Options) Writer
}{
	{"real", func(_ *bytes.Buffer, o Options) Writer { return NewRealWriter(o) }},
	{"dry-run", func(b *bytes.Buffer, o Options) Writer { return NewDryRunWriter(b, o) }},
	{"mem", func(_ *bytes.Buffer, o Options) Writer { m := NewMemWriter(); m.Force = o.Force; return m }},
}

func TestInvalidTrees(t *testing.T) {
	tests := []struct {
		name  string
		files []File
	}{
		{"empty path", []File{{Path: ""}}},
		{"absolute", []File{{Path: "/etc/passwd"}}},
		{"dot-dot", []File{{Path: "../escape"}}},
		{"inner dot-dot", []File{{Path: "a/../../escape"}}},
		{"dot", []File{{Path: "."}}},
		{"unclean", []File{{Path: "a//b"}}},
		{"dot part", []File{{Path: "./a"}}},
		{"trailing slash", []File{{Path: "a/"}}},
		{"backslash", []File{{Path: `a\b`}}},
		{"nul", []File{{Path: "a\x00b"}}},
		{"duplicate", []File{{Path: "a"}, {Path: "b"}, {Path: "a"}}},
		{"file and folder", []File{{Path: "a/b/c"}, {Path: "a/b"}}},
		{"mode with type bits", []File{{Path: "a", Mode: fs.ModeDir | 0o755}}},
		{"link without target", []File{{Path: "a", Mode: LinkMode}}},
		{"link to an absolute path", []File{{Path: "a", Mode: LinkMode, Content: []byte("/etc/passwd")}}},
		{"link out of the folder", []File{{Path: "a/b", Mode: LinkMode, Content: []byte("../../x")}}},
		{"link to the folder", []File{{Path: "a/b", Mode: LinkMode, Content: []byte("..")}}},
		{"link with other type bits", []File{{Path: "a", Mode: LinkMode | fs.ModeDir, Content: []byte("b")}}},
	}
	for _, kind := range writerKinds {
		for _, tt := range tests {
			t.Run(kind.name+"/"+tt.name, func(t *testing.T) {
				var plan bytes.Buffer
				dir := filepath.Join(t.TempDir(), "out")
				err := kind.new(&plan, Options{Force: true}).WriteTree(dir, append(tt.files, File{Path: "ok.txt"}))
				if !errors.Is(err, ErrInvalidTree) {
					t.Fatalf("err = %v, want ErrInvalidTree", err)
				}
				if s := snapshot(t, dir); s != nil {
					t.Errorf("output exists after invalid tree: %q", s)
				}
				if plan.Len() != 0 {
					t.Errorf("dry run printed a plan for an invalid tree:\n%s", plan.String())
				}
			})
		}
	}
}

func TestRealFreshFolder(t *testing.T) {
	withUmask(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "a", "b", "out")
	if err := NewRealWriter(Options{}).WriteTree(dir, sampleTree()); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, dir); !equal(got, sampleSnapshot) {
		t.Errorf("tree:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(sampleSnapshot, "\n"))
	}
	for _, d := range []string{filepath.Join(parent, "a"), filepath.Join(parent, "a", "b")} {
		info, err := os.Stat(d)
		if err != nil || info.Mode().Perm() != DirMode {
			t.Errorf("parent %s: %v %v, want a folder with mode %v", d, info, err, DirMode)
		}
	}
	// Nothing but the output folder is left beside it: no staging folder.
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 || entries[0].Name() != "out" {
		t.Errorf("beside the output folder: %v, want only out", entries)
	}
}

func TestRealEmptyFolder(t *testing.T) {
	withUmask(t)
	dir := t.TempDir()
	if err := NewRealWriter(Options{}).WriteTree(dir, sampleTree()); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, dir); !equal(got, sampleSnapshot) {
		t.Errorf("tree:\n%s", strings.Join(got, "\n"))
	}
}

func TestNotEmptyWithoutForce(t *testing.T) {
	for _, kind := range writerKinds[:2] {
		t.Run(kind.name, func(t *testing.T) {
			dir := t.TempDir()
			mustWrite(t, filepath.Join(dir, "configuration.nix"), "mine", 0o600)
			before := snapshot(t, dir)
			var plan bytes.Buffer
			err := kind.new(&plan, Options{}).WriteTree(dir, sampleTree())
			if !errors.Is(err, ErrNotEmpty) {
				t.Fatalf("err = %v, want ErrNotEmpty", err)
			}
			if !strings.Contains(err.Error(), dir) {
				t.Errorf("error %q does not name the folder", err)
			}
			if got := snapshot(t, dir); !equal(got, before) {
				t.Errorf("folder changed:\n%s", strings.Join(got, "\n"))
			}
			if plan.Len() != 0 {
				t.Errorf("dry run printed %q", plan.String())
			}
		})
	}
}

func TestMemNotEmpty(t *testing.T) {
	m := NewMemWriter()
	if err := m.WriteTree("out", sampleTree()); err != nil {
		t.Fatal(err)
	}
	if err := m.WriteTree("out/", sampleTree()); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second write: err = %v, want ErrNotEmpty", err)
	}
	m.Force = true
	if err := m.WriteTree("out", []File{{Path: "extra", Content: []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	if err := m.WriteTree("out", []File{{Path: "extra/x"}}); !errors.Is(err, ErrConflict) {
		t.Fatalf("conflicting merge: err = %v, want ErrConflict", err)
	}
	var paths []string
	for _, f := range m.Tree("out") {
		paths = append(paths, f.Path+" "+f.Mode.String())
	}
	want := "REPORT.md -rw-r--r--,bin/setup.sh -rwxr-xr-x,configuration.nix -rw-r--r--,extra -rw-r--r--,secret/key -rw-------"
	if got := strings.Join(paths, ","); got != want {
		t.Errorf("tree = %s\nwant   %s", got, want)
	}
	if d := m.Dirs(); len(d) != 1 || d[0] != "out" {
		t.Errorf("Dirs() = %q", d)
	}
}

func TestForceMerge(t *testing.T) {
	withUmask(t)
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "keep.txt"), "user file", 0o600)
	mustWrite(t, filepath.Join(dir, "configuration.nix"), "old", 0o600)
	mustWrite(t, filepath.Join(dir, "bin", "other"), "other", 0o700)
	if err := NewRealWriter(Options{Force: true}).WriteTree(dir, sampleTree()); err != nil {
		t.Fatal(err)
	}
	// The folders that existed keep their modes (made under the umask).
	want := []string{
		". drwx------",
		"REPORT.md -rw-r--r-- # report\n",
		"bin drwx------",
		"bin/other -rwx------ other",
		"bin/setup.sh -rwxr-xr-x #!/bin/sh\n",
		"configuration.nix -rw-r--r-- { }\n",
		"keep.txt -rw------- user file",
		"secret drwxr-xr-x",
		"secret/key -rw------- k",
	}
	if got := snapshot(t, dir); !equal(got, want) {
		t.Errorf("tree:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSymlinks(t *testing.T) {
	outside := t.TempDir()
	mustWrite(t, filepath.Join(outside, "configuration.nix"), "outside", 0o644)
	tests := []struct {
		name  string
		setup func(dir string) error
		files []File
	}{
		{"folder is a link", func(dir string) error { return os.Symlink(outside, filepath.Join(dir, "bin")) },
			[]File{{Path: "bin/setup.sh"}}},
		{"file is a link", func(dir string) error {
			return os.Symlink(filepath.Join(outside, "configuration.nix"), filepath.Join(dir, "configuration.nix"))
		}, []File{{Path: "configuration.nix"}}},
	}
	for _, kind := range writerKinds[:2] {
		for _, tt := range tests {
			t.Run(kind.name+"/"+tt.name, func(t *testing.T) {
				dir := t.TempDir()
				if err := tt.setup(dir); err != nil {
					t.Fatal(err)
				}
				before, beforeOut := snapshot(t, dir), snapshot(t, outside)
				err := kind.new(&bytes.Buffer{}, Options{Force: true}).WriteTree(dir, append(tt.files, File{Path: "a.txt"}))
				if !errors.Is(err, ErrSymlink) {
					t.Fatalf("err = %v, want ErrSymlink", err)
				}
				if !equal(snapshot(t, dir), before) || !equal(snapshot(t, outside), beforeOut) {
					t.Error("something was written")
				}
			})
		}
	}
	t.Run("output folder is a link", func(t *testing.T) {
		link := filepath.Join(t.TempDir(), "out")
		if err := os.Symlink(outside, link); err != nil {
			t.Fatal(err)
		}
		err := NewRealWriter(Options{Force: true}).WriteTree(link, []File{{Path: "a"}})
		if !errors.Is(err, ErrSymlink) {
			t.Fatalf("err = %v, want ErrSymlink", err)
		}
	})
}

func TestConflicts(t *testing.T) {
	tests := []struct {
		name     string
		existing string // a file, or a folder when it ends in "/"
		files    []File
	}{
		{"file where a folder is needed", "bin", []File{{Path: "bin/setup.sh"}}},
		{"folder where a file is needed", "REPORT.md/", []File{{Path: "REPORT.md"}}},
	}
	for _, kind := range writerKinds[:2] {
		for _, tt := range tests {
			t.Run(kind.name+"/"+tt.name, func(t *testing.T) {
				dir := t.TempDir()
				if strings.HasSuffix(tt.existing, "/") {
					mustWrite(t, filepath.Join(dir, tt.existing, "inner"), "x", 0o644)
				} else {
					mustWrite(t, filepath.Join(dir, tt.existing), "x", 0o644)
				}
				before := snapshot(t, dir)
				err := kind.new(&bytes.Buffer{}, Options{Force: true}).WriteTree(dir, append(tt.files, File{Path: "a.txt"}))
				if !errors.Is(err, ErrConflict) {
					t.Fatalf("err = %v, want ErrConflict", err)
				}
				if got := snapshot(t, dir); !equal(got, before) {
					t.Errorf("folder changed:\n%s", strings.Join(got, "\n"))
				}
			})
		}
	}
	t.Run("output folder is below a file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		mustWrite(t, file, "x", 0o644)
		for _, kind := range writerKinds[:2] {
			if err := kind.new(&bytes.Buffer{}, Options{}).WriteTree(filepath.Join(file, "out"), nil); !errors.Is(err, ErrConflict) {
				t.Errorf("%s: err = %v, want ErrConflict", kind.name, err)
			}
		}
	})
	t.Run("output folder is a file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "out")
		mustWrite(t, file, "x", 0o644)
		if err := NewRealWriter(Options{Force: true}).WriteTree(file, nil); !errors.Is(err, ErrConflict) {
			t.Fatalf("err = %v, want ErrConflict", err)
		}
	})
}

// longName cannot be created on any Linux file system (NAME_MAX is 255),
// so it makes the operating system fail in the middle of a write without
// help from a test hook, even when the tests run as root.
var longName = strings.Repeat("x", 300)

var errInjected = errors.New("injected failure")

func failAt(step, path string) func(string, string) error {
	return func(s, p string) error {
		if s == step && p == path {
			return errInjected
		}
		return nil
	}
}

func TestFreshFailureLeavesNothing(t *testing.T) {
	tests := []struct {
		name  string
		fail  func(string, string) error
		files []File
	}{
		{"name too long", nil, append(sampleTree(), File{Path: "secret/" + longName})},
		{"write fails", failAt("write", "configuration.nix"), sampleTree()},
		{"rename fails", failAt("rename", "."), sampleTree()},
	}
	for _, tt := range tests {
		for _, existing := range []bool{false, true} {
			name := tt.name
			if existing {
				name += "/empty folder exists"
			}
			t.Run(name, func(t *testing.T) {
				parent := t.TempDir()
				dir := filepath.Join(parent, "new", "out")
				if existing {
					if err := os.MkdirAll(dir, 0o700); err != nil {
						t.Fatal(err)
					}
				}
				before := snapshot(t, parent)
				w := &realWriter{fail: tt.fail}
				err := w.WriteTree(dir, tt.files)
				if err == nil {
					t.Fatal("no error")
				}
				if tt.fail != nil && !errors.Is(err, errInjected) {
					t.Errorf("err = %v, want the injected one", err)
				}
				if got := snapshot(t, parent); !equal(got, before) {
					t.Errorf("left behind:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(before, "\n"))
				}
			})
		}
	}
}

func TestMergeFailureLeavesNothing(t *testing.T) {
	tests := []struct {
		name  string
		fail  func(string, string) error
		files []File
	}{
		{"name too long in new folder", nil, append(sampleTree(), File{Path: "new/deeper/" + longName})},
		{"write fails", failAt("write", "secret/key"), sampleTree()},
		{"first rename fails", failAt("rename", "REPORT.md"), sampleTree()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			mustWrite(t, filepath.Join(dir, "configuration.nix"), "old", 0o600)
			mustWrite(t, filepath.Join(dir, "bin", "other"), "other", 0o700)
			before := snapshot(t, dir)
			w := &realWriter{opts: Options{Force: true}, fail: tt.fail}
			if err := w.WriteTree(dir, tt.files); err == nil {
				t.Fatal("no error")
			}
			if got := snapshot(t, dir); !equal(got, before) {
				t.Errorf("left behind:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(before, "\n"))
			}
		})
	}
}

// A rename that fails after others succeeded cannot be undone; what must
// hold is that every file is either the old one or the complete new one
// and no temporary file remains.
func TestMergeLateRenameFailure(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "configuration.nix"), "old", 0o600)
	w := &realWriter{opts: Options{Force: true}, fail: failAt("rename", "configuration.nix")}
	err := w.WriteTree(dir, sampleTree())
	if !errors.Is(err, errInjected) || !strings.Contains(err.Error(), "2 of 4 files replaced") {
		t.Fatalf("err = %v", err)
	}
	want := []string{
		". drwxr-xr-x",
		"REPORT.md -rw-r--r-- # report\n",
		"bin drwxr-xr-x",
		"bin/setup.sh -rwxr-xr-x #!/bin/sh\n",
		"configuration.nix -rw------- old",
		// secret/ was made for secret/key, which was never renamed into
		// place, so the cleanup removed it again.
	}
	if got := snapshot(t, dir); !equal(got, want) {
		t.Errorf("tree:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permissions do not stop writes; the name-too-long cases cover real write failures")
	}
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "secret", "old"), "old", 0o644)
	if err := os.Chmod(filepath.Join(dir, "secret"), 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "secret"), 0o755) })
	before := snapshot(t, dir)
	err := NewRealWriter(Options{Force: true}).WriteTree(dir, sampleTree())
	if !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("err = %v, want permission denied", err)
	}
	if got := snapshot(t, dir); !equal(got, before) {
		t.Errorf("left behind:\n%s", strings.Join(got, "\n"))
	}
}

func TestDryRun(t *testing.T) {
	parent := t.TempDir()
	t.Run("fresh", func(t *testing.T) {
		dir := filepath.Join(parent, "new", "out")
		var plan bytes.Buffer
		if err := NewDryRunWriter(&plan, Options{}).WriteTree(dir, sampleTree()); err != nil {
			t.Fatal(err)
		}
		want := strings.NewReplacer("$D", parent).Replace(`would create $D/new/
would create $D/new/out/
would create $D/new/out/bin/
would create $D/new/out/secret/
would write $D/new/out/REPORT.md (9 bytes, 0644)
would write $D/new/out/bin/setup.sh (10 bytes, 0755)
would write $D/new/out/configuration.nix (4 bytes, 0644)
would write $D/new/out/secret/key (1 bytes, 0600)
`)
		if plan.String() != want {
			t.Errorf("plan:\n%s\nwant:\n%s", plan.String(), want)
		}
		if _, err := os.Lstat(filepath.Join(parent, "new")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("dry run created something: %v", err)
		}
	})
	t.Run("force", func(t *testing.T) {
		dir := filepath.Join(parent, "existing")
		mustWrite(t, filepath.Join(dir, "configuration.nix"), "old", 0o600)
		mustWrite(t, filepath.Join(dir, "bin", "other"), "old", 0o600)
		before := snapshot(t, dir)
		var plan bytes.Buffer
		if err := NewDryRunWriter(&plan, Options{Force: true}).WriteTree(dir, sampleTree()); err != nil {
			t.Fatal(err)
		}
		want := strings.NewReplacer("$D", dir).Replace(`would create $D/secret/
would write $D/REPORT.md (9 bytes, 0644)
would write $D/bin/setup.sh (10 bytes, 0755)
would replace $D/configuration.nix (4 bytes, 0644)
would write $D/secret/key (1 bytes, 0600)
`)
		if plan.String() != want {
			t.Errorf("plan:\n%s\nwant:\n%s", plan.String(), want)
		}
		if got := snapshot(t, dir); !equal(got, before) {
			t.Errorf("dry run changed the folder")
		}
	})
}

// TestWorkingFolder writes into "." when it is the empty working folder:
// it must be filled in place, not replaced, so the process stays in it.
func TestWorkingFolder(t *testing.T) {
	dir := t.TempDir()
	chdir(t, dir)
	if err := NewRealWriter(Options{}).WriteTree(".", sampleTree()); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, "."); !equal(got, sampleSnapshot) {
		t.Errorf("tree:\n%s", strings.Join(got, "\n"))
	}
	cwd, err := os.Getwd()
	if err != nil || cwd != dir {
		t.Errorf("working folder is now %q (%v), want %q", cwd, err, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "configuration.nix")); err != nil {
		t.Errorf("file not visible through the folder's path: %v", err)
	}
	if err := NewRealWriter(Options{}).WriteTree(".", sampleTree()); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("second write: err = %v, want ErrNotEmpty", err)
	}
}

// TestRelativeNames writes to folders given relative to the working
// folder, one with a ".." part.
func TestRelativeNames(t *testing.T) {
	dir := t.TempDir()
	chdir(t, dir)
	if err := os.Mkdir("empty", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"out", "empty/../empty"} {
		if err := NewRealWriter(Options{}).WriteTree(out, sampleTree()); err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		if got := snapshot(t, out); !equal(got, sampleSnapshot) {
			t.Errorf("%s:\n%s", out, strings.Join(got, "\n"))
		}
	}
}

// chdir changes the working folder for one test (the module's Go version
// predates testing.T.Chdir).
func chdir(t *testing.T, dir string) {
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(old) })
}

// FuzzCheckPath checks that every path the writers accept stays inside the
// output folder once joined to it.
func FuzzCheckPath(f *testing.F) {
	for _, p := range []string{"a", "a/b", "../x", "/etc", "a/../b", "./a", "a//b", "a/", ".", "..", `a\b`, "a\x00", "...", "a/..b"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if checkPath(p) != nil {
			return
		}
		joined := filepath.Join("/out", filepath.FromSlash(p))
		if !strings.HasPrefix(joined, "/out/") || joined == "/out/" {
			t.Errorf("accepted %q, which joins to %q", p, joined)
		}
	})
}

// TestLinks writes a tree with a relative link, fresh and then again over
// the first one with Force, and has the dry run describe it.
func TestLinks(t *testing.T) {
	files := []File{{Path: "u/a.service", Content: []byte("[Unit]\n")},
		{Path: "u/default.target.wants/a.service", Mode: LinkMode, Content: []byte("../a.service")}}
	dir := filepath.Join(t.TempDir(), "out")
	for _, force := range []bool{false, true} {
		if err := NewRealWriter(Options{Force: force}).WriteTree(dir, files); err != nil {
			t.Fatalf("force=%v: %v", force, err)
		}
		link := filepath.Join(dir, "u", "default.target.wants", "a.service")
		if target, err := os.Readlink(link); err != nil || target != "../a.service" {
			t.Errorf("force=%v: link = %q, %v", force, target, err)
		}
		if data, err := os.ReadFile(link); err != nil || string(data) != "[Unit]\n" {
			t.Errorf("force=%v: through the link: %q, %v", force, data, err)
		}
		if entries, _ := os.ReadDir(filepath.Dir(link)); len(entries) != 1 {
			t.Errorf("force=%v: %v beside the link, want only it", force, entries)
		}
	}
	var plan bytes.Buffer
	if err := NewDryRunWriter(&plan, Options{Force: true}).WriteTree(dir, files); err != nil {
		t.Fatal(err)
	}
	if want := "would replace " + filepath.Join(dir, "u", "default.target.wants", "a.service") + " (a link to ../a.service)\n"; !strings.Contains(plan.String(), want) {
		t.Errorf("plan = %q, want a line %q", plan.String(), want)
	}
	// A file never replaces a link, which may be the user's own.
	if err := NewRealWriter(Options{Force: true}).WriteTree(dir, []File{{Path: "u/default.target.wants/a.service", Content: []byte("x")}}); !errors.Is(err, ErrSymlink) {
		t.Errorf("a file replaced a link: %v", err)
	}
}
