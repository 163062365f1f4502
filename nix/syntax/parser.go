package syntax

import (
	"math"
	"strconv"
	"strings"
	"unsafe"
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

	// Slabs for the nodes and the slices of the tree.
	idents     slab[Ident]
	ints       slab[Int]
	applies    slab[Apply]
	selects    slab[Select]
	strings    slab[String]
	paths      slab[Path]
	parens     slab[Paren]
	lists      slab[List]
	attrSets   slab[AttrSet]
	lambdas    slab[Lambda]
	formalss   slab[Formals]
	formals    slab[Formal]
	lets       slab[Let]
	withs      slab[With]
	ifs        slab[If]
	unaries    slab[Unary]
	binaries   slab[Binary]
	attributes slab[Attribute]
	inherits   slab[Inherit]
	lAttrss    slab[lAttrs]
	exprs      slab[Expr]
	bindings   slab[Binding]
	names      slab[AttrName]
	parts      slab[StringPart]
	formalPtrs slab[*Formal]
	lAttrList  slab[lAttr]
	text       slab[byte] // cooked string text

	// Stacks where slices are built before they are copied to a slab.
	exprStack   []Expr
	bindStack   []Binding
	nameStack   []AttrName
	partStack   []StringPart
	formalStack []*Formal
	indStack    []indPart
	textBuf     []byte

	maps  []map[string]int // lAttrs indexes, kept for reuse
	nmaps int              // maps handed out
	reuse bool             // reset will be called: keep maps
}

// reset makes p parse another file, reusing the memory of the tree it
// built last. Nothing may refer to that tree any more.
func (p *parser) reset() {
	p.idents.reset()
	p.ints.reset()
	p.applies.reset()
	p.selects.reset()
	p.strings.reset()
	p.paths.reset()
	p.parens.reset()
	p.lists.reset()
	p.attrSets.reset()
	p.lambdas.reset()
	p.formalss.reset()
	p.formals.reset()
	p.lets.reset()
	p.withs.reset()
	p.ifs.reset()
	p.unaries.reset()
	p.binaries.reset()
	p.attributes.reset()
	p.inherits.reset()
	p.lAttrss.reset()
	p.exprs.reset()
	p.bindings.reset()
	p.names.reset()
	p.parts.reset()
	p.formalPtrs.reset()
	p.lAttrList.reset()
	p.text.reset()
	for _, m := range p.maps[:p.nmaps] {
		clear(m)
	}
	p.nmaps = 0
	p.tok = token{}
	p.ahead = [3]token{}
	p.nahead = 0
	p.errs = nil
	p.syntax = false
	p.depth = 0
	p.lx.comments = nil
}

// retained estimates the bytes p's slabs hold.
func (p *parser) retained() int {
	n := p.idents.size*int(unsafe.Sizeof(Ident{})) +
		p.ints.size*int(unsafe.Sizeof(Int{})) +
		p.applies.size*int(unsafe.Sizeof(Apply{})) +
		p.selects.size*int(unsafe.Sizeof(Select{})) +
		p.strings.size*int(unsafe.Sizeof(String{})) +
		p.paths.size*int(unsafe.Sizeof(Path{})) +
		p.parens.size*int(unsafe.Sizeof(Paren{})) +
		p.lists.size*int(unsafe.Sizeof(List{})) +
		p.attrSets.size*int(unsafe.Sizeof(AttrSet{})) +
		p.lambdas.size*int(unsafe.Sizeof(Lambda{})) +
		p.formalss.size*int(unsafe.Sizeof(Formals{})) +
		p.formals.size*int(unsafe.Sizeof(Formal{})) +
		p.lets.size*int(unsafe.Sizeof(Let{})) +
		p.withs.size*int(unsafe.Sizeof(With{})) +
		p.ifs.size*int(unsafe.Sizeof(If{})) +
		p.unaries.size*int(unsafe.Sizeof(Unary{})) +
		p.binaries.size*int(unsafe.Sizeof(Binary{})) +
		p.attributes.size*int(unsafe.Sizeof(Attribute{})) +
		p.inherits.size*int(unsafe.Sizeof(Inherit{})) +
		p.lAttrss.size*int(unsafe.Sizeof(lAttrs{})) +
		p.exprs.size*int(unsafe.Sizeof(Expr(nil))) +
		p.bindings.size*int(unsafe.Sizeof(Binding(nil))) +
		p.names.size*int(unsafe.Sizeof(AttrName{})) +
		p.parts.size*int(unsafe.Sizeof(StringPart{})) +
		p.formalPtrs.size*8 +
		p.lAttrList.size*int(unsafe.Sizeof(lAttr{})) +
		p.text.size
	return n
}

// index returns an empty map for an lAttrs index.
func (p *parser) index(n int) map[string]int {
	if !p.reuse {
		return make(map[string]int, n)
	}
	if p.nmaps == len(p.maps) {
		p.maps = append(p.maps, make(map[string]int, n))
	}
	m := p.maps[p.nmaps]
	p.nmaps++
	return m
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
	p := &parser{}
	ff, errs := p.parse(filename, src, c)
	return &ff, errs
}

// parse parses src with p, which must be new or reset.
func (p *parser) parse(filename, src string, c config) (f File, errs ErrorList) {
	p.syms = c.symbols
	if p.syms == nil {
		p.syms = newSymbolTable()
	}
	p.exprStack = p.exprStack[:0]
	p.bindStack = p.bindStack[:0]
	p.nameStack = p.nameStack[:0]
	p.partStack = p.partStack[:0]
	p.formalStack = p.formalStack[:0]
	p.indStack = p.indStack[:0]
	p.lx.init(filename, src, c.pipes, c.comments)
	p.lx.text = &p.text
	p.text.max = 32 << 10
	f.Name = filename
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(bailout); !ok {
					p.errs.Add(p.pos(&p.tok), "internal error: "+toString(r))
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
		p.shift()
		return
	}
	p.lx.next(&p.tok)
}

// shift moves to the first token looked ahead at.
//
//go:noinline
func (p *parser) shift() {
	p.tok = p.ahead[0]
	copy(p.ahead[:], p.ahead[1:p.nahead])
	p.nahead--
}

// peek returns the token k places after the current one (k >= 1).
func (p *parser) peek(k int) token {
	for p.nahead < k {
		p.lx.next(&p.ahead[p.nahead])
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
		p.fail(p.pos(&t), t.val)
	case EOF:
		p.fail(p.pos(&t), "syntax error, unexpected end of file")
	case CHAR:
		p.fail(p.pos(&t), "syntax error, unexpected character "+strconv.Quote(t.text))
	}
	p.fail(p.pos(&t), "syntax error, unexpected "+t.kind.String())
}

func (p *parser) expect(k Token) {
	if p.tok.kind != k {
		p.expected(k)
	}
	p.next()
}

// expected reports that the token at hand is not k.
func (p *parser) expected(k Token) {
	if p.tok.kind == ILLEGAL || p.tok.kind == EOF || p.tok.kind == CHAR {
		p.unexpected()
	}
	p.fail(p.pos(&p.tok), "syntax error, unexpected "+p.tok.kind.String()+", expecting "+k.String())
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.fail(p.pos(&p.tok), "expression nested too deeply")
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
			l := p.lambdas.alloc()
			l.Start, l.Arg, l.ArgPos, l.Body = p.pos(&id), id.text, p.pos(&id), body
			l.argSym = p.syms.intern(id.text)
			return l
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
			l := p.lambdas.alloc()
			l.Start, l.Arg, l.ArgPos, l.Formals, l.ArgFirst, l.Body = p.pos(&id), id.text, p.pos(&id), formals, true, body
			l.argSym = p.syms.intern(id.text)
			p.checkFormals(l)
			return l
		}
	case LBRACE:
		if p.formalsAhead() {
			start := p.pos(&p.tok)
			formals := p.parseFormals()
			l := p.lambdas.alloc()
			l.Start, l.Formals = start, formals
			if p.tok.kind == AT {
				p.next()
				if p.tok.kind != ID {
					p.expect(ID)
				}
				l.Arg, l.ArgPos = p.tok.text, p.pos(&p.tok)
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
		pos := p.pos(&p.tok)
		p.next()
		cond := p.parseExpr()
		p.expect(SEMI)
		return &Assert{AssertPos: pos, Cond: cond, Body: p.parseExprFunction()}
	case WITH:
		pos := p.pos(&p.tok)
		p.next()
		env := p.parseExpr()
		p.expect(SEMI)
		w := p.withs.alloc()
		w.WithPos, w.Env = pos, env
		w.Body = p.parseExprFunction()
		return w
	case LET:
		if p.peek(1).kind != LBRACE {
			pos := p.pos(&p.tok)
			l := p.lets.alloc()
			l.LetPos, l.lowered = pos, p.lAttrss.alloc()
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
	f := p.formalss.alloc()
	f.Lbrace = p.pos(&p.tok)
	p.expect(LBRACE)
	base := len(p.formalStack)
	for {
		if p.tok.kind == ELLIPSIS {
			f.Ellipsis = true
			p.next()
			break
		}
		if p.tok.kind != ID {
			break
		}
		fm := p.formals.alloc()
		fm.NamePos, fm.Name = p.pos(&p.tok), p.tok.text
		p.next()
		if p.tok.kind == QUESTION {
			p.next()
			fm.Default = p.parseExpr()
		}
		fm.sym = p.syms.intern(fm.Name)
		p.formalStack = append(p.formalStack, fm)
		if p.tok.kind != COMMA {
			break
		}
		p.next()
	}
	f.List = p.formalPtrs.copyOf(p.formalStack[base:])
	p.formalStack = p.formalStack[:base]
	p.expect(RBRACE)
	return f
}

// checkFormals reports duplicate formals as toFormals in parser.y does.
func (p *parser) checkFormals(l *Lambda) {
	list := l.Formals.List
	if len(list) > 1 && mayHaveDuplicates(list) {
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

// mayHaveDuplicates reports whether two formals may have the same
// name: surely for short lists, cheaply for long ones.
func mayHaveDuplicates(list []*Formal) bool {
	if len(list) > 32 {
		return true
	}
	for i := 1; i < len(list); i++ {
		for j := 0; j < i; j++ {
			if list[i].Name == list[j].Name {
				return true
			}
		}
	}
	return false
}

func (p *parser) parseExprIf() Expr {
	if p.tok.kind == IF {
		pos := p.pos(&p.tok)
		p.next()
		cond := p.parseExpr()
		p.expect(THEN)
		then := p.parseExpr()
		p.expect(ELSE)
		x := p.ifs.alloc()
		x.IfPos, x.Cond, x.Then = pos, cond, then
		x.Else = p.parseExpr()
		return x
	}
	x := p.parseExprOp(0)
	switch p.tok.kind {
	case PIPE_INTO:
		for p.tok.kind == PIPE_INTO {
			pos := p.pos(&p.tok)
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
	pos := p.pos(&p.tok)
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
		pos := p.pos(&p.tok)
		p.next()
		u := p.unaries.alloc()
		u.OpPos, u.Op = pos, NOT
		u.X = p.parseExprOp(precNot + 1)
		x = u
	case MINUS:
		pos := p.pos(&p.tok)
		p.next()
		u := p.unaries.alloc()
		u.OpPos, u.Op = pos, MINUS
		u.X = p.parseExprOp(precNegate + 1)
		x = u
	default:
		x = p.parseApp()
	}
	for {
		op := p.tok.kind
		prec, right, nonassoc := precedence(op)
		if prec == 0 || prec < minPrec {
			return x
		}
		pos := p.pos(&p.tok)
		p.next()
		if op == QUESTION {
			x = &HasAttr{X: x, OpPos: pos, Path: p.parseAttrPath()}
		} else {
			next := prec + 1
			if right {
				next = prec
			}
			b := p.binaries.alloc()
			b.X, b.OpPos, b.Op = x, pos, op
			b.Y = p.parseExprOp(next)
			x = b
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
		pos := p.pos(&p.tok)
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
		id.NamePos, id.Name = p.pos(&t), t.text
		return id
	case INT:
		v, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil {
			p.fail(p.pos(&t), "invalid integer '"+t.text+"'")
		}
		p.next()
		x := p.ints.alloc()
		x.ValuePos, x.Lit, x.Value = p.pos(&t), t.text, v
		return x
	case FLOAT:
		v, err := strconv.ParseFloat(t.text, 64)
		if err != nil || v != 0 && math.Abs(v) < 2.2250738585072014e-308 || v == 0 && strings.ContainsAny(mantissa(t.text), "123456789") {
			p.fail(p.pos(&t), "invalid float '"+t.text+"'")
		}
		p.next()
		return &Float{ValuePos: p.pos(&t), Lit: t.text, Value: v}
	case QUOTE:
		return p.parseString()
	case IND_OPEN:
		return p.parseIndString()
	case PATH, HPATH:
		return p.parsePath()
	case SPATH:
		p.next()
		return &SearchPath{ValuePos: p.pos(&t), Path: t.text[1 : len(t.text)-1]}
	case URI:
		p.next()
		return &URL{ValuePos: p.pos(&t), Value: t.text}
	case LPAREN:
		p.next()
		x := p.parseExpr()
		p.expect(RPAREN)
		pa := p.parens.alloc()
		pa.Lparen, pa.X = p.pos(&t), x
		return pa
	case LET:
		p.next()
		open := p.tok
		p.expect(LBRACE)
		l := &LegacyLet{LetPos: p.pos(&t), lowered: &lAttrs{rec: true}}
		l.Bindings = p.parseBinds(l.lowered, RBRACE, open)
		p.expect(RBRACE)
		p.syms.intern("body")
		return l
	case REC, LBRACE:
		p.next()
		a := p.attrSets.alloc()
		a.Start, a.Rec, a.lowered = p.pos(&t), t.kind == REC, p.lAttrss.alloc()
		a.lowered.rec = a.Rec
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
		l := p.lists.alloc()
		l.Lbrack = p.pos(&t)
		base := len(p.exprStack)
		for startsSelect(p.tok.kind) {
			x := p.parseSelect()
			p.exprStack = append(p.exprStack, x)
		}
		l.Elems = p.exprs.copyOf(p.exprStack[base:])
		p.exprStack = p.exprStack[:base]
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
	s.Open = p.pos(&p.tok)
	p.next()
	base := len(p.partStack)
	for {
		switch p.tok.kind {
		case STR:
			p.partStack = append(p.partStack, StringPart{Pos: p.pos(&p.tok), Text: p.tok.val})
			p.next()
		case DOLLAR_CURLY:
			pos := p.pos(&p.tok)
			p.next()
			x := p.parseExpr()
			p.expect(RBRACE)
			p.partStack = append(p.partStack, StringPart{Pos: pos, Interp: x})
		case QUOTE:
			p.next()
			s.Parts = p.parts.copyOf(p.partStack[base:])
			p.partStack = p.partStack[:base]
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
	s := p.strings.alloc()
	s.Open, s.Indented = p.pos(&p.tok), true
	p.next()
	base := len(p.indStack)
	for {
		switch p.tok.kind {
		case INDSTR:
			p.indStack = append(p.indStack, indPart{pos: p.pos(&p.tok), text: p.tok.val, indent: p.tok.indent})
			p.next()
			continue
		case DOLLAR_CURLY:
			pos := p.pos(&p.tok)
			p.next()
			x := p.parseExpr()
			p.expect(RBRACE)
			p.indStack = append(p.indStack, indPart{pos: pos, interp: x})
			continue
		case IND_CLOSE:
			p.next()
		default:
			p.expect(IND_CLOSE)
		}
		break
	}
	s.Parts = p.stripIndentation(p.indStack[base:])
	clear(p.indStack[base:])
	p.indStack = p.indStack[:base]
	return s
}

// stripIndentation is stripIndentation of parser.y.
func (p *parser) stripIndentation(es []indPart) []StringPart {
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
		t := e.text
		for j := 0; j < len(t); j++ {
			if !atStartOfLine {
				// On to the next line.
				k := strings.IndexByte(t[j:], '\n')
				if k < 0 {
					break
				}
				j += k
				atStartOfLine = true
				curIndent = 0
				continue
			}
			switch t[j] {
			case ' ':
				curIndent++
			case '\n':
				curIndent = 0
			default:
				atStartOfLine = false
				if curIndent < minIndent {
					minIndent = curIndent
				}
			}
		}
	}

	out := p.parts.make(len(es))[:0]
	atStartOfLine = true
	curDropped := 0
	n := len(es)
	b := p.textBuf[:0]
	for _, e := range es {
		if e.interp != nil {
			atStartOfLine = false
			curDropped = 0
			out = append(out, StringPart{Pos: e.pos, Interp: e.interp})
			n--
			continue
		}
		b = b[:0]
		t := e.text
		same := true // the result equals t so far
		for j := 0; j < len(t) && minIndent > 0; j++ {
			if !atStartOfLine {
				// The rest of the line is kept.
				k := strings.IndexByte(t[j:], '\n')
				end := len(t)
				if k >= 0 {
					end = j + k + 1
					atStartOfLine = true
				}
				if !same {
					b = append(b, t[j:end]...)
				}
				j = end - 1
				continue
			}
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
					b = append(b, c)
				}
			} else if same {
				same = false
				b = append(b, t[:j]...)
			}
		}
		s2 := t
		if !same {
			s2 = p.string(b)
		}
		if n == 1 {
			if i := strings.LastIndexByte(s2, '\n'); i >= 0 && strings.Trim(s2[i+1:], " ") == "" {
				s2 = s2[:i+1]
			}
		}
		out = append(out, StringPart{Pos: e.pos, Text: s2})
		n--
	}
	p.textBuf = b[:0]
	return out
}

// string returns b as a string in p's text slab.
func (p *parser) string(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	t := p.text.make(len(b))
	copy(t, b)
	return unsafe.String(&t[0], len(t))
}

func (p *parser) parsePath() *Path {
	t := p.tok
	x := p.paths.alloc()
	x.ValuePos, x.Home = p.pos(&t), t.kind == HPATH
	base := len(p.partStack)
	p.partStack = append(p.partStack, StringPart{Pos: p.pos(&t), Text: t.text})
	p.next()
	for {
		switch p.tok.kind {
		case STR:
			p.partStack = append(p.partStack, StringPart{Pos: p.pos(&p.tok), Text: p.tok.val})
			p.next()
			if len(p.partStack)-base == 2 && p.tok.kind != DOLLAR_CURLY {
				// string_parts_interpolated starts with ${…} or STR ${…}.
				p.expect(DOLLAR_CURLY)
			}
		case DOLLAR_CURLY:
			pos := p.pos(&p.tok)
			p.next()
			e := p.parseExpr()
			p.expect(RBRACE)
			p.partStack = append(p.partStack, StringPart{Pos: pos, Interp: e})
		case PATH_END:
			p.next()
			x.Parts = p.parts.copyOf(p.partStack[base:])
			p.partStack = p.partStack[:base]
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
		return AttrName{NamePos: p.pos(&t), Name: t.text, sym: p.syms.intern(t.text)}
	case QUOTE:
		s := p.parseString()
		if v, ok := staticString(s); ok {
			return AttrName{NamePos: p.pos(&t), Name: v, Quoted: true, sym: p.syms.intern(v)}
		}
		return AttrName{NamePos: p.pos(&t), Dynamic: s}
	case DOLLAR_CURLY:
		p.next()
		x := p.parseExpr()
		p.expect(RBRACE)
		if v, ok := staticString(x); ok {
			return AttrName{NamePos: p.pos(&t), Name: v, Quoted: true, sym: p.syms.intern(v)}
		}
		return AttrName{NamePos: p.pos(&t), Dynamic: x}
	}
	p.unexpected()
	return AttrName{}
}

func (p *parser) parseAttrPath() []AttrName {
	n := p.parseAttrName()
	if p.tok.kind != DOT {
		path := p.names.make(1)
		path[0] = n
		return path
	}
	base := len(p.nameStack)
	p.nameStack = append(p.nameStack, n)
	for p.tok.kind == DOT {
		p.next()
		n := p.parseAttrName()
		p.nameStack = append(p.nameStack, n)
	}
	path := p.names.copyOf(p.nameStack[base:])
	clear(p.nameStack[base:])
	p.nameStack = p.nameStack[:base]
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
func (p *parser) endOf(t *token) Pos {
	return Pos{p.lx.filename, int(t.off) + len(t.text), int(t.line), int(t.col) + len(t.text)}
}

// pos returns the position of t.
func (p *parser) pos(t *token) Pos { return p.lx.position(t) }

// parseBinds parses bindings after the token open ('{' or 'let').
func (p *parser) parseBinds(attrs *lAttrs, closing Token, open token) []Binding {
	base := len(p.bindStack)
	attrs.start = p.endOf(&open)
	for {
		switch p.tok.kind {
		case INHERIT:
			in := p.inherits.alloc()
			in.InheritPos = p.pos(&p.tok)
			namesPos := p.endOf(&p.tok)
			p.next()
			if p.tok.kind == LPAREN {
				p.next()
				in.From = p.parseExpr()
				namesPos = p.endOf(&p.tok)
				p.expect(RPAREN)
			}
			nbase := len(p.nameStack)
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
				p.nameStack = append(p.nameStack, n)
			}
			in.Names = p.names.copyOf(p.nameStack[nbase:])
			clear(p.nameStack[nbase:])
			p.nameStack = p.nameStack[:nbase]
			p.expect(SEMI)
			for _, n := range in.Names {
				if j := attrs.find(n.Name); j >= 0 {
					p.dupAttr(n.Name, namesPos, attrs.attrs[j].at.in(namesPos.Filename))
					continue
				}
				p.addLAttr(attrs, lAttr{name: n.Name, sym: n.sym, at: compact(namesPos), inherited: in.From == nil, from: in.From})
			}
			p.bindStack = append(p.bindStack, in)
		case ID, OR_KW, QUOTE, DOLLAR_CURLY:
			a := p.attributes.alloc()
			pos := p.pos(&p.tok)
			a.Path = p.parseAttrPath()
			p.expect(ASSIGN)
			a.Value = p.parseExpr()
			p.expect(SEMI)
			addAttr(p, attrs, a.Path, a.Value, pos)
			p.bindStack = append(p.bindStack, a)
		default:
			if p.tok.kind != closing {
				p.unexpected()
			}
			binds := p.bindings.copyOf(p.bindStack[base:])
			p.bindStack = p.bindStack[:base]
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
