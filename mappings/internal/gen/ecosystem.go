package main

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/nixarch/nixarch/mappings/internal/corpus"
	"github.com/nixarch/nixarch/mappings/internal/upstream"
)

// The ecosystem rules pair an Arch package with a member of a nixpkgs
// language or library set by how both distributions name them
// (python-requests ↔ python3Packages.requests). A rule only proposes a
// pair; it is written when
//
//   - both names exist: the Arch name in core/extra, the attribute in the
//     nixpkgs facts, or, for the sets those lack, in nixsets.tsv (names read
//     from the nixpkgs 24.11 tree, each row saying so); haskellPackages,
//     generated from all of Hackage, in hackage2nix.tsv (medium confidence
//     when stackage.yaml pins the package, low when nixpkgs marks it broken
//     or no list names it: "not verified");
//   - the upstream facts do not conflict (corpus.Agree): a shared key gives
//     high confidence, facts that cannot be compared medium;
//   - neither name is in a row already, and no other Arch name proposes
//     the same attribute (then both stay unmapped).
//
// These are the project's own rules; Repology's GPL rules were read for
// the patterns only.

const (
	methodEcosystem = "ecosystem"
	confidenceLow   = "low"
)

//go:embed nixsets.tsv
var nixsetsTSV []byte

//go:embed hackage2nix.tsv
var hackage2nixTSV []byte

// hackageStatus is what nixpkgs 24.11's Hackage-to-Nix configuration says
// about one Hackage package (hackage2nix.tsv).
type hackageStatus struct {
	stackage       string // the version stackage.yaml pins, or ""
	broken         bool   // broken.yaml
	dontDistribute bool   // transitive-broken.yaml: depends on a broken package
}

// hackage2nix reads hackage2nix.tsv: Hackage name → status.
func hackage2nix() (map[string]hackageStatus, error) {
	out := map[string]hackageStatus{}
	sc := bufio.NewScanner(bytes.NewReader(hackage2nixTSV))
	n, header := 0, false
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !header {
			if line != "name\tlist\tversion" {
				return nil, fmt.Errorf("hackage2nix.tsv:%d:1: header is %q, want \"name\\tlist\\tversion\"", n, line)
			}
			header = true
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[0] == "" || strings.ContainsAny(f[0], " .") {
			return nil, fmt.Errorf("hackage2nix.tsv:%d:1: bad row %q", n, line)
		}
		st := out[f[0]]
		switch {
		case f[1] == "stackage" && f[2] != "-" && f[2] != "":
			st.stackage = f[2]
		case f[1] == "broken" && f[2] == "-":
			st.broken = true
		case f[1] == "dont-distribute" && f[2] == "-":
			st.dontDistribute = true
		default:
			return nil, fmt.Errorf("hackage2nix.tsv:%d:2: bad list or version in %q", n, line)
		}
		out[f[0]] = st
	}
	return out, sc.Err()
}

// haskellNote says what is known of haskellPackages.h, given that Arch
// builds version of it, and whether that is too little to trust the row
// (unverified: low confidence). A package stackage.yaml pins at the same
// major version (the PVP's first two components) is verified; at another
// major version, or marked broken, the row stays low.
func haskellNote(h, version string, st hackageStatus) (note string, unverified bool) {
	const use = "; on NixOS use Haskell libraries through ghcWithPackages or a development shell"
	const src = "haskell-modules/configuration-hackage2nix/"
	arch := "Arch builds Hackage package " + h + " " + version
	switch {
	case st.broken:
		return arch + "; nixpkgs 24.11 marks haskellPackages." + h + " broken (" + src + "broken.yaml): it does not build", true
	case st.dontDistribute:
		return arch + "; nixpkgs 24.11 marks haskellPackages." + h + " as depending on a broken package (" + src + "transitive-broken.yaml): it does not build", true
	case st.stackage != "" && pvpMajor(st.stackage) != "" && pvpMajor(st.stackage) == pvpMajor(version):
		return arch + "; " + src + "stackage.yaml of nixpkgs 24.11 pins " + h + " at " + st.stackage + ", the same major version: haskellPackages." + h + " is that package, generated from Hackage (not evaluated: the generated file is not at hand)" + use, false
	case st.stackage != "" && (pvpMajor(st.stackage) == "" || pvpMajor(version) == ""):
		return arch + "; " + src + "stackage.yaml of nixpkgs 24.11 pins " + h + " at " + st.stackage + ", and the versions cannot be compared: check that haskellPackages." + h + " is the one you need" + use, true
	case st.stackage != "":
		return arch + "; " + src + "stackage.yaml of nixpkgs 24.11 pins " + h + " at " + st.stackage + ", another major version: check that haskellPackages." + h + " is the one you need" + use, true
	}
	return arch + "; haskellPackages is generated from Hackage (hackage-packages.nix), which the nixpkgs facts lack, and no list of nixpkgs' Hackage-to-Nix configuration names it, so the attribute is not verified" + use, true
}

// pvpMajor returns the major version of a Haskell package version (the
// first two components, "4.0" of 4.0.7; "1.0" of 1), or "" when v is not
// a plain dotted number.
func pvpMajor(v string) string {
	parts := strings.Split(v, ".")
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return ""
		}
	}
	if len(parts) == 1 {
		parts = append(parts, "0")
	}
	a, errA := strconv.Atoi(parts[0])
	b, errB := strconv.Atoi(parts[1])
	if errA != nil || errB != nil {
		return ""
	}
	return strconv.Itoa(a) + "." + strconv.Itoa(b)
}

// nixSets reads nixsets.tsv: set name → attribute names.
func nixSets() (map[string]map[string]bool, error) {
	sets := map[string]map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(nixsetsTSV))
	n, header := 0, false
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !header {
			if line != "set\tattr" {
				return nil, fmt.Errorf("nixsets.tsv:%d:1: header is %q, want \"set\\tattr\"", n, line)
			}
			header = true
			continue
		}
		set, attr, ok := strings.Cut(line, "\t")
		if !ok || set == "" || attr == "" || strings.ContainsAny(attr, "\t .") {
			return nil, fmt.Errorf("nixsets.tsv:%d:1: bad row %q", n, line)
		}
		if sets[set] == nil {
			sets[set] = map[string]bool{}
		}
		sets[set][attr] = true
	}
	return sets, sc.Err()
}

// nixsetSource says where the names of each set in nixsets.tsv come from.
var nixsetSource = map[string]string{
	"rubyPackages":  "pkgs/top-level/ruby-packages.nix",
	"lua51Packages": "pkgs/development/lua-modules/generated-packages.nix, built for Lua 5.1",
	"lua52Packages": "pkgs/development/lua-modules/generated-packages.nix, built for Lua 5.2",
	"lua53Packages": "pkgs/development/lua-modules/generated-packages.nix, built for Lua 5.3",
	"lua54Packages": "pkgs/development/lua-modules/generated-packages.nix, built for Lua 5.4",
	"ocamlPackages": "pkgs/top-level/ocaml-packages.nix",
	"qt6":           "pkgs/development/libraries/qt-6/default.nix",
	"gst_all_1":     "pkgs/development/libraries/gstreamer/default.nix",
	"libsForQt5":    "pkgs/development/libraries/kde-frameworks/srcs.nix or qt-5/5.15/default.nix",
	"xfce":          "pkgs/desktops/xfce/default.nix",
	"mate":          "pkgs/desktops/mate/default.nix",
	"lxqt":          "pkgs/desktops/lxqt/default.nix",
	"deepin":        "pkgs/desktops/deepin/default.nix",
	"pantheon":      "pkgs/desktops/pantheon/default.nix",
}

// desktopSets are the nixpkgs desktop sets whose members carry the names
// Arch gives the same packages (xfce4-panel, mate-desktop, liblxqt,
// dtkcore, wingpanel).
var desktopSets = []string{"deepin", "lxqt", "mate", "pantheon", "xfce"}

// proposal is one pair a rule proposes.
type proposal struct {
	rule, arch, nix string
	keys            []upstream.Key
	agree           corpus.Agreement
	unverified      bool   // the attribute is in no list of names
	byKey           bool   // found through a shared upstream key, not the name
	note            string // where the attribute's name was verified, or why not
}

// pep503 normalises a Python distribution name.
var pep503Sep = regexp.MustCompile(`[-_.]+`)

func pep503(s string) string { return pep503Sep.ReplaceAllString(strings.ToLower(s), "-") }

// squash lowercases s and drops '-', '_' and '.': perl-foo-bar and
// perlPackages.FooBar, xorg-font-util and xorg.fontutil.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '.' {
			return -1
		}
		return r
	}, strings.ToLower(s))
}

// hackageName finds the Hackage package name, with its case, in a source
// URL (…/packages/archive/QuickCheck/2.14.3/… or …/package/HUnit-1.6/…).
var hackageSource = regexp.MustCompile(`hackage\.haskell\.org/package(?:s/archive)?/([A-Za-z0-9][A-Za-z0-9-]*?)(?:-[0-9][0-9.]*)?(?:/|$)`)

func hackageName(raw string) string {
	m := hackageSource.FindStringSubmatch(raw)
	if m == nil {
		return ""
	}
	return m[1]
}

// ecoIndex indexes the nixpkgs facts for the rules.
type ecoIndex struct {
	c       *corpus.Corpus
	sets    map[string]map[string]bool
	taken   map[string]bool                // nixpkgs names the facts lack (nixtaken.txt)
	hackage map[string]hackageStatus       // hackage2nix.tsv
	byName  map[string]map[string][]string // set → normalised last component → attrs
	byKey   map[upstream.Key][]string      // specific key → attrs in sets
}

func newEcoIndex(c *corpus.Corpus, sets map[string]map[string]bool) *ecoIndex {
	x := &ecoIndex{c: c, sets: sets, byName: map[string]map[string][]string{}, byKey: map[upstream.Key][]string{}}
	add := func(set, norm, attr string) {
		if x.byName[set] == nil {
			x.byName[set] = map[string][]string{}
		}
		x.byName[set][norm] = append(x.byName[set][norm], attr)
	}
	for _, n := range c.Nix {
		set, last, ok := strings.Cut(n.Attr, ".")
		if !ok || strings.Contains(last, ".") {
			continue
		}
		switch set {
		case "python3Packages":
			add(set, pep503(last), n.Attr)
		case "perlPackages", "xorg":
			add(set, squash(last), n.Attr)
		default:
			continue
		}
		for _, k := range n.Keys {
			switch k.Kind() {
			case "pypi", "cpan", "repo":
				x.byKey[k] = append(x.byKey[k], n.Attr)
			}
		}
	}
	return x
}

func (x *ecoIndex) keysOf(attr string) []upstream.Key {
	if n, ok := x.c.NixAttr(attr); ok {
		return n.Keys
	}
	return nil
}

// propose runs every rule over one Arch package; source is its first
// source URL and version its pkgver.
func (x *ecoIndex) propose(a corpus.Arch, source, version string) []proposal {
	var out []proposal
	byKey := false
	fromFacts := func(rule string, attrs []string) {
		attrs = uniq(attrs)
		if len(attrs) != 1 {
			return
		}
		keys, agree := x.c.Agree(x.keysOf(attrs[0]), a.Keys)
		out = append(out, proposal{rule: rule, arch: a.Name, nix: attrs[0], keys: keys, agree: agree, byKey: byKey})
	}
	fromList := func(rule, set, attr string) {
		if x.sets[set][attr] {
			out = append(out, proposal{rule: rule, arch: a.Name, nix: set + "." + attr, agree: corpus.Unknown,
				note: fmt.Sprintf("attribute %s.%s read from %s of nixpkgs 24.11 (the set is not in the facts)", set, attr, nixsetSource[set])})
		}
	}
	keysOfKind := func(kind string) []upstream.Key {
		var ks []upstream.Key
		for _, k := range a.Keys {
			if k.Kind() == kind {
				ks = append(ks, k)
			}
		}
		return ks
	}
	name := a.Name
	switch {
	case strings.HasPrefix(name, "python-"):
		// Same normalised name first; else the one attribute with Arch's
		// PyPI name (python-yaml is PyPI's PyYAML, nixpkgs' pyyaml).
		if attrs := x.byName["python3Packages"][pep503(name[len("python-"):])]; len(attrs) > 0 {
			fromFacts("python", attrs)
			break
		}
		var attrs []string
		byKey = true
		for _, k := range keysOfKind("pypi") {
			attrs = append(attrs, x.byKey[k]...)
		}
		if len(attrs) == 0 {
			for _, k := range keysOfKind("repo") {
				attrs = append(attrs, x.byKey[k]...)
			}
		}
		fromFacts("python", attrs)
	case strings.HasPrefix(name, "perl-"):
		// CPAN's Foo-Bar is Arch's perl-foo-bar and nixpkgs' FooBar; the
		// shared CPAN dist decides when the names are spelt otherwise.
		var attrs []string
		byKey = true
		for _, k := range keysOfKind("cpan") {
			attrs = append(attrs, x.byKey[k]...)
		}
		if len(uniq(attrs)) != 1 {
			byKey = false
			attrs = x.byName["perlPackages"][squash(name[len("perl-"):])]
		}
		fromFacts("perl", attrs)
	case strings.HasPrefix(name, "haskell-"):
		// Arch names Hackage's X haskell-x, and keeps a Hackage name
		// that begins with haskell- as it is (haskell-gi).
		h := hackageName(source)
		if l := strings.ToLower(h); h != "" && (l == name[len("haskell-"):] || l == name) {
			note, unverified := haskellNote(h, version, x.hackage[h])
			out = append(out, proposal{rule: "haskell", arch: name, nix: "haskellPackages." + h, agree: corpus.Unknown, unverified: unverified,
				keys: []upstream.Key{upstream.Key("hackage:" + strings.ToLower(h))}, note: note})
		}
	case strings.HasPrefix(name, "qt5-"):
		fromList("qt5", "libsForQt5", "qt"+strings.ReplaceAll(name[len("qt5-"):], "-", ""))
	case strings.HasSuffix(name, "5") && x.sets["libsForQt5"][strings.TrimSuffix(name, "5")]:
		// Arch names KDE Frameworks 5 kcoreaddons5; nixpkgs keeps them in
		// libsForQt5 under the framework's name.
		fromList("kf5", "libsForQt5", strings.TrimSuffix(name, "5"))
	case strings.HasPrefix(name, "qt6-"):
		fromList("qt6", "qt6", "qt"+strings.ReplaceAll(name[len("qt6-"):], "-", ""))
	case strings.HasPrefix(name, "gst-") || name == "gstreamer":
		fromList("gstreamer", "gst_all_1", name)
	case strings.HasPrefix(name, "ruby-"):
		// A RubyGems source says the package is the gem; so does a
		// package of its own (not a split package of ruby itself, such as
		// ruby-stdlib), named ruby-GEM by Arch's Ruby package guidelines,
		// that Arch builds from the gem's repository.
		if len(keysOfKind("gem")) > 0 || a.Base == name {
			fromList("ruby", "rubyPackages", name[len("ruby-"):])
		}
	case strings.HasPrefix(name, "ocaml-"):
		// The opam name, with - (bigarray-compat) or _ (ppx_deriving):
		// only one may exist.
		pkg := name[len("ocaml-"):]
		var found []string
		for _, c := range []string{pkg, strings.ReplaceAll(pkg, "-", "_")} {
			if x.sets["ocamlPackages"][c] && !contains(found, c) {
				found = append(found, c)
			}
		}
		if len(found) == 1 {
			fromList("ocaml", "ocamlPackages", found[0])
		}
	case luaSet(name) != "":
		// Arch builds lua-X for Lua 5.4, its lua (luaPackages is
		// nixpkgs' Lua 5.2 set), and lua51-X, lua52-X, lua53-X for the
		// older interpreters. The rock is X, or luaX or lua-X
		// (lua-filesystem is luafilesystem): only one may exist.
		set := luaSet(name)
		rock := name[strings.IndexByte(name, '-')+1:]
		var found []string
		for _, c := range []string{rock, strings.ReplaceAll(rock, "-", "_"), "lua" + rock, "lua-" + rock} {
			if x.sets[set][c] && !contains(found, c) {
				found = append(found, c)
			}
		}
		if len(found) == 1 {
			fromList("lua", set, found[0])
		}
	case x.desktop(name) != "":
		// A desktop's packages: Arch's name is the set member's. Not
		// when nixpkgs has a top-level attribute of that name, which the
		// same-name rule judged (exo is another project there).
		set := x.desktop(name)
		if _, ok := x.c.NixAttr(name); !ok && !x.taken[name] {
			fromList("desktop", set, name)
		}
	default:
		// X.org: libx11 ↔ xorg.libX11, xorg-xrandr ↔ xorg.xrandr,
		// xorg-server ↔ xorg.xorgserver.
		attrs := x.byName["xorg"][squash(name)]
		if t, ok := strings.CutPrefix(name, "xorg-"); ok && len(attrs) == 0 {
			attrs = x.byName["xorg"][squash(t)]
		}
		fromFacts("xorg", attrs)
	}
	return out
}

// luaSet returns the nixpkgs Lua package set an Arch Lua module name
// belongs to (lua-X is built for Lua 5.4, lua51-X for 5.1), or "".
func luaSet(name string) string {
	for prefix, set := range map[string]string{"lua-": "lua54Packages", "lua51-": "lua51Packages", "lua52-": "lua52Packages", "lua53-": "lua53Packages"} {
		if strings.HasPrefix(name, prefix) && len(name) > len(prefix) {
			return set
		}
	}
	return ""
}

// desktop returns the one desktop set with a member named name, or "".
func (x *ecoIndex) desktop(name string) string {
	found := ""
	for _, set := range desktopSets {
		if x.sets[set][name] {
			if found != "" {
				return ""
			}
			found = set
		}
	}
	return found
}

func uniq(s []string) []string {
	sort.Strings(s)
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// ecosystemRows applies the rules to every Arch package not in a row yet.
// taken holds the nixpkgs attributes already in rows.
func ecosystemRows(in *inputs, c *corpus.Corpus, mapped, taken map[string]bool) ([]row, error) {
	sets, err := nixSets()
	if err != nil {
		return nil, err
	}
	x := newEcoIndex(c, sets)
	if x.taken, err = nixTaken(); err != nil {
		return nil, err
	}
	if x.hackage, err = hackage2nix(); err != nil {
		return nil, err
	}
	var props []proposal
	byNix := map[string]int{}
	byNixName := map[string]int{} // proposals found by name
	for _, a := range in.arch {
		if mapped[a.name] {
			continue
		}
		ca, _ := c.ArchPackage(a.name)
		for _, p := range x.propose(*ca, a.source, a.version) {
			if taken[p.nix] || p.agree == corpus.Conflict {
				continue
			}
			props = append(props, p)
			byNix[p.nix]++
			if !p.byKey {
				byNixName[p.nix]++
			}
		}
	}
	var rows []row
	for _, p := range props {
		// Two Arch names want the attribute: the one that has its name
		// wins over those that only share an upstream key with it
		// (python-lxml over python-lxml-docs); otherwise neither is sure.
		if byNix[p.nix] > 1 && (p.byKey || byNixName[p.nix] != 1) {
			continue
		}
		conf := confidenceMedium
		switch {
		case p.unverified:
			conf = confidenceLow
		case p.agree == corpus.Shared:
			conf = confidenceHigh
		}
		ev := fmt.Sprintf("%s rule (Arch %s = nixpkgs %s)", p.rule, p.arch, p.nix)
		switch {
		case p.agree == corpus.Shared:
			k := best(p.keys)
			ev += "; same upstream " + corpus.Display(k)
			if n := len(p.keys) - 1; n > 0 {
				ev += fmt.Sprintf(" and %d more", n)
			}
		case p.note == "":
			ev += "; the upstream facts neither confirm nor contradict it"
		}
		if p.note != "" {
			ev += "; " + p.note
		}
		proj := project(p.keys)
		if proj == "" {
			proj = p.rule + ":" + p.arch
		}
		rows = append(rows, row{project: proj, nix: p.nix, arch: p.arch, repo: archRepo(in, p.arch),
			method: methodEcosystem, confidence: conf, evidence: ev, tier: p.rule})
	}
	return rows, nil
}

func archRepo(in *inputs, name string) string {
	i := sort.Search(len(in.arch), func(i int) bool { return in.arch[i].name >= name })
	return in.arch[i].repo
}
