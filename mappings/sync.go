package mappings

import (
	"fmt"
	"sort"
	"strings"
)

// SyncPackage is a package of a live pacman sync database, as an Arch
// machine has them in /var/lib/pacman/sync: its name, its repository, the
// names it provides and the groups it belongs to.
type SyncPackage struct {
	Name     string
	Repo     string
	Provides []string
	Groups   []string
}

// syncIndex holds the live sync databases a Table confirms Arch names in.
type syncIndex struct {
	repo      map[string]string   // package name → repository
	providers map[string][]string // provided name → packages, sorted
	groups    map[string]string   // group name → repository of a member
}

// WithSync returns a copy of t that checks every official Arch name it
// maps a nixpkgs attribute to against pkgs, the packages of a machine's
// sync databases, and takes their repositories: a name they have is
// confirmed; a name only one package provides becomes that package; a
// name they lack is unmapped, with the reason. IsOfficialArch answers from
// pkgs too. An empty pkgs leaves t as it is. t is not changed.
func (t *Table) WithSync(pkgs []SyncPackage) *Table {
	if len(pkgs) == 0 {
		return t
	}
	idx := &syncIndex{repo: map[string]string{}, providers: map[string][]string{}, groups: map[string]string{}}
	for _, p := range pkgs {
		if _, dup := idx.repo[p.Name]; !dup { // the first repository wins, as in pacman
			idx.repo[p.Name] = p.Repo
		}
		for _, g := range p.Groups {
			if _, seen := idx.groups[g]; !seen {
				idx.groups[g] = p.Repo
			}
		}
		for _, prov := range p.Provides {
			name, _, _ := strings.Cut(prov, "=")
			idx.providers[name] = append(idx.providers[name], p.Name)
		}
	}
	for name, ps := range idx.providers {
		sort.Strings(ps)
		idx.providers[name] = compactSorted(ps)
	}
	c := *t
	c.sync = idx
	return &c
}

func compactSorted(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// confirm checks an official Arch target of m against the live sync
// databases, as WithSync describes. It returns the result to give.
func (idx *syncIndex) confirm(m *Match) Result {
	if idx == nil || m == nil || m.Target == "" || m.Repo == "aur" {
		return Result{Match: m}
	}
	if repo, ok := idx.repo[m.Target]; ok {
		m.Repo = repo
		m.Evidence += "; confirmed in this system's sync database " + repo
		return Result{Match: m}
	}
	if repo, ok := idx.groups[m.Target]; ok {
		m.Repo = repo
		m.Evidence += "; a package group in this system's sync database " + repo
		return Result{Match: m}
	}
	switch ps := idx.providers[m.Target]; len(ps) {
	case 1:
		m.Evidence += fmt.Sprintf("; this system's sync databases have no %s, but %s provides it", m.Target, ps[0])
		m.Target, m.Repo = ps[0], idx.repo[ps[0]]
		return Result{Match: m}
	case 0:
		return Result{
			Reason:      fmt.Sprintf("maps to Arch %s, which this system's sync databases do not have: renamed or removed since the mapping data?", m.Target),
			Suggestions: []string{m.Target},
		}
	default:
		return Result{
			Reason:      fmt.Sprintf("maps to Arch %s, which this system's sync databases do not have; %d packages provide it: choose one", m.Target, len(ps)),
			Suggestions: ps[:min(len(ps), 5)],
		}
	}
}
