package nixos

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/nixarch/nixarch/model"
	"github.com/nixarch/nixarch/nix/eval"
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

// source returns the text of the configuration file p is in.
func (r *reporter) source(p syntax.Pos) []byte {
	if !p.IsValid() || r.fsys == nil {
		return nil
	}
	rel, ok := strings.CutPrefix(p.Filename, strings.TrimSuffix(r.root, "/")+"/")
	if !ok {
		return nil
	}
	src, ok := r.sources[rel]
	if !ok {
		src, _ = fs.ReadFile(r.fsys, rel)
		r.sources[rel] = src
	}
	if p.Offset < 0 || p.Offset >= len(src) {
		return nil
	}
	return src
}

// condText returns the text of an undecided condition: the source text
// where the condition is written (an if's condition, the argument of
// optional and friends), the option it reads (config.services.foo.enable)
// or why it is unknown; !(…) when u stands for the condition being false.
func (r *reporter) condText(u *eval.Unknown) string {
	text := ""
	not := false
	if u.Cond != nil {
		not = u.Cond.Not
		if u.Cond.End.IsValid() {
			text = r.spanText(u.Cond.At, u.Cond.End)
		} else {
			text = r.sourceText(u.Cond.At)
		}
	}
	if text == "" {
		text = conditionText(u)
	}
	if !not {
		return text
	}
	if strings.HasPrefix(text, "!") && !strings.ContainsAny(text, " &|") {
		return text[1:]
	}
	if strings.IndexFunc(text, func(c rune) bool { return c < 128 && !isNameByte(byte(c)) }) < 0 {
		return "!" + text
	}
	return "!(" + text + ")"
}

// spanText returns the source text from start up to end (where the then
// of an if starts), without the keyword then; "" when it cannot tell.
func (r *reporter) spanText(start, end syntax.Pos) string {
	src := r.source(start)
	if src == nil || end.Filename != start.Filename || end.Offset <= start.Offset || end.Offset > len(src) || end.Offset-start.Offset > maxCondText+8 {
		return ""
	}
	t := strings.TrimSpace(string(src[start.Offset:end.Offset]))
	t = strings.TrimSpace(strings.TrimSuffix(t, "then"))
	t = strings.Join(strings.Fields(t), " ")
	if t == "" || len(t) > maxCondText || strings.Contains(t, "#") {
		return ""
	}
	return t
}

// sourceText returns the source text of the expression starting at p:
// a parenthesized expression or a run of name characters, as in
// config.services.foo.enable or (!onLaptop); "" when it cannot tell. An
// expression right after an opening parenthesis is read from there, so
// that optionals (a && b) gives (a && b).
func (r *reporter) sourceText(p syntax.Pos) string {
	src := r.source(p)
	if src == nil {
		return ""
	}
	off := p.Offset
	if src[off] != '(' {
		i := off - 1
		for i >= 0 && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n') {
			i--
		}
		if i >= 0 && src[i] == '(' {
			off = i
		}
	}
	s := src[off:]
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
	t := strings.Join(strings.Fields(string(s[:end])), " ")
	if s[0] == '(' && end > 2 {
		t = strings.TrimSpace(t[1 : len(t)-1]) // the parentheses around a whole argument
	}
	return t
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
	if root := strings.TrimSuffix(r.root, "/") + "/"; strings.Contains(msg, root) {
		shown := filepath.ToSlash(filepath.Clean(r.shown)) + "/"
		if shown == "./" {
			shown = ""
		}
		msg = strings.ReplaceAll(msg, root, shown)
	}
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
			r.add(model.SeverityError, e.Pos, "syntax error: "+strings.TrimPrefix(e.Msg, "syntax error, ")+" (the module is left out)")
		}
		return
	}
	if !strings.HasPrefix(file, strings.TrimSuffix(r.root, "/")+"/") {
		r.add(model.SeverityError, at, fmt.Sprintf("cannot read module %s: it is outside the configuration's folder %s, the only folder nixarch reads (the module is left out)", file, r.shown))
		return
	}
	if path.Base(file) == "hardware-configuration.nix" && errors.Is(err, fs.ErrNotExist) {
		// Often kept out of a configuration's repository: the machine
		// makes its own. What it holds is hardware, notes at most here.
		r.add(model.SeverityInfo, at, "no "+r.file(file)+": nixos-generate-config writes it on each machine, and its hardware settings would be notes only")
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
