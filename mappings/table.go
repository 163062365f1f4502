package mappings

import (
	"embed"
	"fmt"
	"strings"
	"sync"

	"github.com/nixarch/nixarch/mappings/internal/corpus"
	"github.com/nixarch/nixarch/model"
)

//go:embed data/mappings.tsv data/arch.tsv.gz data/nixpkgs.tsv.gz data/aliases.tsv.gz data/shared.tsv
var embedded embed.FS

// Row is one mapping row.
type Row struct {
	// Project is the neutral project id.
	Project string
	// Nixpkgs are the attributes that map to Arch; the first is the one to
	// install.
	Nixpkgs []string
	// Arch are the Arch names that map to nixpkgs; the first is the one to
	// install.
	Arch []string
	// Repo is the Arch repository of Arch[0].
	Repo string
	// Method says how the row was matched.
	Method Method
	// Confidence says how sure the row is.
	Confidence Confidence
	// Evidence is one line a user can check.
	Evidence string
	// Origin is where the row is in the embedded data.
	Origin model.Origin
}

type alias struct {
	kind, target, note string
}

// Table is a loaded mapping table. It implements Mapper and is safe for
// concurrent use.
type Table struct {
	rows    []Row
	byArch  map[string]int
	byNix   map[string]int
	aliases map[string]alias
	corpus  *corpus.Corpus
}

var _ Mapper = (*Table)(nil)

var loadDefault = sync.OnceValues(func() (*Table, error) { return Load(embedded, "data") })

// Default returns the table embedded in the program, loaded on first use.
// An error means the embedded data is malformed, which the tests rule out.
func Default() (*Table, error) { return loadDefault() }

// Rows returns the mapping rows, sorted by Arch name. The caller must not
// modify them.
func (t *Table) Rows() []Row { return t.rows }

// IsOfficialArch reports whether name is an Arch package in core, extra or
// multilib, and in which.
func (t *Table) IsOfficialArch(name string) (repo string, ok bool) {
	a, ok := t.corpus.ArchPackage(name)
	if !ok {
		return "", false
	}
	return a.Repo, true
}

// IsNixpkgsAttr reports whether attr is a nixpkgs 24.11 attribute in the
// embedded facts (not an alias).
func (t *Table) IsNixpkgsAttr(attr string) bool {
	_, ok := t.corpus.NixAttr(attr)
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

func (t *Table) fromArch(name string) Result {
	if i, ok := t.byArch[name]; ok {
		r := &t.rows[i]
		return Result{Match: r.match(Arch, name, r.Nixpkgs[0], "nixpkgs", "")}
	}
	v := t.corpus.FromArch(name)
	if v.Nix != nil {
		return Result{Reason: fmt.Sprintf("no mapping row, though the same-name rule pairs it with %s: the embedded tables are out of date", v.Nix.Attr)}
	}
	return Result{Reason: v.Reason, Suggestions: v.Suggestions}
}

func (t *Table) fromNix(name string) Result {
	attr, note, removed := name, "", ""
	if _, ok := t.byNix[attr]; !ok {
		attr, note, removed = t.resolve(name)
	}
	if removed != "" {
		return Result{Reason: removed}
	}
	if i, ok := t.byNix[attr]; ok {
		r := &t.rows[i]
		return Result{Match: r.match(NixOS, name, r.Arch[0], r.Repo, note)}
	}
	v := t.corpus.FromNix(attr)
	reason := v.Reason
	if note != "" {
		reason = note + "; " + reason
	}
	if v.Arch != nil {
		reason = fmt.Sprintf("no mapping row, though the same-name rule pairs it with %s: the embedded tables are out of date", v.Arch.Name)
	}
	return Result{Reason: reason, Suggestions: v.Suggestions}
}

// resolve follows aliases from name. note describes the hops; removed is
// set when the chain ends at a removed attribute.
func (t *Table) resolve(name string) (attr, note, removed string) {
	attr = name
	var hops []string
	for range 10 {
		a, ok := t.aliases[attr]
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
		Method: r.Method, Confidence: r.Confidence, Evidence: ev,
	}
}
