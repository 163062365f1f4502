package syntax

import (
	"math"
	"strconv"
	"strings"
)

// maxDepth caps the nesting of expressions, so that hostile input
// cannot exhaust the stack.
const maxDepth = 5000

// Option configures ParseFile.
type Option func(*config)

type config struct {
	pipes    bool
	comments bool
	symbols  *symbolTable
	noScope  bool
}

// PipeOperators enables (the default) or disables the |> and <|
// operators of Nix 2.24 and later. Nix 2.8 does not know them.
func PipeOperators(on bool) Option { return func(c *config) { c.pipes = on } }

// KeepComments makes ParseFile collect comments; get them with
// Comments.
func KeepComments(on bool) Option { return func(c *config) { c.comments = on } }

// NoScopeCheck turns off the check for undefined variables.
func NoScopeCheck() Option { return func(c *config) { c.noScope = true } }

// bailout is the panic the parser uses to stop at a syntax error.
type bailout struct{}

type parser struct {
	lx     lexer
	tok    token
	ahead  [3]token
	nahead int
	errs   ErrorList // in the order found, which is the order Nix finds them
	syntax bool      // a syntax error stopped the parse
	syms   *symbolTable
	depth  int

	// Slabs for the most frequent nodes, to allocate less often.
	idents     slab[Ident]
	applies    slab[Apply]
	selects    slab[Select]
	strings    slab[String]
	attributes slab[Attribute]
}

// slab hands out elements of a chunk allocated at once.
type slab[T any] struct {
	buf  []T
	next int // size of the next chunk
}

func (s *slab[T]) alloc() *T {
	if len(s.buf) == 0 {
		if s.next < 64 {
			s.next += 4 + s.next
		}
		s.buf = make([]T, s.next)
	}
	x := &s.buf[0]
	s.buf = s.buf[1:]
	return x
}

// File is the result of parsing one file.
type File struct {
	Name     string
	Expr     Expr
	Comments []Comment
}

// ParseFile parses the source of one Nix file. It returns the tree,
// possibly partial, and an ErrorList sorted by position when there are
// errors. Paths are resolved later, against the directory of filename.
func ParseFile(filename string, src []byte, opts ...Option) (Expr, error) {
	f, errs := parse(filename, string(src), opts...)
	if len(errs) == 0 {
		return f.Expr, nil
	}
	sorted := append(ErrorList(nil), errs...)
	sorted.Sort()
	return f.Expr, sorted
}

// ParseComments is like ParseFile and also returns the comments.
func ParseComments(filename string, src []byte, opts ...Option) (*File, error) {
	opts = append(opts, KeepComments(true))
	f, errs := parse(filename, string(src), opts...)
	if len(errs) == 0 {
		return f, nil
	}
	sorted := append(ErrorList(nil), errs...)
	sorted.Sort()
	return f, sorted
}

// parse returns the errors in the order found; errs[0] is the error
// Nix 2.8 reports.
func parse(filename, src string, opts ...Option) (f *File, errs ErrorList) {
	c := config{pipes: true}
	for _, o := range opts {
		o(&c)
	}
	p := &parser{syms: c.symbols}
	if p.syms == nil {
		p.syms = newSymbolTable()
	}
	p.lx.init(filename, src, c.pipes, c.comments)
	f = &File{Name: filename}
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(bailout); !ok {
					p.errs.Add(p.tok.position(), "internal error: "+toString(r))
				}
			}
		}()
		p.next()
		f.Expr = p.parseExpr()
		if p.tok.kind != EOF {
			p.unexpected()
		}
	}()
	f.Comments = p.lx.comments
	if len(p.errs) == 0 && !c.noScope && f.Expr != nil {
		func() {
			defer func() {
				if r := recover(); r != nil {
					p.errs.Add(Pos{Filename: filename}, "internal error: "+toString(r))
				}
			}()
			p.errs = append(p.errs, checkScope(f.Expr, nil)...)
		}()
	}
	return f, p.errs
}

func toString(v any) string {
	switch v := v.(type) {
	case error:
		return v.Error()
	case string:
		return v
	}
	return "panic"
}

func (p *parser) next() {
	if p.nahead > 0 {
		p.tok = p.ahead[0]
		copy(p.ahead[:], p.ahead[1:p.nahead])
		p.nahead--
		return
	}
	p.tok = p.lx.next()
}

// peek returns the token k places after the current one (k >= 1).
func (p *parser) peek(k int) token {
	for p.nahead < k {
		p.ahead[p.nahead] = p.lx.next()
		p.nahead++
	}
	return p.ahead[k-1]
}

// fail records a syntax error and stops the parse.
func (p *parser) fail(pos Pos, msg string) {
	p.errs.Add(pos, msg)
	p.syntax = true
	panic(bailout{})
}

func (p *parser) unexpected() {
	t := p.tok
	switch t.kind {
	case ILLEGAL:
		p.fail(t.position(), t.val)
	case EOF:
		p.fail(t.position(), "syntax error, unexpected end of file")
	case CHAR:
		p.fail(t.position(), "syntax error, unexpected character "+strconv.Quote(t.text))
	}
	p.fail(t.position(), "syntax error, unexpected "+t.kind.String())
}

func (p *parser) expect(k Token) Pos {
	if p.tok.kind != k {
		if p.tok.kind == ILLEGAL || p.tok.kind == EOF || p.tok.kind == CHAR {
			p.unexpected()
		}
		p.fail(p.tok.position(), "syntax error, unexpected "+p.tok.kind.String()+", expecting "+k.String())
	}
	pos := p.tok.position()
	p.next()
	return pos
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.fail(p.tok.position(), "expression nested too deeply")
	}
}

func (p *parser) leave() { p.depth-- }

func (p *parser) parseExpr() Expr { return p.parseExprFunction() }

func (p *parser) parseExprFunction() Expr {
	p.enter()
	x := p.exprFunction()
	p.leave()
	return x
}

func (p *parser) exprFunction() Expr {
	switch p.tok.kind {
	case ID:
		switch p.peek(1).kind {
		case COLON:
			id := p.tok
			p.next()
			p.next()
			body := p.parseExprFunction()
			return &Lambda{Start: id.position(), Arg: id.text, ArgPos: id.position(), Body: body, argSym: p.syms.intern(id.text)}
		case AT:
			id := p.tok
			p.next()
			p.next()
			if p.tok.kind != LBRACE {
				p.expect(LBRACE)
			}
			formals := p.parseFormals()
			p.expect(COLON)
			body := p.parseExprFunction()
			l := &Lambda{Start: id.position(), Arg: id.text, ArgPos: id.position(), Formals: formals, ArgFirst: true, Body: body}
			l.argSym = p.syms.intern(id.text)
			p.checkFormals(l)
			return l
		}
	case LBRACE:
		if p.formalsAhead() {
			start := p.tok.position()
			formals := p.parseFormals()
			l := &Lambda{Start: start, Formals: formals}
			if p.tok.kind == AT {
				p.next()
				if p.tok.kind != ID {
					p.expect(ID)
				}
				l.Arg, l.ArgPos = p.tok.text, p.tok.position()
				p.next()
			}
			p.expect(COLON)
			l.Body = p.parseExprFunction()
			if l.Arg != "" {
				l.argSym = p.syms.intern(l.Arg)
			}
			p.checkFormals(l)
			return l
		}
	case ASSERT:
		pos := p.tok.position()
		p.next()
		cond := p.parseExpr()
		p.expect(SEMI)
		return &Assert{AssertPos: pos, Cond: cond, Body: p.parseExprFunction()}
	case WITH:
		pos := p.tok.position()
		p.next()
		env := p.parseExpr()
		p.expect(SEMI)
		return &With{WithPos: pos, Env: env, Body: p.parseExprFunction()}
	case LET:
		if p.peek(1).kind != LBRACE {
			pos := p.tok.position()
			l := &Let{LetPos: pos, lowered: &lAttrs{}}
			open := p.tok
			p.next()
			l.Bindings = p.parseBinds(l.lowered, IN, open)
			p.expect(IN)
			l.Body = p.parseExprFunction()
			if len(l.lowered.dyn) > 0 {
				p.errs.Add(pos, "dynamic attributes not allowed in let")
			}
			return l
		}
	}
	return p.parseExprIf()
}

// formalsAhead reports whether the '{' at hand opens the formals of a
// lambda rather than an attribute set.
func (p *parser) formalsAhead() bool {
	switch p.peek(1).kind {
	case ELLIPSIS:
		return true
	case ID:
		switch p.peek(2).kind {
		case COMMA, QUESTION, RBRACE:
			return true
		}
	case RBRACE:
		switch p.peek(2).kind {
		case COLON, AT:
			return true
		}
	}
	return false
}

func (p *parser) parseFormals() *Formals {
	f := &Formals{Lbrace: p.expect(LBRACE)}
	for {
		if p.tok.kind == ELLIPSIS {
			f.Ellipsis = true
			p.next()
			break
		}
		if p.tok.kind != ID {
			break
		}
		fm := &Formal{NamePos: p.tok.position(), Name: p.tok.text}
		p.next()
		if p.tok.kind == QUESTION {
			p.next()
			fm.Default = p.parseExpr()
		}
		fm.sym = p.syms.intern(fm.Name)
		f.List = append(f.List, fm)
		if p.tok.kind != COMMA {
			break
		}
		p.next()
	}
	p.expect(RBRACE)
	return f
}

// checkFormals reports duplicate formals as toFormals in parser.y does.
func (p *parser) checkFormals(l *Lambda) {
	list := l.Formals.List
	if len(list) > 1 {
		sorted := sortedFormals(list, nil)
		var dup *Formal
		for i := 0; i+1 < len(sorted); i++ {
			if sorted[i].Name != sorted[i+1].Name {
				continue
			}
			d := sorted[i+1]
			if dup == nil || d.sym < dup.sym || d.sym == dup.sym && d.NamePos.Offset < dup.NamePos.Offset {
				dup = d
			}
		}
		if dup != nil {
			p.errs.Add(dup.NamePos, "duplicate formal function argument '"+dup.Name+"'")
			return
		}
	}
	if l.Arg != "" {
		for _, f := range list {
			if f.Name == l.Arg {
				p.errs.Add(l.Start, "duplicate formal function argument '"+l.Arg+"'")
				return
			}
		}
	}
}

func (p *parser) parseExprIf() Expr {
	if p.tok.kind == IF {
		pos := p.tok.position()
		p.next()
		cond := p.parseExpr()
		p.expect(THEN)
		then := p.parseExpr()
		p.expect(ELSE)
		return &If{IfPos: pos, Cond: cond, Then: then, Else: p.parseExpr()}
	}
	x := p.parseExprOp(0)
	switch p.tok.kind {
	case PIPE_INTO:
		for p.tok.kind == PIPE_INTO {
			pos := p.tok.position()
			p.next()
			x = &Binary{X: x, OpPos: pos, Op: PIPE_INTO, Y: p.parseExprOp(0)}
		}
		if p.tok.kind == PIPE_FROM {
			p.unexpected()
		}
	case PIPE_FROM:
		x = p.parsePipeFrom(x)
		if p.tok.kind == PIPE_INTO {
			p.unexpected()
		}
	}
	return x
}

func (p *parser) parsePipeFrom(x Expr) Expr {
	p.enter()
	defer p.leave()
	pos := p.tok.position()
	p.next()
	y := p.parseExprOp(0)
	if p.tok.kind == PIPE_FROM {
		y = p.parsePipeFrom(y)
	}
	return &Binary{X: x, OpPos: pos, Op: PIPE_FROM, Y: y}
}

// Binary operator precedences from parser.y, lowest first.
const (
	precImpl = 1 + iota
	precOr
	precAnd
	precEq
	precCmp
	precUpdate
	precNot
	precAdd
	precMul
	precConcat
	precHasAttr
	precNegate
)

func precedence(k Token) (prec int, right, nonassoc bool) {
	switch k {
	case IMPL:
		return precImpl, true, false
	case OR:
		return precOr, false, false
	case AND:
		return precAnd, false, false
	case EQ, NEQ:
		return precEq, false, true
	case LT, GT, LEQ, GEQ:
		return precCmp, false, true
	case UPDATE:
		return precUpdate, true, false
	case PLUS, MINUS:
		return precAdd, false, false
	case STAR, SLASH:
		return precMul, false, false
	case CONCAT:
		return precConcat, true, false
	case QUESTION:
		// No conflict arises after an attribute path, so a ? b ? c
		// parses although '?' is declared %nonassoc.
		return precHasAttr, false, false
	}
	return 0, false, false
}

// parseExprOp parses operators the way bison resolves parser.y's
// precedence declarations.
func (p *parser) parseExprOp(minPrec int) Expr {
	p.enter()
	x := p.exprOp(minPrec)
	p.leave()
	return x
}

func (p *parser) exprOp(minPrec int) Expr {
	var x Expr
	switch p.tok.kind {
	case NOT:
		pos := p.tok.position()
		p.next()
		x = &Unary{OpPos: pos, Op: NOT, X: p.parseExprOp(precNot + 1)}
	case MINUS:
		pos := p.tok.position()
		p.next()
		x = &Unary{OpPos: pos, Op: MINUS, X: p.parseExprOp(precNegate + 1)}
	default:
		x = p.parseApp()
	}
	for {
		op := p.tok.kind
		prec, right, nonassoc := precedence(op)
		if prec == 0 || prec < minPrec {
			return x
		}
		pos := p.tok.position()
		p.next()
		if op == QUESTION {
			x = &HasAttr{X: x, OpPos: pos, Path: p.parseAttrPath()}
		} else {
			next := prec + 1
			if right {
				next = prec
			}
			x = &Binary{X: x, OpPos: pos, Op: op, Y: p.parseExprOp(next)}
		}
		if nonassoc {
			if p2, _, _ := precedence(p.tok.kind); p2 == prec {
				p.unexpected()
			}
		}
	}
}

func startsSelect(k Token) bool {
	switch k {
	case ID, INT, FLOAT, QUOTE, IND_OPEN, PATH, HPATH, SPATH, URI, LPAREN, LET, REC, LBRACE, LBRACK:
		return true
	}
	return false
}

func (p *parser) parseApp() Expr {
	x := p.parseSelect()
	for startsSelect(p.tok.kind) {
		a := p.applies.alloc()
		a.Fn = x
		a.Arg = p.parseSelect()
		x = a
	}
	return x
}

func (p *parser) parseSelect() Expr {
	x := p.parseSimple()
	switch p.tok.kind {
	case DOT:
		p.next()
		s := p.selects.alloc()
		s.X = x
		s.Path = p.parseAttrPath()
		if p.tok.kind == OR_KW {
			p.next()
			p.enter()
			s.Default = p.parseSelect()
			p.leave()
		}
		return s
	case OR_KW:
		pos := p.tok.position()
		p.next()
		p.syms.intern("or")
		return &Apply{Fn: x, Arg: &Ident{NamePos: pos, Name: "or"}}
	}
	return x
}

func (p *parser) parseSimple() Expr {
	p.enter()
	x := p.simple()
	p.leave()
	return x
}

func (p *parser) simple() Expr {
	t := p.tok
	switch t.kind {
	case ID:
		p.next()
		if t.text != "__curPos" {
			p.syms.intern(t.text)
		}
		id := p.idents.alloc()
		id.NamePos, id.Name = t.position(), t.text
		return id
	case INT:
		v, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil {
			p.fail(t.position(), "invalid integer '"+t.text+"'")
		}
		p.next()
		return &Int{ValuePos: t.position(), Lit: t.text, Value: v}
	case FLOAT:
		v, err := strconv.ParseFloat(t.text, 64)
		if err != nil || v != 0 && math.Abs(v) < 2.2250738585072014e-308 || v == 0 && strings.ContainsAny(mantissa(t.text), "123456789") {
			p.fail(t.position(), "invalid float '"+t.text+"'")
		}
		p.next()
		return &Float{ValuePos: t.position(), Lit: t.text, Value: v}
	case QUOTE:
		return p.parseString()
	case IND_OPEN:
		return p.parseIndString()
	case PATH, HPATH:
		return p.parsePath()
	case SPATH:
		p.next()
		return &SearchPath{ValuePos: t.position(), Path: t.text[1 : len(t.text)-1]}
	case URI:
		p.next()
		return &URL{ValuePos: t.position(), Value: t.text}
	case LPAREN:
		p.next()
		x := p.parseExpr()
		p.expect(RPAREN)
		return &Paren{Lparen: t.position(), X: x}
	case LET:
		p.next()
		open := p.tok
		p.expect(LBRACE)
		l := &LegacyLet{LetPos: t.position(), lowered: &lAttrs{rec: true}}
		l.Bindings = p.parseBinds(l.lowered, RBRACE, open)
		p.expect(RBRACE)
		p.syms.intern("body")
		return l
	case REC, LBRACE:
		p.next()
		a := &AttrSet{Start: t.position(), Rec: t.kind == REC, lowered: &lAttrs{rec: t.kind == REC}}
		open := t
		if a.Rec {
			open = p.tok
			p.expect(LBRACE)
		}
		a.Bindings = p.parseBinds(a.lowered, RBRACE, open)
		p.expect(RBRACE)
		return a
	case LBRACK:
		p.next()
		l := &List{Lbrack: t.position()}
		for startsSelect(p.tok.kind) {
			l.Elems = append(l.Elems, p.parseSelect())
		}
		p.expect(RBRACK)
		return l
	}
	p.unexpected()
	return nil
}

func mantissa(lit string) string {
	if i := strings.IndexAny(lit, "eE"); i >= 0 {
		return lit[:i]
	}
	return lit
}

func (p *parser) parseString() *String {
	s := p.strings.alloc()
	s.Open = p.tok.position()
	p.next()
	for {
		switch p.tok.kind {
		case STR:
			s.Parts = append(s.Parts, StringPart{Pos: p.tok.position(), Text: p.tok.val})
			p.next()
		case DOLLAR_CURLY:
			pos := p.tok.position()
			p.next()
			x := p.parseExpr()
			p.expect(RBRACE)
			s.Parts = append(s.Parts, StringPart{Pos: pos, Interp: x})
		case QUOTE:
			p.next()
			return s
		default:
			p.expect(QUOTE)
		}
	}
}

// indPart is a piece of an indented string before indentation stripping.
type indPart struct {
	pos    Pos
	text   string
	indent bool
	interp Expr
}

func (p *parser) parseIndString() *String {
	s := &String{Open: p.tok.position(), Indented: true}
	p.next()
	var parts []indPart
	for {
		switch p.tok.kind {
		case INDSTR:
			parts = append(parts, indPart{pos: p.tok.position(), text: p.tok.val, indent: p.tok.indent})
			p.next()
			continue
		case DOLLAR_CURLY:
			pos := p.tok.position()
			p.next()
			x := p.parseExpr()
			p.expect(RBRACE)
			parts = append(parts, indPart{pos: pos, interp: x})
			continue
		case IND_CLOSE:
			p.next()
		default:
			p.expect(IND_CLOSE)
		}
		break
	}
	s.Parts = stripIndentation(parts)
	return s
}

// stripIndentation is stripIndentation of parser.y.
func stripIndentation(es []indPart) []StringPart {
	if len(es) == 0 {
		return nil
	}
	atStartOfLine := true
	minIndent := 1000000
	curIndent := 0
	for _, e := range es {
		if e.interp != nil || !e.indent {
			if atStartOfLine {
				atStartOfLine = false
				if curIndent < minIndent {
					minIndent = curIndent
				}
			}
			continue
		}
		for j := 0; j < len(e.text); j++ {
			c := e.text[j]
			if atStartOfLine {
				if c == ' ' {
					curIndent++
				} else if c == '\n' {
					curIndent = 0
				} else {
					atStartOfLine = false
					if curIndent < minIndent {
						minIndent = curIndent
					}
				}
			} else if c == '\n' {
				atStartOfLine = true
				curIndent = 0
			}
		}
	}

	out := make([]StringPart, 0, len(es))
	atStartOfLine = true
	curDropped := 0
	n := len(es)
	var b strings.Builder
	for _, e := range es {
		if e.interp != nil {
			atStartOfLine = false
			curDropped = 0
			out = append(out, StringPart{Pos: e.pos, Interp: e.interp})
			n--
			continue
		}
		b.Reset()
		t := e.text
		same := true // the result equals t so far
		for j := 0; j < len(t); j++ {
			c := t[j]
			keep := true
			if atStartOfLine {
				if c == ' ' {
					if curDropped < minIndent {
						keep = false
					}
					curDropped++
				} else if c == '\n' {
					curDropped = 0
				} else {
					atStartOfLine = false
					curDropped = 0
				}
			} else if c == '\n' {
				atStartOfLine = true
			}
			if keep {
				if !same {
					b.WriteByte(c)
				}
			} else if same {
				same = false
				b.WriteString(t[:j])
			}
		}
		s2 := t
		if !same {
			s2 = b.String()
		}
		if n == 1 {
			if i := strings.LastIndexByte(s2, '\n'); i >= 0 && strings.Trim(s2[i+1:], " ") == "" {
				s2 = s2[:i+1]
			}
		}
		out = append(out, StringPart{Pos: e.pos, Text: s2})
		n--
	}
	return out
}

func (p *parser) parsePath() *Path {
	t := p.tok
	x := &Path{ValuePos: t.position(), Home: t.kind == HPATH}
	x.Parts = append(x.Parts, StringPart{Pos: t.position(), Text: t.text})
	p.next()
	for {
		switch p.tok.kind {
		case STR:
			x.Parts = append(x.Parts, StringPart{Pos: p.tok.position(), Text: p.tok.val})
			p.next()
			if len(x.Parts) == 2 && p.tok.kind != DOLLAR_CURLY {
				// string_parts_interpolated starts with ${…} or STR ${…}.
				p.expect(DOLLAR_CURLY)
			}
		case DOLLAR_CURLY:
			pos := p.tok.position()
			p.next()
			e := p.parseExpr()
			p.expect(RBRACE)
			x.Parts = append(x.Parts, StringPart{Pos: pos, Interp: e})
		case PATH_END:
			p.next()
			return x
		default:
			p.unexpected()
		}
	}
}

// parseAttrName parses attr or string_attr.
func (p *parser) parseAttrName() AttrName {
	t := p.tok
	switch t.kind {
	case ID, OR_KW:
		p.next()
		return AttrName{NamePos: t.position(), Name: t.text, sym: p.syms.intern(t.text)}
	case QUOTE:
		s := p.parseString()
		if v, ok := staticString(s); ok {
			return AttrName{NamePos: t.position(), Name: v, Quoted: true, sym: p.syms.intern(v)}
		}
		return AttrName{NamePos: t.position(), Dynamic: s}
	case DOLLAR_CURLY:
		p.next()
		x := p.parseExpr()
		p.expect(RBRACE)
		if v, ok := staticString(x); ok {
			return AttrName{NamePos: t.position(), Name: v, Quoted: true, sym: p.syms.intern(v)}
		}
		return AttrName{NamePos: t.position(), Dynamic: x}
	}
	p.unexpected()
	return AttrName{}
}

func (p *parser) parseAttrPath() []AttrName {
	path := make([]AttrName, 1)
	path[0] = p.parseAttrName()
	for p.tok.kind == DOT {
		p.next()
		path = append(path, p.parseAttrName())
	}
	return path
}

// staticString reports whether Nix turns x into a plain ExprString, and
// its value.
func staticString(x Expr) (string, bool) {
	switch x := unparen(x).(type) {
	case *String:
		switch {
		case len(x.Parts) == 0:
			return "", true
		case len(x.Parts) == 1 && x.Parts[0].Interp == nil:
			return x.Parts[0].Text, true
		}
	case *URL:
		return x.Value, true
	}
	return "", false
}

func unparen(x Expr) Expr {
	for {
		switch y := x.(type) {
		case *Paren:
			x = y.X
		case *Commented:
			x = y.X
		default:
			return x
		}
	}
}

// endOf returns the position just after token t, which bison gives an
// empty rule that follows t.
func endOf(t token) Pos {
	return Pos{t.file, int(t.off) + len(t.text), int(t.line), int(t.col) + len(t.text)}
}

// parseBinds parses bindings after the token open ('{' or 'let').
func (p *parser) parseBinds(attrs *lAttrs, closing Token, open token) []Binding {
	var binds []Binding
	attrs.start = endOf(open)
	for {
		switch p.tok.kind {
		case INHERIT:
			in := &Inherit{InheritPos: p.tok.position()}
			namesPos := endOf(p.tok)
			p.next()
			if p.tok.kind == LPAREN {
				p.next()
				in.From = p.parseExpr()
				namesPos = endOf(p.tok)
				p.expect(RPAREN)
			}
			for {
				k := p.tok.kind
				if k != ID && k != OR_KW && k != QUOTE && k != DOLLAR_CURLY {
					break
				}
				n := p.parseAttrName()
				if n.Dynamic != nil {
					p.errs.Add(n.NamePos, "dynamic attributes not allowed in inherit")
					continue
				}
				in.Names = append(in.Names, n)
			}
			p.expect(SEMI)
			for _, n := range in.Names {
				if j := attrs.find(n.Name); j >= 0 {
					p.dupAttr(n.Name, namesPos, attrs.attrs[j].at.in(namesPos.Filename))
					continue
				}
				attrs.add(lAttr{name: n.Name, sym: n.sym, at: compact(namesPos), inherited: in.From == nil, from: in.From})
			}
			binds = append(binds, in)
		case ID, OR_KW, QUOTE, DOLLAR_CURLY:
			a := p.attributes.alloc()
			pos := p.tok.position()
			a.Path = p.parseAttrPath()
			p.expect(ASSIGN)
			a.Value = p.parseExpr()
			p.expect(SEMI)
			addAttr(p, attrs, a.Path, a.Value, pos)
			binds = append(binds, a)
		default:
			if p.tok.kind != closing {
				p.unexpected()
			}
			return binds
		}
	}
}

func (p *parser) dupAttr(name string, pos, prev Pos) {
	if p == nil {
		return
	}
	p.errs.Add(pos, "attribute '"+name+"' already defined at "+prev.String())
}
