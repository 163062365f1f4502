package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/nixarch/nixarch/mappings/internal/upstream"
	"github.com/nixarch/nixarch/model"
)

// origin is a key together with where it came from, for evidence lines.
type sourced struct {
	key  upstream.Key
	from string // "homepage", "src", "url", "source", "nvchecker"
}

type nixAttr struct {
	attr, pname, wraps string
	keys               []sourced
}

type archPkg struct {
	name, repo, base string
	keys             []sourced
	source           string // the first source URL, as written
	version          string // pkgver
}

type alias struct {
	attr, kind, target, note string
}

type inputs struct {
	nix     []nixAttr // sorted by attr; aliases excluded
	arch    []archPkg // sorted by name
	aliases []alias   // sorted by attr
	revdeps []string  // Arch names, most depended on first
	// droppedArch are pkgnames that are not valid names even after brace
	// expansion.
	droppedArch []string
	// droppedAliases are aliases.nix entries not trusted (see loadNix).
	droppedAliases []string
	archList       []string // arch_core_extra_pkgnames.txt
	// curated maps the Arch names of the hand-written rows (curated.tsv,
	// when given) to their method, for the summary only.
	curated map[string]string
	// fixtures are the package names of the project's example lists.
	fixtures []string
	// nixosFixtures are the distinct nixpkgs attributes the models of the
	// NixOS fixtures install, sorted.
	nixosFixtures []string
	nixList       []string // nixpkgs-24.11_attrnames.txt
}

// readTSV reads a tab-separated file whose first line must be header.
func readTSV(path string, header []string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var rows [][]string
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Split(sc.Text(), "\t")
		if line == 1 {
			if strings.Join(fields, "\t") != strings.Join(header, "\t") {
				return nil, fmt.Errorf("%s:1:1: header is %q, want %q", path, sc.Text(), strings.Join(header, "\t"))
			}
			continue
		}
		if len(fields) != len(header) {
			return nil, fmt.Errorf("%s:%d:1: %d fields, want %d", path, line, len(fields), len(header))
		}
		rows = append(rows, fields)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if line == 0 {
		return nil, fmt.Errorf("%s: empty file", path)
	}
	return rows, nil
}

func readLines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out, nil
}

func withSource(keys []upstream.Key, from string) []sourced {
	var out []sourced
	for _, k := range keys {
		out = append(out, sourced{k, from})
	}
	return out
}

func load(dir string) (*inputs, error) {
	in := &inputs{}
	if err := in.loadArch(filepath.Join(dir, "arch")); err != nil {
		return nil, err
	}
	if err := in.loadNix(filepath.Join(dir, "nixpkgs")); err != nil {
		return nil, err
	}
	return in, nil
}

func (in *inputs) loadArch(dir string) error {
	rows, err := readTSV(filepath.Join(dir, "arch_core_extra_pkgbuild_meta.tsv"),
		[]string{"repo", "pkgbase", "pkgname", "pkgver", "url", "source_url", "nvchecker"})
	if err != nil {
		return err
	}
	// The upstream of a split package is its pkgbase's: the row whose
	// pkgname is the pkgbase, else the first row of that pkgbase.
	baseKeys := map[string][]sourced{}
	baseExact := map[string]bool{}
	baseSource := map[string]string{}
	for _, r := range rows {
		base, name := r[1], r[2]
		if _, seen := baseKeys[base]; seen && (baseExact[base] || name != base) {
			continue
		}
		var keys []sourced
		keys = append(keys, withSource(upstream.Homepage(r[4]), "url")...)
		keys = append(keys, withSource(upstream.Source(r[5]), "source")...)
		keys = append(keys, withSource(upstream.Nvchecker(r[6]), "nvchecker")...)
		baseKeys[base] = keys
		baseExact[base] = name == base
		baseSource[base] = r[5]
	}
	seen := map[string]bool{}
	for i, r := range rows {
		repo, base := r[0], r[1]
		if repo != "core" && repo != "extra" && repo != "multilib" {
			return fmt.Errorf("%s:%d:1: unknown repo %q", filepath.Join(dir, "arch_core_extra_pkgbuild_meta.tsv"), i+2, repo)
		}
		// The static PKGBUILD reader left some bash brace expressions
		// unexpanded ("cyrus-sasl-{gssapi,ldap,sql}"); expand them, and
		// drop what is still not a valid pkgname ("done)").
		for _, name := range expandBraces(r[2]) {
			if !archName.MatchString(name) {
				in.droppedArch = append(in.droppedArch, name)
				continue
			}
			if seen[name] {
				continue // one pkgname listed twice: keep the first
			}
			seen[name] = true
			in.arch = append(in.arch, archPkg{name: name, repo: repo, base: base, keys: baseKeys[base], source: baseSource[base], version: r[3]})
		}
	}
	sort.Slice(in.arch, func(i, j int) bool { return in.arch[i].name < in.arch[j].name })

	rd, err := readTSV(filepath.Join(dir, "arch_revdep_counts.tsv"), []string{"pkgname", "revdeps_runtime", "revdeps_build"})
	if err != nil {
		return err
	}
	type pop struct {
		name  string
		score int
	}
	var pops []pop
	for _, r := range rd {
		rt, err1 := strconv.Atoi(r[1])
		bd, err2 := strconv.Atoi(r[2])
		if err1 != nil || err2 != nil {
			return fmt.Errorf("arch_revdep_counts.tsv: bad counts for %s", r[0])
		}
		pops = append(pops, pop{r[0], 3*rt + bd})
	}
	sort.SliceStable(pops, func(i, j int) bool {
		if pops[i].score != pops[j].score {
			return pops[i].score > pops[j].score
		}
		return pops[i].name < pops[j].name
	})
	for _, p := range pops {
		in.revdeps = append(in.revdeps, p.name)
	}
	in.archList, err = readLines(filepath.Join(dir, "arch_core_extra_pkgnames.txt"))
	return err
}

// archName is what makepkg accepts as a pkgname.
var archName = regexp.MustCompile(`^[a-z0-9@_+][a-z0-9@._+-]*$`)

// expandBraces expands bash brace lists: "a{,-{b,c}}" → a, a-b, a-c.
func expandBraces(s string) []string {
	open := strings.IndexByte(s, '{')
	if open < 0 {
		return []string{s}
	}
	depth, start := 0, open+1
	var alts []string
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				alts = append(alts, s[start:i])
				if len(alts) < 2 {
					return []string{s} // "{x}" is not a list in bash
				}
				var out []string
				for _, a := range alts {
					out = append(out, expandBraces(s[:open]+a+s[i+1:])...)
				}
				return out
			}
		case ',':
			if depth == 1 {
				alts = append(alts, s[start:i])
				start = i + 1
			}
		}
	}
	return []string{s} // unbalanced
}

func (in *inputs) loadNix(dir string) error {
	path := filepath.Join(dir, "nixpkgs-24.11_attrs.tsv")
	rows, err := readTSV(path, []string{"attr", "pname", "version", "homepage", "src", "mainProgram", "file", "origin"})
	if err != nil {
		return err
	}
	byAttr := map[string]*nixAttr{}
	var attrs []*nixAttr
	for i, r := range rows {
		attr, pname, file := r[0], r[1], r[6]
		if byAttr[attr] != nil {
			return fmt.Errorf("%s:%d:1: attribute %q listed twice", path, i+2, attr)
		}
		if target, ok := strings.CutPrefix(file, "ALIAS:"); ok {
			target = strings.TrimPrefix(target, "pkgs.")
			in.aliases = append(in.aliases, alias{attr: attr, kind: "default", target: target, note: "all-packages.nix"})
			continue
		}
		if strings.ContainsAny(pname, "${} ") {
			pname = "" // an unresolved interpolation is no name
		}
		a := &nixAttr{attr: attr, pname: pname}
		a.wraps, _ = strings.CutPrefix(file, "WRAP:")
		if a.wraps == file {
			a.wraps = ""
		}
		a.keys = append(a.keys, withSource(upstream.Homepage(r[3]), "homepage")...)
		if strings.HasPrefix(r[4], "kde:") {
			a.keys = append(a.keys, withSource(upstream.KDE(r[4], pname), "src")...)
		} else {
			a.keys = append(a.keys, withSource(upstream.Source(r[4]), "src")...)
		}
		byAttr[attr] = a
		attrs = append(attrs, a)
	}
	// A wrapper takes the upstream facts of what it wraps; a WRAP target
	// that is not a plain attribute (gcc.cc.override …) gives none.
	for _, a := range attrs {
		if a.wraps == "" {
			continue
		}
		w := byAttr[a.wraps]
		if w == nil || w.wraps != "" {
			a.wraps = ""
			continue
		}
		for _, k := range w.keys {
			a.keys = append(a.keys, sourced{k.key, k.from + " of " + w.attr})
		}
	}
	for _, a := range attrs {
		in.nix = append(in.nix, *a)
	}
	sort.Slice(in.nix, func(i, j int) bool { return in.nix[i].attr < in.nix[j].attr })

	arows, err := readTSV(filepath.Join(dir, "nixpkgs-24.11_aliases.tsv"), []string{"old_attr", "kind", "new_attr", "comment"})
	if err != nil {
		return err
	}
	for i, r := range arows {
		switch r[1] {
		case "alias", "removed":
		default:
			return fmt.Errorf("nixpkgs-24.11_aliases.tsv:%d:2: unknown kind %q", i+2, r[1])
		}
		a := alias{attr: r[0], kind: r[1], target: r[2], note: r[3]}
		if a.kind == "alias" && a.note == "" && !samePrefix(a.attr, a.target) {
			// Undated aliases.nix entries whose names share nothing are
			// where the static reader misread an expression
			// (llvmPackages_git → git, gitAndTools → darcs-to-git); a
			// wrong rename would map to the wrong package, so drop them.
			in.droppedAliases = append(in.droppedAliases, a.attr+"→"+a.target)
			continue
		}
		in.aliases = append(in.aliases, a)
	}
	sort.SliceStable(in.aliases, func(i, j int) bool { return in.aliases[i].attr < in.aliases[j].attr })
	// An attribute that exists is not an alias; of two alias rows for one
	// name, the first (all-packages.nix) wins.
	var kept []alias
	for _, a := range in.aliases {
		if byAttr[a.attr] != nil || (len(kept) > 0 && kept[len(kept)-1].attr == a.attr) {
			continue
		}
		kept = append(kept, a)
	}
	in.aliases = kept
	in.nixList, err = readLines(filepath.Join(dir, "nixpkgs-24.11_attrnames.txt"))
	return err
}

// samePrefix reports whether two attribute names begin with the same three
// letters or digits, case and punctuation ignored.
func samePrefix(a, b string) bool {
	norm := func(s string) string {
		s = strings.ToLower(s)
		s = strings.Map(func(r rune) rune {
			if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
				return r
			}
			return -1
		}, s)
		return s[:min(3, len(s))]
	}
	return norm(a) == norm(b)
}

// loadSummaryInputs reads what only the summary needs: the Arch names and
// methods of the curated rows, the names of the example package lists and
// the packages of the NixOS fixtures' models. Files that do not exist are
// skipped.
func (in *inputs) loadSummaryInputs(curated, fixtures, nixosFixtures string) error {
	in.curated = map[string]string{}
	if curated != "" {
		lines, err := readLines(curated)
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		header := true
		for _, l := range lines {
			if strings.HasPrefix(l, "#") {
				continue
			}
			if header {
				header = false
				continue
			}
			f := strings.Split(l, "\t")
			if len(f) > 4 && f[4] != "to-arch" {
				in.curated[f[0]] = f[3]
			}
		}
	}
	for _, path := range strings.Split(fixtures, ",") {
		if path == "" {
			continue
		}
		lines, err := readLines(path)
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		for _, l := range lines {
			if f := strings.Fields(l); len(f) > 0 && !strings.HasPrefix(l, "#") {
				in.fixtures = append(in.fixtures, f[0])
			}
		}
	}
	seen := map[string]bool{}
	for _, path := range strings.Split(nixosFixtures, ",") {
		if path == "" {
			continue
		}
		sys, err := model.ReadFile(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return err
		}
		for _, p := range sys.Packages {
			if p.Repo == "nixpkgs" && !seen[p.Name] {
				seen[p.Name] = true
				in.nixosFixtures = append(in.nixosFixtures, p.Name)
			}
		}
	}
	sort.Strings(in.nixosFixtures)
	return nil
}
