package nixos

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/nixarch/nixarch/model"
	"github.com/nixarch/nixarch/nix/syntax"
)

// reporter collects findings and turns the evaluator's absolute paths
// back into the paths the user gave.
type reporter struct {
	fsys     fs.FS
	sources  map[string][]byte
	root     string // the evaluator's root, an absolute slash path
	shown    string // the same folder as the user gave it
	findings []model.Finding
	seen     map[string]bool
	readList []string
}

func newReporter(fsys fs.FS, root, shown string) *reporter {
	return &reporter{fsys: fsys, root: root, shown: shown, seen: map[string]bool{}, sources: map[string][]byte{}}
}

// maxCondText bounds the source text kept for a condition.
const maxCondText = 200

// sourceText returns the source text of the expression starting at p:
// a parenthesized expression or a run of name characters, as in
// config.services.foo.enable or (!onLaptop); "" when it cannot tell.
func (r *reporter) sourceText(p syntax.Pos) string {
	if !p.IsValid() || r.fsys == nil {
		return ""
	}
	rel, ok := strings.CutPrefix(p.Filename, strings.TrimSuffix(r.root, "/")+"/")
	if !ok {
		return ""
	}
	src, ok := r.sources[rel]
	if !ok {
		src, _ = fs.ReadFile(r.fsys, rel)
		r.sources[rel] = src
	}
	if p.Offset < 0 || p.Offset >= len(src) {
		return ""
	}
	s := src[p.Offset:]
	end := 0
	if s[0] == '(' {
		depth := 0
		for i, c := range s {
			if i > maxCondText {
				return ""
			}
			switch c {
			case '(':
				depth++
			case ')':
				depth--
			}
			if depth == 0 {
				end = i + 1
				break
			}
		}
	} else {
		for end < len(s) && end <= maxCondText && isNameByte(s[end]) {
			end++
		}
	}
	if end == 0 || end > maxCondText {
		return ""
	}
	return strings.Join(strings.Fields(string(s[:end])), " ")
}

func isNameByte(c byte) bool {
	return c == '_' || c == '.' || c == '\'' || c == '-' || c == '!' ||
		'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// file returns the path of the Nix file p as the user would write it.
func (r *reporter) file(p string) string {
	if p == r.root {
		return r.shown
	}
	if rest, ok := strings.CutPrefix(p, strings.TrimSuffix(r.root, "/")+"/"); ok {
		return filepath.Join(r.shown, filepath.FromSlash(rest))
	}
	return p
}

func (r *reporter) files(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = r.file(p)
	}
	return out
}

// origin converts a syntax position into a model origin.
func (r *reporter) origin(p syntax.Pos) model.Origin {
	if !p.IsValid() || p.Filename == "" || strings.HasPrefix(p.Filename, "<") {
		return model.Origin{}
	}
	return model.Origin{File: r.file(p.Filename), Line: p.Line, Col: p.Column}
}

func (r *reporter) pos(p syntax.Pos) string {
	if s := r.origin(p).String(); s != "" {
		return s
	}
	return "an unknown position"
}

func (r *reporter) add(sev model.Severity, p syntax.Pos, msg string) {
	o := r.origin(p)
	key := string(sev) + "\x00" + o.String() + "\x00" + msg
	if r.seen[key] {
		return
	}
	r.seen[key] = true
	r.findings = append(r.findings, model.Finding{Severity: sev, Message: msg, Origin: o})
}

// addErr reports a file that could not be read or parsed.
func (r *reporter) addErr(at syntax.Pos, file string, err error) {
	var list syntax.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		for _, e := range list {
			r.add(model.SeverityError, e.Pos, "syntax error: "+e.Msg+" (the module is left out)")
		}
		return
	}
	msg := err.Error()
	msg = strings.ReplaceAll(msg, file, r.file(file))
	r.add(model.SeverityError, at, "cannot read module "+r.file(file)+": "+trimReadErr(msg))
}

func trimReadErr(msg string) string {
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}

// read records that the file p was read.
func (r *reporter) read(p string) {
	r.readList = append(r.readList, r.file(p))
}

func cleanSlash(p string) string { return path.Clean(filepath.ToSlash(p)) }
