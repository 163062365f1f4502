package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/mappings/internal/corpus"
	"github.com/nixarch/nixarch/mappings/internal/upstream"
)

// Method and confidence values as package mappings spells them.
const (
	methodSameUpstreamAndName = "same-upstream-and-name"
	confidenceHigh            = "high"
	confidenceMedium          = "medium"
)

type row struct {
	project, nix, arch, repo, method, confidence, evidence string
	tier                                                   string // for the summary: the method, or the ecosystem rule
}

type output struct {
	files  map[string][]byte
	rows   []row
	mapped map[string]bool // Arch names in a row
	corpus *corpus.Corpus  // for the unmapped report
}

// topN is how many of the most depended-on Arch names the summary and the
// unmapped report look at.
const topN = 5000

func keysOf(s []sourced) []upstream.Key {
	var keys []upstream.Key
	for _, k := range s {
		if strings.ContainsAny(string(k.key), " \t\n") {
			panic(fmt.Sprintf("upstream key with white space: %q", k.key))
		}
		keys = append(keys, k.key)
	}
	return upstream.Sorted(keys)
}

func build(in *inputs) (*output, error) {
	shared, c, err := buildCorpus(in)
	if err != nil {
		return nil, err
	}
	return write(in, shared, c)
}

// buildCorpus counts shared keys and indexes both sides.
func buildCorpus(in *inputs) (map[upstream.Key]corpus.Share, *corpus.Corpus, error) {
	// Count the distinct projects behind each key: nixpkgs pnames (the
	// attribute when there is none; wrappers are skipped, they repeat what
	// they wrap) and Arch pkgbases.
	nixUse := map[upstream.Key]map[string]bool{}
	archUse := map[upstream.Key]map[string]bool{}
	add := func(m map[upstream.Key]map[string]bool, k upstream.Key, who string) {
		if m[k] == nil {
			m[k] = map[string]bool{}
		}
		m[k][who] = true
	}
	for _, n := range in.nix {
		if n.wraps != "" {
			continue
		}
		who := n.pname
		if who == "" {
			who = n.attr[strings.LastIndexByte(n.attr, '.')+1:]
		}
		for _, k := range n.keys {
			add(nixUse, k.key, strings.ToLower(who))
		}
	}
	for _, a := range in.arch {
		for _, k := range a.keys {
			add(archUse, k.key, a.base)
		}
	}
	shared := map[upstream.Key]corpus.Share{}
	for _, m := range []map[upstream.Key]map[string]bool{nixUse, archUse} {
		for k := range m {
			s := corpus.Share{Nix: len(nixUse[k]), Arch: len(archUse[k])}
			if max(s.Nix, s.Arch) > corpus.Threshold {
				shared[k] = s
			}
		}
	}

	var nix []corpus.Nix
	for _, n := range in.nix {
		nix = append(nix, corpus.Nix{Attr: n.attr, Pname: n.pname, Via: n.wraps, Keys: keysOf(n.keys)})
	}
	var arch []corpus.Arch
	for _, a := range in.arch {
		arch = append(arch, corpus.Arch{Name: a.name, Repo: a.repo, Base: a.base, Keys: keysOf(a.keys)})
	}
	raw := map[string]string{}
	for _, a := range in.aliases {
		if a.kind == "default" {
			raw[a.attr] = a.target
		}
	}
	exists := map[string]bool{}
	for _, n := range in.nix {
		exists[n.attr] = true
	}
	c := corpus.New(nix, arch, corpus.ResolveDefaults(raw, func(a string) bool { return exists[a] }), shared)
	return shared, c, nil
}

func write(in *inputs, shared map[upstream.Key]corpus.Share, c *corpus.Corpus) (*output, error) {

	nixSrc := map[string][]sourced{}
	for _, n := range in.nix {
		nixSrc[n.attr] = n.keys
	}
	archSrc := map[string][]sourced{}
	for _, a := range in.arch {
		archSrc[a.name] = a.keys
	}

	out := &output{files: map[string][]byte{}, mapped: map[string]bool{}, corpus: c}
	for _, a := range in.arch {
		v := c.FromArch(a.name)
		if v.Nix == nil {
			continue
		}
		back := c.FromNix(v.Nix.Attr)
		if back.Arch == nil || back.Arch.Name != a.name {
			return nil, fmt.Errorf("rule is not symmetric: Arch %s → nixpkgs %s → %v", a.name, v.Nix.Attr, back.Arch)
		}
		var attrs []string
		if v.Exact && v.NixName != v.Nix.Attr {
			attrs = append(attrs, v.NixName) // the default alias users write
		}
		attrs = append(attrs, v.Nix.Attr)
		if v.Nix.Via != "" {
			attrs = append(attrs, v.Nix.Via)
		}
		conf := confidenceHigh
		if v.Weak || !v.Exact {
			conf = confidenceMedium
		}
		out.rows = append(out.rows, row{
			project:    project(v.Keys),
			nix:        strings.Join(attrs, ","),
			arch:       a.name,
			repo:       a.repo,
			method:     methodSameUpstreamAndName,
			confidence: conf,
			evidence:   evidence(v, nixSrc[v.Nix.Attr], archSrc[a.name], shared),
			tier:       methodSameUpstreamAndName,
		})
		out.mapped[a.name] = true
	}
	taken := map[string]bool{}
	for _, r := range out.rows {
		for _, n := range strings.Split(r.nix, ",") {
			taken[n] = true
		}
	}
	eco, err := ecosystemRows(in, c, out.mapped, taken)
	if err != nil {
		return nil, err
	}
	for _, r := range eco {
		out.rows = append(out.rows, r)
		out.mapped[r.arch] = true
		for _, n := range strings.Split(r.nix, ",") {
			taken[n] = true
		}
	}
	same, err := sameUpstreamRows(in, c, out.mapped, taken)
	if err != nil {
		return nil, err
	}
	for _, r := range same {
		out.rows = append(out.rows, r)
		out.mapped[r.arch] = true
	}
	sort.Slice(out.rows, func(i, j int) bool { return out.rows[i].arch < out.rows[j].arch })

	var b bytes.Buffer
	b.WriteString("project\tnixpkgs\tarch\trepo\tmethod\tconfidence\tevidence\n")
	for _, r := range out.rows {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.project, r.nix, r.arch, r.repo, r.method, r.confidence, r.evidence)
	}
	out.files["mappings.tsv"] = bytes.Clone(b.Bytes())

	b.Reset()
	b.WriteString("name\trepo\tpkgbase\tkeys\n")
	for _, a := range c.Arch {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", a.Name, a.Repo, a.Base, joinKeys(a.Keys))
	}
	out.files["arch.tsv.gz"] = gz(b.Bytes())

	b.Reset()
	b.WriteString("attr\tpname\twraps\tkeys\n")
	for _, n := range c.Nix {
		keys := n.Keys
		if n.Via != "" {
			keys = nil // the loader copies them from the wrapped attribute
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", n.Attr, n.Pname, n.Via, joinKeys(keys))
	}
	out.files["nixpkgs.tsv.gz"] = gz(b.Bytes())

	b.Reset()
	b.WriteString("attr\tkind\ttarget\tnote\n")
	for _, a := range in.aliases {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", a.attr, a.kind, a.target, strings.ReplaceAll(a.note, "\t", " "))
	}
	out.files["aliases.tsv.gz"] = gz(b.Bytes())

	b.Reset()
	b.WriteString("key\tnixpkgs\tarch\n")
	var sk []upstream.Key
	for k := range shared {
		sk = append(sk, k)
	}
	sk = upstream.Sorted(sk)
	for _, k := range sk {
		fmt.Fprintf(&b, "%s\t%d\t%d\n", k, shared[k].Nix, shared[k].Arch)
	}
	out.files["shared.tsv"] = bytes.Clone(b.Bytes())
	return out, nil
}

func joinKeys(keys []upstream.Key) string {
	s := make([]string, len(keys))
	for i, k := range keys {
		s[i] = string(k)
	}
	return strings.Join(s, " ")
}

// rank orders key kinds for the project id and the evidence line: the
// most specific first.
func rank(k upstream.Key) int {
	switch k.Kind() {
	case "repo":
		return 0
	case "pypi", "crates", "cpan", "hackage", "npm", "gem":
		return 1
	case "gnu", "savannah", "sf", "launchpad":
		return 2
	case upstream.KindHome:
		return 3
	}
	return 4
}

func best(keys []upstream.Key) upstream.Key {
	var b upstream.Key
	for _, k := range keys {
		if b == "" || rank(k) < rank(b) || (rank(k) == rank(b) && k < b) {
			b = k
		}
	}
	return b
}

func project(keys []upstream.Key) string {
	k := best(keys)
	switch k.Kind() {
	case "repo", upstream.KindHome, upstream.KindDL:
		return k.Value()
	}
	return string(k)
}

func from(src []sourced, k upstream.Key) string {
	var f []string
	for _, s := range src {
		if s.key == k && !contains(f, s.from) {
			f = append(f, s.from)
		}
	}
	return strings.Join(f, ", ")
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func evidence(v corpus.Verdict, nixSrc, archSrc []sourced, shared map[upstream.Key]corpus.Share) string {
	var b strings.Builder
	switch {
	case v.Exact && v.NixName == v.Nix.Attr:
		fmt.Fprintf(&b, "same name (nixpkgs attribute %s = Arch %s)", v.Nix.Attr, v.Arch.Name)
	case v.Exact:
		fmt.Fprintf(&b, "same name (nixpkgs attribute %s, which is %s, = Arch %s)", v.NixName, v.Nix.Attr, v.Arch.Name)
	case v.NixName == v.Arch.Name:
		fmt.Fprintf(&b, "same name (pname %s of nixpkgs %s = Arch %s)", v.NixName, v.Nix.Attr, v.Arch.Name)
	default:
		fmt.Fprintf(&b, "same name (nixpkgs attribute %s = Arch %s, whose pname is %s)", v.Nix.Attr, v.Arch.Name, v.NixName)
	}
	if v.Nix.Via != "" {
		fmt.Fprintf(&b, ", a wrapper of %s", v.Nix.Via)
	}
	k := best(v.Keys)
	fmt.Fprintf(&b, "; same upstream %s (nixpkgs %s; Arch %s)", corpus.Display(k), from(nixSrc, k), from(archSrc, k))
	if s, ok := shared[k]; ok {
		fmt.Fprintf(&b, ", shared by %d projects", max(s.Nix, s.Arch))
	}
	if n := len(v.Keys) - 1; n > 0 {
		fmt.Fprintf(&b, " and %d more", n)
	}
	return b.String()
}

// gz compresses b reproducibly: no name, zero mtime, fixed level.
func gz(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func (o *output) write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(o.files))
	for n := range o.files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		tmp, err := os.CreateTemp(dir, "."+n+".*")
		if err != nil {
			return err
		}
		_, werr := tmp.Write(o.files[n])
		cerr := tmp.Close()
		if werr != nil || cerr != nil {
			os.Remove(tmp.Name())
			return fmt.Errorf("write %s: %v %v", n, werr, cerr)
		}
		if err := os.Chmod(tmp.Name(), 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp.Name(), filepath.Join(dir, n)); err != nil {
			return err
		}
	}
	return nil
}

// summary prints the quality report. handDir holds the hand-written tables
// (mappings.HandWrittenTables) that, with the files just
// generated, make the table the NixOS fixtures' packages are looked up in.
func (o *output) summary(w io.Writer, in *inputs, handDir string) error {
	byConf := map[string]int{}
	for _, r := range o.rows {
		byConf[r.confidence]++
	}
	fmt.Fprintf(w, "rows written: %d (%d high, %d medium, %d low)\n", len(o.rows), byConf[confidenceHigh], byConf[confidenceMedium], byConf[confidenceLow])
	fmt.Fprintf(w, "Arch names mapped: %d of %d (%.1f%%; %d unusable names dropped: %s)\n", len(o.mapped), len(in.arch), 100*float64(len(o.mapped))/float64(len(in.arch)), len(in.droppedArch), strings.Join(in.droppedArch, " "))
	fmt.Fprintf(w, "aliases: %d kept, %d undated aliases.nix entries with unrelated names dropped\n", len(in.aliases), len(in.droppedAliases))
	tierOf := map[string]string{}
	for _, r := range o.rows {
		tierOf[r.arch] = r.tier
	}
	for name, tier := range in.curated {
		tierOf[name] = tier // curated rows win over generated ones
	}
	tally := func(title string, names []string, tier func(string) (string, bool)) (unmapped []string) {
		count := map[string]int{}
		total := 0
		for _, name := range names {
			if t, ok := tier(name); ok {
				count[t]++
				total++
			} else {
				unmapped = append(unmapped, name)
			}
		}
		var tiers []string
		for t := range count {
			tiers = append(tiers, t)
		}
		sort.Slice(tiers, func(i, j int) bool {
			return count[tiers[i]] > count[tiers[j]] || count[tiers[i]] == count[tiers[j]] && tiers[i] < tiers[j]
		})
		var parts []string
		for _, t := range tiers {
			parts = append(parts, fmt.Sprintf("%s %d", t, count[t]))
		}
		fmt.Fprintf(w, "%s: %d of %d mapped (%.1f%%): %s\n", title, total, len(names), 100*float64(total)/float64(max(1, len(names))), strings.Join(parts, ", "))
		return unmapped
	}
	archTier := func(name string) (string, bool) { t, ok := tierOf[name]; return t, ok }
	for _, n := range []int{500, topN} {
		tally(fmt.Sprintf("top %d Arch names by reverse dependencies", n), in.revdeps[:min(n, len(in.revdeps))], archTier)
	}
	if len(in.fixtures) > 0 {
		if un := tally("names in the example lists", in.fixtures, archTier); len(un) > 0 {
			fmt.Fprintf(w, "  unmapped: %s\n", strings.Join(un, " "))
		}
	}
	if len(in.nixosFixtures) > 0 {
		t, err := o.table(handDir)
		if err != nil {
			return err
		}
		nixTier := func(name string) (string, bool) {
			m := t.Lookup(mappings.NixOS, name).Match
			if m == nil {
				return "", false
			}
			if tier, ok := tierOf[m.Target]; ok && m.Method == mappings.MethodEcosystem {
				return tier, true // the ecosystem rule, as for Arch names
			}
			return string(m.Method), true
		}
		if un := tally("packages of the NixOS fixtures", in.nixosFixtures, nixTier); len(un) > 0 {
			fmt.Fprintf(w, "  unmapped: %s\n", strings.Join(un, " "))
		}
	}
	var sizes []string
	total := 0
	for _, name := range []string{"mappings.tsv", "arch.tsv.gz", "nixpkgs.tsv.gz", "aliases.tsv.gz", "shared.tsv"} {
		sizes = append(sizes, fmt.Sprintf("%s %d", name, len(o.files[name])))
		total += len(o.files[name])
	}
	fmt.Fprintf(w, "embedded bytes: %d (%s)\n", total, strings.Join(sizes, ", "))
	return nil
}

// table loads the generated files with the hand-written ones of handDir as
// package mappings loads what it embeds.
func (o *output) table(handDir string) (*mappings.Table, error) {
	fsys := fstest.MapFS{}
	for name, b := range o.files {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	for _, name := range mappings.HandWrittenTables {
		b, err := os.ReadFile(filepath.Join(handDir, name))
		if err != nil {
			return nil, fmt.Errorf("the NixOS fixtures are looked up with the hand-written tables: %w", err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	return mappings.Load(fsys, ".")
}

// unmappedReport lists, most depended-on first, the names among the n most
// depended-on Arch packages that no curated or generated row maps: rank,
// name, pkgbase, why the same-name rule left it, the names worth checking
// and Arch's upstream keys, tab-separated.
func (o *output) unmappedReport(in *inputs, n int) []byte {
	var b bytes.Buffer
	b.WriteString("rank\tarch\tpkgbase\treason\tsuggestions\tarch_keys\n")
	for i, name := range in.revdeps[:min(n, len(in.revdeps))] {
		if o.mapped[name] {
			continue
		}
		if _, ok := in.curated[name]; ok {
			continue
		}
		v := o.corpus.FromArch(name)
		base, keys := "-", "-"
		if a, ok := o.corpus.ArchPackage(name); ok {
			base, keys = a.Base, joinKeys(a.Keys)
		}
		fmt.Fprintf(&b, "%d\t%s\t%s\t%s\t%s\t%s\n", i+1, name, base, v.Reason, strings.Join(v.Suggestions, " "), keys)
	}
	return b.Bytes()
}
