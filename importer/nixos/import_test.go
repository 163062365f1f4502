package nixos

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/model"
)

func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
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

// BenchmarkImport imports the largest fixture, the classic configuration.
func BenchmarkImport(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Import("testdata/classic/configuration.nix", Options{}); err != nil {
			b.Fatal(err)
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
