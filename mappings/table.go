package mappings

import (
	"embed"
	"fmt"
	"maps"
	"strings"
	"sync"

	"github.com/nixarch/nixarch/mappings/internal/corpus"
	"github.com/nixarch/nixarch/model"
)

//go:embed data/mappings.tsv data/curated.tsv data/groups.tsv data/nerdfonts.tsv data/multilib.txt data/arch.tsv.gz data/nixpkgs.tsv.gz data/aliases.tsv.gz data/shared.tsv
var embedded embed.FS

// Direction says which lookups a row answers.
type Direction string

// The directions of a row.
const (
	// Both is the default: the row answers lookups from either side.
	Both Direction = "both"
	// ToNixOS rows answer lookups of their Arch names only: a split
	// package (gst-plugins-base-libs) or a second Arch name for an
	// attribute whose own row points elsewhere.
	ToNixOS Direction = "to-nixos"
	// ToArch rows answer lookups of their nixpkgs attributes only.
	ToArch Direction = "to-arch"
)

// Row is one mapping row.
type Row struct {
	// Project is the neutral project id.
	Project string
	// Nixpkgs are the attributes that map to Arch; the first is the one to
	// install. Empty for a row with nothing to install.
	Nixpkgs []string
	// Arch are the Arch names that map to nixpkgs; the first is the one to
	// install.
	Arch []string
	// Repo is the Arch repository of Arch[0]: core, extra, multilib or aur.
	Repo string
	// Method says how the row was matched.
	Method Method
	// Confidence says how sure the row is.
	Confidence Confidence
	// Evidence is one line a user can check.
	Evidence string
	// Direction says which lookups the row answers.
	Direction Direction
	// Setting is the NixOS setting that replaces or goes with the package.
	Setting string
	// AttrSource says where a nixpkgs attribute the facts lack is defined
	// (attributes made by overrides, such as curl), or is empty.
	AttrSource string
	// Group is true for an Arch package group (gnome, plasma, xorg).
	Group bool
	// Origin is where the row is in the embedded data or an override file.
	Origin model.Origin
}

type alias struct {
	kind, target, note string
}

// facts are the upstream facts and aliases, loaded on first use: mapped
// names never need them.
type facts struct {
	aliases map[string]alias
	corpus  *corpus.Corpus
	// nixSpelling and archSpelling index each side's names for the
	// suggestions of an unmapped name, on first use.
	nixSpelling, archSpelling func() spelling
}

// Table is a loaded mapping table. It implements Mapper and is safe for
// concurrent use.
type Table struct {
	rows     []Row
	byArch   map[string]int
	byNix    map[string]int
	byGroup  map[string]int
	multilib map[string]bool
	facts    func() (*facts, error)
	// sync, when set, holds a machine's live sync databases (WithSync).
	sync *syncIndex
}

var _ Mapper = (*Table)(nil)

var loadDefault = sync.OnceValues(func() (*Table, error) { return load(embedded, "data", true) })

// Default returns the table embedded in the program, loaded on first use.
// The upstream facts that explain unmapped names are read only when first
// needed. An error means the embedded data is malformed, which the tests
// rule out.
func Default() (*Table, error) { return loadDefault() }

// DefaultWithOverrides returns the embedded table with the rows of the
// override files at paths (see LoadOverrides) layered over it: a later
// file wins over an earlier one, and every file over the embedded rows.
func DefaultWithOverrides(paths ...string) (*Table, error) {
	t, err := Default()
	if err != nil {
		return nil, err
	}
	var rows []Row
	for _, p := range paths {
		rs, err := LoadOverrides(p)
		if err != nil {
			return nil, err
		}
		rows = append(rows, rs...)
	}
	return t.WithRows(rows), nil
}

// WithRows returns a copy of t in which rows win over t's own, later
// rows over earlier ones. t is not changed.
func (t *Table) WithRows(rows []Row) *Table {
	if len(rows) == 0 {
		return t
	}
	c := &Table{
		rows: append(append([]Row(nil), t.rows...), rows...), byArch: maps.Clone(t.byArch), byNix: maps.Clone(t.byNix),
		byGroup: t.byGroup, multilib: t.multilib, facts: t.facts, sync: t.sync,
	}
	for i := len(t.rows); i < len(c.rows); i++ {
		r := &c.rows[i]
		if r.Direction != ToArch {
			for _, a := range r.Arch {
				c.byArch[a] = i
			}
		}
		if r.Direction != ToNixOS {
			for _, n := range r.Nixpkgs {
				c.byNix[n] = i
			}
		}
	}
	return c
}

// Rows returns the mapping rows: the curated ones, then the generated ones
// sorted by Arch name, then overrides. The caller must not modify them.
func (t *Table) Rows() []Row { return t.rows }

// IsOfficialArch reports whether name is an Arch package in core, extra or
// multilib, and in which. Multilib names come from a hand-written list
// (data/multilib.txt), as the facts cover core and extra only. With
// WithSync, the live sync databases answer instead.
func (t *Table) IsOfficialArch(name string) (repo string, ok bool) {
	if t.sync != nil {
		repo, ok := t.sync.repo[name]
		return repo, ok
	}
	if t.multilib[name] {
		return "multilib", true
	}
	f, err := t.facts()
	if err != nil {
		return "", false
	}
	a, ok := f.corpus.ArchPackage(name)
	if !ok {
		return "", false
	}
	return a.Repo, true
}

// OfficialArchNames returns every package in Arch core, extra and
// multilib that t knows, each with its repository: exactly the names
// IsOfficialArch accepts. Tests build pacman sync databases from it, so
// that pacman judges a package list against every name nixarch could
// have written, not only the names in the list. Package groups are not
// in it; the error means the embedded facts are malformed.
func (t *Table) OfficialArchNames() (map[string]string, error) {
	if t.sync != nil {
		return maps.Clone(t.sync.repo), nil
	}
	f, err := t.facts()
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(f.corpus.Arch)+len(t.multilib))
	for _, a := range f.corpus.Arch {
		out[a.Name] = a.Repo
	}
	for n := range t.multilib {
		out[n] = "multilib"
	}
	return out, nil
}

// IsNixpkgsAttr reports whether attr is a nixpkgs 24.11 attribute in the
// embedded facts (not an alias).
func (t *Table) IsNixpkgsAttr(attr string) bool {
	f, err := t.facts()
	if err != nil {
		return false
	}
	_, ok := f.corpus.NixAttr(attr)
	return ok
}

// Lookup maps name from one side to the other.
func (t *Table) Lookup(from Distro, name string) Result {
	if name == "" {
		return Result{Reason: "empty package name"}
	}
	switch from {
	case Arch:
		return t.fromArch(name)
	case NixOS:
		return t.fromNix(name)
	}
	return Result{Reason: fmt.Sprintf("unknown distro %q (want %q or %q)", from, NixOS, Arch)}
}

// aurSuffixes are the AUR conventions for other builds of a project: from
// its VCS head, or from upstream's binaries.
var aurSuffixes = map[string]string{
	"-git": "builds the development head of",
	"-bin": "repackages upstream's binaries of",
}

// aurHelpers are AUR programs that install AUR packages: they have no use
// on NixOS.
var aurHelpers = map[string]bool{
	"yay": true, "yay-bin": true, "yay-git": true, "paru": true, "paru-bin": true, "paru-git": true,
	"pikaur": true, "trizen": true, "aura-bin": true, "pacaur": true,
}

func (t *Table) fromArch(name string) Result {
	if i, ok := t.byArch[name]; ok {
		r := &t.rows[i]
		return Result{Match: r.match(Arch, name, r.nixTarget(), "nixpkgs", "")}
	}
	if i, ok := t.byGroup[name]; ok {
		r := &t.rows[i]
		return Result{Match: r.match(Arch, name, r.nixTarget(), "nixpkgs", "")}
	}
	f, err := t.facts()
	if err != nil {
		return Result{Reason: "mapping facts unreadable: " + err.Error()}
	}
	_, official := f.corpus.ArchPackage(name)
	official = official || t.multilib[name]
	if !official {
		for suffix, how := range aurSuffixes {
			base, ok := strings.CutSuffix(name, suffix)
			if !ok {
				continue
			}
			if i, ok := t.byArch[base]; ok && t.rows[i].nixTarget() != "" {
				r := &t.rows[i]
				m := r.match(Arch, name, r.nixTarget(), "nixpkgs", "")
				m.Method, m.Confidence = MethodEcosystem, ConfidenceLow
				m.Evidence = fmt.Sprintf("AUR convention: %s %s %s, whose row says: %s", name, how, base, m.Evidence)
				return Result{Match: m}
			}
		}
	}
	if aurHelpers[name] && !official {
		// Not a loss, but users should see it go: reported, not hidden.
		return Result{Reason: "not in Arch core/extra: an AUR helper; NixOS installs packages declaratively, so there is nothing to carry over"}
	}
	if t.multilib[name] {
		reason := "in Arch multilib, with no mapping row"
		if strings.HasPrefix(name, "lib32-") {
			reason = "a 32-bit library from Arch multilib: on NixOS the programs that need 32-bit libraries bring them (programs.steam.enable, hardware.graphics.enable32Bit), so nothing is installed by name"
		}
		return Result{Reason: reason}
	}
	v := f.corpus.FromArch(name)
	if v.Nix != nil {
		return Result{Reason: fmt.Sprintf("no mapping row, though the same-name rule pairs it with %s: the embedded tables are out of date", v.Nix.Attr)}
	}
	return Result{Reason: v.Reason, Suggestions: orClosest(v.Suggestions, f.nixSpelling, name)}
}

// orClosest returns suggestions, or when there are none the names of the
// other side spelt most like name.
func orClosest(suggestions []string, other func() spelling, name string) []string {
	if len(suggestions) > 0 {
		return suggestions
	}
	return other().closest(name)
}

func (t *Table) fromNix(name string) Result {
	if i, ok := t.byNix[name]; ok {
		r := &t.rows[i]
		return t.sync.confirm(r.match(NixOS, name, r.Arch[0], r.Repo, ""))
	}
	f, err := t.facts()
	if err != nil {
		return Result{Reason: "mapping facts unreadable: " + err.Error()}
	}
	attr, note, removed := t.resolve(f, name)
	if removed != "" {
		return Result{Reason: removed}
	}
	if i, ok := t.byNix[attr]; ok {
		r := &t.rows[i]
		return t.sync.confirm(r.match(NixOS, name, r.Arch[0], r.Repo, note))
	}
	if set, member, ok := strings.Cut(attr, "."); ok {
		if sa, ok := setAliases[set]; ok {
			if i, ok := t.byNix[sa.set+"."+member]; ok {
				r := &t.rows[i]
				m := r.match(NixOS, name, r.Arch[0], r.Repo, joinNotes(note, sa.note))
				if sa.confidence != "" && r.Confidence == ConfidenceHigh {
					m.Confidence = sa.confidence
				}
				return t.sync.confirm(m)
			}
		}
	}
	v := f.corpus.FromNix(attr)
	reason := v.Reason
	if note != "" {
		reason = note + "; " + reason
	}
	if v.Arch != nil {
		reason = fmt.Sprintf("no mapping row, though the same-name rule pairs it with %s: the embedded tables are out of date", v.Arch.Name)
	}
	return Result{Reason: reason, Suggestions: orClosest(v.Suggestions, f.archSpelling, name)}
}

// setAlias is a nixpkgs package set the rows know under another name.
type setAlias struct {
	set  string // the set the rows name
	note string // why the member is the same package, for the evidence
	// confidence, when set, caps the match's: the member is the same
	// project built otherwise.
	confidence Confidence
}

// setAliases are package sets whose members the rows name through another
// set: the same set under a second name (nixpkgs 24.11 all-packages.nix),
// and Python sets for other interpreters, whose members are the projects
// Arch builds for its python (3.12).
var setAliases = map[string]setAlias{
	"python312Packages": {set: "python3Packages", note: "nixpkgs python3Packages is python312Packages (all-packages.nix:7559: python3Packages = dontRecurseIntoAttrs python312Packages)"},
	"python311Packages": {set: "python3Packages", note: "python311Packages builds the same project for Python 3.11; Arch builds it for its python (3.12)", confidence: ConfidenceMedium},
	"python313Packages": {set: "python3Packages", note: "python313Packages builds the same project for Python 3.13; Arch builds it for its python (3.12)", confidence: ConfidenceMedium},
	"luaPackages":       {set: "lua52Packages", note: "nixpkgs luaPackages is lua52Packages (all-packages.nix:7464)"},
}

func joinNotes(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// resolve follows aliases from name. note describes the hops; removed is
// set when the chain ends at a removed attribute.
func (t *Table) resolve(f *facts, name string) (attr, note, removed string) {
	attr = name
	var hops []string
	for range 10 {
		a, ok := f.aliases[attr]
		if !ok {
			break
		}
		switch a.kind {
		case "removed":
			msg := fmt.Sprintf("%s was removed from nixpkgs", attr)
			if a.note != "" {
				msg += " (aliases.nix: " + a.note + ")"
			}
			if len(hops) > 0 {
				msg = strings.Join(hops, "; ") + "; " + msg
			}
			return attr, "", msg
		case "default":
			hops = append(hops, fmt.Sprintf("nixpkgs %s is %s", attr, a.target))
		default:
			hops = append(hops, fmt.Sprintf("nixpkgs %s was renamed to %s", attr, a.target))
		}
		attr = a.target
		if _, ok := t.byNix[attr]; ok {
			break
		}
	}
	return attr, strings.Join(hops, "; "), ""
}

func (r *Row) match(from Distro, name, target, repo, note string) *Match {
	ev := r.Evidence
	if note != "" {
		ev = note + "; " + ev
	}
	return &Match{
		From: from, Name: name, Target: target, Repo: repo, Project: r.Project,
		Method: r.Method, Confidence: r.Confidence, Evidence: ev, Setting: r.Setting,
	}
}

// nixTarget is the attribute to install, or "" when there is none.
func (r *Row) nixTarget() string {
	if len(r.Nixpkgs) == 0 {
		return ""
	}
	return r.Nixpkgs[0]
}
