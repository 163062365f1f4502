package eval

import (
	"iter"
	"sort"
	"strings"

	"github.com/nixarch/nixarch/nix/syntax"
)

// Kind is the kind of a Value.
type Kind uint8

// The kinds of values. The first ones are Nix's own types; Unknown,
// Package, Script, Tagged and Error are what a static evaluator adds.
const (
	ThunkKind Kind = iota // not yet evaluated; Force removes it
	NullKind
	BoolKind
	IntKind
	FloatKind
	StringKind
	PathKind
	ListKind
	AttrsKind
	FunctionKind
	UnknownKind
	PackageKind
	ScriptKind
	TaggedKind
	ErrorKind
)

var kindNames = [...]string{
	ThunkKind: "thunk", NullKind: "null", BoolKind: "bool", IntKind: "int",
	FloatKind: "float", StringKind: "string", PathKind: "path", ListKind: "list",
	AttrsKind: "set", FunctionKind: "lambda", UnknownKind: "unknown",
	PackageKind: "package", ScriptKind: "script", TaggedKind: "tagged", ErrorKind: "error",
}

// String returns the name Nix's typeOf uses for the kind ("set",
// "lambda", …), or a name of ours for the kinds Nix does not have.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// Value is a Nix value, possibly not yet evaluated (a *Thunk). Every
// value carries the position of the expression that made it. The
// implementations are the pointer types of this package.
type Value interface {
	Kind() Kind
	Pos() syntax.Pos
	value()
}

// Null is null.
type Null struct{ P syntax.Pos }

// Bool is true or false.
type Bool struct {
	P syntax.Pos
	V bool
}

// Int is a 64-bit integer.
type Int struct {
	P syntax.Pos
	V int64
}

// Float is a float.
type Float struct {
	P syntax.Pos
	V float64
}

// String is a string. Refs records where the text embeds a package
// (from "${pkgs.foo}/bin/foo"), so that later code can rewrite the
// placeholder store path; Nix would call it the string's context.
type String struct {
	P    syntax.Pos
	S    string
	Refs []StringRef
}

// StringRef is a package embedded in a String at S[Start:End].
type StringRef struct {
	Start, End int
	Pkg        *Package
}

// Path is an absolute path (resolved against the file it was written in).
type Path struct {
	P    syntax.Pos
	Path string
}

// List is a list; elements may be thunks.
type List struct {
	P     syntax.Pos
	Elems []Value
}

// Attrs is an attribute set; values may be thunks. Partial is set when
// the set was built with a dynamic name that is Unknown: selecting a
// missing name then gives Unknown rather than an error.
type Attrs struct {
	P       syntax.Pos
	M       map[string]Value
	Partial *Unknown
	// Missing, when set, answers the selection of a name the set does not
	// have (s.name, with s; name), before Partial: a module system's
	// config answers with the option's default. s ? name still answers
	// from M and Partial.
	Missing func(name string) Value
	names   []string
}

// Names returns the attribute names in Nix's (sorted) order.
func (a *Attrs) Names() []string {
	if a.names == nil || len(a.names) != len(a.M) {
		a.names = make([]string, 0, len(a.M))
		for k := range a.M {
			a.names = append(a.names, k)
		}
		sort.Strings(a.names)
	}
	return a.names
}

// All iterates over the attributes in Nix's order, values unevaluated.
func (a *Attrs) All() iter.Seq2[string, Value] {
	return func(yield func(string, Value) bool) {
		for _, n := range a.Names() {
			if !yield(n, a.M[n]) {
				return
			}
		}
	}
}

// Get returns the (possibly unevaluated) value of name.
func (a *Attrs) Get(name string) (Value, bool) {
	v, ok := a.M[name]
	return v, ok
}

// Function is a lambda or a built-in function, possibly partially
// applied.
type Function struct {
	P      syntax.Pos
	Name   string         // the builtin's name, or "" for a lambda
	Lambda *syntax.Lambda // nil for a builtin
	env    *env
	prim   *primop
	args   []Value // arguments applied so far to a builtin
}

// Unknown is a value the static evaluator cannot know: a fetcher's
// result, an environment variable, an unknown option. Reason says why and
// P where it came from; Path is the attribute path selected from it so
// far. Operations on an Unknown give an Unknown (the same reason and
// position). When an if's condition is Unknown, the result is an Unknown
// whose Alternatives hold the lazily evaluated branches, so that the
// packages of both stay inspectable.
type Unknown struct {
	P            syntax.Pos
	Reason       string
	Path         string
	Alternatives []Value
	// Cond says where the undecided condition of the if that made
	// Alternatives is written; nil when it is not known.
	Cond *CondSite
	// Parts, when not empty, says that the value is a list: the
	// concatenation of Parts, each a *List or an *Unknown (often one with
	// Alternatives). ++, concatLists and concatMap make it from operands
	// that are not all known, so that the known elements stay visible.
	Parts []Value
	// Sel, when set, answers u.name instead of an Unknown with a longer
	// Path: a module system's unset option answers with the defaults of
	// the options under it.
	Sel      func(name string) Value
	altDepth int
	limit    bool // a limit was exceeded: never branch on it
}

// CondSite is where an undecided condition is written: At is the start
// of the condition's expression; End, when valid, where the expression
// after it starts (the then of an if), so that the source text between
// the two is the condition. Not says that the value stands for the
// condition being false (the else branch).
type CondSite struct {
	At, End syntax.Pos
	Not     bool
}

// plain returns u without alternatives or parts, for the result of an
// operation on it.
func (u *Unknown) plain() *Unknown {
	if len(u.Alternatives) == 0 && len(u.Parts) == 0 && u.Cond == nil && u.Sel == nil {
		return u
	}
	return &Unknown{P: u.P, Reason: u.Reason, Path: u.Path, limit: u.limit}
}

// Condition returns u as the undecided condition of its alternatives: an
// Unknown without alternatives that keeps Cond, negated when not is
// true, for a definition that holds only in one branch.
func (u *Unknown) Condition(not bool) *Unknown {
	c := &Unknown{P: u.P, Reason: u.Reason, Path: u.Path}
	if u.Cond != nil {
		site := *u.Cond
		site.Not = site.Not != not
		c.Cond = &site
	} else if not {
		c.Cond = &CondSite{Not: true}
	}
	return c
}

// Package is a package of the symbolic package universe pkgs: Attr is
// its attribute path ("firefox", "kdePackages.kate"). Members are the
// packages chosen in withPackages-style calls; Local is the path of a
// callPackage'd file; Notes record overrides and calls. Only, when set,
// names the parts of a bundle that an override keeps: the fonts of
// nerdfonts.override { fonts = [ … ]; }.
type Package struct {
	P       syntax.Pos
	Attr    string
	Members []string
	Local   string
	Notes   []string
	Only    []string
	// Def is where an overlay or a callPackage'd file defines the
	// package, when that is not where it is referred to (P).
	Def syntax.Pos
	// Over holds the attributes that overlays define or replace, for
	// the package universe itself (Attr and Local empty); Unread the
	// overlays that could not be applied (they are not functions).
	Over   *Attrs
	Unread []Value
	// arg is the argument a package was called with (stdenv.mkDerivation
	// { pname = …; }), to name local packages.
	arg Value
}

// Script is a script written by a pkgs.writeShellScriptBin-style call.
type Script struct {
	P      syntax.Pos
	Writer string // writeShellScriptBin, writeText, …
	Name   string
	Text   Value
}

// Tag names the construct of lib a Tagged value stands for.
type Tag uint8

// The tags of Tagged values.
const (
	TagIf            Tag = iota + 1 // mkIf Cond Content
	TagMerge                        // mkMerge Contents
	TagOverride                     // mkOverride Priority Content (mkDefault 1000, mkForce 50)
	TagOrder                        // mkOrder Priority Content (mkBefore 500, mkAfter 1500)
	TagOption                       // mkOption Fields
	TagType                         // types.* (Name, Args)
	TagLiteral                      // literalExpression / literalMD text
	TagPackageOption                // mkPackageOption
)

var tagNames = [...]string{"?", "mkIf", "mkMerge", "mkOverride", "mkOrder", "mkOption", "type", "literalExpression", "mkPackageOption"}

// String returns the lib name of the tag.
func (t Tag) String() string {
	if int(t) < len(tagNames) {
		return tagNames[t]
	}
	return "tag?"
}

// Tagged is a value of the module system made by lib: mkIf, mkMerge,
// mkOverride (mkDefault, mkForce), mkOrder (mkBefore, mkAfter),
// mkOption, types.*. A later package interprets them.
type Tagged struct {
	P        syntax.Pos
	Tag      Tag
	Cond     Value   // TagIf
	Priority int     // TagOverride, TagOrder
	Content  Value   // TagIf, TagOverride, TagOrder, TagLiteral
	Contents []Value // TagMerge
	Fields   *Attrs  // TagOption (type, default, description…), TagPackageOption
	Name     string  // TagType: "types.str", "types.listOf"
	Args     []Value // TagType arguments
}

// ErrorClass distinguishes errors.
type ErrorClass uint8

// The classes of Error values. tryEval catches Throw and Assert only,
// as Nix does.
const (
	Throw ErrorClass = iota + 1
	Abort
	AssertFail
	TypeError
	MissingAttr
	InfiniteRecursion
	OtherError
)

// Error is an evaluation error (throw, abort, a failed assert, a type
// error, infinite recursion) held as a value, so that an error in a
// branch that is never used does nothing.
type Error struct {
	P     syntax.Pos
	Class ErrorClass
	Msg   string
}

// Error returns "file:line:col: message".
func (e *Error) Error() string { return e.P.String() + ": " + e.Msg }

// Thunk is an expression not yet evaluated. Force evaluates it once.
type Thunk struct {
	P     syntax.Pos
	state uint8 // 0 pending, 1 evaluating, 2 done
	expr  syntax.Expr
	env   *env
	ev    *Evaluator
	fn    func() Value // instead of expr, for thunks made in Go
	res   Value
}

func (*Null) Kind() Kind     { return NullKind }
func (*Bool) Kind() Kind     { return BoolKind }
func (*Int) Kind() Kind      { return IntKind }
func (*Float) Kind() Kind    { return FloatKind }
func (*String) Kind() Kind   { return StringKind }
func (*Path) Kind() Kind     { return PathKind }
func (*List) Kind() Kind     { return ListKind }
func (*Attrs) Kind() Kind    { return AttrsKind }
func (*Function) Kind() Kind { return FunctionKind }
func (*Unknown) Kind() Kind  { return UnknownKind }
func (*Package) Kind() Kind  { return PackageKind }
func (*Script) Kind() Kind   { return ScriptKind }
func (*Tagged) Kind() Kind   { return TaggedKind }
func (*Error) Kind() Kind    { return ErrorKind }
func (*Thunk) Kind() Kind    { return ThunkKind }

func (v *Null) Pos() syntax.Pos     { return v.P }
func (v *Bool) Pos() syntax.Pos     { return v.P }
func (v *Int) Pos() syntax.Pos      { return v.P }
func (v *Float) Pos() syntax.Pos    { return v.P }
func (v *String) Pos() syntax.Pos   { return v.P }
func (v *Path) Pos() syntax.Pos     { return v.P }
func (v *List) Pos() syntax.Pos     { return v.P }
func (v *Attrs) Pos() syntax.Pos    { return v.P }
func (v *Function) Pos() syntax.Pos { return v.P }
func (v *Unknown) Pos() syntax.Pos  { return v.P }
func (v *Package) Pos() syntax.Pos  { return v.P }
func (v *Script) Pos() syntax.Pos   { return v.P }
func (v *Tagged) Pos() syntax.Pos   { return v.P }
func (v *Error) Pos() syntax.Pos    { return v.P }
func (v *Thunk) Pos() syntax.Pos    { return v.P }

func (*Null) value()     {}
func (*Bool) value()     {}
func (*Int) value()      {}
func (*Float) value()    {}
func (*String) value()   {}
func (*Path) value()     {}
func (*List) value()     {}
func (*Attrs) value()    {}
func (*Function) value() {}
func (*Unknown) value()  {}
func (*Package) value()  {}
func (*Script) value()   {}
func (*Tagged) value()   {}
func (*Error) value()    {}
func (*Thunk) value()    {}

// String returns "unknown (reason).path".
func (u *Unknown) String() string {
	s := "unknown (" + u.Reason + ")"
	if u.Path != "" {
		s += "." + u.Path
	}
	return s
}

func (u *Unknown) sel(name string) *Unknown {
	p := name
	if u.Path != "" {
		p = u.Path + "." + name
	}
	return &Unknown{P: u.P, Reason: u.Reason, Path: p}
}

// sel on alternatives is done by selectUnknown in ops.go.

// Universe reports whether p is the package set itself (pkgs) rather
// than one package.
func (p *Package) Universe() bool { return p.Attr == "" && p.Local == "" }

func (p *Package) sel(name string, pos syntax.Pos) *Package {
	attr := name
	if p.Attr != "" {
		attr = p.Attr + "." + name
	}
	return &Package{P: pos, Attr: attr}
}

func (p *Package) with(note string) *Package {
	q := *p
	q.Notes = append(append([]string(nil), p.Notes...), note)
	return &q
}

// StorePath is the placeholder store path of the package in strings.
func (p *Package) StorePath() string {
	name := p.Attr
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	if p.Local != "" {
		name = "local-" + name
	}
	return "/nix/store/00000000000000000000000000000000-" + name
}

// Force evaluates v to weak head normal form: it is not a *Thunk.
func Force(v Value) Value {
	for {
		t, ok := v.(*Thunk)
		if !ok {
			return v
		}
		v = t.force()
	}
}

func (t *Thunk) force() Value {
	switch t.state {
	case 2:
		return t.res
	case 1:
		return &Error{P: t.P, Class: InfiniteRecursion, Msg: "infinite recursion encountered"}
	}
	t.state = 1
	var r Value
	if t.fn != nil {
		r = t.fn()
	} else {
		r = t.ev.eval(t.expr, t.env)
	}
	r = Force(r)
	t.res, t.state = r, 2
	t.expr, t.env, t.fn = nil, nil, nil
	return r
}

// Lazy returns a thunk that computes f once, when forced.
func Lazy(pos syntax.Pos, f func() Value) Value { return &Thunk{P: pos, fn: f} }

// NewAttrs returns an attribute set of m.
func NewAttrs(pos syntax.Pos, m map[string]Value) *Attrs {
	if m == nil {
		m = map[string]Value{}
	}
	return &Attrs{P: pos, M: m}
}

// Str returns a string value.
func Str(pos syntax.Pos, s string) *String { return &String{P: pos, S: s} }

// abnormal returns an Unknown or Error v as the result of an operation
// on it: an Unknown loses its alternatives, which were the operand's.
func abnormal(v Value) Value {
	if u, ok := v.(*Unknown); ok {
		return u.plain()
	}
	return v
}

func isAbnormal(v Value) bool {
	switch v.(type) {
	case *Error, *Unknown:
		return true
	}
	return false
}
