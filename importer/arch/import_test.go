package arch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/model"
)

func TestImportPackageLists(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	all := write("all.txt", "base\nvim 1:9.0.1-1\nyay\nparu 2.0.1-1\n")
	foreign := write("foreign.txt", "yay 12.2.0-1\nparu 2.0.2-1\nzoom 5.16-1\n")
	bad := write("bad.txt", "base\nFirefox\n")
	bad2 := write("bad2.txt", "AddPackage\n")

	tests := []struct {
		name     string
		stdin    string
		lists    []ListFile
		source   model.Source
		pkgs     []string
		findings []string
		err      string
	}{
		{
			name:   "one list",
			lists:  []ListFile{{Path: all}},
			source: model.Source{Kind: model.SourcePkgList, Path: all},
			pkgs: []string{
				all + ":1:1 base", all + ":2:1 vim 1:9.0.1-1", all + ":3:1 yay", all + ":4:1 paru 2.0.1-1",
			},
		},
		{
			name:   "all and foreign",
			lists:  []ListFile{{Path: all}, {Path: foreign, Foreign: true}},
			source: model.Source{Kind: model.SourcePkgList, Path: all, Files: []string{foreign}},
			pkgs: []string{
				all + ":1:1 base",
				all + ":2:1 vim 1:9.0.1-1",
				all + ":3:1 yay 12.2.0-1 repo=foreign",
				all + ":4:1 paru 2.0.1-1 repo=foreign",
				foreign + ":3:1 zoom 5.16-1 repo=foreign",
			},
			findings: []string{
				"info " + foreign + `:1:1: package "yay" is also listed at ` + all + ":3:1; marked foreign here; version 12.2.0-1 taken from here",
				"warning " + foreign + `:2:1: package "paru" is also listed at ` + all + ":4:1; marked foreign here; version 2.0.2-1 here differs, keeping 2.0.1-1",
			},
		},
		{
			name:   "stdin",
			stdin:  "\ufeffbase\r\ngit\r\n",
			lists:  []ListFile{{Path: "-", Foreign: true}, {Path: all}},
			source: model.Source{Kind: model.SourcePkgList, Path: "-", Files: []string{all}},
			pkgs: []string{
				"<stdin>:1:1 base repo=foreign",
				"<stdin>:2:1 git repo=foreign",
				all + ":2:1 vim 1:9.0.1-1",
				all + ":3:1 yay",
				all + ":4:1 paru 2.0.1-1",
			},
			findings: []string{
				"info " + all + `:1:1: package "base" is also listed at <stdin>:1:1`,
			},
		},
		{
			name:  "errors from every list",
			lists: []ListFile{{Path: bad2}, {Path: all}, {Path: bad}},
			err: bad + `:2:1: invalid package name "Firefox": 'F' is not allowed (package names are lowercase)` + "\n" +
				bad2 + ":1:1: AddPackage without a package name",
		},
		{
			name: "no lists",
			err:  "no package lists given",
		},
		{
			name:  "stdin twice",
			lists: []ListFile{{Path: "-"}, {Path: "-"}},
			err:   `standard input ("-") is given as a package list more than once`,
		},
		{
			name:  "missing file",
			lists: []ListFile{{Path: all}, {Path: filepath.Join(dir, "missing.txt")}},
			err:   "open " + filepath.Join(dir, "missing.txt") + ": no such file or directory",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sys, err := ImportPackageLists(strings.NewReader(tt.stdin), tt.lists...)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("got error %v, want:\n%s", err, tt.err)
				}
				if sys != nil {
					t.Errorf("got a System with the error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if sys.APIVersion != model.APIVersion || sys.Kind != model.KindSystem {
				t.Errorf("got apiVersion %q kind %q, want %q %q", sys.APIVersion, sys.Kind, model.APIVersion, model.KindSystem)
			}
			if got, want := sys.Source, tt.source; got.Kind != want.Kind || got.Path != want.Path ||
				strings.Join(got.Files, ",") != strings.Join(want.Files, ",") {
				t.Errorf("got source %+v, want %+v", got, want)
			}
			compare(t, "packages", renderPackages(sys.Packages), tt.pkgs)
			compare(t, "findings", renderFindings(sys.Findings), tt.findings)
		})
	}
}
