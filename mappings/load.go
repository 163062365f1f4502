package mappings

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/nixarch/nixarch/mappings/internal/corpus"
	"github.com/nixarch/nixarch/mappings/internal/upstream"
	"github.com/nixarch/nixarch/model"
)

// HandWrittenTables are the tables of the data folder written by hand,
// in the order Load reads them: curated rows win over groups and the Nerd
// Fonts, and all of them over the generated rows. The generator writes
// the others.
var HandWrittenTables = []string{"multilib.txt", "curated.tsv", "groups.tsv", "nerdfonts.tsv"}

// Load reads the tables from dir in fsys (the files Default embeds:
// curated.tsv, groups.tsv, nerdfonts.tsv, multilib.txt, mappings.tsv, arch.tsv.gz,
// nixpkgs.tsv.gz, aliases.tsv.gz, shared.tsv), all of them at once. Any
// malformed field is a *model.Error naming dir/FILE:line:col.
func Load(fsys fs.FS, dir string) (*Table, error) { return load(fsys, dir, false) }

// load reads the rows; the facts too unless lazy, in which case they are
// read on first use.
func load(fsys fs.FS, dir string, lazy bool) (*Table, error) {
	t := &Table{byArch: make(map[string]int, 12000), byNix: make(map[string]int, 16000), byGroup: map[string]int{}, multilib: map[string]bool{}}
	readers := map[string]func(fs.FS, string) error{
		"multilib.txt": t.loadMultilib, "curated.tsv": t.loadCurated, "groups.tsv": t.loadGroups, "nerdfonts.tsv": t.loadNerdFonts,
	}
	for _, name := range HandWrittenTables {
		if err := readers[name](fsys, path.Join(dir, name)); err != nil {
			return nil, err
		}
	}
	if err := t.loadGenerated(fsys, path.Join(dir, "mappings.tsv")); err != nil {
		return nil, err
	}
	t.facts = sync.OnceValues(func() (*facts, error) { return loadFacts(fsys, dir) })
	if !lazy {
		if _, err := t.facts(); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// loadMultilib reads the hand-written list of multilib package names.
func (t *Table) loadMultilib(fsys fs.FS, name string) error {
	return readTable(fsys, name, []string{"name"}, true, func(l *line) {
		n := l.name(0)
		if t.multilib[n] {
			l.fail(0, "duplicate name %q", n)
		}
		t.multilib[n] = true
	})
}

var curatedHeader = []string{"arch", "repo", "nixpkgs", "method", "direction", "confidence", "setting", "attr_source", "note"}

// loadCurated reads the hand-written rows. "-" is an empty field.
func (t *Table) loadCurated(fsys fs.FS, name string) error {
	nixSeen := map[string]bool{}
	return readTable(fsys, name, curatedHeader, true, func(l *line) {
		r := Row{
			Arch:       []string{l.name(0)},
			Repo:       l.oneOf(1, "core", "extra", "multilib", "aur"),
			Method:     Method(l.oneOf(3, string(MethodCurated), string(MethodBaseline))),
			Direction:  Direction(l.oneOf(4, string(Both), string(ToNixOS), string(ToArch))),
			Confidence: Confidence(l.field(5)),
			Setting:    dash(l.field(6)),
			AttrSource: dash(l.field(7)),
			Origin:     l.origin(0),
		}
		r.Project = "curated:" + r.Arch[0]
		if n := dash(l.field(2)); n != "" {
			r.Nixpkgs = l.names(2)
		}
		note := dash(l.field(8))
		switch {
		case !confidences[r.Confidence]:
			l.fail(5, "unknown confidence %q", r.Confidence)
		case r.Method == MethodBaseline && len(r.Nixpkgs) > 0:
			l.fail(2, "a baseline row installs nothing: nixpkgs must be -")
		case len(r.Nixpkgs) == 0 && r.Method != MethodBaseline && r.Setting == "":
			l.fail(2, "a row without a nixpkgs attribute needs a setting or method baseline")
		case len(r.Nixpkgs) == 0 && r.Direction != ToNixOS:
			l.fail(4, "a row without a nixpkgs attribute answers Arch lookups only: direction must be to-nixos")
		case len(r.Nixpkgs) > 0 && r.AttrSource == "" && strings.Contains(r.Nixpkgs[0], "("):
			l.fail(2, "bad attribute %q", r.Nixpkgs[0])
		case note == "" && (r.Method == MethodBaseline || r.Setting != ""):
			l.fail(8, "a baseline or setting row needs a note saying why")
		}
		r.Evidence = "curated"
		if note != "" {
			r.Evidence += ": " + note
		}
		if r.AttrSource != "" {
			r.Evidence += " (attribute: " + r.AttrSource + ")"
		}
		i := len(t.rows)
		if r.Direction != ToArch {
			if _, dup := t.byArch[r.Arch[0]]; dup {
				l.fail(0, "Arch %q is in two rows", r.Arch[0])
			}
			t.byArch[r.Arch[0]] = i
		}
		for _, n := range r.Nixpkgs {
			if r.Direction == ToNixOS {
				nixSeen[n] = true
				continue
			}
			if _, dup := t.byNix[n]; dup {
				l.fail(2, "nixpkgs %q answers two rows (mark one to-nixos)", n)
			}
			t.byNix[n] = i
		}
		t.rows = append(t.rows, r)
	})
}

// loadGroups reads the Arch package groups and their NixOS counterparts.
func (t *Table) loadGroups(fsys fs.FS, name string) error {
	return readTable(fsys, name, []string{"group", "nixpkgs", "setting", "note"}, true, func(l *line) {
		r := Row{Arch: []string{l.name(0)}, Repo: "extra", Method: MethodCurated, Confidence: ConfidenceHigh,
			Direction: ToNixOS, Setting: dash(l.field(2)), Group: true, Origin: l.origin(0)}
		r.Project = "group:" + r.Arch[0]
		if dash(l.field(1)) != "" {
			r.Nixpkgs = l.names(1)
		}
		if r.Setting == "" && len(r.Nixpkgs) == 0 {
			l.fail(1, "a group needs a nixpkgs attribute or a setting")
		}
		if dash(l.field(3)) == "" {
			l.fail(3, "empty note")
		}
		r.Evidence = "curated: Arch package group " + r.Arch[0] + ": " + l.field(3)
		if _, dup := t.byGroup[r.Arch[0]]; dup {
			l.fail(0, "duplicate group %q", r.Arch[0])
		}
		t.byGroup[r.Arch[0]] = len(t.rows)
		t.rows = append(t.rows, r)
	})
}

// NerdFontsAttr is the nixpkgs 24.11 attribute that holds every Nerd
// Font. A font its override keeps (nerdfonts.override { fonts = [
// "FiraCode" ]; }) is the model package NerdFontsAttr + ".FiraCode".
const NerdFontsAttr = "nerdfonts"

// loadNerdFonts reads nerdfonts.tsv: each font of nixpkgs' nerdfonts and
// the Arch package that holds it.
func (t *Table) loadNerdFonts(fsys fs.FS, name string) error {
	return readTable(fsys, name, []string{"font", "arch"}, true, func(l *line) {
		font, arch := l.field(0), l.name(1)
		if font == "" || strings.ContainsAny(font, " \t\"") {
			l.fail(0, "bad font name %q", font)
		}
		r := Row{Arch: []string{arch}, Repo: "extra", Nixpkgs: []string{NerdFontsAttr + "." + font}, Method: MethodEcosystem,
			Confidence: ConfidenceHigh, Direction: Both, Project: "github.com/ryanoasis/nerd-fonts#" + font, Origin: l.origin(0),
			Evidence: fmt.Sprintf("Nerd Fonts (github.com/ryanoasis/nerd-fonts on both sides): the font %s, which nixpkgs 24.11 builds as (nerdfonts.override { fonts = [ %q ]; }) and Arch packages as %s", font, font, arch)}
		if _, dup := t.byArch[arch]; dup {
			l.fail(1, "Arch %q is in two rows", arch)
		}
		if _, dup := t.byNix[r.Nixpkgs[0]]; dup {
			l.fail(0, "font %q is in two rows", font)
		}
		t.byArch[arch] = len(t.rows)
		t.byNix[r.Nixpkgs[0]] = len(t.rows)
		t.rows = append(t.rows, r)
	})
}

// loadGenerated reads mappings.tsv. A name a curated row already answers
// keeps the curated answer.
func (t *Table) loadGenerated(fsys fs.FS, name string) error {
	first := len(t.rows) // rows from here on are generated
	t.rows = slices.Grow(t.rows, 12000)
	var last string
	return readTable(fsys, name, []string{"project", "nixpkgs", "arch", "repo", "method", "confidence", "evidence"}, false, func(l *line) {
		r := Row{
			Project:    l.field(0),
			Nixpkgs:    l.names(1),
			Arch:       l.names(2),
			Repo:       l.oneOf(3, "core", "extra", "multilib", "aur"),
			Method:     Method(l.field(4)),
			Confidence: Confidence(l.field(5)),
			Evidence:   l.field(6),
			Direction:  Both,
			Origin:     l.origin(0),
		}
		switch {
		case r.Project == "":
			l.fail(0, "empty project")
		case !methods[r.Method]:
			l.fail(4, "unknown method %q", r.Method)
		case !confidences[r.Confidence]:
			l.fail(5, "unknown confidence %q", r.Confidence)
		case r.Evidence == "":
			l.fail(6, "empty evidence")
		}
		if last != "" && last >= r.Arch[0] {
			l.fail(2, "not sorted by Arch name: %q after %q", r.Arch[0], last)
		}
		last = r.Arch[0]
		i := len(t.rows)
		for _, a := range r.Arch {
			j, claimed := t.byArch[a]
			switch {
			case !claimed:
				t.byArch[a] = i
			case j >= first:
				l.fail(2, "Arch %q is in two rows", a)
			default:
				// A curated row the generated one agrees with keeps the
				// generated upstream evidence too.
				if c := &t.rows[j]; c.nixTarget() == r.Nixpkgs[0] && !strings.Contains(c.Evidence, "; confirmed by ") {
					c.Project = r.Project
					c.Evidence += "; confirmed by " + string(r.Method) + ": " + r.Evidence
				}
			}
		}
		for _, n := range r.Nixpkgs {
			j, claimed := t.byNix[n]
			switch {
			case !claimed:
				t.byNix[n] = i
			case j >= first:
				l.fail(1, "nixpkgs %q is in two rows", n)
			}
		}
		t.rows = append(t.rows, r)
	})
}

func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// loadFacts reads the upstream facts and aliases.
func loadFacts(fsys fs.FS, dir string) (*facts, error) {
	f := &facts{aliases: map[string]alias{}}
	f.nixSpelling = sync.OnceValue(func() spelling {
		names := make([]string, len(f.corpus.Nix))
		for i, n := range f.corpus.Nix {
			names[i] = n.Attr
		}
		return newSpelling(names)
	})
	f.archSpelling = sync.OnceValue(func() spelling {
		names := make([]string, len(f.corpus.Arch))
		for i, a := range f.corpus.Arch {
			names[i] = a.Name
		}
		return newSpelling(names)
	})
	var arch []corpus.Arch
	var nix []corpus.Nix
	shared := map[upstream.Key]corpus.Share{}
	defaults := map[string]string{}

	// The two largest tables are independent: read them side by side.
	archDone := make(chan error, 1)
	go func() {
		arch = make([]corpus.Arch, 0, 14000)
		archDone <- readTable(fsys, path.Join(dir, "arch.tsv.gz"), []string{"name", "repo", "pkgbase", "keys"}, false, func(l *line) {
			a := corpus.Arch{Name: l.name(0), Repo: l.oneOf(1, "core", "extra", "multilib"), Base: l.name(2), Keys: l.keys(3)}
			if len(arch) > 0 && arch[len(arch)-1].Name >= a.Name {
				l.fail(0, "not sorted or duplicate: %q after %q", a.Name, arch[len(arch)-1].Name)
			}
			arch = append(arch, a)
		})
	}()
	wraps := map[string]model.Origin{}
	nix = make([]corpus.Nix, 0, 30000)
	err := readTable(fsys, path.Join(dir, "nixpkgs.tsv.gz"), []string{"attr", "pname", "wraps", "keys"}, false, func(l *line) {
		n := corpus.Nix{Attr: l.name(0), Pname: l.optName(1), Via: l.optName(2), Keys: l.keys(3)}
		if len(nix) > 0 && nix[len(nix)-1].Attr >= n.Attr {
			l.fail(0, "not sorted or duplicate: %q after %q", n.Attr, nix[len(nix)-1].Attr)
		}
		if n.Via != "" {
			if len(n.Keys) > 0 {
				l.fail(3, "a wrapper takes its keys from %s and has none of its own", n.Via)
			}
			wraps[n.Via] = l.origin(2)
		}
		nix = append(nix, n)
	})
	if archErr := <-archDone; err == nil {
		err = archErr
	}
	if err != nil {
		return nil, err
	}
	// nix is sorted by attribute (checked above): search it.
	attrIndex := func(attr string) (int, bool) { return corpus.SearchNix(nix, attr) }
	for i := range nix {
		if nix[i].Via == "" {
			continue
		}
		w, ok := attrIndex(nix[i].Via)
		if !ok || nix[w].Via != "" {
			return nil, model.Errorf(wraps[nix[i].Via], fmt.Sprintf("wrapped attribute %q is not a plain attribute", nix[i].Via))
		}
		nix[i].Keys = nix[w].Keys
	}
	err = readTable(fsys, path.Join(dir, "aliases.tsv.gz"), []string{"attr", "kind", "target", "note"}, false, func(l *line) {
		name, kind := l.name(0), l.oneOf(1, "alias", "default", "removed")
		a := alias{kind: kind, note: l.field(3)}
		if kind == "removed" {
			if l.field(2) != "" {
				l.fail(2, "a removed attribute has no target")
			}
		} else {
			a.target = l.name(2)
		}
		if _, dup := f.aliases[name]; dup {
			l.fail(0, "duplicate alias %q", name)
		}
		if _, ok := attrIndex(name); ok {
			l.fail(0, "%q is both an attribute and an alias", name)
		}
		f.aliases[name] = a
		if kind == "default" {
			defaults[name] = a.target
		}
	})
	if err != nil {
		return nil, err
	}
	err = readTable(fsys, path.Join(dir, "shared.tsv"), []string{"key", "nixpkgs", "arch"}, false, func(l *line) {
		k := l.key(0)
		s := corpus.Share{Nix: l.count(1), Arch: l.count(2)}
		if max(s.Nix, s.Arch) <= corpus.Threshold {
			l.fail(1, "a shared key is used by more than %d projects", corpus.Threshold)
		}
		shared[k] = s
	})
	if err != nil {
		return nil, err
	}
	f.corpus = corpus.New(nix, arch, corpus.ResolveDefaults(defaults, func(a string) bool { _, ok := attrIndex(a); return ok }), shared)
	return f, nil
}

// line is one row being read; the first problem found is kept.
type line struct {
	file   string
	num    int
	text   string
	fields []string
	cols   []int
	err    *model.Error
}

func (l *line) origin(field int) model.Origin {
	return model.Origin{File: l.file, Line: l.num, Col: l.cols[field]}
}

func (l *line) fail(field int, format string, args ...any) {
	if l.err == nil {
		l.err = model.Errorf(l.origin(field), fmt.Sprintf(format, args...))
	}
}

func (l *line) field(i int) string { return l.fields[i] }

// name checks a package name or attribute path: no spaces, commas or
// control characters.
func (l *line) name(i int) string {
	s := l.fields[i]
	if s == "" {
		l.fail(i, "empty name")
	}
	return l.optName(i)
}

func (l *line) optName(i int) string {
	s := l.fields[i]
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == ',' || r == 0x7f }) {
		l.fail(i, "bad name %q", s)
	}
	return s
}

func (l *line) names(i int) []string {
	parts := strings.Split(l.fields[i], ",")
	for _, p := range parts {
		if p == "" || strings.ContainsFunc(p, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
			l.fail(i, "bad name list %q", l.fields[i])
			break
		}
	}
	return parts
}

func (l *line) oneOf(i int, allowed ...string) string {
	for _, a := range allowed {
		if l.fields[i] == a {
			return a
		}
	}
	l.fail(i, "%q is not one of %s", l.fields[i], strings.Join(allowed, ", "))
	return l.fields[i]
}

func (l *line) count(i int) int {
	n, err := strconv.Atoi(l.fields[i])
	if err != nil || n < 0 {
		l.fail(i, "bad count %q", l.fields[i])
	}
	return n
}

var keyKinds = map[string]bool{
	"home": true, "repo": true, "pypi": true, "crates": true, "cpan": true, "hackage": true,
	"npm": true, "gem": true, "gnu": true, "savannah": true, "sf": true, "launchpad": true, "dl": true,
}

func (l *line) key(i int) upstream.Key {
	k := upstream.Key(l.fields[i])
	if !keyKinds[k.Kind()] || k.Value() == "" || strings.ContainsAny(string(k), " \t") {
		l.fail(i, "bad upstream key %q", k)
	}
	return k
}

func (l *line) keys(i int) []upstream.Key {
	if l.fields[i] == "" {
		return nil
	}
	var out []upstream.Key
	for _, s := range strings.Split(l.fields[i], " ") {
		k := upstream.Key(s)
		if !keyKinds[k.Kind()] || k.Value() == "" {
			l.fail(i, "bad upstream key %q", s)
		}
		out = append(out, k)
	}
	return out
}

// readTable reads a tab-separated file (gunzipped when it ends in .gz)
// whose first line is header, calling row for every other line.
func readTable(fsys fs.FS, name string, header []string, comments bool, row func(*line)) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read mapping table: %w", err)
	}
	var r io.Reader = bytes.NewReader(b)
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return model.Errorf(model.Origin{File: name}, "not gzip: "+err.Error())
		}
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	num, headerSeen := 0, false
	l := &line{file: name}
	for sc.Scan() {
		num++
		if comments && (len(sc.Bytes()) == 0 || sc.Bytes()[0] == '#') {
			continue
		}
		l.num, l.text = num, sc.Text()
		l.fields, l.cols = l.fields[:0], l.cols[:0]
		col, rest := 1, l.text
		for {
			f, after, more := strings.Cut(rest, "\t")
			l.fields = append(l.fields, f)
			l.cols = append(l.cols, col)
			col += len(f) + 1
			if !more {
				break
			}
			rest = after
		}
		if !headerSeen {
			headerSeen = true
			if l.text != strings.Join(header, "\t") {
				return model.Errorf(model.Origin{File: name, Line: num, Col: 1}, fmt.Sprintf("header is %q, want %q", l.text, strings.Join(header, "\t")))
			}
			continue
		}
		if len(l.fields) != len(header) {
			return model.Errorf(model.Origin{File: name, Line: num, Col: 1}, fmt.Sprintf("%d fields, want %d (%s)", len(l.fields), len(header), strings.Join(header, ", ")))
		}
		row(l)
		if l.err != nil {
			return l.err
		}
	}
	if err := sc.Err(); err != nil {
		return model.Errorf(model.Origin{File: name, Line: num + 1}, err.Error())
	}
	if !headerSeen {
		return model.Errorf(model.Origin{File: name}, "empty table")
	}
	return nil
}
