package mappings

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/model"
)

// unmappedWhy lists the fixture packages that stay unmapped, each with
// why: a wrong mapping is worse than an unmapped one. The test fails when
// one of them maps, so that the list stays short and true.
var unmappedWhy = map[string]string{
	// Arch example lists.
	"yay": "an AUR helper: NixOS installs packages declaratively, there is nothing to carry over",

	// Not in Arch core, extra or multilib (the AUR is not in the facts, so
	// no AUR name can be checked).
	"adguardhome":         "not in Arch core/extra (AUR only)",
	"bluetuith":           "not in Arch core/extra (AUR only)",
	"fira-code-symbols":   "the Fira Code symbol font is in no Arch core/extra package",
	"fishPlugins.done":    "Arch packages no fish plugins; fish plugin managers install them",
	"google-cloud-sdk":    "not in Arch core/extra (the AUR has google-cloud-cli)",
	"heroic":              "not in Arch core/extra (AUR only)",
	"libraspberrypi":      "Raspberry Pi userland libraries: Arch Linux (x86_64) has none",
	"minecraft":           "Mojang's launcher: not in Arch core/extra (AUR only)",
	"prismlauncher":       "not in the Arch facts (December 2024 snapshot of core/extra)",
	"protonup-qt":         "not in Arch core/extra (AUR only)",
	"ssh-to-age":          "not in Arch core/extra (AUR only)",
	"teams-for-linux":     "not in Arch core/extra (AUR only)",
	"scratch":             "not a nixpkgs 24.11 attribute; Arch's scratch is MIT's Scratch 1.4",
	"awscli2":             "AWS CLI version 2: Arch's aws-cli is version 1 (1.33.13 in the facts)",
	"nextcloud30":         "Arch's nextcloud is 29 (29.0.4 in the facts) and Nextcloud cannot go back a major version",
	"hunspellDicts.pl_PL": "nixpkgs takes the Polish dictionary from LibreOffice's dictionaries, Arch's hunspell-pl from sjp.pl: the facts do not show one source",
	"tldr":                "nixpkgs tldr is the C client (tldr-c-client), Arch tldr the Python client (tldr-python-client): another program",

	"gnomeExtensions.dash-to-dock":              "not in Arch core/extra (AUR only)",
	"vscode-extensions.golang.go":               "VS Code extensions are not Arch packages: code --install-extension installs them",
	"vscode-extensions.jnoortheen.nix-ide":      "VS Code extensions are not Arch packages: code --install-extension installs them",
	"vscode-extensions.ms-python.python":        "VS Code extensions are not Arch packages: code --install-extension installs them",
	"vscode-extensions.rust-lang.rust-analyzer": "VS Code extensions are not Arch packages: code --install-extension installs them",

	// Nix machinery with no meaning on Arch.
	"nix-direnv":                      "direnv's Nix integration: without Nix there is nothing for it to do",
	"steam-run":                       "runs programs in an FHS environment, which Arch is: nothing to install",
	"emacsWithPackagesFromUsePackage": "from the emacs-overlay, not nixpkgs: the Emacs packages it builds are in the user's init file",
	"rust-bin.stable.latest.default":  "from oxalica's rust-overlay, not nixpkgs: on Arch, rustup installs a toolchain by channel",

	// Newer than the facts.
	"nerd-fonts.jetbrains-mono": "nerd-fonts.* came with nixpkgs 25.05; the facts and the table are nixpkgs 24.11, where one nerdfonts attribute holds every Nerd Font (Arch's counterpart is ttf-jetbrains-mono-nerd, which the table cannot check)",

	// nixpkgs bundles what Arch splits, and the model does not keep the choice.
	"texlive":               "a texlive.combine of the fixture's choice: Arch splits TeX Live into collections (texlive-basic, texlive-latexextra …) the facts do not list",
	"texlive.scheme-medium": "Arch has no scheme-medium package; its collections (texlive-basic, texlive-latex …) are not in the facts",
	"texlive.biblatex":      "one TeX Live package: Arch ships it in the texlive-bibtexextra collection, which the facts do not list",
	"texlive.latexmk":       "one TeX Live package: Arch ships it in the texlive-binextra collection, which the facts do not list",
}

// Every package the project's fixtures name maps, from the side it is
// named in: the packages of the NixOS fixtures' models (their golden
// YAML files) and the Arch example lists, but for the reasoned
// exceptions of unmappedWhy.
func TestFixturePackagesMap(t *testing.T) {
	tb := table(t)
	names := map[string]Distro{}
	goldens, err := filepath.Glob(filepath.Join("..", "importer", "nixos", "testdata", "*.golden.yaml"))
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no NixOS fixtures found: %v", err)
	}
	for _, g := range goldens {
		sys, err := model.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range sys.Packages {
			if p.Repo == "nixpkgs" {
				names[p.Name] = NixOS
			}
		}
	}
	for _, list := range []string{"pkglist.txt", "aur.txt"} {
		f, err := os.Open(filepath.Join("..", "examples", "arch", list))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if fields := strings.Fields(sc.Text()); len(fields) > 0 && !strings.HasPrefix(fields[0], "#") {
				names[fields[0]] = Arch
			}
		}
		f.Close()
	}
	var sorted []string
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	for _, n := range sorted {
		r := tb.Lookup(names[n], n)
		why, excused := unmappedWhy[n]
		switch {
		case r.Match != nil && excused:
			t.Errorf("%s %s maps to %q, yet unmappedWhy says: %s", names[n], n, r.Match.Target, why)
		case r.Match == nil && !excused:
			t.Errorf("%s %s is unmapped (%s): map it, or say in unmappedWhy why it cannot be", names[n], n, r.Reason)
		}
	}
	for n := range unmappedWhy {
		if _, ok := names[n]; !ok {
			t.Errorf("unmappedWhy names %s, which no fixture has", n)
		}
	}
	t.Logf("%d fixture packages; %d unmapped with a reason", len(names), len(unmappedWhy))
}
