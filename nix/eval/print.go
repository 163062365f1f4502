package eval

import (
	"io"
	"strconv"
	"strings"
)

// maxPrintDepth bounds the nesting the printer follows, for values
// that are infinite without being cyclic.
const maxPrintDepth = 10000

// Print returns v forced deeply and printed the way nix-instantiate
// --eval --strict prints values: { a = 1; b = [ 2 3 ]; }, strings
// quoted and escaped, «repeated» for a set or list met before. The
// kinds Nix does not have print in guillemets: «unknown …», «package
// firefox», «script name», «mkIf …», «error: …».
func Print(v Value) string {
	var b strings.Builder
	p := printer{w: &b, seen: map[Value]bool{}}
	p.value(v, 0)
	return b.String()
}

// Fprint writes Print(v) to w.
func Fprint(w io.Writer, v Value) error {
	_, err := io.WriteString(w, Print(v))
	return err
}

type printer struct {
	w    *strings.Builder
	seen map[Value]bool
}

func (p *printer) str(s string) { p.w.WriteString(s) }

func (p *printer) value(v Value, depth int) {
	if depth > maxPrintDepth {
		p.str("«too deep»")
		return
	}
	switch v := Force(v).(type) {
	case *Null:
		p.str("null")
	case *Bool:
		p.str(strconv.FormatBool(v.V))
	case *Int:
		p.str(strconv.FormatInt(v.V, 10))
	case *Float:
		p.str(formatFloat(v.V))
	case *String:
		p.str(quote(v.S))
	case *Path:
		p.str(v.Path)
	case *List:
		if p.seen[v] {
			p.str("«repeated»")
			return
		}
		p.seen[v] = true
		p.str("[ ")
		for _, x := range v.Elems {
			p.value(x, depth+1)
			p.str(" ")
		}
		p.str("]")
	case *Attrs:
		if p.seen[v] {
			p.str("«repeated»")
			return
		}
		p.seen[v] = true
		p.str("{ ")
		for _, n := range v.Names() {
			p.str(attrName(n))
			p.str(" = ")
			p.value(v.M[n], depth+1)
			p.str("; ")
		}
		if v.Partial != nil {
			p.str("«and attributes of ")
			p.str(v.Partial.String())
			p.str("» ")
		}
		p.str("}")
	case *Function:
		switch {
		case v.prim == nil:
			p.str("<LAMBDA>")
		case len(v.args) > 0:
			p.str("<PRIMOP-APP>")
		default:
			p.str("<PRIMOP>")
		}
	case *Unknown:
		p.str("«")
		p.str(v.String())
		for i, part := range v.Parts {
			if i == 0 {
				p.str(": ")
			} else {
				p.str(" ++ ")
			}
			p.value(part, depth+1)
		}
		for _, a := range v.Alternatives {
			p.str(" | ")
			p.value(a, depth+1)
		}
		p.str("»")
	case *Package:
		p.str("«package ")
		if v.Local != "" {
			p.str(v.Local + " ")
		}
		p.str(v.Attr)
		if len(v.Members) > 0 {
			p.str(" with " + strings.Join(v.Members, " "))
		}
		if len(v.Only) > 0 {
			p.str(" only " + strings.Join(v.Only, " "))
		}
		for _, n := range v.Notes {
			p.str(" +" + n)
		}
		p.str("»")
	case *Script:
		p.str("«" + v.Writer + " " + quote(v.Name) + " ")
		p.value(v.Text, depth+1)
		p.str("»")
	case *Tagged:
		p.str("«" + v.Tag.String())
		switch v.Tag {
		case TagIf:
			p.str(" ")
			p.value(v.Cond, depth+1)
			p.str(" ")
			p.value(v.Content, depth+1)
		case TagMerge:
			for _, c := range v.Contents {
				p.str(" ")
				p.value(c, depth+1)
			}
		case TagOverride, TagOrder:
			p.str(" " + strconv.Itoa(v.Priority) + " ")
			p.value(v.Content, depth+1)
		case TagLiteral:
			p.str(" ")
			p.value(v.Content, depth+1)
		case TagType:
			p.str(" " + v.Name)
			for _, a := range v.Args {
				p.str(" ")
				p.value(a, depth+1)
			}
		case TagOption, TagPackageOption:
			p.str(" ")
			p.value(v.Fields, depth+1)
		}
		p.str("»")
	case *Error:
		p.str("«error: " + v.Msg + "»")
	default:
		p.str("«?»")
	}
}

// formatFloat prints f as C++'s ostream does by default (%g, 6 digits).
func formatFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', 6, 64)
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		mant, exp := s[:i], s[i+1:]
		sign := exp[0]
		exp = strings.TrimLeft(exp[1:], "0")
		for len(exp) < 2 {
			exp = "0" + exp
		}
		return mant + "e" + string(sign) + exp
	}
	return s
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '$':
			if i+1 < len(s) && s[i+1] == '{' {
				b.WriteString(`\$`)
			} else {
				b.WriteByte('$')
			}
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func attrName(n string) string {
	if isIdent(n) {
		return n
	}
	return quote(n)
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '\'' || c == '-'):
		default:
			return false
		}
	}
	switch s {
	case "if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or":
		return false
	}
	return true
}
