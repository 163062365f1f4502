package main

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strings"

	"github.com/nixarch/nixarch/mappings/internal/corpus"
)

// The same-upstream rule (corpus.SameUpstream) pairs, last and at medium
// confidence, an Arch package and a nixpkgs attribute whose names differ
// but are related and that are, each on its side, the only package with a
// repository or registry key of one project. nixtaken.txt lists the
// attribute names nixpkgs defines and the facts lack, so that an Arch name
// nixpkgs uses for an attribute made by an override (curl, mpv, ngspice)
// is never paired with another attribute.

const methodSameUpstream = "same-upstream"

//go:embed nixtaken.txt
var nixtakenTXT []byte

// nixTaken reads nixtaken.txt.
func nixTaken() (map[string]bool, error) {
	names := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(nixtakenTXT))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.ContainsAny(line, " \t.") {
			return nil, fmt.Errorf("nixtaken.txt:%d:1: bad name %q", n, line)
		}
		names[line] = true
	}
	return names, sc.Err()
}

// sameUpstreamRows applies the rule to every Arch package not in a row yet.
// taken holds the nixpkgs attributes already in rows.
func sameUpstreamRows(in *inputs, c *corpus.Corpus, mapped, taken map[string]bool) ([]row, error) {
	named, err := nixTaken()
	if err != nil {
		return nil, err
	}
	for _, a := range in.aliases {
		named[a.attr] = true
	}
	nixSrc := map[string][]sourced{}
	for _, n := range in.nix {
		nixSrc[n.attr] = n.keys
	}
	var rows []row
	for _, a := range in.arch {
		if mapped[a.name] {
			continue
		}
		v := c.SameUpstream(a.name, func(s string) bool { return named[s] })
		if v.Nix == nil || taken[v.Nix.Attr] {
			continue
		}
		attrs := []string{v.Nix.Attr}
		if v.Nix.Via != "" {
			attrs = append(attrs, v.Nix.Via)
		}
		k := best(v.Keys)
		ev := fmt.Sprintf("same upstream, different name (nixpkgs attribute %s, Arch %s: %s); each is the only package on its side with %s (nixpkgs %s; Arch %s)",
			v.Nix.Attr, a.name, corpus.RelatedNames(v.Nix.Attr[strings.LastIndexByte(v.Nix.Attr, '.')+1:], a.name),
			corpus.Display(k), from(nixSrc[v.Nix.Attr], k), from(a.keys, k))
		if n := len(v.Keys) - 1; n > 0 {
			ev += fmt.Sprintf(" and %d more", n)
		}
		rows = append(rows, row{project: project(v.Keys), nix: strings.Join(attrs, ","), arch: a.name, repo: a.repo,
			method: methodSameUpstream, confidence: confidenceMedium, evidence: ev, tier: methodSameUpstream})
		taken[v.Nix.Attr] = true
	}
	return rows, nil
}
