package arch

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/model"
)

// FuzzReadPackageList checks that no input makes ReadPackageList panic,
// that every error and package has a position inside the input, and that
// every package it returns has a valid name.
func FuzzReadPackageList(f *testing.F) {
	for _, tt := range listTests {
		if len(tt.in) <= 1<<12 {
			f.Add([]byte(tt.in), tt.opts.Foreign)
		}
	}
	for _, tt := range limitTests {
		f.Add([]byte(tt.in), false)
	}
	for _, path := range testdataLists(f) {
		in, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(in, strings.HasPrefix(path, "testdata/foreign"))
	}
	f.Fuzz(func(t *testing.T, in []byte, foreign bool) {
		// Small limits, so that the fuzzer reaches every bound.
		lim := limits{maxLine: 64, maxInput: 1 << 10, maxPackages: 16, maxErrors: 4}
		pkgs, _, err := readPackageList("f", bytes.NewReader(in), ListOptions{Foreign: foreign}, lim)
		lines := inputLines(in)
		if err != nil {
			var list model.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error %v is a %T, not a model.ErrorList", err, err)
			}
			if len(list) > lim.maxErrors+1 {
				t.Errorf("%d errors, want at most %d", len(list), lim.maxErrors+1)
			}
			for _, e := range list {
				if msg := checkInside(e.Origin, lines); msg != "" {
					t.Errorf("error %q: %s", e, msg)
				}
			}
		}
		if len(pkgs) > lim.maxPackages {
			t.Errorf("%d packages, want at most %d", len(pkgs), lim.maxPackages)
		}
		for _, p := range pkgs {
			if msg := checkName(p.Name); msg != "" {
				t.Errorf("package at %s: %s", p.Origin, msg)
			}
			if p.Version != "" && checkVersion(p.Version) != "" {
				t.Errorf("package at %s: %s", p.Origin, checkVersion(p.Version))
			}
			if msg := checkInside(p.Origin, lines); msg != "" {
				t.Errorf("package %s: %s", p.Name, msg)
			}
			if foreign && p.Repo != model.RepoForeign {
				t.Errorf("package %s in a foreign list has repo %q", p.Name, p.Repo)
			}
		}
	})
}

// inputLines splits in into lines as ReadPackageList counts them, with the
// byte order mark and line endings removed.
func inputLines(in []byte) [][]byte {
	in = bytes.TrimPrefix(in, utf8BOM)
	lines := bytes.SplitAfter(in, []byte("\n"))
	for i, l := range lines {
		lines[i] = bytes.TrimSuffix(bytes.TrimSuffix(l, []byte("\n")), []byte("\r"))
	}
	return lines
}

// checkInside says what is wrong when o is not a position in the input:
// the file is "f", the line exists and the column is inside it or just
// after its end.
func checkInside(o model.Origin, lines [][]byte) string {
	switch {
	case o.File != "f":
		return fmt.Sprintf("origin %s is not in file f", o)
	case o.Line < 1 || o.Line > len(lines):
		return fmt.Sprintf("origin %s: line outside 1 to %d", o, len(lines))
	case o.Col < 1 || o.Col > len(lines[o.Line-1])+1:
		return fmt.Sprintf("origin %s: column outside 1 to %d", o, len(lines[o.Line-1])+1)
	}
	return ""
}

// BenchmarkReadPackageList reads a generated list of 10,000 lines that
// mixes pacman -Qq, pacman -Q and aconfmgr lines.
func BenchmarkReadPackageList(b *testing.B) {
	var buf bytes.Buffer
	for i := range 10_000 {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&buf, "package-number-%d\n", i)
		case 1:
			fmt.Fprintf(&buf, "lib32-package-%d 1:%d.2.3-1\n", i, i)
		case 2:
			fmt.Fprintf(&buf, "AddPackage python-package-%d # A description of the package\n", i)
		case 3:
			fmt.Fprintf(&buf, "# a comment line %d\n", i)
		}
	}
	in := buf.Bytes()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		pkgs, _, err := ReadPackageList("bench.txt", bytes.NewReader(in), ListOptions{})
		if err != nil || len(pkgs) != 7500 {
			b.Fatalf("got %d packages and error %v, want 7500 and none", len(pkgs), err)
		}
	}
}
