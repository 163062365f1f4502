package syntax

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// canonPrinter prints trees exactly as Nix 2.8's Expr::show methods do,
// which is what nix-instantiate --parse prints.
type canonPrinter struct {
	buf []byte
	// merge joins adjacent literal string parts, giving a form that does
	// not depend on how the lexer split the text (for round trips).
	merge bool
	ranks ranks // symbol numbers of a Session, for files parsed apart
	home  string
	dirs  map[string]string // file name → absolute directory

	attrStack   []*lAttr  // sorted attributes of the sets being printed
	formalStack []*Formal // sorted formals of the lambdas being printed
}

// PrintCanonical writes e the way nix-instantiate --parse (Nix 2.8)
// prints it, without a trailing newline. Relative paths are resolved
// against the directory of the file named in their position, and ~/
// against $HOME. The order of let bindings and formals follows the
// order in which the parser met the names; see Session.
func PrintCanonical(w io.Writer, e Expr) error {
	var c canonPrinter
	c.expr(e)
	_, err := w.Write(c.buf)
	return err
}

// Canonical returns the PrintCanonical form of e.
func Canonical(e Expr) string {
	var c canonPrinter
	c.expr(e)
	return string(c.buf)
}

func (c *canonPrinter) str(s string) { c.buf = append(c.buf, s...) }

func (c *canonPrinter) byte(b byte) { c.buf = append(c.buf, b) }

// showString is showString of nixexpr.cc.
func (c *canonPrinter) showString(s string) {
	b := append(c.buf, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		if !showEscaped[s[i]] {
			continue
		}
		var esc string
		switch s[i] {
		case '"':
			esc = `\"`
		case '\\':
			esc = `\\`
		case '$':
			esc = `\$`
		case '\n':
			esc = `\n`
		case '\r':
			esc = `\r`
		case '\t':
			esc = `\t`
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, esc...)
		start = i + 1
	}
	b = append(b, s[start:]...)
	c.buf = append(b, '"')
}

// showEscaped are the characters showString escapes.
var showEscaped = [256]bool{'"': true, '\\': true, '$': true, '\n': true, '\r': true, '\t': true}

// showID is showId of nixexpr.cc.
func (c *canonPrinter) showID(s string) {
	if s == "" {
		c.str(`""`)
		return
	}
	if s == "if" {
		c.str(`"if"`)
		return
	}
	if !isIDStart(s[0]) {
		c.showString(s)
		return
	}
	for i := 0; i < len(s); i++ {
		if !isIDChar(s[i]) {
			c.showString(s)
			return
		}
	}
	c.str(s)
}

func (c *canonPrinter) attrPath(path []AttrName) {
	for i, n := range path {
		if i > 0 {
			c.byte('.')
		}
		if n.Dynamic == nil {
			c.showID(n.Name)
		} else {
			c.str(`"${`)
			c.expr(n.Dynamic)
			c.str(`}"`)
		}
	}
}

// isCall reports whether Nix represents x as an ExprCall, to which an
// application adds arguments.
func isCall(x Expr) bool {
	switch x := x.(type) {
	case *Apply, *SearchPath:
		return true
	case *Unary:
		return x.Op == MINUS
	case *Binary:
		switch x.Op {
		case LT, GT, MINUS, STAR, SLASH, PIPE_INTO, PIPE_FROM:
			return true
		}
	}
	return false
}

// callOpen prints the ExprCall x without its closing parenthesis.
func (c *canonPrinter) callOpen(x Expr) {
	switch x := x.(type) {
	case *Apply:
		c.applyOpen(x.Fn, x.Arg)
	case *SearchPath:
		c.str("(__findFile __nixPath ")
		c.showString(x.Path)
	case *Unary:
		c.str("(__sub 0 ")
		c.expr(x.X)
	case *Binary:
		switch x.Op {
		case PIPE_INTO:
			c.applyOpen(x.Y, x.X)
			return
		case PIPE_FROM:
			c.applyOpen(x.X, x.Y)
			return
		}
		a, b := x.X, x.Y
		switch x.Op {
		case LT:
			c.str("(__lessThan ")
		case GT:
			c.str("(__lessThan ")
			a, b = b, a
		case MINUS:
			c.str("(__sub ")
		case STAR:
			c.str("(__mul ")
		case SLASH:
			c.str("(__div ")
		}
		c.expr(a)
		c.byte(' ')
		c.expr(b)
	}
}

func (c *canonPrinter) applyOpen(fn, arg Expr) {
	f := unparen(fn)
	if isCall(f) {
		c.callOpen(f)
	} else {
		c.byte('(')
		c.expr(f)
	}
	c.byte(' ')
	c.expr(arg)
}

func (c *canonPrinter) expr(x Expr) {
	switch x := x.(type) {
	case nil:
		c.str("<nil>")
	case *Paren:
		c.expr(x.X)
	case *Commented:
		c.expr(x.X)
	case *Ident:
		c.str(x.Name)
	case *Int:
		c.str(strconv.FormatInt(x.Value, 10))
	case *Float:
		c.str(formatFloat(x.Value))
	case *URL:
		c.showString(x.Value)
	case *String:
		c.parts(x.Parts, nil)
	case *Path:
		c.path(x)
	case *List:
		c.str("[ ")
		for _, e := range x.Elems {
			if cm, ok := e.(*Commented); ok && cm.X == nil {
				continue // a comment alone: Format's only
			}
			c.byte('(')
			c.expr(e)
			c.str(") ")
		}
		c.byte(']')
	case *AttrSet:
		c.attrs(attrsFor(x))
	case *LegacyLet:
		if x.lowered == nil {
			x.lowered = lowerBindings(x.Bindings, true)
		}
		c.byte('(')
		c.attrs(x.lowered)
		c.str(").body")
	case *Let:
		if x.lowered == nil {
			x.lowered = lowerBindings(x.Bindings, false)
		}
		c.str("(let ")
		base := len(c.attrStack)
		c.attrStack = x.lowered.bySymbolTo(c.attrStack, c.ranks)
		for _, a := range c.attrStack[base:len(c.attrStack):len(c.attrStack)] {
			if a.inherited {
				c.str("inherit ")
				c.showID(a.name)
				c.str("; ")
				continue
			}
			c.showID(a.name)
			c.str(" = ")
			c.attrValue(a)
			c.str("; ")
		}
		c.attrStack = c.attrStack[:base]
		c.str("in ")
		c.expr(x.Body)
		c.byte(')')
	case *Lambda:
		c.byte('(')
		if x.Formals != nil {
			c.str("{ ")
			first := true
			base := len(c.formalStack)
			c.formalStack = sortedFormalsTo(c.formalStack, x.Formals.List, c.ranks)
			for _, f := range c.formalStack[base:len(c.formalStack):len(c.formalStack)] {
				if !first {
					c.str(", ")
				}
				first = false
				c.showID(f.Name)
				if f.Default != nil {
					c.str(" ? ")
					c.expr(f.Default)
				}
			}
			c.formalStack = c.formalStack[:base]
			if x.Formals.Ellipsis {
				if !first {
					c.str(", ")
				}
				c.str("...")
			}
			c.str(" }")
			if x.Arg != "" {
				c.str(" @ ")
			}
		}
		if x.Arg != "" {
			c.showID(x.Arg)
		}
		c.str(": ")
		c.expr(x.Body)
		c.byte(')')
	case *With:
		c.str("(with ")
		c.expr(x.Env)
		c.str("; ")
		c.expr(x.Body)
		c.byte(')')
	case *Assert:
		c.str("assert ")
		c.expr(x.Cond)
		c.str("; ")
		c.expr(x.Body)
	case *If:
		c.str("(if ")
		c.expr(x.Cond)
		c.str(" then ")
		c.expr(x.Then)
		c.str(" else ")
		c.expr(x.Else)
		c.byte(')')
	case *Unary:
		if x.Op == NOT {
			c.str("(! ")
			c.expr(x.X)
			c.byte(')')
			return
		}
		c.callOpen(x)
		c.byte(')')
	case *Binary:
		switch x.Op {
		case LEQ, GEQ:
			a, b := x.X, x.Y
			if x.Op == LEQ {
				a, b = b, a
			}
			c.str("(! (__lessThan ")
			c.expr(a)
			c.byte(' ')
			c.expr(b)
			c.str("))")
			return
		}
		if isCall(x) {
			c.callOpen(x)
			c.byte(')')
			return
		}
		c.byte('(')
		c.expr(x.X)
		c.byte(' ')
		c.str(x.Op.op())
		c.byte(' ')
		c.expr(x.Y)
		c.byte(')')
	case *HasAttr:
		c.str("((")
		c.expr(x.X)
		c.str(") ? ")
		c.attrPath(x.Path)
		c.byte(')')
	case *Select:
		c.byte('(')
		c.expr(x.X)
		c.str(").")
		c.attrPath(x.Path)
		if x.Default != nil {
			c.str(" or (")
			c.expr(x.Default)
			c.byte(')')
		}
	case *Apply, *SearchPath:
		c.callOpen(x)
		c.byte(')')
	default:
		c.str("<unknown>")
	}
}

// attrsFor returns the lowered form of a, computing it for trees that
// were built rather than parsed.
func attrsFor(a *AttrSet) *lAttrs {
	if a.lowered == nil {
		a.lowered = lowerBindings(a.Bindings, a.Rec)
	}
	return a.lowered
}

func (c *canonPrinter) attrValue(a *lAttr) {
	switch {
	case a.from != nil:
		c.byte('(')
		c.expr(a.from)
		c.str(").")
		c.showID(a.name)
	case a.nested != nil:
		c.attrs(a.nested)
	default:
		c.expr(a.value)
	}
}

func (c *canonPrinter) attrs(a *lAttrs) {
	if a.rec {
		c.str("rec ")
	}
	c.str("{ ")
	base := len(c.attrStack)
	c.attrStack = a.byNameTo(c.attrStack)
	for _, at := range c.attrStack[base:len(c.attrStack):len(c.attrStack)] {
		if at.inherited {
			c.str("inherit ")
			c.showID(at.name)
			c.str(" ; ")
			continue
		}
		c.showID(at.name)
		c.str(" = ")
		c.attrValue(at)
		c.str("; ")
	}
	c.attrStack = c.attrStack[:base]
	for _, d := range a.dyn {
		c.str(`"${`)
		c.expr(d.name)
		c.str(`}" = `)
		if d.nested != nil {
			c.attrs(d.nested)
		} else {
			c.expr(d.value)
		}
		c.str("; ")
	}
	c.byte('}')
}

// parts prints a string or interpolated path: a single literal is an
// ExprString, anything else an ExprConcatStrings.
func (c *canonPrinter) parts(parts []StringPart, first func()) {
	if c.merge {
		parts = mergeParts(parts)
	}
	if first == nil {
		switch {
		case len(parts) == 0:
			c.str(`""`)
			return
		case len(parts) == 1 && parts[0].Interp == nil:
			c.showString(parts[0].Text)
			return
		}
	}
	c.byte('(')
	sep := false
	if first != nil {
		first()
		sep = true
	}
	for _, p := range parts {
		if sep {
			c.str(" + ")
		}
		sep = true
		if p.Interp != nil {
			c.expr(p.Interp)
		} else {
			c.showString(p.Text)
		}
	}
	c.byte(')')
}

func (c *canonPrinter) path(x *Path) {
	if len(x.Parts) == 0 {
		return
	}
	lit := x.Parts[0].Text
	var abs string
	if x.Home || strings.HasPrefix(lit, "~") {
		if c.home == "" {
			c.home = os.Getenv("HOME")
		}
		abs = c.home + lit[1:]
	} else {
		abs = canonPath(lit, c.dir(x.ValuePos.Filename))
		if len(lit) > 1 && lit[len(lit)-1] == '/' {
			abs += "/"
		}
	}
	if len(x.Parts) == 1 {
		c.str(abs)
		return
	}
	c.parts(x.Parts[1:], func() { c.str(abs) })
}

func (c *canonPrinter) dir(filename string) string {
	if d, ok := c.dirs[filename]; ok {
		return d
	}
	d := filepath.Dir(filename)
	if filename == "" {
		d = "."
	}
	if a, err := filepath.Abs(d); err == nil {
		d = a
	}
	if c.dirs == nil {
		c.dirs = map[string]string{}
	}
	c.dirs[filename] = d
	return d
}

// canonPath is Nix's absPath followed by canonPath: make p absolute
// against dir, drop "." and empty segments and resolve "..".
func canonPath(p, dir string) string {
	if !strings.HasPrefix(p, "/") {
		p = dir + "/" + p
	}
	var b strings.Builder
	b.Grow(len(p))
	for i := 0; ; {
		for i < len(p) && p[i] == '/' {
			i++
		}
		if i >= len(p) {
			break
		}
		j := i
		for j < len(p) && p[j] != '/' {
			j++
		}
		seg := p[i:j]
		i = j
		switch seg {
		case ".":
		case "..":
			s := b.String()
			k := strings.LastIndexByte(s, '/')
			if k < 0 {
				k = 0
			}
			s = s[:k]
			b.Reset()
			b.WriteString(s)
		default:
			b.WriteByte('/')
			b.WriteString(seg)
		}
	}
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}

// formatFloat formats like C++'s ostream << double (%g, precision 6).
func formatFloat(f float64) string {
	return strconv.FormatFloat(f, 'g', 6, 64)
}

// mergeParts joins adjacent literal parts and drops empty ones.
func mergeParts(parts []StringPart) []StringPart {
	var out []StringPart
	for _, p := range parts {
		if p.Interp == nil && len(out) > 0 && out[len(out)-1].Interp == nil {
			out[len(out)-1].Text += p.Text
			continue
		}
		if p.Interp == nil && p.Text == "" {
			continue
		}
		out = append(out, p)
	}
	return out
}

// semantic is the canonical form with string parts merged.
func semantic(e Expr) string {
	c := canonPrinter{merge: true}
	c.expr(e)
	return string(c.buf)
}
