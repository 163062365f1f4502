package syntax

import (
	"bytes"
	"strconv"
	"strings"
)

// Format pretty-prints e as readable Nix source that parses back to the
// same tree (up to positions and parentheses). It prints the comments of
// *Attribute, *Inherit and *Commented nodes as # lines. The output ends
// with a newline.
func Format(e Expr) []byte {
	var f formatter
	f.expr(e, 0)
	f.buf.WriteByte('\n')
	return f.buf.Bytes()
}

type formatter struct {
	buf    bytes.Buffer
	indent int
}

const lineWidth = 80

// Precedence levels of Format, higher binds tighter.
const (
	fPrecLowest = 0 // lambda, if, let, with, assert
	fPrecPipe   = 1 // |> <|
	fPrecOpBase = 1 // binary operators are fPrecOpBase + their parser precedence
	fPrecApply  = 20
	fPrecSelect = 21
	fPrecSimple = 22
)

func fPrec(e Expr) int {
	switch e := e.(type) {
	case *Lambda, *If, *Let, *With, *Assert:
		return fPrecLowest
	case *Binary:
		if e.Op == PIPE_FROM || e.Op == PIPE_INTO {
			return fPrecPipe
		}
		p, _, _ := precedence(e.Op)
		return fPrecOpBase + p
	case *Unary:
		if e.Op == NOT {
			return fPrecOpBase + precNot
		}
		return fPrecOpBase + precNegate
	case *HasAttr:
		return fPrecOpBase + precHasAttr
	case *Apply:
		return fPrecApply
	case *Select:
		return fPrecSelect
	case *Commented:
		return fPrec(e.X)
	}
	return fPrecSimple
}

func (f *formatter) nl() {
	f.buf.WriteByte('\n')
	for i := 0; i < f.indent; i++ {
		f.buf.WriteString("  ")
	}
}

// unindentLastLine drops the newline and indentation that comment
// leaves after its last line, for a comment that has no element after it.
func (f *formatter) unindentLastLine() {
	b := f.buf.Bytes()
	f.buf.Truncate(bytes.LastIndexByte(b, '\n'))
}

func (f *formatter) comment(text string) {
	if text == "" {
		return
	}
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		f.buf.WriteString("#")
		if l != "" && !strings.HasPrefix(l, " ") {
			f.buf.WriteByte(' ')
		}
		f.buf.WriteString(l)
		f.nl()
	}
}

// expr prints e, in parentheses when its precedence is below min.
func (f *formatter) expr(e Expr, min int) {
	if c, ok := e.(*Commented); ok {
		f.expr(c.X, min)
		return
	}
	if fPrec(e) < min {
		f.buf.WriteByte('(')
		f.expr(e, 0)
		f.buf.WriteByte(')')
		return
	}
	switch e := e.(type) {
	case nil:
		f.buf.WriteString("null")
	case *Paren:
		f.expr(e.X, min)
	case *Ident:
		f.buf.WriteString(e.Name)
	case *Int:
		f.buf.WriteString(strconv.FormatInt(e.Value, 10))
	case *Float:
		s := strconv.FormatFloat(e.Value, 'g', -1, 64)
		if !strings.ContainsAny(s, ".e") {
			s += ".0"
		} else if strings.Contains(s, "e") && !strings.Contains(s, ".") {
			i := strings.IndexByte(s, 'e')
			s = s[:i] + ".0" + s[i:]
		}
		f.buf.WriteString(s)
	case *URL:
		f.buf.WriteString(e.Value)
	case *SearchPath:
		f.buf.WriteString("<" + e.Path + ">")
	case *String:
		f.str(e)
	case *Path:
		for i, p := range e.Parts {
			if p.Interp != nil {
				f.buf.WriteString("${")
				f.expr(p.Interp, 0)
				f.buf.WriteByte('}')
			} else if i == 0 {
				f.buf.WriteString(p.Text)
			} else {
				f.buf.WriteString(p.Text)
			}
		}
	case *List:
		f.list(e)
	case *AttrSet:
		if e.Rec {
			f.buf.WriteString("rec ")
		}
		f.binds(e.Bindings, "{", "}")
	case *LegacyLet:
		f.buf.WriteString("let ")
		f.binds(e.Bindings, "{", "}")
	case *Let:
		if len(e.Bindings) == 0 {
			f.buf.WriteString("let in ")
		} else {
			f.buf.WriteString("let")
			f.indent++
			for _, b := range e.Bindings {
				f.nl()
				f.binding(b)
			}
			f.indent--
			f.nl()
			f.buf.WriteString("in")
			f.nl()
		}
		f.expr(e.Body, 0)
	case *Lambda:
		if e.ArgFirst && e.Arg != "" {
			f.buf.WriteString(e.Arg + " @ ")
		}
		if e.Formals != nil {
			f.formals(e.Formals)
			if !e.ArgFirst && e.Arg != "" {
				f.buf.WriteString(" @ " + e.Arg)
			}
		} else {
			f.buf.WriteString(e.Arg)
		}
		f.buf.WriteString(":")
		f.sepBody(e.Body)
	case *With:
		f.buf.WriteString("with ")
		f.expr(e.Env, 0)
		f.buf.WriteString(";")
		f.sepBody(e.Body)
	case *Assert:
		f.buf.WriteString("assert ")
		f.expr(e.Cond, 0)
		f.buf.WriteString(";")
		f.sepBody(e.Body)
	case *If:
		f.buf.WriteString("if ")
		f.expr(e.Cond, 0)
		f.buf.WriteString(" then ")
		f.expr(e.Then, 0)
		f.buf.WriteString(" else ")
		f.expr(e.Else, 0)
	case *Unary:
		f.buf.WriteString(e.Op.op())
		if e.Op == MINUS && startsWithPath(e.X) {
			f.buf.WriteByte(' ') // -./a would lex as one path
		}
		switch x := unparen(e.X).(type) {
		case *Unary:
			if x.Op == e.Op {
				if e.Op == MINUS {
					f.buf.WriteByte(' ')
				}
				f.expr(x, 0)
				return
			}
		}
		if e.Op == NOT {
			f.expr(e.X, fPrecOpBase+precNot+1)
		} else {
			f.expr(e.X, fPrecApply)
		}
	case *Binary:
		if e.Op == PIPE_FROM || e.Op == PIPE_INTO {
			l, r := fPrecPipe+1, fPrecPipe+1
			if e.Op == PIPE_INTO {
				l = fPrecPipe
				if b, ok := unparen(e.X).(*Binary); ok && b.Op == PIPE_FROM {
					l++
				}
			} else {
				r = fPrecPipe
				if b, ok := unparen(e.Y).(*Binary); ok && b.Op == PIPE_INTO {
					r++
				}
			}
			f.expr(e.X, l)
			f.buf.WriteString(" " + e.Op.op() + " ")
			f.expr(e.Y, r)
			return
		}
		p, right, nonassoc := precedence(e.Op)
		p += fPrecOpBase
		l, r := p, p+1
		if right {
			l, r = p+1, p
		}
		if nonassoc {
			l, r = p+1, p+1
		}
		f.expr(e.X, l)
		f.buf.WriteString(" " + e.Op.op() + " ")
		f.expr(e.Y, r)
	case *HasAttr:
		f.expr(e.X, fPrecOpBase+precHasAttr)
		f.buf.WriteString(" ? ")
		f.attrPath(e.Path)
	case *Apply:
		if id, ok := e.Arg.(*Ident); ok && id.Name == "or" {
			// The legacy "f or" is expr_simple OR_KW.
			f.expr(e.Fn, fPrecSimple)
			f.buf.WriteString(" or")
			return
		}
		f.expr(e.Fn, fPrecApply)
		f.buf.WriteByte(' ')
		f.expr(e.Arg, fPrecSelect)
	case *Select:
		switch unparen(e.X).(type) {
		case *Int, *Float, *Path, *URL:
			// 1.a would lex as a float, ./a.b and x:y.z as one token.
			f.buf.WriteByte('(')
			f.expr(e.X, 0)
			f.buf.WriteByte(')')
		default:
			f.expr(e.X, fPrecSimple)
		}
		f.buf.WriteByte('.')
		f.attrPath(e.Path)
		if e.Default != nil {
			f.buf.WriteString(" or ")
			f.expr(e.Default, fPrecSelect)
		}
	default:
		f.buf.WriteString("null")
	}
}

// sepBody prints the body of a lambda, with or assert: on the same line
// when it is a block, on the next otherwise.
func (f *formatter) sepBody(body Expr) {
	if isBlock(body) {
		f.buf.WriteByte(' ')
		f.expr(body, 0)
		return
	}
	f.indent++
	f.nl()
	f.expr(body, 0)
	f.indent--
}

// isBlock reports whether e prints as a bracketed block that may follow
// "name:" on the same line.
func isBlock(e Expr) bool {
	switch e := unparen(e).(type) {
	case *AttrSet, *List, *Ident, *Int, *Float, *String, *Path, *Lambda:
		return true
	case *Apply, *Select:
		_ = e
		return true
	}
	return false
}

func (f *formatter) formals(fs *Formals) {
	var one bytes.Buffer
	parts := make([]string, 0, len(fs.List)+1)
	for _, fm := range fs.List {
		if fm.Default == nil {
			parts = append(parts, fm.Name)
			continue
		}
		var g formatter
		g.indent = f.indent + 1
		g.expr(fm.Default, 0)
		parts = append(parts, fm.Name+" ? "+g.buf.String())
	}
	if fs.Ellipsis {
		parts = append(parts, "...")
	}
	if len(parts) == 0 {
		f.buf.WriteString("{ }")
		return
	}
	one.WriteString("{ " + strings.Join(parts, ", ") + " }")
	if one.Len() <= lineWidth && !bytes.Contains(one.Bytes(), []byte("\n")) {
		f.buf.Write(one.Bytes())
		return
	}
	f.buf.WriteByte('{')
	f.indent++
	for _, p := range parts {
		f.nl()
		f.buf.WriteString(p)
		if p != "..." {
			f.buf.WriteByte(',')
		}
	}
	f.indent--
	f.nl()
	f.buf.WriteByte('}')
}

func (f *formatter) list(l *List) {
	if len(l.Elems) == 0 {
		f.buf.WriteString("[ ]")
		return
	}
	multi := false
	for _, e := range l.Elems {
		switch x := e.(type) {
		case *Commented:
			multi = true
		case *AttrSet:
			multi = multi || len(x.Bindings) > 0
		case *List:
			multi = multi || len(x.Elems) > 0
		}
	}
	if !multi {
		var g formatter
		g.indent = f.indent
		g.buf.WriteString("[ ")
		for _, e := range l.Elems {
			g.expr(e, fPrecSelect)
			g.buf.WriteByte(' ')
		}
		g.buf.WriteByte(']')
		if g.buf.Len() <= lineWidth && !bytes.Contains(g.buf.Bytes(), []byte("\n")) {
			f.buf.Write(g.buf.Bytes())
			return
		}
	}
	f.buf.WriteByte('[')
	f.indent++
	for _, e := range l.Elems {
		f.nl()
		if c, ok := e.(*Commented); ok {
			if c.X == nil {
				f.comment(c.Comment)
				f.unindentLastLine()
				continue
			}
			f.comment(c.Comment)
		}
		f.expr(e, fPrecSelect)
	}
	f.indent--
	f.nl()
	f.buf.WriteByte(']')
}

func (f *formatter) binds(binds []Binding, open, close string) {
	if len(binds) == 0 {
		f.buf.WriteString(open + " " + close)
		return
	}
	f.buf.WriteString(open)
	f.indent++
	for i, b := range binds {
		if i > 0 && bindingComment(b) != "" {
			f.buf.WriteByte('\n') // a commented binding starts a paragraph
		}
		f.nl()
		f.binding(b)
	}
	f.indent--
	f.nl()
	f.buf.WriteString(close)
}

func bindingComment(b Binding) string {
	switch b := b.(type) {
	case *Attribute:
		return b.Comment
	case *Inherit:
		return b.Comment
	}
	return ""
}

func (f *formatter) binding(b Binding) {
	switch b := b.(type) {
	case *Attribute:
		f.comment(b.Comment)
		f.attrPath(b.Path)
		f.buf.WriteString(" = ")
		f.expr(b.Value, 0)
		f.buf.WriteByte(';')
	case *Inherit:
		f.comment(b.Comment)
		f.buf.WriteString("inherit")
		if b.From != nil {
			f.buf.WriteString(" (")
			f.expr(b.From, 0)
			f.buf.WriteByte(')')
		}
		for _, n := range b.Names {
			f.buf.WriteByte(' ')
			f.attrName(n)
		}
		f.buf.WriteByte(';')
	}
}

func (f *formatter) attrPath(path []AttrName) {
	for i, n := range path {
		if i > 0 {
			f.buf.WriteByte('.')
		}
		f.attrName(n)
	}
}

// isPlainID reports whether s can be written as a bare attribute name.
func isPlainID(s string) bool {
	if s == "" || !isIDStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isIDChar(s[i]) {
			return false
		}
	}
	_, kw := keywords[s]
	return !kw || s == "or"
}

func (f *formatter) attrName(n AttrName) {
	switch {
	case n.Dynamic != nil:
		if s, ok := unparen(n.Dynamic).(*String); ok && !s.Indented {
			f.str(s)
			return
		}
		f.buf.WriteString("${")
		f.expr(n.Dynamic, 0)
		f.buf.WriteByte('}')
	case isPlainID(n.Name):
		f.buf.WriteString(n.Name)
	case strings.IndexByte(n.Name, 0) >= 0:
		// Only ''…'' strings can hold a NUL byte.
		f.buf.WriteString("${")
		f.indString(&String{Indented: true, Parts: []StringPart{{Text: n.Name}}})
		f.buf.WriteByte('}')
	default:
		f.quoted(n.Name)
	}
}

// quoted writes s as a "…" string.
func (f *formatter) quoted(s string) {
	f.buf.WriteByte('"')
	f.quotedText(s, false)
	f.buf.WriteByte('"')
}

func (f *formatter) quotedText(s string, beforeInterp bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"', '\\':
			f.buf.WriteByte('\\')
			f.buf.WriteByte(c)
		case '\n':
			f.buf.WriteString(`\n`)
		case '\r':
			f.buf.WriteString(`\r`)
		case '\t':
			f.buf.WriteString(`\t`)
		case '$':
			if i+1 < len(s) && s[i+1] == '{' || i+1 == len(s) && beforeInterp {
				f.buf.WriteString(`\$`)
			} else {
				f.buf.WriteByte('$')
			}
		default:
			f.buf.WriteByte(c)
		}
	}
}

func (f *formatter) str(s *String) {
	if f.indentedOK(s) && (s.Indented || hasNUL(s)) {
		f.indString(s)
		return
	}
	f.buf.WriteByte('"')
	for i, p := range s.Parts {
		if p.Interp != nil {
			f.buf.WriteString("${")
			f.expr(p.Interp, 0)
			f.buf.WriteByte('}')
			continue
		}
		f.quotedText(p.Text, i+1 < len(s.Parts))
	}
	f.buf.WriteByte('"')
}

// indentedOK reports whether s prints well as a ”…” string.
func (f *formatter) indentedOK(s *String) bool {
	lines := 0
	for _, p := range s.Parts {
		if p.Interp == nil && strings.IndexByte(p.Text, 0) >= 0 {
			return true // only ''…'' strings can hold a NUL byte
		}
	}
	for _, p := range s.Parts {
		if p.Interp == nil {
			if strings.ContainsAny(p.Text, "\r\t") {
				return false
			}
			lines += strings.Count(p.Text, "\n")
		}
	}
	return lines > 0
}

func (f *formatter) indString(s *String) {
	f.buf.WriteString("''")
	f.indent++
	f.nl()
	escapeFirst := allLinesIndented(s)
	// With no line of content, Nix finds no common indentation and
	// strips every leading space: an escaped one makes a line of content.
	escapeBlank := !hasContentLine(s)
	lineStart := true
	for i, p := range s.Parts {
		if p.Interp != nil {
			lineStart = false
			f.buf.WriteString("${")
			f.expr(p.Interp, 0)
			f.buf.WriteByte('}')
			continue
		}
		t := p.Text
		for j := 0; j < len(t); j++ {
			c := t[j]
			wasStart := lineStart
			lineStart = c == '\n'
			switch {
			case c == ' ' && wasStart && (escapeFirst || escapeBlank || i == len(s.Parts)-1 && strings.Trim(t[j:], " ") == ""):
				// Keep the common indentation, a line of spaces, or a
				// last line of spaces from being stripped.
				f.buf.WriteString("''\\ ")
				escapeFirst, escapeBlank = false, false
			case c == '\n':
				if j+1 < len(t) && t[j+1] != '\n' || j+1 == len(t) && i+1 < len(s.Parts) {
					f.nl()
				} else {
					f.buf.WriteByte('\n')
				}
			case c == '\'' && j+1 < len(t) && t[j+1] == '\'':
				f.buf.WriteString("'''")
				j++
			case c == '\'' && j+1 == len(t):
				f.buf.WriteString("''\\'")
			case c == '$' && (j+1 < len(t) && t[j+1] == '{' || j+1 == len(t)):
				f.buf.WriteString("''$")
			default:
				f.buf.WriteByte(c)
			}
		}
	}
	f.indent--
	if b := f.buf.Bytes(); len(b) > 0 && b[len(b)-1] == '\n' {
		for i := 0; i < f.indent; i++ {
			f.buf.WriteString("  ")
		}
	}
	f.buf.WriteString("''")
}

func hasNUL(s *String) bool {
	for _, p := range s.Parts {
		if p.Interp == nil && strings.IndexByte(p.Text, 0) >= 0 {
			return true
		}
	}
	return false
}

// startsWithPath reports whether the printed form of the application or
// selection e starts with a path literal.
func startsWithPath(e Expr) bool {
	for {
		switch x := e.(type) {
		case *Path:
			return !x.Home
		case *Apply:
			e = x.Fn
		case *Select:
			switch unparen(x.X).(type) {
			case *Int, *Float, *Path, *URL:
				return false
			}
			e = x.X
		case *Commented:
			e = x.X
		case *Paren:
			e = x.X
		default:
			return false
		}
	}
}

// hasContentLine reports whether a line of s holds more than spaces.
func hasContentLine(s *String) bool {
	for _, p := range s.Parts {
		if p.Interp != nil || strings.Trim(p.Text, " \n") != "" {
			return true
		}
	}
	return false
}

// allLinesIndented reports whether every line of s with content starts
// with a space, which indentation stripping would remove.
func allLinesIndented(s *String) bool {
	var b strings.Builder
	for _, p := range s.Parts {
		if p.Interp != nil {
			b.WriteByte(1)
		} else {
			b.WriteString(p.Text)
		}
	}
	any := false
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.Trim(l, " ") == "" {
			continue
		}
		if l[0] != ' ' {
			return false
		}
		any = true
	}
	return any
}
