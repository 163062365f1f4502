package dotfiles

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/internal/golden"
	"github.com/nixarch/nixarch/model"
	"github.com/rogpeppe/go-internal/txtar"
)

// load reads a model from testdata.
func load(t *testing.T, name string) *model.System {
	t.Helper()
	sys, err := model.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return sys
}

// render renders testdata/name with sources read from testdata/home.
func render(t *testing.T, name string, layout Layout) *Result {
	t.Helper()
	res, err := RenderWith(load(t, name), Options{Layout: layout, BaseDir: filepath.Join("testdata", "home")})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// dump writes a result as a txtar archive: packages and findings in the
// comment, one file per entry with its mode.
func dump(res *Result) []byte {
	var c bytes.Buffer
	fmt.Fprintf(&c, "user: %s\n", res.User)
	for _, p := range res.Packages {
		fmt.Fprintf(&c, "package %s: %s\n", p.Name, strings.Join(p.Targets, " "))
	}
	for _, f := range res.Findings {
		fmt.Fprintf(&c, "%s: %s: %s\n", f.Severity, f.Origin, f.Message)
	}
	a := &txtar.Archive{Comment: c.Bytes()}
	for _, f := range res.Files {
		name := fmt.Sprintf("%s %04o", f.Path, f.Mode)
		if f.Mode&fs.ModeSymlink != 0 {
			name = f.Path + " link"
		}
		a.Files = append(a.Files, txtar.File{Name: name, Data: f.Content})
	}
	return txtar.Format(a)
}

// cases are the models in testdata with a golden file per layout.
var cases = []string{"typical", "modules"}

func TestGolden(t *testing.T) {
	for _, name := range cases {
		for _, layout := range []Layout{LayoutStow, LayoutChezmoi} {
			t.Run(name+"/"+string(layout), func(t *testing.T) {
				res := render(t, name+".yaml", layout)
				golden.Check(t, filepath.Join("testdata", name+"."+string(layout)+".txtar"), dump(res))
			})
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, name := range cases {
		for _, layout := range []Layout{LayoutStow, LayoutChezmoi} {
			a := dump(render(t, name+".yaml", layout))
			b := dump(render(t, name+".yaml", layout))
			if !bytes.Equal(a, b) {
				t.Errorf("%s/%s: two renders differ", name, layout)
			}
		}
	}
}

// writeRepo writes res under a new temporary folder and returns it.
func writeRepo(t *testing.T, res *Result) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range res.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if f.Mode&fs.ModeSymlink != 0 {
			if err := os.Symlink(string(f.Content), p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, f.Content, f.Mode); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestGoldenModules renders each program of the test models on its own
// and compares its package with testdata/modules/NAME.txtar, so that each
// renderer has a golden file of its own. Every registered module must
// have one.
func TestGoldenModules(t *testing.T) {
	seen := map[string]bool{}
	for _, name := range cases {
		sys := load(t, name+".yaml")
		for _, p := range sys.Programs {
			if !strings.HasPrefix(string(p.Owner), "user:") || seen[p.Name] {
				continue
			}
			seen[p.Name] = true
			t.Run(p.Name, func(t *testing.T) {
				one := *sys
				one.Programs = []model.Program{p}
				one.Dotfiles, one.Environment, one.Aliases, one.Services = nil, nil, nil, nil
				res, err := RenderWith(&one, Options{BaseDir: filepath.Join("testdata", "home")})
				if err != nil {
					t.Fatal(err)
				}
				keep := res.Files[:0]
				for _, f := range res.Files {
					if f.Path != "README.md" && f.Path != "install.sh" {
						keep = append(keep, f)
					}
				}
				res.Files = keep
				golden.Check(t, filepath.Join("testdata", "modules", p.Name+".txtar"), dump(res))
			})
		}
	}
	for _, m := range Modules() {
		if !seen[m] {
			t.Errorf("module %s has no test program in testdata", m)
		}
	}
}
