// Package corpus holds the upstream facts of both sides (nixpkgs attributes
// and Arch packages) and decides, for one name, whether the same-name and
// same-upstream rule picks exactly one package on the other side. The
// generator uses it to write the mapping rows; package mappings uses it at
// run time to explain why a name is unmapped and what to check by hand.
//
// # Names
//
// A nixpkgs attribute X is named, exactly, by its path when it is top-level
// (no dot) and by every default alias pointing at it (all-packages.nix
// lines such as "go = go_1_23;"); it is also named, loosely, by its pname.
// A wrapper (firefox wrapping firefox-unwrapped) takes the upstream keys of
// what it wraps and also answers to its pname; the wrapped attribute is then
// not a candidate of its own. An Arch package is named by its pkgname.
//
// # The rule
//
// From an Arch name P, the nixpkgs side is chosen so:
//
//  1. If an attribute is exactly named P, it is the only candidate: it
//     matches if it shares P's upstream, and nothing else is considered
//     (a different project under the exact name means the name is taken).
//  2. Otherwise the attributes whose pname is P are candidates. Exactly one
//     of them must share P's upstream, and none may lack upstream facts
//     (it could be the same project, so the choice would be a guess).
//     Candidates with a different upstream (python3Packages.zstd next to
//     zstd) are other projects and do not block.
//
// From an attribute X the Arch side is chosen the same way: an Arch package
// exactly named like X (its top-level path or a default alias of it) first,
// else the Arch package named like X's pname. X and P are a pair only when
// each side chooses the other, so both directions give the same rows.
//
// # Different names (SameUpstream)
//
// A weaker rule, applied last to what no other rule maps, pairs an Arch
// package P and a nixpkgs attribute X whose names differ when all of these
// hold:
//
//   - P has a key of a kind that names one project (a forge repository, a
//     registry name, a GNU, Savannah, SourceForge or Launchpad project; not
//     a homepage and not a release tarball) that is not shared, and X is
//     the only attribute (a wrapper standing for what it wraps) with any
//     such key of P; P is the only Arch package with any such key of X, so
//     a split package (its siblings share its keys) never qualifies;
//   - nixpkgs names nothing P: no attribute, default alias or rename in the
//     facts, and no attribute the facts lack (made by an override, such as
//     curl = curlMinimal.override, ngspice = libngspice.override: the
//     caller lists those), so a variant is never picked for a name nixpkgs
//     uses itself; Arch has no package named like X;
//   - neither is in a same-name pair, and the names are related
//     (RelatedNames): equal but for case and punctuation (lp_solve and
//     lpsolve, cryptopp and crypto++), or one is the other with "lib" in
//     front (vips and libvips), or P is X with "python-" in front
//     (pyotherside and python-pyotherside). Digits must agree (cvc4 and
//     cvc5, libkscreen5 and kdePackages.libkscreen stay apart).
//
// Such pairs are medium confidence at best.
//
// # Shared keys
//
// A key used by more than Threshold distinct projects (nixpkgs pnames or
// Arch pkgbases, whichever is larger) is shared. A shared homepage names a
// site (gnu.org/software, kde.org, a GitHub organisation), not a project,
// and is ignored. Every other kind names one source (a repository, a
// registry entry, a release tarball name), so a shared one means several
// packages are built from it (llvm-project, firefox and firefox-esr): it
// still counts, since the names must agree too, but the match is weak.
package corpus

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/nixarch/nixarch/mappings/internal/upstream"
)

// Threshold is the largest number of distinct projects a key may be used by
// and still be specific to one project.
const Threshold = 3

// NotInFacts is the reason given for an attribute the nixpkgs facts lack.
const NotInFacts = "not in the nixpkgs 24.11 facts (attributes made by overrides, and sets such as haskellPackages, nodePackages and vimPlugins, are not covered)"

// MaxSuggestions caps Verdict.Suggestions.
const MaxSuggestions = 5

// Nix is one nixpkgs attribute.
type Nix struct {
	Attr  string
	Pname string
	// Via is the wrapped attribute whose upstream keys Keys are, or "".
	Via  string
	Keys []upstream.Key
}

// Arch is one Arch core/extra/multilib package.
type Arch struct {
	Name string
	Repo string
	Base string
	Keys []upstream.Key
}

// Share counts the distinct projects on each side that use a shared key.
type Share struct{ Nix, Arch int }

// Ignored reports whether a key with this share names a site, not a project.
func Ignored(k upstream.Key, s Share) bool {
	return k.Kind() == upstream.KindHome && max(s.Nix, s.Arch) > Threshold
}

// Corpus indexes both sides.
type Corpus struct {
	Nix  []Nix
	Arch []Arch
	// Defaults maps a default alias to the attribute it evaluates to.
	Defaults map[string]string
	Shared   map[upstream.Key]Share

	nixOnce     sync.Once // builds nixByPname and nixByKey when first needed
	nixByPname  map[string][]int
	wrappers    map[string][]int
	defaultsFor map[string][]string
	nixByKey    map[upstream.Key][]int
	archByKey   map[upstream.Key][]int
}

// New indexes nix and arch, which it sorts by name where they are not.
// defaults maps default aliases to attributes in nix; shared holds every
// key used by more than Threshold projects.
func New(nix []Nix, arch []Arch, defaults map[string]string, shared map[upstream.Key]Share) *Corpus {
	c := &Corpus{
		Nix: nix, Arch: arch, Defaults: defaults, Shared: shared,
		wrappers:    make(map[string][]int),
		defaultsFor: make(map[string][]string),
		archByKey:   make(map[upstream.Key][]int, 2*len(arch)),
	}
	// Sorted, the names are searched: no map of 100,000 names is built
	// at every start.
	byAttr := func(a, b Nix) int { return strings.Compare(a.Attr, b.Attr) }
	if !slices.IsSortedFunc(nix, byAttr) {
		slices.SortStableFunc(nix, byAttr)
	}
	byName := func(a, b Arch) int { return strings.Compare(a.Name, b.Name) }
	if !slices.IsSortedFunc(arch, byName) {
		slices.SortStableFunc(arch, byName)
	}
	for i, n := range nix {
		if n.Via != "" {
			c.wrappers[n.Via] = append(c.wrappers[n.Via], i)
		}
	}
	for alias, attr := range defaults {
		c.defaultsFor[attr] = append(c.defaultsFor[attr], alias)
	}
	for _, as := range c.defaultsFor {
		sort.Strings(as)
	}
	for i, a := range arch {
		for _, k := range a.Keys {
			if c.specific(k) {
				c.archByKey[k] = append(c.archByKey[k], i)
			}
		}
	}
	return c
}

// indexNix builds the indexes of Nix by pname and by key. Looking an
// Arch name up needs them, looking a nixpkgs attribute up does not: they
// are built the first time they are needed, which a migration from NixOS
// never does.
func (c *Corpus) indexNix() {
	c.nixOnce.Do(func() {
		c.nixByPname = make(map[string][]int, len(c.Nix))
		c.nixByKey = make(map[upstream.Key][]int, 2*len(c.Nix))
		for i, n := range c.Nix {
			for _, p := range c.pnames(i) {
				c.nixByPname[p] = append(c.nixByPname[p], i)
			}
			for _, k := range n.Keys {
				if c.specific(k) {
					c.nixByKey[k] = append(c.nixByKey[k], i)
				}
			}
		}
	})
}

// nixWithPname returns the attributes whose pname is p.
func (c *Corpus) nixWithPname(p string) []int { c.indexNix(); return c.nixByPname[p] }

// nixWithKey returns the attributes with the upstream key k.
func (c *Corpus) nixWithKey(k upstream.Key) []int { c.indexNix(); return c.nixByKey[k] }

// nixIndex returns the index in Nix of the attribute attr.
func (c *Corpus) nixIndex(attr string) (int, bool) { return SearchNix(c.Nix, attr) }

// SearchNix returns the index of the attribute attr in nix, which is
// sorted by attribute.
func SearchNix(nix []Nix, attr string) (int, bool) {
	return slices.BinarySearchFunc(nix, attr, func(n Nix, attr string) int { return strings.Compare(n.Attr, attr) })
}

// nixAt is nixIndex for an attribute known to be there.
func (c *Corpus) nixAt(attr string) int { i, _ := c.nixIndex(attr); return i }

// archIndex returns the index in Arch of the package name.
func (c *Corpus) archIndex(name string) (int, bool) {
	return slices.BinarySearchFunc(c.Arch, name, func(a Arch, name string) int { return strings.Compare(a.Name, name) })
}

// archAt is archIndex for a name known to be there.
func (c *Corpus) archAt(name string) int { i, _ := c.archIndex(name); return i }

func (c *Corpus) specific(k upstream.Key) bool { _, ok := c.Shared[k]; return !ok }

func (c *Corpus) counts(k upstream.Key) bool {
	s, ok := c.Shared[k]
	return !ok || !Ignored(k, s)
}

// pnames are the attribute's pname and, for a wrapper, the wrapped one's.
func (c *Corpus) pnames(i int) []string {
	var out []string
	if p := c.Nix[i].Pname; p != "" {
		out = append(out, p)
	}
	if w, ok := c.nixIndex(c.Nix[i].Via); ok {
		if p := c.Nix[w].Pname; p != "" && !contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// exactNames are the top-level path and the default aliases of attr.
func (c *Corpus) exactNames(attr string) []string {
	var out []string
	if !strings.Contains(attr, ".") {
		out = append(out, attr)
	}
	return append(out, c.defaultsFor[attr]...)
}

// wrapped reports whether attr is wrapped by another attribute.
func (c *Corpus) wrapped(attr string) bool { return len(c.wrappers[attr]) > 0 }

// NixAttr returns the attribute named attr.
func (c *Corpus) NixAttr(attr string) (*Nix, bool) {
	i, ok := c.nixIndex(attr)
	if !ok {
		return nil, false
	}
	return &c.Nix[i], true
}

// ArchPackage returns the Arch package named name.
func (c *Corpus) ArchPackage(name string) (*Arch, bool) {
	i, ok := c.archIndex(name)
	if !ok {
		return nil, false
	}
	return &c.Arch[i], true
}

// Verdict is the outcome of the rule for one name.
type Verdict struct {
	// Nix and Arch are the matched pair; both nil when unmapped.
	Nix  *Nix
	Arch *Arch
	// NixName is the name the Arch side matched on the nixpkgs side: the
	// attribute path, a default alias of it, or its pname.
	NixName string
	// Exact is true when both sides matched an exact name, not a pname.
	Exact bool
	// Keys are the upstream keys both share and that count.
	Keys []upstream.Key
	// Weak is true when every key in Keys is shared by many projects.
	Weak bool
	// Reason says why the name is unmapped.
	Reason string
	// Suggestions are names on the other side worth checking by hand.
	Suggestions []string
}

// choice is one side's pick: the winner, how it was named, or why none.
type choice struct {
	nix     int // index into Nix, or -1
	arch    int // index into Arch, or -1
	name    string
	exact   bool
	reason  string
	suggest []string
}

// nixFor chooses the nixpkgs attribute for the Arch package a.
func (c *Corpus) nixFor(a *Arch) choice {
	ch := choice{nix: -1, arch: -1}
	exact, name := -1, a.Name
	if i, ok := c.nixIndex(a.Name); ok && !strings.Contains(a.Name, ".") {
		exact = i
	} else if target, ok := c.Defaults[a.Name]; ok {
		exact = c.nixAt(target)
	}
	if exact >= 0 {
		n := &c.Nix[exact]
		ch.suggest = []string{name}
		if c.wrapped(n.Attr) { // asked for the unwrapped name: pick the wrapper
			ch.reason = fmt.Sprintf("nixpkgs attribute %q is wrapped by %s", n.Attr, strings.Join(c.wrapperNames(n.Attr), ", "))
			ch.suggest = c.wrapperNames(n.Attr)
			return ch
		}
		if _, p := c.compare(n.Keys, a.Keys); p != "" {
			ch.reason = fmt.Sprintf("nixpkgs has an attribute %q but %s", name, sideProblem(p, "nixpkgs", "Arch"))
			return ch
		}
		ch.nix, ch.name, ch.exact = exact, name, true
		return ch
	}
	var sharing, unknown, differ []string
	for _, i := range c.nixWithPname(a.Name) {
		n := &c.Nix[i]
		if c.wrapped(n.Attr) {
			continue // its wrapper is a candidate too
		}
		switch _, p := c.compare(n.Keys, a.Keys); {
		case p == "":
			sharing = append(sharing, n.Attr)
		case len(n.Keys) == 0:
			unknown = append(unknown, n.Attr)
		default:
			differ = append(differ, n.Attr)
		}
	}
	sort.Strings(sharing)
	sort.Strings(unknown)
	sort.Strings(differ)
	ch.suggest = append(append(append([]string(nil), sharing...), unknown...), differ...)
	switch {
	case len(sharing)+len(unknown)+len(differ) == 0:
		ch.reason = "no nixpkgs attribute with this name"
	case len(sharing) > 1:
		ch.reason = fmt.Sprintf("ambiguous: %d nixpkgs attributes with pname %q share Arch's upstream (%s)", len(sharing), a.Name, list(sharing))
	case len(sharing) == 1 && len(unknown) > 0:
		ch.reason = fmt.Sprintf("ambiguous: %s shares Arch's upstream, but %s also has pname %q and no upstream facts", sharing[0], list(unknown), a.Name)
	case len(sharing) == 1 && !SameLooseName(lastComponent(sharing[0]), a.Name):
		ch.reason = fmt.Sprintf("nixpkgs attribute %q has pname %q and shares Arch's upstream, but its name differs: it may be a variant, a wrapper's inner package or a package set", sharing[0], a.Name)
	case len(sharing) == 1:
		ch.nix, ch.name = c.nixAt(sharing[0]), a.Name
	case len(unknown)+len(differ) == 1:
		attr := append(unknown, differ...)[0]
		_, p := c.compare(c.Nix[c.nixAt(attr)].Keys, a.Keys)
		ch.reason = fmt.Sprintf("nixpkgs attribute %q has pname %q but %s", attr, a.Name, sideProblem(p, "nixpkgs", "Arch"))
	default:
		ch.reason = fmt.Sprintf("%d nixpkgs attributes have pname %q but none shares Arch's upstream (%s)", len(unknown)+len(differ), a.Name, list(append(unknown, differ...)))
	}
	return ch
}

// SameLooseName reports whether a nixpkgs attribute name and an Arch name
// differ only in case, a leading underscore (nixpkgs names may not start
// with a digit) and the separators '_', '.' and '-': _389-ds-base and
// 389-ds-base, cyrus_sasl and cyrus-sasl, acme-sh and acme.sh. A pname
// match whose attribute is named otherwise (curlMinimal, mpv-unwrapped,
// opensshPackages for curl, mpv, openssh) may pick a variant, an inner
// package or a whole set, so it is not a mapping.
func SameLooseName(attrName, archName string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimPrefix(s, "_"))
		return strings.NewReplacer("_", "-", ".", "-").Replace(s)
	}
	return norm(attrName) == norm(archName)
}

// lastComponent is the last part of an attribute path: kate of
// kdePackages.kate.
func lastComponent(attr string) string { return attr[strings.LastIndexByte(attr, '.')+1:] }

// archFor chooses the Arch package for the nixpkgs attribute n.
func (c *Corpus) archFor(n *Nix) choice {
	ch := choice{nix: -1, arch: -1}
	var exact []string
	for _, name := range c.exactNames(n.Attr) {
		if _, ok := c.archIndex(name); ok {
			exact = append(exact, name)
		}
	}
	switch len(exact) {
	case 0:
	case 1:
		a := &c.Arch[c.archAt(exact[0])]
		ch.suggest = exact
		if _, p := c.compare(n.Keys, a.Keys); p != "" {
			ch.reason = fmt.Sprintf("Arch has a package %q but %s", a.Name, sideProblem(p, "Arch", "nixpkgs"))
			return ch
		}
		ch.arch, ch.name, ch.exact = c.archAt(exact[0]), exact[0], true
		return ch
	default:
		ch.suggest = exact
		ch.reason = fmt.Sprintf("ambiguous: %d Arch packages are named like this attribute (%s)", len(exact), list(exact))
		return ch
	}
	var sharing, other []string
	for _, p := range c.pnames(c.nixAt(n.Attr)) {
		i, ok := c.archIndex(p)
		if !ok {
			continue
		}
		if _, prob := c.compare(n.Keys, c.Arch[i].Keys); prob == "" {
			sharing = append(sharing, p)
		} else {
			other = append(other, p)
		}
	}
	ch.suggest = append(append([]string(nil), sharing...), other...)
	switch {
	case len(sharing) == 1:
		ch.arch, ch.name = c.archAt(sharing[0]), sharing[0]
	case len(sharing) > 1:
		ch.reason = fmt.Sprintf("ambiguous: %d Arch packages share this attribute's upstream (%s)", len(sharing), list(sharing))
	case len(other) == 1:
		a := &c.Arch[c.archAt(other[0])]
		_, p := c.compare(n.Keys, a.Keys)
		ch.reason = fmt.Sprintf("Arch has a package %q (this attribute's pname) but %s", a.Name, sideProblem(p, "Arch", "nixpkgs"))
	case len(other) > 1:
		ch.reason = fmt.Sprintf("%d Arch packages are named like this attribute's pname but none shares its upstream (%s)", len(other), list(other))
	default:
		ch.reason = "no Arch core/extra package with this name (it may be in the AUR)"
	}
	return ch
}

func (c *Corpus) wrapperNames(attr string) []string {
	var out []string
	for _, i := range c.wrappers[attr] {
		out = append(out, c.Nix[i].Attr)
	}
	sort.Strings(out)
	return out
}

// FromArch applies the rule to an Arch package name.
func (c *Corpus) FromArch(name string) Verdict {
	ai, ok := c.archIndex(name)
	if !ok {
		var sugg []string
		if i, ok := c.nixIndex(name); ok && !strings.Contains(name, ".") {
			sugg = append(sugg, c.Nix[i].Attr)
		}
		for _, i := range c.nixWithPname(name) {
			if !c.wrapped(c.Nix[i].Attr) {
				sugg = append(sugg, c.Nix[i].Attr)
			}
		}
		return Verdict{
			Reason:      "not in Arch core/extra: an AUR or local package; no upstream facts to match it",
			Suggestions: capped(sugg, nil),
		}
	}
	a := &c.Arch[ai]
	ch := c.nixFor(a)
	if ch.nix < 0 {
		return Verdict{Reason: ch.reason, Suggestions: capped(ch.suggest, c.nixSharing(a.Keys))}
	}
	n := &c.Nix[ch.nix]
	back := c.archFor(n)
	if back.arch != ai {
		reason := fmt.Sprintf("nixpkgs %s has this name, but from its side: %s", n.Attr, back.reason)
		if back.arch >= 0 {
			reason = fmt.Sprintf("nixpkgs %s has this name, but maps to Arch %s instead", n.Attr, c.Arch[back.arch].Name)
		}
		return Verdict{Reason: reason, Suggestions: capped(ch.suggest, c.nixSharing(a.Keys))}
	}
	return c.verdict(n, a, ch, back)
}

// FromNix applies the rule to a nixpkgs attribute path (already resolved
// from an alias). A wrapped attribute is judged through its only wrapper.
func (c *Corpus) FromNix(attr string) Verdict {
	if target, ok := c.Defaults[attr]; ok {
		attr = target
	}
	if ws := c.wrappers[attr]; len(ws) == 1 {
		attr = c.Nix[ws[0]].Attr
	}
	ni, ok := c.nixIndex(attr)
	if !ok {
		return Verdict{Reason: NotInFacts}
	}
	n := &c.Nix[ni]
	ch := c.archFor(n)
	if ch.arch < 0 {
		return Verdict{Reason: ch.reason, Suggestions: capped(ch.suggest, c.archSharing(n.Keys))}
	}
	a := &c.Arch[ch.arch]
	back := c.nixFor(a)
	if back.nix != ni {
		reason := fmt.Sprintf("Arch %s has this name, but from its side: %s", a.Name, back.reason)
		if back.nix >= 0 {
			reason = fmt.Sprintf("Arch %s has this name, but maps to nixpkgs %s instead", a.Name, c.Nix[back.nix].Attr)
		}
		return Verdict{Reason: reason, Suggestions: capped(ch.suggest, c.archSharing(n.Keys))}
	}
	return c.verdict(n, a, back, ch)
}

func (c *Corpus) verdict(n *Nix, a *Arch, nixCh, archCh choice) Verdict {
	keys, _ := c.compare(n.Keys, a.Keys)
	weak := true
	for _, k := range keys {
		if c.specific(k) {
			weak = false
		}
	}
	return Verdict{Nix: n, Arch: a, NixName: nixCh.name, Exact: nixCh.exact && archCh.exact, Keys: keys, Weak: weak}
}

// compare returns the keys both sides share and that count, or a problem
// code: "nofacts:nix", "nofacts:arch", "ignored:KEY" or "differ".
func (c *Corpus) compare(nixKeys, archKeys []upstream.Key) ([]upstream.Key, string) {
	if len(nixKeys) == 0 {
		return nil, "nofacts:nix"
	}
	if len(archKeys) == 0 {
		return nil, "nofacts:arch"
	}
	var common []upstream.Key
	ignored := upstream.Key("")
	for _, k := range nixKeys {
		if !contains(archKeys, k) {
			continue
		}
		if !c.counts(k) {
			if ignored == "" {
				ignored = k
			}
			continue
		}
		common = append(common, k)
	}
	switch {
	case len(common) > 0:
		return common, ""
	case ignored != "":
		s := c.Shared[ignored]
		return nil, fmt.Sprintf("ignored:%d:%s", max(s.Nix, s.Arch), Display(ignored))
	}
	return nil, "differ:" + Display(Primary(nixKeys)) + "\x00" + Display(Primary(archKeys))
}

// sideProblem phrases a compare problem from the side named this, whose
// package was found, against the side named other, where the name was
// asked.
func sideProblem(p, this, other string) string {
	kind, rest, _ := strings.Cut(p, ":")
	switch kind {
	case "nofacts":
		if (rest == "nix") == (this == "nixpkgs") {
			return "it has no upstream facts to compare"
		}
		return fmt.Sprintf("%s's package has no upstream facts to compare", other)
	case "ignored":
		n, key, _ := strings.Cut(rest, ":")
		return fmt.Sprintf("the only upstream fact it shares with %s's is %s, which %s projects use", other, key, n)
	}
	nixUp, archUp, _ := strings.Cut(rest, "\x00")
	if this == "nixpkgs" {
		return fmt.Sprintf("its upstream (%s) differs from %s's (%s)", nixUp, other, archUp)
	}
	return fmt.Sprintf("its upstream (%s) differs from %s' (%s)", archUp, other, nixUp)
}

// Primary picks the key to show a user: the homepage, else the first.
func Primary(keys []upstream.Key) upstream.Key {
	for _, k := range keys {
		if k.Kind() == upstream.KindHome {
			return k
		}
	}
	if len(keys) == 0 {
		return ""
	}
	return keys[0]
}

// Display formats a key for a message: homepages, release directories and
// repositories as their host/path, others as kind:value.
func Display(k upstream.Key) string {
	switch k.Kind() {
	case upstream.KindHome, upstream.KindDL, "repo":
		return k.Value()
	case "":
		return "none"
	}
	return string(k)
}

func (c *Corpus) nixSharing(keys []upstream.Key) []string {
	var out []string
	for _, k := range keys {
		for _, i := range c.nixWithKey(k) {
			if !c.wrapped(c.Nix[i].Attr) {
				out = append(out, c.Nix[i].Attr)
			}
		}
	}
	return out
}

func (c *Corpus) archSharing(keys []upstream.Key) []string {
	var out []string
	for _, k := range keys {
		for _, i := range c.archByKey[k] {
			out = append(out, c.Arch[i].Name)
		}
	}
	return out
}

// capped lists first (in its order) then the sorted rest, without
// duplicates, at most MaxSuggestions names.
func capped(first, rest []string) []string {
	rest = append([]string(nil), rest...)
	sort.Strings(rest)
	var out []string
	for _, s := range append(append([]string(nil), first...), rest...) {
		if len(out) == MaxSuggestions {
			break
		}
		if !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func list(names []string) string {
	if len(names) > MaxSuggestions {
		return strings.Join(names[:MaxSuggestions], ", ") + ", …"
	}
	return strings.Join(names, ", ")
}

func contains[T comparable](s []T, v T) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// ResolveDefaults follows chains of default aliases (lua → lua5 → lua5_4)
// to an attribute for which exists is true, and drops those that end
// elsewhere or loop.
func ResolveDefaults(raw map[string]string, exists func(attr string) bool) map[string]string {
	out := make(map[string]string, len(raw))
	for alias, target := range raw {
		for hops := 0; hops < 10; hops++ {
			next, ok := raw[target]
			if !ok {
				break
			}
			target = next
		}
		if exists(target) {
			out[alias] = target
		}
	}
	return out
}

// Agreement says how the upstream facts of a pair chosen by a naming rule
// (the ecosystem rules of the generator) relate.
type Agreement int

// The agreements, from best to worst.
const (
	// Shared means both sides share an upstream key that counts.
	Shared Agreement = iota
	// Unknown means nothing confirms or contradicts the pair: a side has
	// no facts, or the facts are of kinds that cannot be compared
	// (a homepage on one side, a registry name on the other).
	Unknown
	// Conflict means both sides name a repository or a registry entry of
	// the same kind and no two of them agree.
	Conflict
)

// decisive are the key kinds that name one project: two packages with
// keys of such a kind and none in common are different projects.
var decisive = map[string]bool{
	"repo": true, "pypi": true, "crates": true, "cpan": true, "hackage": true,
	"npm": true, "gem": true, "gnu": true, "savannah": true, "sf": true, "launchpad": true,
}

// Agree compares the upstream keys of a nixpkgs attribute and an Arch
// package and returns the keys they share, if any.
func (c *Corpus) Agree(nixKeys, archKeys []upstream.Key) ([]upstream.Key, Agreement) {
	if common, p := c.compare(nixKeys, archKeys); p == "" {
		return common, Shared
	}
	kinds := func(keys []upstream.Key) map[string]bool {
		m := map[string]bool{}
		for _, k := range keys {
			if decisive[k.Kind()] {
				m[k.Kind()] = true
			}
		}
		return m
	}
	archKinds := kinds(archKeys)
	for kind := range kinds(nixKeys) {
		if archKinds[kind] {
			return nil, Conflict
		}
	}
	return nil, Unknown
}

// SameUpstream applies the different-name rule (see the package
// documentation) to the Arch package name. named reports the nixpkgs names
// that the facts lack but nixpkgs defines (attributes made by overrides,
// renames of aliases.nix): an Arch name that nixpkgs uses for something the
// facts cannot describe is left alone.
func (c *Corpus) SameUpstream(name string, named func(string) bool) Verdict {
	ai, ok := c.archIndex(name)
	if !ok {
		return Verdict{Reason: "not in Arch core/extra"}
	}
	a := &c.Arch[ai]
	if v := c.FromArch(name); v.Nix != nil {
		return Verdict{Reason: "the same-name rule maps it to " + v.Nix.Attr}
	}
	if _, ok := c.nixIndex(name); ok || c.Defaults[name] != "" || named(name) {
		return Verdict{Reason: fmt.Sprintf("nixpkgs has an attribute %q", name)}
	}
	var keys []upstream.Key
	nixSet := map[int]bool{}
	for _, k := range a.Keys {
		if !decisive[k.Kind()] || !c.specific(k) {
			continue
		}
		keys = append(keys, k)
		for _, i := range c.nixWithKey(k) {
			if !c.wrapped(c.Nix[i].Attr) {
				nixSet[i] = true
			}
		}
	}
	if len(keys) == 0 {
		return Verdict{Reason: "no repository or registry key specific to one project"}
	}
	if len(nixSet) != 1 {
		return Verdict{Reason: fmt.Sprintf("%d nixpkgs attributes share its repository or registry keys", len(nixSet)), Suggestions: capped(nil, c.nixSharing(keys))}
	}
	ni := -1
	for i := range nixSet {
		ni = i
	}
	n := &c.Nix[ni]
	archSet := map[int]bool{}
	for _, k := range n.Keys {
		if decisive[k.Kind()] && c.specific(k) {
			for _, i := range c.archByKey[k] {
				archSet[i] = true
			}
		}
	}
	if len(archSet) != 1 {
		return Verdict{Reason: fmt.Sprintf("%d Arch packages share the repository or registry keys of nixpkgs %s", len(archSet), n.Attr), Suggestions: []string{n.Attr}}
	}
	for _, other := range append(c.exactNames(n.Attr), lastComponent(n.Attr)) {
		if _, ok := c.archIndex(other); ok {
			return Verdict{Reason: fmt.Sprintf("nixpkgs %s shares its upstream, but Arch has a package %q", n.Attr, other), Suggestions: []string{n.Attr}}
		}
	}
	if back := c.FromNix(n.Attr); back.Arch != nil {
		return Verdict{Reason: fmt.Sprintf("nixpkgs %s shares its upstream, but the same-name rule maps it to Arch %s", n.Attr, back.Arch.Name), Suggestions: []string{n.Attr}}
	}
	if RelatedNames(lastComponent(n.Attr), name) == "" {
		return Verdict{Reason: fmt.Sprintf("nixpkgs %s is the only attribute with its upstream, but the names are not related", n.Attr), Suggestions: []string{n.Attr}}
	}
	var common []upstream.Key
	for _, k := range keys {
		if contains(n.Keys, k) {
			common = append(common, k)
		}
	}
	return Verdict{Nix: n, Arch: a, NixName: n.Attr, Keys: common}
}

// RelatedNames says how a nixpkgs attribute name (its last component) and
// an Arch name are related, or "" when they are not. Both are compared
// lowercased, without a leading underscore, with '+' read as 'p'
// (crypto++ and cryptopp) and without '-', '_' and '.'; then they must be
// equal, or one must be the other with "lib" in front (libvips and vips),
// or the Arch name must be the attribute's with "python" in front
// (python-pyotherside and pyotherside). Digits are never dropped: cvc4 and
// cvc5, libkscreen5 and libkscreen are different packages.
func RelatedNames(attrName, archName string) string {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimPrefix(s, "_"))
		return strings.NewReplacer("+", "p", "-", "", "_", "", ".", "").Replace(s)
	}
	n, a := norm(attrName), norm(archName)
	switch {
	case len(n) < 3 || len(a) < 3:
		return ""
	case n == a:
		return "the names differ only in case and punctuation"
	case "lib"+n == a:
		return `the Arch name is the attribute's with "lib" in front`
	case "lib"+a == n:
		return `the attribute's name is the Arch name with "lib" in front`
	case "python"+n == a:
		return `the Arch name is the attribute's with "python-" in front`
	}
	return ""
}
