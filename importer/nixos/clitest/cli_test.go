// Package clitest runs the nixarch command on every fixture of
// importer/nixos: import nixos must print the fixture's golden model,
// report --format json must print a JSON report, and --list-hosts must
// name the fixture's host. It is a package of its own so that the
// importer's tests do not depend on the rest of the command.
package clitest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/cmd/nixarch/commands"
	"github.com/nixarch/nixarch/model"
)

// fixture is one golden model of importer/nixos/testdata, found by its
// source path and host.
type fixture struct {
	name   string
	golden []byte
	src    string
	host   string
	users  []string // the home-manager users, sorted
}

// fixtures reads the goldens; paths are relative to importer/nixos.
func fixtures(t *testing.T) []fixture {
	t.Helper()
	goldens, err := filepath.Glob("../testdata/*.golden.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(goldens) < 25 {
		t.Fatalf("%d golden files, want at least 25", len(goldens))
	}
	var out []fixture
	for _, g := range goldens {
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		sys, err := model.Decode(g, data)
		if err != nil {
			t.Fatalf("%s: %v", g, err)
		}
		var owners []model.Owner
		for _, d := range sys.Dotfiles {
			owners = append(owners, d.Owner)
		}
		for _, p := range sys.Programs {
			owners = append(owners, p.Owner)
		}
		for _, s := range sys.Services {
			owners = append(owners, s.Owner)
		}
		var users []string
		for _, o := range owners {
			if u, ok := strings.CutPrefix(string(o), "user:"); ok && !slices.Contains(users, u) {
				users = append(users, u)
			}
		}
		slices.Sort(users)
		out = append(out, fixture{
			name:   strings.TrimSuffix(filepath.Base(g), ".golden.yaml"),
			golden: data,
			src:    sys.Source.Path,
			host:   sys.Source.Host,
			users:  users,
		})
	}
	return out
}

func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = commands.Main(append([]string{"nixarch"}, args...), strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestFixtures(t *testing.T) {
	fxs := fixtures(t)
	t.Chdir("..") // the goldens' source paths are relative to importer/nixos
	for _, f := range fxs {
		t.Run(f.name, func(t *testing.T) {
			src := f.src
			if f.host != "" {
				src += "#" + f.host
			}
			out, errOut, code := run(t, "import", "nixos", src)
			if code != 0 {
				t.Fatalf("nixarch import nixos %s: exit %d\n%s", src, code, errOut)
			}
			if out != string(f.golden) {
				t.Errorf("nixarch import nixos %s differs from testdata/%s.golden.yaml:\n%s", src, f.name, out)
			}

			args := []string{"report", src, "--format", "json"}
			if len(f.users) > 1 {
				args = append(args, "--user", f.users[0]) // whose dotfiles the report covers
			}
			out, errOut, code = run(t, args...)
			if code != 0 {
				t.Fatalf("nixarch report %s --format json: exit %d\n%s", src, code, errOut)
			}
			var rep map[string]any
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("nixarch report %s --format json: not JSON: %v\n%s", src, err, out)
			}
			if len(rep) == 0 {
				t.Errorf("nixarch report %s --format json: an empty report", src)
			}

			if f.host != "" {
				out, errOut, code = run(t, "import", "nixos", f.src, "--list-hosts")
				if code != 0 {
					t.Fatalf("nixarch import nixos %s --list-hosts: exit %d\n%s", f.src, code, errOut)
				}
				if !slices.Contains(strings.Split(strings.TrimSpace(out), "\n"), f.host) {
					t.Errorf("nixarch import nixos %s --list-hosts does not name %s:\n%s", f.src, f.host, out)
				}
			}
		})
	}
}
