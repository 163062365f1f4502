package mappings

import (
	"bytes"
	"compress/gzip"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nixarch/nixarch/model"
)

func table(t testing.TB) *Table {
	t.Helper()
	tb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func TestKnownPairs(t *testing.T) {
	tb := table(t)
	tests := []struct {
		nix, arch  string
		repo       string
		confidence Confidence
		project    string
	}{
		{"git", "git", "extra", ConfidenceHigh, "git-scm.com"},
		{"neovim", "neovim", "extra", ConfidenceHigh, "github.com/neovim/neovim"},
		{"firefox", "firefox", "extra", ConfidenceMedium, "archive.mozilla.org/pub/firefox/releases/*/source/firefox"},
		{"ripgrep", "ripgrep", "extra", ConfidenceHigh, "github.com/burntsushi/ripgrep"},
		{"zstd", "zstd", "core", ConfidenceHigh, "github.com/facebook/zstd"},
		{"bash", "bash", "core", ConfidenceHigh, "gnu:bash"},
		{"go", "go", "extra", ConfidenceHigh, "go.dev/dl/go"},
		{"kdePackages.kate", "kate", "extra", ConfidenceMedium, "download.kde.org/stable/release-service/*/src/kate"},
		{"cyrus_sasl", "cyrus-sasl", "extra", ConfidenceMedium, "github.com/cyrusimap/cyrus-sasl"},
	}
	for _, tt := range tests {
		t.Run(tt.nix, func(t *testing.T) {
			r := tb.Lookup(Arch, tt.arch)
			want := &Match{From: Arch, Name: tt.arch, Target: tt.nix, Repo: "nixpkgs", Project: tt.project,
				Method: MethodSameUpstreamAndName, Confidence: tt.confidence}
			if r.Match == nil {
				t.Fatalf("Lookup(Arch, %s) unmapped: %s", tt.arch, r.Reason)
			}
			if !strings.Contains(r.Match.Evidence, "same name") || !strings.Contains(r.Match.Evidence, "same upstream") {
				t.Errorf("Evidence = %q", r.Match.Evidence)
			}
			got := *r.Match
			got.Evidence = ""
			if got != *want {
				t.Errorf("Lookup(Arch, %s) = %+v, want %+v", tt.arch, got, *want)
			}
			r = tb.Lookup(NixOS, tt.nix)
			if r.Match == nil || r.Match.Target != tt.arch || r.Match.Repo != tt.repo || r.Match.From != NixOS || r.Match.Name != tt.nix {
				t.Errorf("Lookup(NixOS, %s) = %+v (%s), want %s in %s", tt.nix, r.Match, r.Reason, tt.arch, tt.repo)
			}
		})
	}
}

func TestWrappedAndDefaultAttrs(t *testing.T) {
	tb := table(t)
	for _, tt := range []struct{ attr, arch, evidence string }{
		{"firefox-unwrapped", "firefox", "a wrapper of firefox-unwrapped"},
		{"neovim-unwrapped", "neovim", "a wrapper of neovim-unwrapped"},
		{"go_1_23", "go", "nixpkgs attribute go, which is go_1_23"},
	} {
		r := tb.Lookup(NixOS, tt.attr)
		if r.Match == nil || r.Match.Target != tt.arch || !strings.Contains(r.Match.Evidence, tt.evidence) {
			t.Errorf("Lookup(NixOS, %s) = %+v (%s), want %s with evidence %q", tt.attr, r.Match, r.Reason, tt.arch, tt.evidence)
		}
	}
	// Users install the wrapper.
	if r := tb.Lookup(Arch, "firefox"); r.Match == nil || r.Match.Target != "firefox" {
		t.Errorf("Lookup(Arch, firefox) = %+v", r.Match)
	}
}

func TestAliases(t *testing.T) {
	tb := table(t)
	tests := []struct{ attr, arch, evidence string }{
		{"firefox-wayland", "firefox", "nixpkgs firefox-wayland was renamed to firefox; "},
		{"kgx", "gnome-console", "nixpkgs kgx was renamed to gnome-console; "},
	}
	for _, tt := range tests {
		r := tb.Lookup(NixOS, tt.attr)
		if r.Match == nil {
			t.Errorf("Lookup(NixOS, %s) unmapped: %s", tt.attr, r.Reason)
			continue
		}
		if r.Match.Target != tt.arch || r.Match.Name != tt.attr || !strings.HasPrefix(r.Match.Evidence, tt.evidence) {
			t.Errorf("Lookup(NixOS, %s) = %+v, want %s, evidence starting %q", tt.attr, *r.Match, tt.arch, tt.evidence)
		}
	}
	// An alias the facts misread (llvmPackages_git = (…).git) is not trusted.
	if r := tb.Lookup(NixOS, "llvmPackages_git"); r.Match != nil {
		t.Errorf("llvmPackages_git mapped to %s", r.Match.Target)
	}
	r := tb.Lookup(NixOS, "acorn")
	if r.Match != nil || r.Reason != "acorn was removed from nixpkgs (aliases.nix: Added 2024-04-27)" {
		t.Errorf("Lookup(NixOS, acorn) = %+v", r)
	}
}

// Same name, different project: these must stay unmapped.
// TestPnameMatchUnderAnotherName checks that an attribute found only by its
// pname is not a mapping when its own name differs: it would install a
// variant (curlMinimal), an inner package (mpv-unwrapped) or a whole set
// (opensshPackages) instead of the package the user has.
func TestPnameMatchUnderAnotherName(t *testing.T) {
	tb := table(t)
	for arch, attr := range map[string]string{"curl": "curlMinimal", "mpv": "mpv-unwrapped", "openssh": "opensshPackages"} {
		t.Run(arch, func(t *testing.T) {
			r := tb.Lookup(Arch, arch)
			if r.Match != nil {
				t.Fatalf("Lookup(Arch, %s) mapped to %s", arch, r.Match.Target)
			}
			if !strings.Contains(r.Reason, "its name differs") || len(r.Suggestions) == 0 || r.Suggestions[0] != attr {
				t.Errorf("Lookup(Arch, %s) = %q %q, want the name-differs reason suggesting %s first", arch, r.Reason, r.Suggestions, attr)
			}
			if r := tb.Lookup(NixOS, attr); r.Match != nil {
				t.Errorf("Lookup(NixOS, %s) mapped to %s", attr, r.Match.Target)
			}
		})
	}
}

func TestSameNameDifferentUpstream(t *testing.T) {
	tb := table(t)
	tests := []struct {
		name, reason string
		suggestions  []string // the same name first, then the same upstream
	}{
		// nixpkgs helm is the Helm synthesizer, Arch helm the Kubernetes
		// tool, which nixpkgs calls kubernetes-helm (wrapped).
		{"helm", `nixpkgs has an attribute "helm" but its upstream (tytel.org/helm) differs from Arch's (github.com/helm/helm)`, []string{"helm", "kubernetes-helm-wrapped"}},
		// nixpkgs loki is the C++ library, Arch loki Grafana's log store.
		{"loki", `nixpkgs has an attribute "loki" but its upstream (loki-lib.sourceforge.net) differs from Arch's (github.com/grafana/loki)`, []string{"loki", "grafana-loki"}},
		// nixpkgs blackbox is StackExchange's secret tool, Arch's the window manager.
		{"blackbox", `nixpkgs has an attribute "blackbox" but its upstream (github.com/stackexchange/blackbox) differs from Arch's (github.com/bbidulock/blackboxwm)`, []string{"blackbox"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tb.Lookup(Arch, tt.name)
			if r.Match != nil {
				t.Fatalf("mapped to %s", r.Match.Target)
			}
			if r.Reason != tt.reason {
				t.Errorf("Reason = %q, want %q", r.Reason, tt.reason)
			}
			if !reflect.DeepEqual(r.Suggestions, tt.suggestions) {
				t.Errorf("Suggestions = %q", r.Suggestions)
			}
			if r := tb.Lookup(NixOS, tt.name); r.Match != nil || !strings.HasPrefix(r.Reason, `Arch has a package "`+tt.name+`" but its upstream`) {
				t.Errorf("Lookup(NixOS, %s) = %+v", tt.name, r)
			}
		})
	}
}

func TestUnmapped(t *testing.T) {
	tb := table(t)
	tests := []struct {
		from        Distro
		name        string
		reason      string
		suggestions []string
	}{
		{Arch, "yay", "not in Arch core/extra: an AUR or local package; no upstream facts to match it", nil},
		// The ecosystem tier will map this one; by name and upstream nothing does.
		{Arch, "python-requests", "no nixpkgs attribute with this name", nil},
		{NixOS, "go_1_22", "Arch go has this name, but maps to nixpkgs go_1_23 instead", []string{"go"}},
		{NixOS, "python3", "nixpkgs python3 is python312; " + "not in the nixpkgs 24.11 facts (attributes made by overrides, and sets such as haskellPackages, nodePackages and vimPlugins, are not covered)", nil},
		{NixOS, "haskellPackages.aeson", "not in the nixpkgs 24.11 facts (attributes made by overrides, and sets such as haskellPackages, nodePackages and vimPlugins, are not covered)", nil},
		{NixOS, "python3Packages.zstd", `Arch has a package "zstd" (this attribute's pname) but its upstream (facebook.github.io/zstd) differs from nixpkgs' (github.com/sergey-dryabzhinsky/python-zstd)`, []string{"zstd"}},
		{Arch, "", "empty package name", nil},
		{"debian", "git", `unknown distro "debian" (want "nixos" or "arch")`, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+"/"+tt.name, func(t *testing.T) {
			r := tb.Lookup(tt.from, tt.name)
			if r.Match != nil {
				t.Fatalf("mapped to %s", r.Match.Target)
			}
			if r.Reason != tt.reason {
				t.Errorf("Reason = %q\nwant     %q", r.Reason, tt.reason)
			}
			if !reflect.DeepEqual(r.Suggestions, tt.suggestions) {
				t.Errorf("Suggestions = %q, want %q", r.Suggestions, tt.suggestions)
			}
		})
	}
}

func TestIsOfficialArch(t *testing.T) {
	tb := table(t)
	for name, want := range map[string]string{"glibc": "core", "neovim": "extra", "cyrus-sasl-gssapi": "extra", "yay": ""} {
		repo, ok := tb.IsOfficialArch(name)
		if repo != want || ok != (want != "") {
			t.Errorf("IsOfficialArch(%s) = %q, %v, want %q", name, repo, ok, want)
		}
	}
}

// Every row names packages the embedded name lists know, and is exactly
// what the same-name rule decides from the embedded facts.
func TestRowsAgreeWithFacts(t *testing.T) {
	tb := table(t)
	if len(tb.Rows()) < 3000 {
		t.Fatalf("only %d rows", len(tb.Rows()))
	}
	for _, r := range tb.Rows() {
		for _, a := range r.Arch {
			if _, ok := tb.IsOfficialArch(a); !ok {
				t.Errorf("%s: Arch %s is not in the Arch name list", r.Origin, a)
			}
		}
		for _, n := range r.Nixpkgs {
			if _, isDefault := tb.corpus.Defaults[n]; !tb.IsNixpkgsAttr(n) && !isDefault {
				t.Errorf("%s: nixpkgs %s is neither an attribute nor a default alias", r.Origin, n)
			}
		}
		if r.Method != MethodSameUpstreamAndName {
			t.Errorf("%s: method %s", r.Origin, r.Method)
		}
		v := tb.corpus.FromArch(r.Arch[0])
		if v.Nix == nil || v.Nix.Attr != r.Nixpkgs[len(r.Nixpkgs)-1] && !contains(r.Nixpkgs, v.Nix.Attr) {
			t.Errorf("%s: the rule gives %+v for %s", r.Origin, v.Nix, r.Arch[0])
		}
	}
	mapped := 0
	for _, a := range tb.corpus.Arch {
		v := tb.corpus.FromArch(a.Name)
		_, inRows := tb.byArch[a.Name]
		if (v.Nix != nil) != inRows {
			t.Errorf("Arch %s: rule mapped=%v, rows mapped=%v", a.Name, v.Nix != nil, inRows)
		}
		if inRows {
			mapped++
		}
	}
	if mapped != len(tb.Rows()) {
		t.Errorf("%d Arch names mapped, %d rows", mapped, len(tb.Rows()))
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// Both directions agree for every row.
func TestBothDirections(t *testing.T) {
	tb := table(t)
	for _, r := range tb.Rows() {
		for _, n := range r.Nixpkgs {
			if m := tb.Lookup(NixOS, n).Match; m == nil || m.Target != r.Arch[0] {
				t.Errorf("%s: Lookup(NixOS, %s) = %+v, want %s", r.Origin, n, m, r.Arch[0])
			}
		}
		for _, a := range r.Arch {
			if m := tb.Lookup(Arch, a).Match; m == nil || m.Target != r.Nixpkgs[0] {
				t.Errorf("%s: Lookup(Arch, %s) = %+v, want %s", r.Origin, a, m, r.Nixpkgs[0])
			}
		}
	}
}

func gzipped(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

// validFS is a tiny well-formed table set that tests break one field at a time.
func validFS() fstest.MapFS {
	return fstest.MapFS{
		"d/arch.tsv.gz":    {Data: gzipped("name\trepo\tpkgbase\tkeys\ngit\textra\tgit\thome:git-scm.com\n")},
		"d/nixpkgs.tsv.gz": {Data: gzipped("attr\tpname\twraps\tkeys\ngit\t\t\thome:git-scm.com\n")},
		"d/aliases.tsv.gz": {Data: gzipped("attr\tkind\ttarget\tnote\ngitFull\talias\tgit\t\n")},
		"d/shared.tsv":     {Data: []byte("key\tnixpkgs\tarch\nhome:gnu.org/software\t40\t30\n")},
		"d/mappings.tsv":   {Data: []byte("project\tnixpkgs\tarch\trepo\tmethod\tconfidence\tevidence\ngit-scm.com\tgit\tgit\textra\tsame-upstream-and-name\thigh\tsame name; same upstream git-scm.com\n")},
	}
}

func TestLoadStrict(t *testing.T) {
	if _, err := Load(validFS(), "d"); err != nil {
		t.Fatalf("valid tables: %v", err)
	}
	tests := []struct {
		file, data string
		want       string
	}{
		{"d/mappings.tsv", "project\tnixpkgs\tarch\trepo\tmethod\tconfidence\n", `d/mappings.tsv:1:1: header is "project\tnixpkgs\tarch\trepo\tmethod\tconfidence", want "project\tnixpkgs\tarch\trepo\tmethod\tconfidence\tevidence"`},
		{"d/mappings.tsv", "project\tnixpkgs\tarch\trepo\tmethod\tconfidence\tevidence\ngit-scm.com\tgit\tgit\textra\tguessed\thigh\tx\n", `d/mappings.tsv:2:27: unknown method "guessed"`},
		{"d/mappings.tsv", "project\tnixpkgs\tarch\trepo\tmethod\tconfidence\tevidence\ngit-scm.com\tgit\tgit\tcommunity\tcurated\thigh\tx\n", `d/mappings.tsv:2:21: "community" is not one of core, extra, multilib, aur`},
		{"d/mappings.tsv", "project\tnixpkgs\tarch\trepo\tmethod\tconfidence\tevidence\ngit-scm.com\tgit\tgit\textra\tcurated\tsure\tx\n", `d/mappings.tsv:2:35: unknown confidence "sure"`},
		{"d/mappings.tsv", "project\tnixpkgs\tarch\trepo\tmethod\tconfidence\tevidence\ngit-scm.com\tgit,\tgit\textra\tcurated\thigh\tx\n", `d/mappings.tsv:2:13: bad name list "git,"`},
		{"d/mappings.tsv", "project\tnixpkgs\tarch\trepo\tmethod\tconfidence\tevidence\ngit-scm.com\tgit\tgit\textra\tcurated\thigh\n", `d/mappings.tsv:2:1: 6 fields, want 7 (project, nixpkgs, arch, repo, method, confidence, evidence)`},
		{"d/mappings.tsv", "project\tnixpkgs\tarch\trepo\tmethod\tconfidence\tevidence\na\tgit\tgit\textra\tcurated\thigh\tx\nb\tgit2\tgit\textra\tcurated\thigh\tx\n", `d/mappings.tsv:3:8: not sorted by Arch name: "git" after "git"`},
		{"d/arch.tsv.gz", "name\trepo\tpkgbase\tkeys\ngit\textra\tgit\tbogus\n", `d/arch.tsv.gz:2:15: bad upstream key "bogus"`},
		{"d/arch.tsv.gz", "name\trepo\tpkgbase\tkeys\ngit\textra\tgit\t\nacl\tcore\tacl\t\n", `d/arch.tsv.gz:3:1: not sorted or duplicate: "acl" after "git"`},
		{"d/nixpkgs.tsv.gz", "attr\tpname\twraps\tkeys\ngit\t\tnothere\t\n", `d/nixpkgs.tsv.gz:2:6: wrapped attribute "nothere" is not a plain attribute`},
		{"d/aliases.tsv.gz", "attr\tkind\ttarget\tnote\nfoo\tmoved\tgit\t\n", `d/aliases.tsv.gz:2:5: "moved" is not one of alias, default, removed`},
		{"d/shared.tsv", "key\tnixpkgs\tarch\nhome:x.org\ttwo\t1\n", `d/shared.tsv:2:12: bad count "two"`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			fsys := validFS()
			data := []byte(tt.data)
			if strings.HasSuffix(tt.file, ".gz") {
				data = gzipped(tt.data)
			}
			fsys[tt.file] = &fstest.MapFile{Data: data}
			_, err := Load(fsys, "d")
			var merr *model.Error
			if !errors.As(err, &merr) {
				t.Fatalf("Load error = %v, want a *model.Error", err)
			}
			if err.Error() != tt.want {
				t.Errorf("Load error\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	fsys := validFS()
	delete(fsys, "d/shared.tsv")
	if _, err := Load(fsys, "d"); err == nil || !strings.Contains(err.Error(), "shared.tsv") {
		t.Errorf("Load without shared.tsv: %v", err)
	}
}

var benchNames = func() []string {
	return []string{"git", "neovim", "firefox", "ripgrep", "yay", "python-requests", "helm", "kate", "zstd", "glibc"}
}()

func BenchmarkDefaultLookup(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		tb, err := Default()
		if err != nil {
			b.Fatal(err)
		}
		for i := range 10000 {
			name := benchNames[i%len(benchNames)]
			if i%2 == 0 {
				tb.Lookup(Arch, name)
			} else {
				tb.Lookup(NixOS, name)
			}
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		if _, err := Load(embedded, "data"); err != nil {
			b.Fatal(err)
		}
	}
}
