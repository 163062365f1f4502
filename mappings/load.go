package mappings

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/nixarch/nixarch/mappings/internal/corpus"
	"github.com/nixarch/nixarch/mappings/internal/upstream"
	"github.com/nixarch/nixarch/model"
)

// Load reads the tables from dir in fsys (the files Default embeds:
// mappings.tsv, arch.tsv.gz, nixpkgs.tsv.gz, aliases.tsv.gz, shared.tsv).
// Any malformed field is a *model.Error naming dir/FILE:line:col.
func Load(fsys fs.FS, dir string) (*Table, error) {
	t := &Table{byArch: map[string]int{}, byNix: map[string]int{}, aliases: map[string]alias{}}
	var arch []corpus.Arch
	var nix []corpus.Nix
	shared := map[upstream.Key]corpus.Share{}
	defaults := map[string]string{}

	err := readTable(fsys, path.Join(dir, "arch.tsv.gz"), []string{"name", "repo", "pkgbase", "keys"}, func(l *line) {
		a := corpus.Arch{Name: l.name(0), Repo: l.oneOf(1, "core", "extra", "multilib"), Base: l.name(2), Keys: l.keys(3)}
		if len(arch) > 0 && arch[len(arch)-1].Name >= a.Name {
			l.fail(0, "not sorted or duplicate: %q after %q", a.Name, arch[len(arch)-1].Name)
		}
		arch = append(arch, a)
	})
	if err != nil {
		return nil, err
	}
	wraps := map[string]model.Origin{}
	err = readTable(fsys, path.Join(dir, "nixpkgs.tsv.gz"), []string{"attr", "pname", "wraps", "keys"}, func(l *line) {
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
	if err != nil {
		return nil, err
	}
	index := make(map[string]int, len(nix))
	for i, n := range nix {
		index[n.Attr] = i
	}
	for i := range nix {
		if nix[i].Via == "" {
			continue
		}
		w, ok := index[nix[i].Via]
		if !ok || nix[w].Via != "" {
			return nil, model.Errorf(wraps[nix[i].Via], fmt.Sprintf("wrapped attribute %q is not a plain attribute", nix[i].Via))
		}
		nix[i].Keys = nix[w].Keys
	}
	err = readTable(fsys, path.Join(dir, "aliases.tsv.gz"), []string{"attr", "kind", "target", "note"}, func(l *line) {
		name, kind := l.name(0), l.oneOf(1, "alias", "default", "removed")
		a := alias{kind: kind, note: l.field(3)}
		if kind == "removed" {
			if l.field(2) != "" {
				l.fail(2, "a removed attribute has no target")
			}
		} else {
			a.target = l.name(2)
		}
		if _, dup := t.aliases[name]; dup {
			l.fail(0, "duplicate alias %q", name)
		}
		if _, ok := index[name]; ok {
			l.fail(0, "%q is both an attribute and an alias", name)
		}
		t.aliases[name] = a
		if kind == "default" {
			defaults[name] = a.target
		}
	})
	if err != nil {
		return nil, err
	}
	err = readTable(fsys, path.Join(dir, "shared.tsv"), []string{"key", "nixpkgs", "arch"}, func(l *line) {
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
	t.corpus = corpus.New(nix, arch, corpus.ResolveDefaults(defaults, func(a string) bool { _, ok := index[a]; return ok }), shared)

	err = readTable(fsys, path.Join(dir, "mappings.tsv"), []string{"project", "nixpkgs", "arch", "repo", "method", "confidence", "evidence"}, func(l *line) {
		r := Row{
			Project:    l.field(0),
			Nixpkgs:    l.names(1),
			Arch:       l.names(2),
			Repo:       l.oneOf(3, "core", "extra", "multilib", "aur"),
			Method:     Method(l.field(4)),
			Confidence: Confidence(l.field(5)),
			Evidence:   l.field(6),
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
		if len(t.rows) > 0 && len(r.Arch) > 0 && t.rows[len(t.rows)-1].Arch[0] >= r.Arch[0] {
			l.fail(2, "not sorted by Arch name: %q after %q", r.Arch[0], t.rows[len(t.rows)-1].Arch[0])
		}
		i := len(t.rows)
		for _, a := range r.Arch {
			if _, dup := t.byArch[a]; dup {
				l.fail(2, "Arch %q is in two rows", a)
			}
			t.byArch[a] = i
		}
		for _, n := range r.Nixpkgs {
			if _, dup := t.byNix[n]; dup {
				l.fail(1, "nixpkgs %q is in two rows", n)
			}
			t.byNix[n] = i
		}
		t.rows = append(t.rows, r)
	})
	if err != nil {
		return nil, err
	}
	return t, nil
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
func readTable(fsys fs.FS, name string, header []string, row func(*line)) error {
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
	num := 0
	for sc.Scan() {
		num++
		l := &line{file: name, num: num, text: sc.Text()}
		l.fields = strings.Split(l.text, "\t")
		col := 1
		for _, f := range l.fields {
			l.cols = append(l.cols, col)
			col += len(f) + 1
		}
		if num == 1 {
			if l.text != strings.Join(header, "\t") {
				return model.Errorf(model.Origin{File: name, Line: 1, Col: 1}, fmt.Sprintf("header is %q, want %q", l.text, strings.Join(header, "\t")))
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
	if num == 0 {
		return model.Errorf(model.Origin{File: name}, "empty table")
	}
	return nil
}
