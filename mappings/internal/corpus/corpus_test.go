package corpus

import (
	"reflect"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/mappings/internal/upstream"
)

func keys(ks ...string) []upstream.Key {
	var out []upstream.Key
	for _, k := range ks {
		out = append(out, upstream.Key(k))
	}
	return out
}

// fixture is a small world that exercises every branch of the rule.
func fixture() *Corpus {
	nix := []Nix{
		{Attr: "neovim", Via: "neovim-unwrapped", Keys: keys("repo:github.com/neovim/neovim")},
		{Attr: "neovim-unwrapped", Pname: "neovim-unwrapped", Keys: keys("repo:github.com/neovim/neovim")},
		{Attr: "firefox", Via: "firefox-unwrapped", Keys: keys("dl:moz/firefox")},
		{Attr: "firefox-unwrapped", Pname: "firefox", Keys: keys("dl:moz/firefox")},
		{Attr: "zstd", Pname: "zstd", Keys: keys("repo:github.com/facebook/zstd")},
		{Attr: "python3Packages.zstd", Pname: "zstd", Keys: keys("pypi:zstd")},
		{Attr: "helm", Pname: "helm", Keys: keys("home:tytel.org/helm")},
		{Attr: "go_1_22", Pname: "go", Keys: keys("home:go.dev")},
		{Attr: "go_1_23", Pname: "go", Keys: keys("home:go.dev")},
		{Attr: "ninja_a", Pname: "ninja", Keys: keys("repo:github.com/ninja-build/ninja")},
		{Attr: "ninja_b", Pname: "ninja", Keys: keys("repo:github.com/ninja-build/ninja")},
		{Attr: "kdePackages.kate", Pname: "kate", Keys: keys("dl:kde/kate")},
		{Attr: "curlMinimal", Pname: "curl", Keys: keys("home:curl.se")},
		{Attr: "curl-mystery", Pname: "curl", Keys: nil},
		{Attr: "bash", Keys: keys("home:gnu.org/software")},
		{Attr: "clang", Keys: keys("repo:github.com/llvm/llvm-project")},
		{Attr: "glibc"},
	}
	arch := []Arch{
		{Name: "bash", Repo: "core", Base: "bash", Keys: keys("home:gnu.org/software")},
		{Name: "clang", Repo: "extra", Base: "clang", Keys: keys("repo:github.com/llvm/llvm-project")},
		{Name: "curl", Repo: "core", Base: "curl", Keys: keys("home:curl.se")},
		{Name: "firefox", Repo: "extra", Base: "firefox", Keys: keys("dl:moz/firefox")},
		{Name: "glibc", Repo: "core", Base: "glibc", Keys: keys("home:gnu.org/software/libc")},
		{Name: "go", Repo: "extra", Base: "go", Keys: keys("home:go.dev")},
		{Name: "helm", Repo: "extra", Base: "helm", Keys: keys("repo:github.com/helm/helm")},
		{Name: "kate", Repo: "extra", Base: "kate", Keys: keys("dl:kde/kate")},
		{Name: "neovim", Repo: "extra", Base: "neovim", Keys: keys("repo:github.com/neovim/neovim")},
		{Name: "ninja", Repo: "extra", Base: "ninja", Keys: keys("repo:github.com/ninja-build/ninja")},
		{Name: "zstd", Repo: "core", Base: "zstd", Keys: keys("repo:github.com/facebook/zstd")},
	}
	shared := map[upstream.Key]Share{
		"home:gnu.org/software":             {Nix: 40, Arch: 30},
		"repo:github.com/llvm/llvm-project": {Nix: 12, Arch: 8},
	}
	return New(nix, arch, map[string]string{"go": "go_1_23"}, shared)
}

func TestFromArch(t *testing.T) {
	c := fixture()
	tests := []struct {
		name, want  string // want: the attribute, or "" for unmapped
		exact, weak bool
		reason      string // a substring of Reason when unmapped
		suggestions []string
	}{
		{name: "neovim", want: "neovim", exact: true},
		{name: "firefox", want: "firefox", exact: true},         // the wrapper, not firefox-unwrapped
		{name: "zstd", want: "zstd", exact: true},               // python3Packages.zstd has another upstream
		{name: "go", want: "go_1_23", exact: true},              // through the default alias go
		{name: "kate", want: "kdePackages.kate", exact: false},  // pname only
		{name: "clang", want: "clang", exact: true, weak: true}, // monorepo key
		{name: "helm", reason: `nixpkgs has an attribute "helm" but its upstream (tytel.org/helm) differs from Arch's (github.com/helm/helm)`, suggestions: []string{"helm"}},
		{name: "ninja", reason: "ambiguous: 2 nixpkgs attributes with pname \"ninja\" share Arch's upstream (ninja_a, ninja_b)", suggestions: []string{"ninja_a", "ninja_b"}},
		{name: "curl", reason: "ambiguous: curlMinimal shares Arch's upstream, but curl-mystery also has pname \"curl\" and no upstream facts", suggestions: []string{"curlMinimal", "curl-mystery"}},
		{name: "bash", reason: "the only upstream fact it shares with Arch's is gnu.org/software, which 40 projects use"},
		{name: "glibc", reason: "it has no upstream facts to compare"},
		{name: "yay", reason: "not in Arch core/extra: an AUR or local package"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := c.FromArch(tt.name)
			if tt.want == "" {
				if v.Nix != nil {
					t.Fatalf("mapped to %s, want unmapped", v.Nix.Attr)
				}
				if !strings.Contains(v.Reason, tt.reason) {
					t.Errorf("Reason = %q, want it to contain %q", v.Reason, tt.reason)
				}
				if tt.suggestions != nil && !reflect.DeepEqual(v.Suggestions, tt.suggestions) {
					t.Errorf("Suggestions = %q, want %q", v.Suggestions, tt.suggestions)
				}
				return
			}
			if v.Nix == nil {
				t.Fatalf("unmapped (%s), want %s", v.Reason, tt.want)
			}
			if v.Nix.Attr != tt.want || v.Exact != tt.exact || v.Weak != tt.weak {
				t.Errorf("got %s exact=%v weak=%v, want %s exact=%v weak=%v", v.Nix.Attr, v.Exact, v.Weak, tt.want, tt.exact, tt.weak)
			}
			// Symmetry: the other direction reaches the same pair.
			back := c.FromNix(v.Nix.Attr)
			if back.Arch == nil || back.Arch.Name != tt.name {
				t.Errorf("FromNix(%s) = %+v, want Arch %s", v.Nix.Attr, back, tt.name)
			}
		})
	}
}

func TestFromNix(t *testing.T) {
	c := fixture()
	tests := []struct{ attr, want, reason string }{
		{attr: "neovim-unwrapped", want: "neovim"}, // judged through its wrapper
		{attr: "firefox-unwrapped", want: "firefox"},
		{attr: "go", want: "go"}, // a default alias
		{attr: "go_1_23", want: "go"},
		{attr: "go_1_22", reason: "Arch go has this name, but maps to nixpkgs go_1_23 instead"},
		{attr: "python3Packages.zstd", reason: `Arch has a package "zstd" (this attribute's pname) but its upstream (github.com/facebook/zstd) differs from nixpkgs' (pypi:zstd)`},
		{attr: "helm", reason: `Arch has a package "helm" but its upstream (github.com/helm/helm) differs from nixpkgs' (tytel.org/helm)`},
		{attr: "nosuch", reason: NotInFacts},
	}
	for _, tt := range tests {
		t.Run(tt.attr, func(t *testing.T) {
			v := c.FromNix(tt.attr)
			switch {
			case tt.want != "" && (v.Arch == nil || v.Arch.Name != tt.want):
				t.Errorf("FromNix(%s) = %+v, want %s", tt.attr, v, tt.want)
			case tt.want == "" && v.Arch != nil:
				t.Errorf("FromNix(%s) mapped to %s, want unmapped", tt.attr, v.Arch.Name)
			case tt.want == "" && v.Reason != tt.reason:
				t.Errorf("Reason = %q, want %q", v.Reason, tt.reason)
			}
		})
	}
}

func TestIgnored(t *testing.T) {
	if !Ignored("home:gnu.org/software", Share{Nix: 4}) {
		t.Error("a homepage shared by 4 projects counts")
	}
	if Ignored("home:curl.se", Share{Nix: 3, Arch: 2}) {
		t.Error("a homepage shared by 3 projects is ignored")
	}
	if Ignored("repo:github.com/llvm/llvm-project", Share{Nix: 40}) {
		t.Error("a shared repository is ignored")
	}
}

func TestResolveDefaults(t *testing.T) {
	raw := map[string]string{"lua": "lua5", "lua5": "lua5_4", "loop": "loop2", "loop2": "loop", "gone": "missing"}
	got := ResolveDefaults(raw, func(a string) bool { return a == "lua5_4" })
	want := map[string]string{"lua": "lua5_4", "lua5": "lua5_4"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ResolveDefaults = %v, want %v", got, want)
	}
}

func TestCapped(t *testing.T) {
	got := capped([]string{"z", "a"}, []string{"q", "b", "a", "c", "d"})
	want := []string{"z", "a", "b", "c", "d"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("capped = %q, want %q", got, want)
	}
}

// sameUpstreamFixture is a world for the different-name rule.
func sameUpstreamFixture() *Corpus {
	nix := []Nix{
		{Attr: "vips", Pname: "vips", Keys: keys("repo:github.com/libvips/libvips")},
		{Attr: "cryptopp", Pname: "crypto++", Keys: keys("repo:github.com/weidai11/cryptopp")},
		{Attr: "cvc5", Pname: "cvc5", Keys: keys("repo:github.com/cvc5/cvc5")},
		{Attr: "kdePackages.libkscreen", Pname: "libkscreen", Keys: keys("repo:invent.kde.org/plasma/libkscreen")},
		{Attr: "libngspice", Pname: "libngspice", Keys: keys("sf:ngspice")},
		{Attr: "curlMinimal", Pname: "curl", Keys: keys("repo:github.com/curl/curl")},
		{Attr: "mhash", Pname: "mhash", Keys: keys("home:mhash.example.org")},
		{Attr: "libmhash", Pname: "mhash", Keys: keys("sf:mhash")},
		{Attr: "uhd", Pname: "uhd", Keys: keys("repo:github.com/ettusresearch/uhd")},
		{Attr: "python3Packages.uhd", Pname: "uhd", Keys: keys("repo:github.com/ettusresearch/uhd")},
		{Attr: "gusb", Pname: "gusb", Keys: keys("home:github.com/hughsie/libgusb")},
		{Attr: "tidy", Pname: "tidy", Keys: keys("repo:github.com/htacg/tidy-html5")},
		{Attr: "lp_solve", Pname: "lp_solve", Keys: keys("sf:lpsolve")},
		{Attr: "pyotherside", Pname: "pyotherside", Keys: keys("repo:github.com/thp/pyotherside")},
	}
	arch := []Arch{
		{Name: "libvips", Base: "libvips", Keys: keys("repo:github.com/libvips/libvips")},
		{Name: "crypto++", Base: "crypto++", Keys: keys("repo:github.com/weidai11/cryptopp")},
		{Name: "cvc4", Base: "cvc4", Keys: keys("repo:github.com/cvc5/cvc5")},
		{Name: "libkscreen5", Base: "libkscreen5", Keys: keys("repo:invent.kde.org/plasma/libkscreen")},
		{Name: "ngspice", Base: "ngspice", Keys: keys("sf:ngspice")},
		{Name: "curl", Base: "curl", Keys: keys("repo:github.com/curl/curl")},
		{Name: "libuhd", Base: "libuhd", Keys: keys("repo:github.com/ettusresearch/uhd")},
		{Name: "libgusb", Base: "libgusb", Keys: keys("home:github.com/hughsie/libgusb")},
		{Name: "html-tidy", Base: "tidy", Keys: keys("repo:github.com/htacg/tidy-html5")},
		{Name: "tidy", Base: "tidy", Keys: keys("repo:github.com/htacg/tidy-html5")},
		{Name: "lpsolve", Base: "lpsolve", Keys: keys("sf:lpsolve")},
		{Name: "python-pyotherside", Base: "python-pyotherside", Keys: keys("repo:github.com/thp/pyotherside")},
	}
	return New(nix, arch, nil, nil)
}

func TestSameUpstream(t *testing.T) {
	c := sameUpstreamFixture()
	named := func(s string) bool { return s == "curl" || s == "ngspice" } // made by overrides
	for _, tt := range []struct{ arch, want, reason string }{
		{arch: "libvips", want: "vips"},
		{arch: "crypto++", want: "cryptopp"},
		{arch: "lpsolve", want: "lp_solve"},
		{arch: "python-pyotherside", want: "pyotherside"},
		// Known negatives: a different version, a Qt 5 build against a
		// Qt 6 set, an attribute made by an override under the Arch name.
		{arch: "cvc4", reason: "names are not related"},
		{arch: "libkscreen5", reason: "names are not related"},
		{arch: "ngspice", reason: `nixpkgs has an attribute "ngspice"`},
		{arch: "curl", reason: `nixpkgs has an attribute "curl"`},
		// Not unique: two attributes, or two Arch packages, share the key.
		{arch: "libuhd", reason: "2 nixpkgs attributes share"},
		{arch: "html-tidy", reason: "2 Arch packages share"},
		// A homepage is no repository or registry key.
		{arch: "libgusb", reason: "no repository or registry key"},
	} {
		t.Run(tt.arch, func(t *testing.T) {
			v := c.SameUpstream(tt.arch, named)
			switch {
			case tt.want != "" && (v.Nix == nil || v.Nix.Attr != tt.want):
				t.Errorf("got %+v (%s), want %s", v.Nix, v.Reason, tt.want)
			case tt.want == "" && v.Nix != nil:
				t.Errorf("mapped to %s, want unmapped", v.Nix.Attr)
			case tt.want == "" && !strings.Contains(v.Reason, tt.reason):
				t.Errorf("Reason = %q, want it to contain %q", v.Reason, tt.reason)
			}
		})
	}
	// mhash: the attribute named like the Arch package blocks the rule
	// even though libmhash is the only one with the key.
	c2 := New([]Nix{{Attr: "mhash", Keys: keys("home:x.org/mhash")}, {Attr: "libmhash", Keys: keys("sf:mhash")}},
		[]Arch{{Name: "mhash", Base: "mhash", Keys: keys("sf:mhash")}}, nil, nil)
	if v := c2.SameUpstream("mhash", func(string) bool { return false }); v.Nix != nil {
		t.Errorf("mhash mapped to %s", v.Nix.Attr)
	}
	// Two Arch packages share the attribute's key.
	c3 := New([]Nix{{Attr: "foo", Keys: keys("repo:github.com/o/foo")}},
		[]Arch{{Name: "libfoo", Base: "foo", Keys: keys("repo:github.com/o/foo")}, {Name: "foo-docs", Base: "foo", Keys: keys("repo:github.com/o/foo")}}, nil, nil)
	if v := c3.SameUpstream("libfoo", func(string) bool { return false }); v.Nix != nil || !strings.Contains(v.Reason, "2 Arch packages") {
		t.Errorf("libfoo: %+v %s", v.Nix, v.Reason)
	}
}

func TestRelatedNames(t *testing.T) {
	for _, tt := range []struct {
		attr, arch string
		related    bool
	}{
		{"vips", "libvips", true},
		{"libHX", "libhx", true},
		{"cryptopp", "crypto++", true},
		{"lp_solve", "lpsolve", true},
		{"libmhash", "mhash", true},
		{"pyotherside", "python-pyotherside", true},
		{"cvc5", "cvc4", false},
		{"libkscreen", "libkscreen5", false},
		{"curlMinimal", "curl", false},
		{"mpv-unwrapped", "mpv", false},
		{"opensshPackages", "openssh", false},
		{"liblqr1", "liblqr", false},
		{"html-tidy", "tidy", false},
		{"x", "libx", false}, // too short to say
	} {
		if got := RelatedNames(tt.attr, tt.arch) != ""; got != tt.related {
			t.Errorf("RelatedNames(%q, %q) = %v, want %v", tt.attr, tt.arch, got, tt.related)
		}
	}
}
