package syntax

// Node is any node of the syntax tree.
type Node interface {
	// Pos returns the position of the node's first character.
	Pos() Pos
}

// Expr is a Nix expression. All expression types of this package
// implement it; no others can.
type Expr interface {
	Node
	exprNode()
}

// Binding is an entry of an attribute set or let: an *Attribute or an
// *Inherit.
type Binding interface {
	Node
	bindingNode()
}

// Ident is a variable reference (or the __curPos keyword-like variable).
type Ident struct {
	NamePos Pos
	Name    string
}

// Int is an integer literal.
type Int struct {
	ValuePos Pos
	Lit      string
	Value    int64
}

// Float is a floating point literal.
type Float struct {
	ValuePos Pos
	Lit      string
	Value    float64
}

// StringPart is a piece of a string or path: literal text, or an
// interpolation ${Interp} when Interp is not nil.
type StringPart struct {
	Pos    Pos
	Text   string // cooked text: escapes resolved, indentation stripped
	Interp Expr
}

// String is a "…" string or, when Indented, a ”…” string. Parts hold
// the pieces the way Nix splits them (one literal part per lexical
// token of text), after indentation stripping.
type String struct {
	Open     Pos
	Indented bool
	Parts    []StringPart
}

// Path is a path literal such as ./a, /a, a/b or ~/a, possibly with
// interpolations (./a/${b}). Parts[0].Text is the first segment as
// written; Home marks ~/ paths.
type Path struct {
	ValuePos Pos
	Home     bool
	Parts    []StringPart
}

// SearchPath is a <nixpkgs/lib> lookup; Path holds the text between
// the angle brackets.
type SearchPath struct {
	ValuePos Pos
	Path     string
}

// URL is an unquoted URL literal (the URI token).
type URL struct {
	ValuePos Pos
	Value    string
}

// Paren is a parenthesized expression.
type Paren struct {
	Lparen Pos
	X      Expr
}

// List is a list [ a b c ].
type List struct {
	Lbrack Pos
	Elems  []Expr
}

// AttrSet is { … } or rec { … }.
type AttrSet struct {
	Start    Pos // position of 'rec' or '{'
	Rec      bool
	Bindings []Binding

	lowered *lAttrs // Nix's view after merging attribute paths
}

// AttrName is one element of an attribute path: a static name, or a
// dynamic one (${e} or "…${e}…") when Dynamic is not nil.
type AttrName struct {
	NamePos Pos
	Name    string
	Quoted  bool // the static name was written as a string
	Dynamic Expr

	sym int32
}

// Attribute is a binding path = value;.
type Attribute struct {
	Path    []AttrName
	Value   Expr
	Comment string // leading comment emitted by Format, without markers
}

// Inherit is inherit a b; or inherit (from) a b;.
type Inherit struct {
	InheritPos Pos
	From       Expr // nil for a plain inherit
	Names      []AttrName
	Comment    string // leading comment emitted by Format, without markers
}

// Formal is one argument of a formals lambda: name or name ? default.
type Formal struct {
	NamePos Pos
	Name    string
	Default Expr

	sym int32
}

// Formals is the { a, b ? 1, ... } argument pattern of a lambda.
type Formals struct {
	Lbrace   Pos
	List     []*Formal
	Ellipsis bool
}

// Lambda is a function: arg: body, { formals }: body, { formals } @ arg:
// body or arg @ { formals }: body.
type Lambda struct {
	Start    Pos
	Arg      string // "" when there is no plain argument name
	ArgPos   Pos
	Formals  *Formals
	ArgFirst bool // arg @ { … } rather than { … } @ arg
	Body     Expr

	argSym int32
}

// Let is let bindings in body.
type Let struct {
	LetPos   Pos
	Bindings []Binding
	Body     Expr

	lowered *lAttrs
}

// LegacyLet is the old let { bindings; body = …; } form.
type LegacyLet struct {
	LetPos   Pos
	Bindings []Binding

	lowered *lAttrs
}

// With is with env; body.
type With struct {
	WithPos Pos
	Env     Expr
	Body    Expr
}

// Assert is assert cond; body.
type Assert struct {
	AssertPos Pos
	Cond      Expr
	Body      Expr
}

// If is if cond then a else b.
type If struct {
	IfPos Pos
	Cond  Expr
	Then  Expr
	Else  Expr
}

// Unary is !x or -x.
type Unary struct {
	OpPos Pos
	Op    Token // NOT or MINUS
	X     Expr
}

// Binary is x op y for the operators ->, ||, &&, ==, !=, <, <=, >, >=,
// //, +, -, *, /, ++ and the pipes |> and <|.
type Binary struct {
	X     Expr
	OpPos Pos
	Op    Token
	Y     Expr
}

// HasAttr is x ? a.b.
type HasAttr struct {
	X     Expr
	OpPos Pos
	Path  []AttrName
}

// Apply is the function application fn arg.
type Apply struct {
	Fn  Expr
	Arg Expr
}

// Select is x.a.b or x.a.b or default.
type Select struct {
	X       Expr
	Path    []AttrName
	Default Expr // nil without 'or'
}

// Commented wraps an expression with a leading comment for Format
// (for list elements). Canonical printing ignores it. X is nil for a
// comment that stands alone as a list entry, which Format prints as
// comment lines only and canonical printing leaves out.
type Commented struct {
	Comment string
	X       Expr
}

// Pos implementations: the position of the node's first character.

func (x *Ident) Pos() Pos      { return x.NamePos }
func (x *Int) Pos() Pos        { return x.ValuePos }
func (x *Float) Pos() Pos      { return x.ValuePos }
func (x *String) Pos() Pos     { return x.Open }
func (x *Path) Pos() Pos       { return x.ValuePos }
func (x *SearchPath) Pos() Pos { return x.ValuePos }
func (x *URL) Pos() Pos        { return x.ValuePos }
func (x *Paren) Pos() Pos      { return x.Lparen }
func (x *List) Pos() Pos       { return x.Lbrack }
func (x *AttrSet) Pos() Pos    { return x.Start }
func (x *Lambda) Pos() Pos     { return x.Start }
func (x *Let) Pos() Pos        { return x.LetPos }
func (x *LegacyLet) Pos() Pos  { return x.LetPos }
func (x *With) Pos() Pos       { return x.WithPos }
func (x *Assert) Pos() Pos     { return x.AssertPos }
func (x *If) Pos() Pos         { return x.IfPos }
func (x *Unary) Pos() Pos      { return x.OpPos }
func (x *Binary) Pos() Pos     { return x.X.Pos() }
func (x *HasAttr) Pos() Pos    { return x.X.Pos() }
func (x *Apply) Pos() Pos      { return x.Fn.Pos() }
func (x *Select) Pos() Pos     { return x.X.Pos() }
func (x *Commented) Pos() Pos {
	if x.X == nil {
		return Pos{}
	}
	return x.X.Pos()
}
func (x *Attribute) Pos() Pos {
	if len(x.Path) == 0 {
		return Pos{}
	}
	return x.Path[0].NamePos
}
func (x *Inherit) Pos() Pos { return x.InheritPos }
func (x *Formal) Pos() Pos  { return x.NamePos }
func (x *Formals) Pos() Pos { return x.Lbrace }

func (*Ident) exprNode()      {}
func (*Int) exprNode()        {}
func (*Float) exprNode()      {}
func (*String) exprNode()     {}
func (*Path) exprNode()       {}
func (*SearchPath) exprNode() {}
func (*URL) exprNode()        {}
func (*Paren) exprNode()      {}
func (*List) exprNode()       {}
func (*AttrSet) exprNode()    {}
func (*Lambda) exprNode()     {}
func (*Let) exprNode()        {}
func (*LegacyLet) exprNode()  {}
func (*With) exprNode()       {}
func (*Assert) exprNode()     {}
func (*If) exprNode()         {}
func (*Unary) exprNode()      {}
func (*Binary) exprNode()     {}
func (*HasAttr) exprNode()    {}
func (*Apply) exprNode()      {}
func (*Select) exprNode()     {}
func (*Commented) exprNode()  {}

func (*Attribute) bindingNode() {}
func (*Inherit) bindingNode()   {}
