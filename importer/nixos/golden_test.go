package nixos

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/internal/golden"
	"github.com/nixarch/nixarch/internal/oracle"
	"github.com/nixarch/nixarch/model"
)

// fixtures are the configurations under testdata, each with the source
// given on the command line and the host to import.
var fixtures = []struct {
	name, src, host string
}{
	{"classic", "testdata/classic/configuration.nix", ""},
	{"split", "testdata/split", ""},
	{"flake-hm", "testdata/flake-hm", ""},
	{"home-standalone", "testdata/home-standalone/flake.nix", ""},
	{"multihost-box", "testdata/multihost", "box"},
	{"multihost-server", "testdata/multihost", "server"},
	{"robust", "testdata/robust", ""},
}

func TestGolden(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			sys, err := Import(f.src, Options{Host: f.host})
			if err != nil {
				t.Fatal(err)
			}
			out, err := model.Encode(sys)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", f.name+".golden.yaml"), out)
		})
	}
}

// TestFixturesParse checks every fixture with the real Nix parser.
func TestFixturesParse(t *testing.T) {
	err := filepath.WalkDir("testdata", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".nix") || strings.Contains(p, "broken") {
			return err
		}
		t.Run(p, func(t *testing.T) { oracle.NixParse(t, p) })
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
