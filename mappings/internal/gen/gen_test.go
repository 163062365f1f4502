package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// sharedData returns ../shared/data beside the repository root. Without it
// the test is skipped, loudly, except under CI=true, where it fails: CI
// checks out the shared facts next to the repository.
func sharedData(t *testing.T) (root, data string) {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	data = filepath.Join(root, "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(data, "arch")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared facts not found at %s (CI=true): %v", data, err)
		}
		t.Skipf("SKIPPING: shared facts not found at %s, so the embedded tables cannot be checked against a fresh generation", data)
	}
	return root, data
}

// generated runs the generator once for all tests in this package.
var generated struct {
	once sync.Once
	in   *inputs
	out  *output
	dir  string
	log  string
	err  error
}

func generate(t *testing.T) (*inputs, *output, string) {
	t.Helper()
	_, data := sharedData(t)
	g := &generated
	g.once.Do(func() {
		g.dir, g.err = os.MkdirTemp("", "nixarch-gen-")
		if g.err != nil {
			return
		}
		var stdout, stderr bytes.Buffer
		if code := Main([]string{"-data", data, "-out", g.dir}, &stdout, &stderr); code != 0 {
			g.err = fmt.Errorf("gen exited %d: %s", code, stderr.String())
			return
		}
		g.log = stdout.String()
		if g.in, g.err = load(data); g.err != nil {
			return
		}
		g.out, g.err = build(g.in)
	})
	if g.err != nil {
		t.Fatal(g.err)
	}
	return g.in, g.out, g.dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if generated.dir != "" {
		os.RemoveAll(generated.dir)
	}
	os.Exit(code)
}

// The committed tables are exactly what the generator writes from the
// shared facts: regenerating without changes gives the same bytes.
func TestCommittedTablesAreFresh(t *testing.T) {
	root, _ := sharedData(t)
	_, out, dir := generate(t)
	t.Logf("summary:\n%s", generated.log)
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(out.files) {
		t.Errorf("generator wrote %d files, want %d", len(files), len(out.files))
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(dir, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, out.files[f.Name()]) {
			t.Errorf("%s: two generations differ", f.Name())
		}
		want, err := os.ReadFile(filepath.Join(root, "mappings", "data", f.Name()))
		if err != nil {
			t.Fatalf("%v (run go generate ./mappings)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("mappings/data/%s is stale: run go generate ./mappings", f.Name())
		}
	}
}

func readSet(t *testing.T, path string) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		for _, name := range expandBraces(strings.TrimSpace(sc.Text())) {
			set[name] = true
		}
	}
	return set
}

// Every Arch name in the rows is in arch_core_extra_pkgnames.txt (brace
// lists expanded) and every nixpkgs name is in nixpkgs-24.11_attrnames.txt
// or is a default alias of all-packages.nix.
func TestRowsAgainstSharedNameLists(t *testing.T) {
	_, data := sharedData(t)
	in, out, _ := generate(t)
	archNames := readSet(t, filepath.Join(data, "arch", "arch_core_extra_pkgnames.txt"))
	nixNames := readSet(t, filepath.Join(data, "nixpkgs", "nixpkgs-24.11_attrnames.txt"))
	defaults := map[string]bool{}
	for _, a := range in.aliases {
		if a.kind == "default" {
			defaults[a.attr] = true
		}
	}
	for _, r := range out.rows {
		for _, a := range strings.Split(r.arch, ",") {
			if !archNames[a] {
				t.Errorf("row %s: Arch %s not in arch_core_extra_pkgnames.txt", r.arch, a)
			}
		}
		for _, n := range strings.Split(r.nix, ",") {
			if !nixNames[n] && !defaults[n] {
				t.Errorf("row %s: nixpkgs %s not in nixpkgs-24.11_attrnames.txt", r.arch, n)
			}
		}
	}
}

func TestExpandBraces(t *testing.T) {
	tests := map[string][]string{
		"plain":                           {"plain"},
		"cyrus-sasl-{gssapi,ldap,sql}":    {"cyrus-sasl-gssapi", "cyrus-sasl-ldap", "cyrus-sasl-sql"},
		"adlplug{,-{lv2,standalone,vst}}": {"adlplug", "adlplug-lv2", "adlplug-standalone", "adlplug-vst"},
		"a{x}":                            {"a{x}"},
		"a{b,c":                           {"a{b,c"},
	}
	for in, want := range tests {
		if got := expandBraces(in); !reflect.DeepEqual(got, want) {
			t.Errorf("expandBraces(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSamePrefix(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"inotifyTools", "inotify-tools", true},
		{"krb5Full", "krb5", true},
		{"llvmPackages_git", "git", false},
		{"gitAndTools", "darcs-to-git", false},
	} {
		if got := samePrefix(tt.a, tt.b); got != tt.want {
			t.Errorf("samePrefix(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func TestMainBadFlag(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"-nope"}, &stdout, &stderr); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if code := Main([]string{"-data", t.TempDir(), "-out", t.TempDir()}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "arch_core_extra_pkgbuild_meta.tsv") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
