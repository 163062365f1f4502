package arch_test

import (
	"bytes"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/nixarch/nixarch/exporter"
	"github.com/nixarch/nixarch/exporter/arch"
	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/internal/golden"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/model"
)

var cases = []struct {
	name string
	sys  func() *model.System
}{
	{"empty", empty},
	{"packages", packagesOnly},
	{"laptop", laptop},
}

func render(t *testing.T, sys *model.System, m mappings.Mapper) (*report.Report, []exporter.File) {
	t.Helper()
	rep := report.Build(sys, m, mappings.Arch)
	files, err := arch.Render(sys, rep, arch.Options{Generator: "nixarch test"})
	if err != nil {
		t.Fatal(err)
	}
	return rep, files
}

func fileMap(files []exporter.File) map[string]exporter.File {
	m := map[string]exporter.File{}
	for _, f := range files {
		m[f.Path] = f
	}
	return m
}

func TestGolden(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, files := render(t, c.sys(), testTable)
			var paths []string
			for _, f := range files {
				paths = append(paths, f.Path)
			}
			want := []string{arch.PkgList, arch.AURList, arch.Script, arch.Report, arch.JSON, arch.Model, arch.ArchinstallConfig}
			if !reflect.DeepEqual(paths, want) {
				t.Fatalf("files = %v, want %v", paths, want)
			}
			for _, f := range files {
				mode := exporter.DefaultFileMode
				if f.Path == arch.Script {
					mode = exporter.ExecutableMode
				}
				if f.Mode != mode {
					t.Errorf("%s has mode %v, want %v", f.Path, f.Mode, mode)
				}
				if f.Path != arch.Model {
					golden.Check(t, filepath.Join("testdata", c.name, f.Path), f.Content)
				}
			}
			_, again := render(t, c.sys(), testTable)
			if !reflect.DeepEqual(files, again) {
				t.Error("rendering twice gives different files")
			}
			sys, err := model.Decode(arch.Model, fileMap(files)[arch.Model].Content)
			if err != nil {
				t.Fatalf("system.yaml does not decode: %v", err)
			}
			enc, _ := model.Encode(c.sys())
			if re, _ := model.Encode(sys); !bytes.Equal(re, enc) {
				t.Error("system.yaml is not the model")
			}
		})
	}
}
