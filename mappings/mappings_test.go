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
		method     Method
		confidence Confidence
		project    string
		evidence   string
	}{
		{"hyperfine", "hyperfine", "extra", MethodSameUpstreamAndName, ConfidenceHigh, "github.com/sharkdp/hyperfine", "same name"},
		{"yt-dlp", "yt-dlp", "extra", MethodSameUpstreamAndName, ConfidenceHigh, "github.com/yt-dlp/yt-dlp", "same upstream"},
		{"kdePackages.kcalc", "kcalc", "extra", MethodSameUpstreamAndName, ConfidenceMedium, "download.kde.org/stable/release-service/*/src/kcalc", "same name"},
		{"cyrus_sasl", "cyrus-sasl", "extra", MethodSameUpstreamAndName, ConfidenceMedium, "github.com/cyrusimap/cyrus-sasl", "same name"},
		{"xorg.libX11", "libx11", "extra", MethodEcosystem, ConfidenceHigh, "xorg.freedesktop.org/releases/individual/lib/libX11", "xorg rule"},
		// Curated rows the same-name rule agrees with keep its evidence.
		{"git", "git", "extra", MethodSameUpstreamAndName, ConfidenceHigh, "git-scm.com", "same upstream"},
		{"ripgrep", "ripgrep", "extra", MethodCurated, ConfidenceHigh, "github.com/burntsushi/ripgrep", "confirmed by same-upstream-and-name"},
		{"neovim", "neovim", "extra", MethodCurated, ConfidenceHigh, "github.com/neovim/neovim", "curated: Neovim"},
		{"dejavu_fonts", "ttf-dejavu", "extra", MethodCurated, ConfidenceHigh, "curated:ttf-dejavu", "fonts.packages"},
		{"python3", "python", "core", MethodCurated, ConfidenceHigh, "curated:python", "python312"},
	}
	for _, tt := range tests {
		t.Run(tt.nix, func(t *testing.T) {
			r := tb.Lookup(Arch, tt.arch)
			want := &Match{From: Arch, Name: tt.arch, Target: tt.nix, Repo: "nixpkgs", Project: tt.project,
				Method: tt.method, Confidence: tt.confidence}
			if r.Match == nil {
				t.Fatalf("Lookup(Arch, %s) unmapped: %s", tt.arch, r.Reason)
			}
			if !strings.Contains(r.Match.Evidence, tt.evidence) {
				t.Errorf("Evidence = %q, want it to contain %q", r.Match.Evidence, tt.evidence)
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

// TestPnameMatchUnderAnotherName checks that an attribute found only by its
// pname is not a mapping when its own name differs: it would install a
// variant (curlMinimal), an inner package (mpv-unwrapped) or a whole set
// (opensshPackages) instead of the package the user has. The curated rows
// map the Arch names to the attributes made by overrides (curl, mpv,
// openssh), which the facts lack.
func TestPnameMatchUnderAnotherName(t *testing.T) {
	tb := table(t)
	f := mustFacts(t, tb)
	for arch, attr := range map[string]string{"curl": "curlMinimal", "mpv": "mpv-unwrapped", "openssh": "opensshPackages"} {
		t.Run(arch, func(t *testing.T) {
			v := f.corpus.FromArch(arch)
			if v.Nix != nil {
				t.Fatalf("the same-name rule maps %s to %s", arch, v.Nix.Attr)
			}
			if !strings.Contains(v.Reason, "its name differs") || len(v.Suggestions) == 0 || v.Suggestions[0] != attr {
				t.Errorf("rule for %s = %q %q, want the name-differs reason suggesting %s first", arch, v.Reason, v.Suggestions, attr)
			}
			if r := tb.Lookup(NixOS, attr); r.Match != nil && attr != "mpv-unwrapped" {
				t.Errorf("Lookup(NixOS, %s) mapped to %s", attr, r.Match.Target)
			}
			r := tb.Lookup(Arch, arch)
			if r.Match == nil || r.Match.Target != arch || r.Match.Method != MethodCurated || !strings.Contains(r.Match.Evidence, "all-packages.nix") {
				t.Errorf("Lookup(Arch, %s) = %+v, want the curated row naming where the attribute is defined", arch, r.Match)
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
		// (nixpkgs helm, the Helm synthesizer, was one too: Arch helm is
		// the Kubernetes tool, which a curated row maps to kubernetes-helm.)
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
		{Arch, "spotifyd-nightly", "not in Arch core/extra: an AUR or local package; no upstream facts to match it", nil},
		{NixOS, "go_1_22", "Arch go has this name, but maps to nixpkgs go_1_23 instead", []string{"go"}},
		{NixOS, "python311", "not in the nixpkgs 24.11 facts (attributes made by overrides, and sets such as haskellPackages, nodePackages and vimPlugins, are not covered)", []string{"python-h11"}}, // only spelt alike: a suggestion, never a mapping
		{NixOS, "haskellPackages.lens-aeson-extra", "not in the nixpkgs 24.11 facts (attributes made by overrides, and sets such as haskellPackages, nodePackages and vimPlugins, are not covered)", nil},
		{Arch, "lib32-libx11", "a 32-bit library from Arch multilib: on NixOS the programs that need 32-bit libraries bring them (programs.steam.enable, hardware.graphics.enable32Bit), so nothing is installed by name", nil},
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

// TestOfficialArchNames checks that the list of every official name is
// exactly what IsOfficialArch accepts, and holds every official target
// of a row.
func TestOfficialArchNames(t *testing.T) {
	tb := table(t)
	names, err := tb.OfficialArchNames()
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < 10000 {
		t.Errorf("%d official names, want the whole of core, extra and the multilib list", len(names))
	}
	for name, repo := range names {
		if got, ok := tb.IsOfficialArch(name); !ok || got != repo {
			t.Errorf("OfficialArchNames has %s in %s; IsOfficialArch(%s) = %q, %v", name, repo, name, got, ok)
		}
	}
	for name, want := range map[string]string{"glibc": "core", "neovim": "extra", "steam": "multilib", "lib32-pipewire": "multilib", "yay": ""} {
		if names[name] != want {
			t.Errorf("OfficialArchNames()[%s] = %q, want %q", name, names[name], want)
		}
	}
	for _, r := range tb.Rows() {
		if r.Group || len(r.Arch) == 0 || r.Repo == "aur" || r.Direction == ToNixOS {
			continue
		}
		if names[r.Arch[0]] != r.Repo {
			t.Errorf("%s: %s is in %s, but OfficialArchNames says %q", r.Origin, r.Arch[0], r.Repo, names[r.Arch[0]])
		}
	}
	synced, err := tb.WithSync([]SyncPackage{{Name: "gcc", Repo: "core"}}).OfficialArchNames()
	if err != nil || len(synced) != 1 || synced["gcc"] != "core" {
		t.Errorf("with sync databases: %v, %v; want only gcc in core", synced, err)
	}
}

// facts returns the table's upstream facts.
func mustFacts(t testing.TB, tb *Table) *facts {
	t.Helper()
	f, err := tb.facts()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Every generated row names packages the embedded name lists know, and the
// same-name rows are exactly what the rule decides from the embedded facts.
func TestRowsAgreeWithFacts(t *testing.T) {
	tb := table(t)
	f := mustFacts(t, tb)
	generated := 0
	for _, r := range tb.Rows() {
		if r.Method != MethodSameUpstreamAndName && r.Method != MethodEcosystem && r.Method != MethodSameUpstream {
			continue
		}
		generated++
		for _, a := range r.Arch {
			if _, ok := tb.IsOfficialArch(a); !ok {
				t.Errorf("%s: Arch %s is not in the Arch name list", r.Origin, a)
			}
		}
		if r.Method == MethodEcosystem || r.Method == MethodSameUpstream {
			continue // checked against the nixpkgs lists by the generator's tests
		}
		for _, n := range r.Nixpkgs {
			if _, isDefault := f.corpus.Defaults[n]; !tb.IsNixpkgsAttr(n) && !isDefault {
				t.Errorf("%s: nixpkgs %s is neither an attribute nor a default alias", r.Origin, n)
			}
		}
		v := f.corpus.FromArch(r.Arch[0])
		if v.Nix == nil || v.Nix.Attr != r.Nixpkgs[len(r.Nixpkgs)-1] && !contains(r.Nixpkgs, v.Nix.Attr) {
			t.Errorf("%s: the rule gives %+v for %s", r.Origin, v.Nix, r.Arch[0])
		}
	}
	if generated < 7000 {
		t.Fatalf("only %d generated rows", generated)
	}
	for _, a := range f.corpus.Arch {
		v := f.corpus.FromArch(a.Name)
		i, inRows := tb.byArch[a.Name]
		if v.Nix != nil && !inRows {
			t.Errorf("Arch %s: the rule maps it, no row does", a.Name)
		}
		if v.Nix == nil && inRows && tb.rows[i].Method == MethodSameUpstreamAndName {
			t.Errorf("Arch %s: a same-name row the rule does not give", a.Name)
		}
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
	shadowed := 0
	for i, r := range tb.Rows() {
		if r.Group {
			continue
		}
		if r.Direction != ToNixOS {
			for _, n := range r.Nixpkgs {
				j := tb.byNix[n]
				if j != i {
					shadowed++
					if tb.rows[j].Method != MethodCurated && tb.rows[j].Method != MethodBaseline || r.Method == MethodCurated {
						t.Errorf("%s: nixpkgs %s answered by %s", r.Origin, n, tb.rows[j].Origin)
					}
					continue
				}
				if m := tb.Lookup(NixOS, n).Match; m == nil || m.Target != r.Arch[0] {
					t.Errorf("%s: Lookup(NixOS, %s) = %+v, want %s", r.Origin, n, m, r.Arch[0])
				}
			}
		}
		if r.Direction != ToArch {
			for _, a := range r.Arch {
				j := tb.byArch[a]
				if j != i {
					shadowed++
					if tb.rows[j].Method != MethodCurated && tb.rows[j].Method != MethodBaseline || r.Method == MethodCurated {
						t.Errorf("%s: Arch %s answered by %s", r.Origin, a, tb.rows[j].Origin)
					}
					continue
				}
				if m := tb.Lookup(Arch, a).Match; m == nil || m.Target != r.nixTarget() {
					t.Errorf("%s: Lookup(Arch, %s) = %+v, want %q", r.Origin, a, m, r.nixTarget())
				}
			}
		}
	}
	t.Logf("%d names of generated rows answered by curated rows", shadowed)
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
		"d/curated.tsv":    {Data: []byte("# comment\n" + curatedHead + "base\tcore\t-\tbaseline\tto-nixos\thigh\t-\t-\tNixOS has one\n")},
		"d/groups.tsv":     {Data: []byte("group\tnixpkgs\tsetting\tnote\nxorg\t-\tservices.xserver.enable = true\tthe X server\n")},
		"d/nerdfonts.tsv":  {Data: []byte("# fonts\nfont\tarch\nHack\tttf-hack-nerd\n")},
		"d/multilib.txt":   {Data: []byte("# multilib\nname\nsteam\n")},
	}
}

const curatedHead = "arch\trepo\tnixpkgs\tmethod\tdirection\tconfidence\tsetting\tattr_source\tnote\n"

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
		{"d/curated.tsv", "# c\n" + curatedHead + "base\tcore\t-\tbaseline\tboth\thigh\t-\t-\tx\n", `d/curated.tsv:3:22: a row without a nixpkgs attribute answers Arch lookups only: direction must be to-nixos`},
		{"d/curated.tsv", curatedHead + "base\tcore\tfoo\tbaseline\tto-nixos\thigh\t-\t-\tx\n", `d/curated.tsv:2:11: a baseline row installs nothing: nixpkgs must be -`},
		{"d/curated.tsv", curatedHead + "vim\textra\tvim\tcurated\tboth\tsure\t-\t-\tx\n", `d/curated.tsv:2:28: unknown confidence "sure"`},
		{"d/curated.tsv", curatedHead + "pipewire\textra\t-\tcurated\tto-nixos\thigh\tservices.pipewire.enable = true\t-\t-\n", `d/curated.tsv:2:74: a baseline or setting row needs a note saying why`},
		{"d/curated.tsv", curatedHead + "vim\textra\tvim\tcurated\tboth\thigh\t-\t-\tx\ngvim\textra\tvim\tcurated\tboth\thigh\t-\t-\tx\n", `d/curated.tsv:3:12: nixpkgs "vim" answers two rows (mark one to-nixos)`},
		{"d/curated.tsv", curatedHead + "vim\textra\tvim\tcurated\tboth\thigh\t-\t-\tx\nvim\textra\tvim-full\tcurated\tboth\thigh\t-\t-\tx\n", `d/curated.tsv:3:1: Arch "vim" is in two rows`},
		{"d/curated.tsv", curatedHead + "vim\tcommunity\tvim\tcurated\tboth\thigh\t-\t-\tx\n", `d/curated.tsv:2:5: "community" is not one of core, extra, multilib, aur`},
		{"d/groups.tsv", "group\tnixpkgs\tsetting\tnote\ngnome\t-\t-\tx\n", `d/groups.tsv:2:7: a group needs a nixpkgs attribute or a setting`},
		{"d/multilib.txt", "name\nsteam\nsteam\n", `d/multilib.txt:3:1: duplicate name "steam"`},
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

// benchNames are the mapped package names of the example lists (all but
// the AUR helper yay) and the Arch names of every hundredth row.
var benchNames = func() []string {
	names := []string{"base", "base-devel", "linux", "linux-firmware", "intel-ucode", "grub", "networkmanager", "openssh",
		"sudo", "git", "neovim", "tmux", "zsh", "ripgrep", "curl", "firefox", "mpv", "docker", "pipewire-pulse",
		"noto-fonts", "ttf-dejavu", "python", "python-requests", "go", "rustup", "nodejs", "npm", "gcc", "clang",
		"visual-studio-code-bin", "google-chrome", "spotify", "zoom"}
	tb, err := Default()
	if err != nil {
		panic(err)
	}
	for i, r := range tb.Rows() {
		if i%100 == 0 && r.Direction != ToArch {
			names = append(names, r.Arch[0])
		}
	}
	return names
}()

// BenchmarkLoadAndLookup measures what one nixarch run pays: reading the
// embedded rows and mapping 10,000 names that have rows. The facts, which
// only explain unmapped names, stay unread.
func BenchmarkLoadAndLookup(b *testing.B) {
	names := benchNames
	b.ReportAllocs()
	for range b.N {
		tb, err := load(embedded, "data", true)
		if err != nil {
			b.Fatal(err)
		}
		for i := range 10000 {
			if r := tb.Lookup(Arch, names[i%len(names)]); r.Match == nil {
				b.Fatalf("%s unmapped", names[i%len(names)])
			}
		}
	}
}

// BenchmarkLoadFacts measures the first lookup of an unmapped name, which
// reads the upstream facts to explain it.
func BenchmarkLoadFacts(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		tb, err := load(embedded, "data", true)
		if err != nil {
			b.Fatal(err)
		}
		tb.Lookup(Arch, "nixarch-no-such-package")
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

// Members of a set the rows know under another name map as the members
// of that set; a Python set for another interpreter caps the confidence.
func TestSetAliases(t *testing.T) {
	tb := table(t)
	tests := []struct {
		nix, arch  string
		confidence Confidence
		evidence   string
	}{
		{"python312Packages.requests", "python-requests", "", "python3Packages is python312Packages"},
		{"python311Packages.pip", "python-pip", ConfidenceMedium, "for Python 3.11"},
		{"luaPackages.luafilesystem", "lua52-filesystem", "", "luaPackages is lua52Packages"},
	}
	for _, tt := range tests {
		t.Run(tt.nix, func(t *testing.T) {
			m := tb.Lookup(NixOS, tt.nix).Match
			if m == nil {
				t.Fatalf("unmapped: %+v", tb.Lookup(NixOS, tt.nix))
			}
			if m.Target != tt.arch || !strings.Contains(m.Evidence, tt.evidence) {
				t.Errorf("= %s (%s), want %s with evidence %q", m.Target, m.Evidence, tt.arch, tt.evidence)
			}
			if tt.confidence != "" && m.Confidence != tt.confidence {
				t.Errorf("confidence %s, want %s", m.Confidence, tt.confidence)
			}
		})
	}
	if m := tb.Lookup(NixOS, "python312Packages.no-such-module-here").Match; m != nil {
		t.Errorf("an unknown member maps: %+v", m)
	}
}

// An unmapped name with nothing better to suggest gets the names of the
// other side spelt most like it; it stays unmapped.
func TestClosestSuggestions(t *testing.T) {
	tb := table(t)
	tests := []struct {
		from  Distro
		name  string
		first string
	}{
		{Arch, "firefx", "firefox"},
		{Arch, "neovm", "neovim"},
		{NixOS, "ripgre", "ripgrep"},
	}
	for _, tt := range tests {
		r := tb.Lookup(tt.from, tt.name)
		if r.Match != nil || len(r.Suggestions) == 0 || len(r.Suggestions) > maxClosest || r.Suggestions[0] != tt.first {
			t.Errorf("Lookup(%s, %s) = %+v, want unmapped, suggesting %s first", tt.from, tt.name, r, tt.first)
		}
	}
	if r := tb.Lookup(Arch, "nixarch-nothing-like-this"); len(r.Suggestions) != 0 {
		t.Errorf("suggestions for a name like nothing: %q", r.Suggestions)
	}
	if d := distanceWithin("kitten", "sitting", 5); d != 3 {
		t.Errorf("distance(kitten, sitting) = %d, want 3", d)
	}
}

// TestNerdFonts checks the rows of nerdfonts.tsv both ways, and that each
// Arch name is an official package of the facts.
func TestNerdFonts(t *testing.T) {
	tb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range tb.Rows() {
		if len(r.Nixpkgs) == 0 {
			continue
		}
		font, ok := strings.CutPrefix(r.Nixpkgs[0], NerdFontsAttr+".")
		if !ok || r.Method != MethodEcosystem {
			continue
		}
		n++
		if repo, ok := tb.IsOfficialArch(r.Arch[0]); !ok || repo != "extra" {
			t.Errorf("%s: %s is not in Arch extra", r.Origin, r.Arch[0])
		}
		if m := tb.Lookup(NixOS, r.Nixpkgs[0]).Match; m == nil || m.Target != r.Arch[0] || m.Confidence != ConfidenceHigh {
			t.Errorf("Lookup(nixos, %s) = %+v, want %s", r.Nixpkgs[0], m, r.Arch[0])
		}
		if m := tb.Lookup(Arch, r.Arch[0]).Match; m == nil || m.Target != NerdFontsAttr+"."+font {
			t.Errorf("Lookup(arch, %s) = %+v, want %s.%s", r.Arch[0], m, NerdFontsAttr, font)
		}
	}
	// The 67 fonts of nixpkgs 24.11's nerdfonts but UbuntuSans, which Arch
	// does not package.
	if n != 66 {
		t.Errorf("%d Nerd Fonts rows, want 66", n)
	}
	if m := tb.Lookup(NixOS, NerdFontsAttr+".NoSuchFont").Match; m != nil {
		t.Errorf("an unknown font maps to %+v", m)
	}
}
