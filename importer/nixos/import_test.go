package nixos

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/model"
)

func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeIn(t, dir, files)
	return dir
}

// writeIn writes files (path → text) under dir.
func writeIn(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestHosts(t *testing.T) {
	_, err := Import("testdata/multihost", Options{})
	var he *HostError
	if !errors.As(err, &he) || !errors.Is(err, ErrHostRequired) || len(he.Hosts) != 2 {
		t.Fatalf("no host: %v", err)
	}
	_, err = Import("testdata/multihost", Options{Host: "nope"})
	if !errors.Is(err, ErrNoSuchHost) || !strings.Contains(err.Error(), "box, server") {
		t.Fatalf("wrong host: %v", err)
	}
	if _, err := Import("testdata/classic/configuration.nix", Options{Host: "x"}); err == nil {
		t.Fatal("a host of a configuration.nix: no error")
	}
	hosts, err := ListHosts("testdata/classic/configuration.nix")
	if err != nil || len(hosts) != 0 {
		t.Fatalf("hosts of a configuration.nix: %v %v", hosts, err)
	}
	hosts, err = ListHosts("testdata/home-standalone")
	if err != nil || len(hosts) != 1 || hosts[0] != (Host{"dave@desk", HostHomeManager}) {
		t.Fatalf("home-manager hosts: %v %v", hosts, err)
	}
}

// TestErrors checks what fails the whole import, and what is a finding.
func TestErrors(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		src     string
		err     string // the error, or "" when the import works
		finding string // a finding the import must make
	}{
		{"syntax error in the entry", map[string]string{"configuration.nix": "{ a = ; }"}, "configuration.nix", "configuration.nix:1:7: syntax error", ""},
		{"missing entry", nil, "configuration.nix", "no such file", ""},
		{"empty folder", map[string]string{"x": ""}, ".", "holds neither flake.nix nor configuration.nix", ""},
		{"not a module", map[string]string{"configuration.nix": "42"}, "configuration.nix", "", "a module is a set, a function or a path, not a int"},
		{"throw", map[string]string{"configuration.nix": `{ networking.hostName = throw "no"; }`}, "configuration.nix", "", "networking.hostName left out: no"},
		{"infinite recursion", map[string]string{"configuration.nix": `{ config, ... }: { networking.hostName = config.networking.hostName; }`}, "configuration.nix", "", "infinite recursion"},
		{"imports not a list", map[string]string{"configuration.nix": `{ imports = 1; }`}, "configuration.nix", "", "imports must be a list"},
		{"flake without outputs", map[string]string{"flake.nix": `{ inputs = { }; }`}, "flake.nix", "the flake has no outputs", ""},
		{"flake without hosts", map[string]string{"flake.nix": `{ outputs = { self }: { }; }`}, "flake.nix", "defines no nixosConfigurations", ""},
		{"host not a nixosSystem", map[string]string{"flake.nix": `{ outputs = { self }: { nixosConfigurations.a = 1; }; }`}, "flake.nix", "a is not a call of nixosSystem", ""},
		{"self-import", map[string]string{"configuration.nix": `{ imports = [ ./configuration.nix ]; }`}, "configuration.nix", "", "import cycle"},
		{"deep", map[string]string{"configuration.nix": "{ a = " + strings.Repeat("{ a = ", 100) + "1" + strings.Repeat("; }", 100) + "; }"}, "configuration.nix", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := write(t, tt.files)
			sys, err := Import(filepath.Join(dir, tt.src), Options{})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, err := model.Encode(sys); err != nil {
				t.Fatal(err)
			}
			if tt.finding == "" {
				return
			}
			for _, f := range sys.Findings {
				if strings.Contains(f.Message, tt.finding) {
					return
				}
			}
			t.Errorf("no finding %q in %+v", tt.finding, sys.Findings)
		})
	}
}

// largestFixture returns the fixture whose folder holds the most Nix
// source (for a folder of several hosts, the first host listed).
func largestFixture(tb testing.TB) (name, src, host string) {
	best := -1
	for _, f := range fixtures {
		dir := strings.TrimPrefix(f.Src, "testdata/")
		dir, _, _ = strings.Cut(dir, "/")
		size := 0
		err := filepath.WalkDir(filepath.Join("testdata", dir), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".nix") {
				if st, err := d.Info(); err == nil {
					size += int(st.Size())
				}
			}
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
		if size > best {
			best, name, src, host = size, f.Name, f.Src, f.Host
		}
	}
	return name, src, host
}

// BenchmarkImport imports the largest fixture; the goal is under 50 ms
// and 100 MB.
func BenchmarkImport(b *testing.B) {
	name, src, host := largestFixture(b)
	b.Logf("the largest fixture: %s", name)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Import(src, Options{Host: host}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportFixtures imports each fixture.
func BenchmarkImportFixtures(b *testing.B) {
	for _, f := range fixtures {
		b.Run(f.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Import(f.Src, Options{Host: f.Host}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestImportCost checks the memory goal of the benchmark on every
// fixture: an import allocates under 100 MB in all (time is the
// benchmark's, being too noisy for a test).
func TestImportCost(t *testing.T) {
	for _, f := range fixtures {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if _, err := Import(f.Src, Options{Host: f.Host}); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		if mb := float64(after.TotalAlloc-before.TotalAlloc) / (1 << 20); mb > 100 {
			t.Errorf("%s: the import allocated %.1f MB, more than 100", f.Name, mb)
		}
	}
}

// FuzzImport feeds configuration.nix texts to Import: it must never
// panic, and what it returns must encode.
func FuzzImport(f *testing.F) {
	for _, fx := range []string{"classic/configuration.nix", "split/modules/dev.nix", "robust/configuration.nix", "multihost/modules/roles.nix"} {
		data, err := os.ReadFile(filepath.Join("testdata", fx))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, text string) {
		dir := t.TempDir()
		p := filepath.Join(dir, "configuration.nix")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		sys, err := Import(p, Options{})
		if err != nil {
			return
		}
		if _, err := model.Encode(sys); err != nil && !strings.Contains(err.Error(), "encode model") {
			t.Fatal(err)
		}
	})
}

// hasPackage reports whether sys has the package name with the condition.
func hasPackage(sys *model.System, name, cond string) bool {
	for _, p := range sys.Packages {
		if p.Name == name && p.Condition == cond {
			return true
		}
	}
	return false
}

// finding returns the first finding whose message contains s.
func finding(sys *model.System, s string) *model.Finding {
	for i, f := range sys.Findings {
		if strings.Contains(f.Message, s) {
			return &sys.Findings[i]
		}
	}
	return nil
}

// TestFeatures checks the constructs of real configurations one by one.
func TestFeatures(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		src   string
		host  string
		check func(t *testing.T, sys *model.System)
	}{
		{"disabledModules", map[string]string{
			"configuration.nix": `{ modulesPath, ... }: { imports = [ ./a.nix ./b.nix ]; disabledModules = [ ./b.nix "services/x.nix" "${modulesPath}/y.nix" ./none.nix ]; }`,
			"a.nix":             `{ pkgs, ... }: { environment.systemPackages = [ pkgs.a ]; }`,
			"b.nix":             `{ pkgs, ... }: { imports = [ ./c.nix ]; environment.systemPackages = [ pkgs.b ]; }`,
			"c.nix":             `{ pkgs, ... }: { environment.systemPackages = [ pkgs.c ]; }`,
		}, "configuration.nix", "", func(t *testing.T, sys *model.System) {
			if !hasPackage(sys, "a", "") || hasPackage(sys, "b", "") || hasPackage(sys, "c", "") {
				t.Errorf("packages %+v", sys.Packages)
			}
			for _, s := range []string{"b.nix is disabled", "NixOS's own module services/x.nix", "(modulesPath) is disabled", "none.nix, which no module"} {
				if finding(sys, s) == nil {
					t.Errorf("no finding %q", s)
				}
			}
		}},
		{"a module that is a mkIf", map[string]string{
			"configuration.nix": `{ lib, ... }: { imports = [ ./m.nix ]; options.my.on = lib.mkEnableOption "x"; config.my.on = true; }`,
			"m.nix":             `{ config, lib, pkgs, ... }: lib.mkIf config.my.on { environment.systemPackages = [ pkgs.m ]; }`,
		}, "configuration.nix", "", func(t *testing.T, sys *model.System) {
			if !hasPackage(sys, "m", "") {
				t.Errorf("packages %+v findings %+v", sys.Packages, sys.Findings)
			}
		}},
		{"nixpkgs.overlays", map[string]string{
			"configuration.nix": `{ pkgs, ... }: {
  nixpkgs.overlays = [ (final: prev: { tool = final.callPackage ./tool.nix { }; htop = prev.htop.override { }; }) ];
  environment.systemPackages = [ pkgs.tool pkgs.htop pkgs.git ];
}`,
			"tool.nix": `{ stdenv }: stdenv.mkDerivation { pname = "tool"; version = "1"; }`,
		}, "configuration.nix", "", func(t *testing.T, sys *model.System) {
			if hasPackage(sys, "tool", "") || !hasPackage(sys, "htop", "") || !hasPackage(sys, "git", "") {
				t.Errorf("packages %+v", sys.Packages)
			}
			if f := finding(sys, "local package tool"); f == nil || f.Origin.Line != 2 {
				t.Errorf("local package finding %+v", f)
			}
			if f := finding(sys, "htop is changed with override"); f == nil || f.Origin.Line != 2 {
				t.Errorf("override finding %+v", f)
			}
			if finding(sys, "nixpkgs.overlays: the packages of 1 overlays") == nil || finding(sys, "not understood") != nil {
				t.Errorf("findings %+v", sys.Findings)
			}
		}},
		{"unset enable options are false", map[string]string{
			"configuration.nix": `{ config, lib, pkgs, ... }: {
  environment.systemPackages = [ pkgs.a ] ++ lib.optional config.services.foo.enable pkgs.b
    ++ lib.optionals config.services.foo.bar.baz.enable [ pkgs.c ]
    ++ lib.optional (config.networking.firewall.enable) pkgs.d;
}`,
		}, "configuration.nix", "", func(t *testing.T, sys *model.System) {
			if !hasPackage(sys, "a", "") || hasPackage(sys, "b", "") || hasPackage(sys, "c", "") || !hasPackage(sys, "d", "") || len(sys.Findings) != 0 {
				t.Errorf("packages %+v findings %+v", sys.Packages, sys.Findings)
			}
		}},
		{"undecided parts of ++", map[string]string{
			"configuration.nix": `{ lib, pkgs, ... }:
let laptop = builtins.getEnv "LAPTOP" == "1"; work = builtins.pathExists /etc/work; in {
  environment.systemPackages = [ pkgs.a ] ++ lib.optional laptop pkgs.b
    ++ lib.optionals (laptop && work) [ pkgs.c ] ++ (if work then [ pkgs.d ] else [ pkgs.e ]);
  users.users.u = { isNormalUser = true; extraGroups = [ "wheel" ] ++ lib.optional work "docker"; };
}`,
		}, "configuration.nix", "", func(t *testing.T, sys *model.System) {
			for _, p := range [][2]string{{"a", ""}, {"b", "laptop"}, {"c", "laptop && work"}, {"d", "work"}, {"e", "!work"}} {
				if !hasPackage(sys, p[0], p[1]) {
					t.Errorf("no package %s under %q: %+v", p[0], p[1], sys.Packages)
				}
			}
			if len(sys.Users) != 1 || strings.Join(sys.Users[0].Groups, " ") != "wheel docker" || finding(sys, `holds "docker" only when work`) == nil {
				t.Errorf("users %+v findings %+v", sys.Users, sys.Findings)
			}
		}},
		{"optionalAttrs on an undecided condition", map[string]string{
			"configuration.nix": `{ lib, pkgs, ... }: let work = builtins.getEnv "WORK" == "1"; in {
  services.printing = { enable = true; } // lib.optionalAttrs work { drivers = [ pkgs.hplip ]; };
}`,
		}, "configuration.nix", "", func(t *testing.T, sys *model.System) {
			if len(sys.Services) != 1 || !sys.Services[0].Enabled || sys.Services[0].Settings["drivers"] == nil {
				t.Errorf("services %+v", sys.Services)
			}
			if finding(sys, "drivers is set only when work") == nil {
				t.Errorf("findings %+v", sys.Findings)
			}
		}},
		{"a user named by an option", map[string]string{
			"configuration.nix": `{ config, lib, ... }: {
  options.me = lib.mkOption { type = lib.types.str; default = "zoe"; };
  config.users.users.${config.me} = { isNormalUser = true; extraGroups = [ "wheel" ]; };
}`,
		}, "configuration.nix", "", func(t *testing.T, sys *model.System) {
			if len(sys.Users) != 1 || sys.Users[0].Name != "zoe" {
				t.Errorf("users %+v findings %+v", sys.Users, sys.Findings)
			}
		}},
		{"secrets of sops-nix in settings", map[string]string{
			"configuration.nix": `{ config, ... }: {
  sops.secrets.db = { };
  services.foo = { enable = true; passwordFile = config.sops.secrets.db.path; url = "x"; };
  environment.variables.TOKEN_FILE = config.sops.secrets.db.path;
}`,
		}, "configuration.nix", "", func(t *testing.T, sys *model.System) {
			if len(sys.Services) != 1 || sys.Services[0].Settings["passwordFile"] != nil || len(sys.Environment) != 0 {
				t.Errorf("services %+v environment %+v", sys.Services, sys.Environment)
			}
			for _, s := range []string{"services.foo.passwordFile refers to a secret of sops-nix", "TOKEN_FILE refers to a secret of sops-nix", "sops-nix (db)"} {
				if f := finding(sys, s); f == nil || f.Severity != model.SeverityManual {
					t.Errorf("finding %q: %+v", s, f)
				}
			}
		}},
		{"home.nix without a flake", map[string]string{
			"home.nix":       `{ pkgs, ... }: { home.username = "kim"; home.stateVersion = "24.05"; home.packages = [ pkgs.jq ]; xdg.configFile."app".source = ./app; }`,
			"app/a.conf":     "a\n",
			"app/sub/b.conf": "b\n",
		}, ".", "", func(t *testing.T, sys *model.System) {
			if len(sys.Packages) != 1 || sys.Packages[0].Owner != model.UserOwner("kim") {
				t.Errorf("packages %+v", sys.Packages)
			}
			if len(sys.Dotfiles) != 2 || sys.Dotfiles[0].Target != ".config/app/a.conf" || sys.Dotfiles[1].Target != ".config/app/sub/b.conf" || sys.Dotfiles[1].Content != "b\n" {
				t.Errorf("dotfiles %+v", sys.Dotfiles)
			}
		}},
		{"flake-parts", map[string]string{
			"flake.nix": `{
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
  inputs.flake-parts.url = "github:hercules-ci/flake-parts";
  outputs = inputs@{ flake-parts, ... }: flake-parts.lib.mkFlake { inherit inputs; } ({ withSystem, ... }: {
    systems = [ "x86_64-linux" ];
    imports = [ ./hosts.nix ];
    perSystem = { pkgs, ... }: { packages.default = pkgs.hello; };
    flake.nixosModules.base = { pkgs, ... }: { environment.systemPackages = [ pkgs.base ]; };
  });
}`,
			"hosts.nix": `{ inputs, self, withSystem, ... }: {
  flake.nixosConfigurations.one = withSystem "x86_64-linux" ({ pkgs, ... }: inputs.nixpkgs.lib.nixosSystem { modules = [ self.nixosModules.base { networking.hostName = "one"; } ]; });
  flake.nixosConfigurations.two = inputs.nixpkgs.lib.nixosSystem { modules = [ { networking.hostName = "two"; } ]; };
}`,
		}, "flake.nix", "one", func(t *testing.T, sys *model.System) {
			if sys.Host.Hostname != "one" || !hasPackage(sys, "base", "") {
				t.Errorf("host %+v packages %+v findings %+v", sys.Host, sys.Packages, sys.Findings)
			}
		}},
		{"flake-utils", map[string]string{
			"flake.nix": `{
  inputs.nixpkgs.url = "nixpkgs/nixos-24.11";
  inputs.utils.url = "github:numtide/flake-utils";
  outputs = { self, nixpkgs, utils }: utils.lib.eachDefaultSystem (system: {
    packages.default = nixpkgs.legacyPackages.${system}.callPackage ./pkg.nix { };
  }) // {
    nixosConfigurations.box = nixpkgs.lib.nixosSystem {
      modules = [ { environment.systemPackages = [ self.packages.x86_64-linux.default ]; } ];
    };
  };
}`,
			"pkg.nix": `{ stdenv }: stdenv.mkDerivation { pname = "mine"; version = "1"; }`,
		}, "flake.nix", "", func(t *testing.T, sys *model.System) {
			if sys.Source.Host != "box" || finding(sys, "local package mine") == nil {
				t.Errorf("host %q findings %+v", sys.Source.Host, sys.Findings)
			}
		}},
		{"messages name files as the user gave them", map[string]string{
			"configuration.nix": `{ home-manager.users.a = import ./missing.nix; environment.etc.x.text = builtins.readFile ./nope; }`,
		}, "", "", func(t *testing.T, sys *model.System) {
			// the source is given as "." from inside the folder
			if finding(sys, "path 'missing.nix' does not exist") == nil || finding(sys, "opening file 'nope': No such file") == nil {
				t.Errorf("findings %+v", sys.Findings)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := write(t, tt.files)
			src := filepath.Join(dir, tt.src)
			if tt.src == "" {
				t.Chdir(dir)
				src = "."
			}
			sys, err := Import(src, Options{Host: tt.host})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := model.Encode(sys); err != nil {
				t.Fatal(err)
			}
			tt.check(t, sys)
		})
	}
}
