package nixeval

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/model"
)

// stub puts a program named name on PATH that records its arguments and
// prints out.
func stub(t *testing.T, name, out string) (argsFile string) {
	t.Helper()
	bin := t.TempDir()
	argsFile = filepath.Join(bin, "args")
	// Shell built-ins only: PATH may hold nothing else.
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > " + argsFile + "\nprintf '%s\\n' '" + strings.ReplaceAll(out, "'", `'\''`) + "'\n"
	if err := os.WriteFile(filepath.Join(bin, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return argsFile
}

func TestPackagesFlake(t *testing.T) {
	args := stub(t, "nix", `[{"file":"/nix/store/abc-source/configuration.nix","names":["git","firefox-wrapper"]},{"file":"/nix/store/x-source/nixos/modules/config/system-path.nix","names":["coreutils"]}]`)
	defs, err := Packages(context.Background(), Config{Path: "/src/flake", Flake: true, Host: "laptop"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(defs) != 2 || !slices.Equal(defs[0].Names, []string{"git", "firefox-wrapper"}) {
		t.Errorf("defs = %+v", defs)
	}
	data, _ := os.ReadFile(args)
	got := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(got) < 5 || got[2] != "eval" || got[3] != "--json" || got[4] != `/src/flake#nixosConfigurations."laptop"` {
		t.Errorf("nix called with %q", got)
	}
}

func TestPackagesClassic(t *testing.T) {
	args := stub(t, "nix-instantiate", `[]`)
	if _, err := Packages(context.Background(), Config{Path: "/etc/nixos/configuration.nix"}, nil); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(args)
	if !strings.Contains(string(data), `(import <nixpkgs/nixos> { configuration = "/etc/nixos/configuration.nix"; })`) {
		t.Errorf("nix-instantiate called with\n%s", data)
	}
}

func TestPackagesErrors(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := Packages(context.Background(), Config{Path: "c.nix"}, nil); err == nil || !strings.Contains(err.Error(), "nix is not installed") {
		t.Errorf("without Nix: %v", err)
	}
	stub(t, "nix-instantiate", "not json")
	if _, err := Packages(context.Background(), Config{Path: "c.nix"}, nil); err == nil || !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("bad output: %v", err)
	}
}

func TestCompare(t *testing.T) {
	at := model.Origin{File: "configuration.nix", Line: 3, Col: 5}
	sys := model.New(model.Source{Kind: model.SourceNixOS, Path: "configuration.nix"})
	for _, n := range []string{"git", "firefox", "gone", "python3Packages.requests"} {
		sys.Packages = append(sys.Packages, model.Package{Name: n, Origin: at})
	}
	sys.Findings = []model.Finding{{Severity: model.SeverityInfo, Message: "local package mytool (callPackage ./pkgs/mytool): build it by hand"}}
	defs := []Definition{
		{File: "/nix/store/abc-source/configuration.nix", Names: []string{"git", "firefox-wrapper", "mytool", "missed"}},
		{File: "/nix/store/x-source/nixos/modules/config/system-path.nix", Names: []string{"coreutils"}},
	}
	var got []string
	for _, f := range Compare(sys, defs, "--eval") {
		got = append(got, string(f.Severity)+": "+f.Message+" @"+f.Origin.String())
	}
	want := []string{
		"warning: --eval: Nix installs no package named gone; check its condition or override by hand @configuration.nix:3:5",
		"warning: --eval: Nix installs missed (defined in /nix/store/abc-source/configuration.nix), which nixarch's reading without Nix missed; add it to the model by hand @",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Compare:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRealNix evaluates a fixture with the real nix-instantiate and the
// nixpkgs 24.11 tree named by NIXARCH_NIXPKGS (see DEVELOPERS.md), and
// expects it to agree with nixarch's static reading.
func TestRealNix(t *testing.T) {
	tree := os.Getenv("NIXARCH_NIXPKGS")
	if tree == "" {
		t.Skip("NIXARCH_NIXPKGS is not set: not evaluated with the real Nix (needs a full nixpkgs 24.11 tree)")
	}
	if _, err := exec.LookPath("nix-instantiate"); err != nil {
		t.Skip("nix-instantiate is missing")
	}
	t.Setenv("NIX_PATH", "nixpkgs="+tree)
	cfg := filepath.Join("..", "testdata", "classic", "configuration.nix")
	defs, err := Packages(context.Background(), Config{Path: cfg}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range defs {
		if !fromNixOS(d.File) {
			names = append(names, d.Names...)
		}
	}
	for _, want := range []string{"firefox", "git", "ripgrep", "noto-fonts", "fira-code"} {
		if !slices.Contains(names, want) {
			t.Errorf("Nix does not list %s among %q", want, names)
		}
	}
}
