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

// fixtures are the corpus of configurations under testdata, each with
// the name of its golden file, the source given on the command line and
// the host to import. The command-line test in ./clitest finds them
// through the goldens' source paths.
var fixtures = []struct {
	Name, Src, Host string
}{
	{"classic", "testdata/classic/configuration.nix", ""},
	{"split", "testdata/split", ""},
	{"flake-hm", "testdata/flake-hm", ""},
	{"home-standalone", "testdata/home-standalone/flake.nix", ""},
	{"multihost-box", "testdata/multihost", "box"},
	{"multihost-server", "testdata/multihost", "server"},
	{"robust", "testdata/robust", ""},
	// A classic single file: a GNOME desktop with a long with pkgs; list,
	// withPackages, a script, overrides, fonts and a password hash.
	{"classic-desktop", "testdata/classic-desktop/configuration.nix", ""},
	// A classic headless server: nginx, postgresql, grafana with a secret,
	// a hand-written systemd service and timer, authorized keys.
	{"classic-server", "testdata/classic-server", ""},
	// A classic configuration split into modules/, with let-bound package
	// lists joined with ++, optional(s) on config, LUKS and btrfs.
	{"classic-modules", "testdata/classic-modules", ""},
	// Modules imported by reading the folder (readDir, filterAttrs).
	{"classic-autoimport", "testdata/classic-autoimport", ""},
	// A flake with home-manager as a NixOS module: extraSpecialArgs,
	// sharedModules from a file and a flake input, a user folder of
	// modules, a recursive xdg.configFile folder.
	{"flake-hm-desktop", "testdata/flake-hm-desktop", ""},
	// Standalone home-manager, two configurations from a helper, with
	// pkgs from import nixpkgs { overlays = …; }.
	{"home-multi-work", "testdata/home-multi", "nina@work"},
	{"home-multi-home", "testdata/home-multi", "nina@home"},
	// home-manager without a flake: ~/.config/home-manager/home.nix with
	// Hyprland, waybar, gtk and a folder of scripts.
	{"home-classic", "testdata/home-classic", ""},
	// A multi-host flake: hosts from a mapAttrs over an imported set,
	// modules/ with custom options (mkOption, mkEnableOption, enum) and
	// mkIf on them, a module that is a bare mkIf, specialArgs with a
	// second nixpkgs.
	{"fleet-forge", "testdata/fleet", "forge"},
	{"fleet-vault", "testdata/fleet", "vault"},
	{"fleet-pebble", "testdata/fleet", "pebble"},
	// Overlays: nixpkgs.overlays from the flake and the host, final/prev,
	// callPackage and overrides in an overlay, an overlay of an input.
	{"overlays", "testdata/overlays", ""},
	// callPackage of local files and of an inline function.
	{"callpackage", "testdata/callpackage/configuration.nix", ""},
	// optional, optionals, optionalAttrs, optionalString and if on facts
	// known and unknown (getEnv, pathExists), joined with ++ and //.
	{"conditional", "testdata/conditional/configuration.nix", ""},
	// mkMerge, mkDefault, mkForce, mkOverride, mkBefore and mkAfter across
	// three modules.
	{"priorities", "testdata/priorities", ""},
	// disabledModules: a module of the configuration, one of NixOS, one
	// through modulesPath.
	{"disabled-modules", "testdata/disabled-modules", ""},
	// flake-utils.lib.eachDefaultSystem // { nixosConfigurations… }, and
	// self.packages.
	{"flake-utils", "testdata/flake-utils", ""},
	// flake-parts.lib.mkFlake with flake.nixosConfigurations in an
	// imported part, withSystem and home-manager.
	{"flake-parts", "testdata/flake-parts", ""},
	// sops-nix secrets referred to by users, wireguard, restic, grafana.
	{"secrets-sops", "testdata/secrets-sops", ""},
	// agenix from fetchTarball, secrets in settings and environment.
	{"secrets-agenix", "testdata/secrets-agenix/configuration.nix", ""},
	// One imported module does not parse; the rest comes through.
	{"syntax-error", "testdata/syntax-error", ""},
	// A missing hardware-configuration.nix, module, home file and readFile.
	{"missing-import", "testdata/missing-import", ""},
	// Modules and home-manager modules that import each other.
	{"import-cycle", "testdata/import-cycle", ""},
	// systemd.services, systemd.timers and systemd.user.services.
	{"systemd-units", "testdata/systemd-units", ""},
	// Hosts built by a helper library in lib/, with outputs.nixosModules
	// and home-manager.users from genAttrs.
	{"flake-lib", "testdata/flake-lib", ""},
	// Language toolchains: withPackages of python, lua and haskell,
	// texlive.combine, vscode-with-extensions, hiPrio, nix-ld.
	{"dev-workstation", "testdata/dev-workstation", ""},
}

func TestGolden(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.Name, func(t *testing.T) {
			sys, err := Import(f.Src, Options{Host: f.Host})
			if err != nil {
				t.Fatal(err)
			}
			out, err := model.Encode(sys)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", f.Name+".golden.yaml"), out)
		})
	}
}

// TestFixturesParse checks every fixture with the real Nix parser: each
// .nix file must parse, except those named broken-*, which must not (they
// are the syntax errors the importer reports).
func TestFixturesParse(t *testing.T) {
	n := 0
	err := filepath.WalkDir("testdata", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".nix") {
			return err
		}
		n++
		if strings.HasPrefix(d.Name(), "broken") {
			t.Run(p, func(t *testing.T) {
				nix := oracle.Require(t, "nix-instantiate", "nix-bin")
				if _, _, err := oracle.Run(t, "", nix, "--parse", p); err == nil {
					t.Errorf("nix-instantiate --parse %s: no error, but the file is meant to be broken", p)
				}
			})
			return nil
		}
		t.Run(p, func(t *testing.T) { oracle.NixParse(t, p) })
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Errorf("only %d .nix files under testdata", n)
	}
}

// TestFixtureCorpus checks that the corpus stays as the issue asks: at
// least 25 configurations, each with its golden file, and every fixture
// folder in the list.
func TestFixtureCorpus(t *testing.T) {
	if len(fixtures) < 25 {
		t.Errorf("%d fixtures, want at least 25", len(fixtures))
	}
	listed := map[string]bool{}
	for _, f := range fixtures {
		dir := strings.TrimPrefix(f.Src, "testdata/")
		dir, _, _ = strings.Cut(dir, "/")
		listed[dir] = true
		if _, err := os.Stat(filepath.Join("testdata", f.Name+".golden.yaml")); err != nil && !*golden.Update {
			t.Errorf("fixture %s: %v", f.Name, err)
		}
	}
	ents, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.IsDir() && !listed[e.Name()] {
			t.Errorf("testdata/%s is not in the fixture list", e.Name())
		}
	}
}
