package mappings

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/model"
)

// Every curated row names an Arch package the facts or the multilib list
// know in the repository it says, or an AUR name neither knows; every
// attribute is in the nixpkgs facts or the row says where it is defined;
// and a name answers one row per direction.
func TestCuratedRows(t *testing.T) {
	tb := table(t)
	f := mustFacts(t, tb)
	curated, baseline, settings := 0, 0, 0
	toNix := map[string]string{}
	toArch := map[string]string{}
	for _, r := range tb.Rows() {
		if r.Method != MethodCurated && r.Method != MethodBaseline || r.Group {
			continue
		}
		curated++
		if r.Method == MethodBaseline {
			baseline++
		}
		if r.Setting != "" {
			settings++
		}
		a := r.Arch[0]
		pkg, inFacts := f.corpus.ArchPackage(a)
		switch {
		case r.Repo == "aur" && (inFacts || tb.multilib[a]):
			t.Errorf("%s: %s is marked aur but is official", r.Origin, a)
		case r.Repo == "multilib" && !tb.multilib[a]:
			t.Errorf("%s: %s is marked multilib but is not in multilib.txt", r.Origin, a)
		case r.Repo == "core" || r.Repo == "extra":
			if !inFacts || pkg.Repo != r.Repo {
				t.Errorf("%s: %s is not in Arch %s", r.Origin, a, r.Repo)
			}
		}
		for _, n := range r.Nixpkgs {
			_, isDefault := f.corpus.Defaults[n]
			known := tb.IsNixpkgsAttr(n) || isDefault
			if !known && r.AttrSource == "" {
				t.Errorf("%s: nixpkgs %s is not in the facts and the row does not say where it is defined", r.Origin, n)
			}
			if tb.IsNixpkgsAttr(n) && r.AttrSource != "" && len(r.Nixpkgs) == 1 {
				t.Errorf("%s: nixpkgs %s is in the facts, yet the row gives a source", r.Origin, n)
			}
			if al, ok := f.aliases[n]; ok && al.kind != "default" {
				t.Errorf("%s: nixpkgs %s is an alias (%s %s): use the attribute", r.Origin, n, al.kind, al.target)
			}
		}
		if r.Direction != ToArch {
			if prev, dup := toNix[a]; dup {
				t.Errorf("%s: Arch %s already answered at %s", r.Origin, a, prev)
			}
			toNix[a] = r.Origin.String()
		}
		if r.Direction != ToNixOS {
			for _, n := range r.Nixpkgs {
				if prev, dup := toArch[n]; dup {
					t.Errorf("%s: nixpkgs %s already answered at %s", r.Origin, n, prev)
				}
				toArch[n] = r.Origin.String()
			}
		}
	}
	if curated < 400 {
		t.Errorf("%d curated rows, want at least 400", curated)
	}
	t.Logf("%d curated rows: %d baseline, %d with a setting", curated, baseline, settings)
}

func TestCuratedLookups(t *testing.T) {
	tb := table(t)
	tests := []struct {
		from          Distro
		name, target  string
		method        Method
		setting, repo string
	}{
		{Arch, "base", "", MethodBaseline, "", "nixpkgs"},
		{Arch, "base-devel", "", MethodBaseline, "", "nixpkgs"},
		{Arch, "linux", "", MethodBaseline, "boot.kernelPackages = pkgs.linuxPackages_latest", "nixpkgs"},
		{Arch, "linux-zen", "", MethodCurated, "boot.kernelPackages = pkgs.linuxPackages_zen", "nixpkgs"},
		{Arch, "linux-firmware", "", MethodCurated, "hardware.enableRedistributableFirmware = true", "nixpkgs"},
		{Arch, "intel-ucode", "", MethodCurated, "hardware.cpu.intel.updateMicrocode = true", "nixpkgs"},
		{Arch, "pipewire-pulse", "", MethodCurated, "services.pipewire.pulse.enable = true", "nixpkgs"},
		{Arch, "networkmanager", "", MethodCurated, "networking.networkmanager.enable = true", "nixpkgs"},
		{Arch, "steam", "", MethodCurated, "programs.steam.enable = true", "nixpkgs"},
		{Arch, "openssh", "openssh", MethodCurated, "services.openssh.enable = true", "nixpkgs"},
		{Arch, "ttf-dejavu", "dejavu_fonts", MethodCurated, "", "nixpkgs"},
		{Arch, "noto-fonts", "noto-fonts", MethodCurated, "", "nixpkgs"},
		{Arch, "python", "python3", MethodCurated, "", "nixpkgs"},
		{Arch, "npm", "nodejs", MethodCurated, "", "nixpkgs"},
		{Arch, "jdk-openjdk", "jdk", MethodCurated, "programs.java.enable = true", "nixpkgs"},
		{Arch, "visual-studio-code-bin", "vscode", MethodCurated, "", "nixpkgs"},
		{Arch, "google-chrome", "google-chrome", MethodCurated, "", "nixpkgs"},
		{Arch, "gst-plugins-base-libs", "gst_all_1.gst-plugins-base", MethodCurated, "", "nixpkgs"},
		{NixOS, "linuxPackages_zen", "linux-zen", MethodCurated, "", "extra"},
		{NixOS, "microcode-intel", "intel-ucode", MethodCurated, "", "extra"},
		{NixOS, "vscode", "visual-studio-code-bin", MethodCurated, "", "aur"},
		{NixOS, "steam", "steam", MethodCurated, "", "multilib"},
		{NixOS, "curl", "curl", MethodCurated, "", "core"},
		{NixOS, "gst_all_1.gst-plugins-base", "gst-plugins-base", MethodEcosystem, "", "extra"},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+"/"+tt.name, func(t *testing.T) {
			m := tb.Lookup(tt.from, tt.name).Match
			if m == nil {
				t.Fatal("unmapped")
			}
			if m.Target != tt.target || m.Method != tt.method || m.Setting != tt.setting || m.Repo != tt.repo {
				t.Errorf("got %q %s %q %s, want %q %s %q %s", m.Target, m.Method, m.Setting, m.Repo, tt.target, tt.method, tt.setting, tt.repo)
			}
			if m.NothingToInstall() != (tt.target == "") {
				t.Errorf("NothingToInstall = %v", m.NothingToInstall())
			}
			if m.Evidence == "" {
				t.Error("no evidence")
			}
		})
	}
}

func TestGroups(t *testing.T) {
	tb := table(t)
	for group, setting := range map[string]string{
		"gnome":  "services.xserver.desktopManager.gnome.enable = true",
		"plasma": "services.desktopManager.plasma6.enable = true",
		"xfce4":  "services.xserver.desktopManager.xfce.enable = true",
		"xorg":   "services.xserver.enable = true",
	} {
		m := tb.Lookup(Arch, group).Match
		if m == nil || m.Setting != setting || !m.NothingToInstall() || !strings.Contains(m.Evidence, "package group") {
			t.Errorf("Lookup(Arch, %s) = %+v, want setting %q", group, m, setting)
		}
	}
	// A group is not a package: no Arch package has a group's name.
	f := mustFacts(t, tb)
	for _, r := range tb.Rows() {
		if _, isPkg := f.corpus.ArchPackage(r.Arch[0]); r.Group && isPkg {
			t.Errorf("%s: group %s is also an Arch package", r.Origin, r.Arch[0])
		}
	}
}

func TestAURAndMultilib(t *testing.T) {
	tb := table(t)
	for name, want := range map[string]string{"steam": "multilib", "lib32-mesa": "multilib", "wine": "multilib", "glibc": "core", "yay": "", "google-chrome": ""} {
		repo, ok := tb.IsOfficialArch(name)
		if repo != want || ok != (want != "") {
			t.Errorf("IsOfficialArch(%s) = %q, %v, want %q", name, repo, ok, want)
		}
	}
	// AUR builds of a mapped project: low confidence, saying why.
	for name, target := range map[string]string{"neovim-git": "neovim", "ripgrep-bin": "ripgrep", "hyperfine-git": "hyperfine"} {
		m := tb.Lookup(Arch, name).Match
		if m == nil || m.Target != target || m.Confidence != ConfidenceLow || m.Method != MethodEcosystem || !strings.Contains(m.Evidence, "AUR convention") {
			t.Errorf("Lookup(Arch, %s) = %+v, want %s at low confidence", name, m, target)
		}
	}
	// An official -git package is not an AUR build.
	if m := tb.Lookup(Arch, "git"); m.Match == nil || m.Match.Method == MethodEcosystem {
		t.Errorf("Lookup(Arch, git) = %+v", m.Match)
	}
	if r := tb.Lookup(Arch, "yay"); r.Match != nil || !strings.Contains(r.Reason, "AUR helper") {
		t.Errorf("Lookup(Arch, yay) = %+v", r)
	}
	// Unknown names say they may be AUR packages, never that they are official.
	if r := tb.Lookup(Arch, "nixarch-surely-not-a-package"); r.Match != nil || !strings.Contains(r.Reason, "AUR or local package") {
		t.Errorf("unknown name: %+v", r)
	}
}

func writeOverrides(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "mappings.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestOverrides(t *testing.T) {
	p := writeOverrides(t, `# mine
mappings:
  - arch: visual-studio-code-bin
    nixos: vscodium
    note: I prefer the free build
  - arch: my-tool
    nixos: hello
    confidence: medium
  - arch: linux-zen
    setting: boot.kernelPackages = pkgs.linuxPackages_xanmod
`)
	tb, err := DefaultWithOverrides(p)
	if err != nil {
		t.Fatal(err)
	}
	m := tb.Lookup(Arch, "visual-studio-code-bin").Match
	if m == nil || m.Target != "vscodium" || m.Method != MethodUser || m.Evidence != "your override at "+p+":3:5: I prefer the free build" {
		t.Errorf("override = %+v", m)
	}
	if m := tb.Lookup(NixOS, "hello").Match; m == nil || m.Target != "my-tool" || m.Repo != "aur" || m.Confidence != ConfidenceMedium {
		t.Errorf("reverse override = %+v", m)
	}
	if m := tb.Lookup(Arch, "linux-zen").Match; m == nil || m.Setting != "boot.kernelPackages = pkgs.linuxPackages_xanmod" || !m.NothingToInstall() {
		t.Errorf("setting override = %+v", m)
	}
	// The embedded table is unchanged.
	if m := table(t).Lookup(Arch, "visual-studio-code-bin").Match; m == nil || m.Target != "vscode" {
		t.Errorf("Default changed: %+v", m)
	}
}

func TestOverridesStrict(t *testing.T) {
	tests := []struct{ text, want string }{
		{"mappings:\n  - arch: foo\n    nixpkgs: bar\n", `:3:5: unknown field "nixpkgs" (want one of arch, nixos, repo, direction, confidence, setting, note)`},
		{"mapping:\n  - arch: foo\n", `:1:1: unknown field "mapping" (want "mappings")`},
		{"mappings:\n  - arch: foo\n", `:2:11: a row needs nixos, setting or both`},
		{"mappings:\n  - nixos: foo\n", `:2:5: arch must be an Arch package name`},
		{"mappings:\n  - arch: foo\n    nixos: bar baz\n", `:3:12: bad nixpkgs attribute "bar baz"`},
		{"mappings:\n  - arch: foo\n    nixos: bar\n    confidence: sure\n", `:4:17: confidence "sure" is not one of high, medium, low`},
		{"mappings:\n  - arch: foo\n    nixos: [a, b]\n", `:3:12: nixos must be a string`},
		{"mappings:\n  - arch: foo\n    setting: x = 1\n    direction: both\n", `:4:16: a row without nixos answers Arch lookups only: direction must be to-nixos`},
		{"mappings: {}\n", `:1:11: mappings must be a list`},
		{"mappings:\n  - arch: [\n", `:2: bad YAML`},
		{"mappings: []\n---\nmappings: []\n", `:2:1: more than one YAML document`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			p := writeOverrides(t, tt.text)
			_, err := LoadOverrides(p)
			var merr *model.Error
			if !errors.As(err, &merr) {
				t.Fatalf("error = %v, want a *model.Error", err)
			}
			if !strings.HasPrefix(err.Error(), p+tt.want) {
				t.Errorf("error\n got %s\nwant %s%s", err, p, tt.want)
			}
		})
	}
	if _, err := LoadOverrides(filepath.Join(t.TempDir(), "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}
	if rows, err := LoadOverrides(writeOverrides(t, "# nothing yet\n")); err != nil || rows != nil {
		t.Errorf("empty file: %v %v", rows, err)
	}
}

// FuzzParseOverrides checks that no input crashes the override reader and
// that every row it accepts is usable.
func FuzzParseOverrides(f *testing.F) {
	f.Add([]byte("mappings:\n  - arch: visual-studio-code-bin\n    nixos: vscode\n"))
	f.Add([]byte("mappings:\n  - arch: linux-zen\n    setting: boot.kernelPackages = pkgs.linuxPackages_zen\n    direction: to-nixos\n"))
	f.Add([]byte("mappings: []\n---\n"))
	f.Add([]byte("mappings:\n  - {arch: a, nixos: b, confidence: low, repo: extra, note: x}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ParseOverrides("f.yaml", data)
		if err != nil {
			var merr *model.Error
			if !errors.As(err, &merr) {
				t.Fatalf("error %v is not a *model.Error", err)
			}
			return
		}
		for _, r := range rows {
			if len(r.Arch) != 1 || r.Arch[0] == "" || len(r.Nixpkgs) == 0 && r.Setting == "" || !confidences[r.Confidence] {
				t.Fatalf("accepted a bad row %+v", r)
			}
		}
	})
}
