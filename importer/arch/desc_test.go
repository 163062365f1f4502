package arch

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

var descTests = []struct {
	name, in string
	want     string // the package, rendered by renderDBPackage
	errs     []string
}{
	{
		name: "local",
		in:   "%NAME%\nbash\n\n%VERSION%\n5.2.026-2\n\n%BASE%\nbash\n\n%DESC%\nThe GNU Bourne Again shell\n\n%ARCH%\nx86_64\n\n%REASON%\n1\n\n%GROUPS%\nbase\nbase-devel\n\n%DEPENDS%\nglibc\nncurses\nreadline>=7.0\n\n%PROVIDES%\nsh\n\n",
		want: `"bash" "5.2.026-2" arch="x86_64" dep=true groups=[base base-devel] provides=[sh] depends=[glibc ncurses readline>=7.0] desc="The GNU Bourne Again shell" @d:2:1`,
	},
	{
		name: "explicit, no trailing blank line",
		in:   "%VERSION%\n1:2.3-1\n\n%NAME%\nfoo\n\n%REASON%\n0",
		want: `"foo" "1:2.3-1" arch="" dep=false groups=[] provides=[] depends=[] desc="" @d:5:1`,
	},
	{
		name: "unknown fields are skipped",
		in:   "%NAME%\nfoo\n\n%VERSION%\n1-1\n\n%XDATA%\npkgtype=pkg\n\n%FILES%\nusr/\nusr/bin/foo\n\n%SIZE%\n\n",
		want: `"foo" "1-1" arch="" dep=false groups=[] provides=[] depends=[] desc="" @d:2:1`,
	},
	{
		name: "crlf is not stripped",
		in:   "%NAME%\r\nfoo\r\n",
		want: `"" "" arch="" dep=false groups=[] provides=[] depends=[] desc="" @d`,
		errs: []string{"d: no %NAME% field", "d: no %VERSION% field", `d:1:1: expected a %FIELD% line, found "%NAME%\r"`, `d:2:1: expected a %FIELD% line, found "foo\r"`},
	},
	{
		name: "bad values",
		in:   "%NAME%\nFoo\n\n%VERSION%\n1.0\n\n%REASON%\n2\n\n",
		want: `"Foo" "1.0" arch="" dep=false groups=[] provides=[] depends=[] desc="" @d:2:1`,
		errs: []string{
			`d:2:1: invalid package name "Foo": 'F' is not allowed (package names are lowercase)`,
			`d:5:1: invalid version "1.0": want [epoch:]pkgver-pkgrel, such as 1:2.3.4-1`,
			`d:8:1: invalid install reason "2": want 0 (explicit) or 1 (dependency)`,
		},
	},
	{
		name: "structure",
		in:   "stray\n%NAME%\na\nb\n\n%NAME%\nc\n\n%VERSION%\n\n%%\n",
		want: `"c" "" arch="" dep=false groups=[] provides=[] depends=[] desc="" @d:7:1`,
		errs: []string{
			`d:1:1: expected a %FIELD% line, found "stray"`,
			`d:4:1: %NAME% has more than one value`,
			`d:6:1: duplicate field %NAME% (first at line 2)`,
			`d:9:1: %VERSION% has no value`,
			`d:11:1: expected a %FIELD% line, found "%%"`,
		},
	},
	{
		name: "empty",
		in:   "",
		want: `"" "" arch="" dep=false groups=[] provides=[] depends=[] desc="" @d`,
		errs: []string{"d: no %NAME% field", "d: no %VERSION% field"},
	},
}

func renderDBPackage(p DBPackage) string {
	return fmt.Sprintf("%q %q arch=%q dep=%v groups=%v provides=%v depends=%v desc=%q @%s",
		p.Name, p.Version, p.Arch, p.Dependency, p.Groups, p.Provides, p.Depends, p.Desc, p.Origin)
}

func TestParseDesc(t *testing.T) {
	t.Parallel()
	for _, tt := range descTests {
		t.Run(tt.name, func(t *testing.T) {
			p, errs := parseDesc("d", []byte(tt.in))
			if got := renderDBPackage(p); got != tt.want {
				t.Errorf("package:\n got %s\nwant %s", got, tt.want)
			}
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			compare(t, "errors", got, tt.errs)
		})
	}
}

// FuzzParseDesc checks that no desc makes parseDesc panic, that every
// error is at a line of the input, and that the package's origin is the
// line its name is on.
func FuzzParseDesc(f *testing.F) {
	for _, tt := range descTests {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		p, errs := parseDesc("d", in)
		lines := strings.Split(string(in), "\n")
		for _, e := range errs {
			if e.Origin.File != "d" || e.Origin.Line < 0 || e.Origin.Line > len(lines) || (e.Origin.Line > 0 && e.Origin.Col != 1) {
				t.Errorf("error %q is not at a line of the input", e)
			}
		}
		if p.Name != "" {
			if l := p.Origin.Line; l < 1 || l > len(lines) || lines[l-1] != p.Name {
				t.Errorf("name %q is not at line %d", p.Name, l)
			}
		}
		if len(errs) == 0 && !usable(p) {
			t.Errorf("no errors, but the package %q %q is not usable", p.Name, p.Version)
		}
	})
}

// localDB builds a local database of n packages as pacman writes it.
func localDB(n int) fstest.MapFS {
	fsys := fstest.MapFS{"var/lib/pacman/local/ALPM_DB_VERSION": file("9\n")}
	for i := range n {
		name, version := fmt.Sprintf("package-%04d", i), fmt.Sprintf("1.%d.0-1", i)
		dir := path.Join(localPath, name+"-"+version)
		fsys[dir+"/desc"] = file(desc("NAME", name, "VERSION", version, "BASE", name,
			"DESC", "A package that is one of many, with a description of a usual length",
			"URL", "https://example.org/"+name, "ARCH", "x86_64", "BUILDDATE", "1700000000",
			"INSTALLDATE", "1700000001", "PACKAGER", "Someone <someone@example.org>", "SIZE", "123456",
			"REASON", fmt.Sprint(i%2), "LICENSE", "GPL-3.0-or-later", "VALIDATION", "pgp",
			"DEPENDS", "glibc\nzlib\nlibfoo.so=1-64\npython>=3.11", "PROVIDES", name+"-virtual=1"))
		fsys[dir+"/files"] = file("%FILES%\nusr/\nusr/bin/\nusr/bin/" + name + "\n\n")
	}
	return fsys
}

// BenchmarkReadLocalDB reads a local database of 2,000 packages, a large
// Arch install, from memory and from a real folder. The goal is well
// under 200 ms for both (here: about 10 and 50 ms).
func BenchmarkReadLocalDB(b *testing.B) {
	b.Run("fs=map", func(b *testing.B) {
		db, err := NewGoDatabase(localDB(2000))
		if err != nil {
			b.Fatal(err)
		}
		benchmarkLocal(b, db)
	})
	b.Run("fs=disk", func(b *testing.B) {
		db, err := OpenDatabase(writeLocalDB(b, 2000), BackendGo)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		benchmarkLocal(b, db)
	})
}

func benchmarkLocal(b *testing.B, db Database) {
	b.ReportAllocs()
	for b.Loop() {
		pkgs, _, err := db.Local()
		if err != nil || len(pkgs) != 2000 {
			b.Fatalf("got %d packages and error %v", len(pkgs), err)
		}
	}
}

// writeLocalDB writes localDB(n), without the files entries that are not
// read, to a new folder.
func writeLocalDB(t testing.TB, n int) string {
	dir := t.TempDir()
	for name, f := range localDB(n) {
		if strings.HasSuffix(name, "/files") {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLocalDBProblems(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"var/lib/pacman/local/ALPM_DB_VERSION":  file("8\n"),
		"var/lib/pacman/local/good-1-1/desc":    file(desc("NAME", "good", "VERSION", "1-1")),
		"var/lib/pacman/local/renamed-1-1/desc": file(desc("NAME", "other", "VERSION", "2-1")),
		"var/lib/pacman/local/nodesc-1-1/files": file("%FILES%\n\n"),
		"var/lib/pacman/local/bad-1-1/desc":     file(desc("NAME", "bad", "VERSION", "x")),
		"var/lib/pacman/local/dup-1-1/desc":     file(desc("NAME", "good", "VERSION", "1-1")),
	}
	db, err := NewGoDatabase(fsys)
	if err != nil {
		t.Fatal(err)
	}
	pkgs, findings, err := db.Local()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pkgs {
		got = append(got, renderDBPackage(p))
	}
	compare(t, "packages", got, []string{
		`"good" "1-1" arch="" dep=false groups=[] provides=[] depends=[] desc="" @/var/lib/pacman/local/dup-1-1/desc:2:1`,
		`"other" "2-1" arch="" dep=false groups=[] provides=[] depends=[] desc="" @/var/lib/pacman/local/renamed-1-1/desc:2:1`,
	})
	compare(t, "findings", renderFindings(findings), []string{
		`warning /var/lib/pacman/local/ALPM_DB_VERSION:1:1: local database format is "8", want 9; it may be read wrongly (run pacman-db-upgrade)`,
		`error /var/lib/pacman/local/bad-1-1/desc:5:1: invalid version "x": want [epoch:]pkgver-pkgrel, such as 1:2.3.4-1`,
		`error /var/lib/pacman/local/bad-1-1/desc: package entry bad-1-1 is left out: its desc has no valid %NAME% and %VERSION%`,
		`warning /var/lib/pacman/local/dup-1-1/desc:2:1: folder dup-1-1 does not match the package it holds, good 1-1`,
		`error /var/lib/pacman/local/nodesc-1-1/desc: package entry nodesc-1-1 is left out: file does not exist`,
		`warning /var/lib/pacman/local/renamed-1-1/desc:2:1: folder renamed-1-1 does not match the package it holds, other 2-1`,
		`error /var/lib/pacman/local/good-1-1/desc:2:1: package good is in the database twice (also at /var/lib/pacman/local/dup-1-1/desc:2:1); the second is left out`,
	})
}
