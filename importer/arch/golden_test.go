package arch

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/model"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden files")

// testdataLists returns the package lists in testdata: every file but the
// golden files.
func testdataLists(t testing.TB) []string {
	t.Helper()
	all, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var lists []string
	for _, f := range all {
		if fi, err := os.Stat(f); err == nil && fi.Mode().IsRegular() && filepath.Ext(f) != ".golden" {
			lists = append(lists, f)
		}
	}
	if len(lists) == 0 {
		t.Fatal("no package lists in testdata")
	}
	return lists
}

// TestReadPackageListGolden reads each list in testdata and compares what
// it gives with the list's .golden file. Lists whose names start with
// "foreign" are read with ListOptions.Foreign. Run go test -update to
// rewrite the golden files after a deliberate change.
func TestReadPackageListGolden(t *testing.T) {
	for _, path := range testdataLists(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			in, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			opts := ListOptions{Foreign: strings.HasPrefix(filepath.Base(path), "foreign")}
			pkgs, findings, err := ReadPackageList(filepath.Base(path), bytes.NewReader(in), opts)
			got := renderGolden(t, pkgs, findings, err)
			golden := path + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s:\n%s\n(run go test -update if the change is deliberate)", path, golden, got)
			}
		})
	}
}

func renderGolden(t *testing.T, pkgs []model.Package, findings []model.Finding, err error) []byte {
	var b bytes.Buffer
	section := func(title string, lines []string) {
		b.WriteString(title + ":\n")
		for _, l := range lines {
			b.WriteString("\t" + l + "\n")
		}
	}
	section("packages", renderPackages(pkgs))
	section("findings", renderFindings(findings))
	var errs []string
	if err != nil {
		var list model.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("error %v is a %T, not a model.ErrorList", err, err)
		}
		for _, e := range list {
			errs = append(errs, e.Error())
		}
	}
	section("errors", errs)
	return b.Bytes()
}
