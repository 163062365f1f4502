package eval

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/nixarch/nixarch/nix/syntax"
)

// Limits bound an evaluation. Exceeding one gives an Unknown whose
// reason names the limit; the evaluator never hangs or overflows Go's
// stack.
type Limits struct {
	Depth int           // nesting of evaluation (default 10,000)
	Steps int           // expressions evaluated (default 10,000,000)
	Time  time.Duration // wall time from the first evaluation (default 10s)
}

// DefaultLimits are the limits of New.
var DefaultLimits = Limits{Depth: 10000, Steps: 10_000_000, Time: 10 * time.Second}

// Option configures an Evaluator.
type Option func(*Evaluator)

// WithFS makes the evaluator read files from fsys, where the absolute Nix
// path root (such as "/etc/nixos") is the root of fsys. Without it, no
// file can be read: import and readFile give Unknown.
func WithFS(fsys fs.FS, root string) Option {
	return func(e *Evaluator) { e.fsys, e.root = fsys, path.Clean("/"+root) }
}

// WithLimits sets the limits; zero fields keep the defaults.
func WithLimits(l Limits) Option {
	return func(e *Evaluator) {
		if l.Depth > 0 {
			e.limits.Depth = l.Depth
		}
		if l.Steps > 0 {
			e.limits.Steps = l.Steps
		}
		if l.Time > 0 {
			e.limits.Time = l.Time
		}
	}
}

// WithSystem makes builtins.currentSystem the given string; by default it
// is Unknown, since the target system is what nixarch moves between.
func WithSystem(system string) Option { return func(e *Evaluator) { e.system = system } }

// WithPkgs replaces the symbolic package universe (what Pkgs returns,
// import <nixpkgs> { } gives and ModuleArgs passes) with pkgs, for
// example an attribute set that defines a few names and falls back on
// Pkgs with //.
func WithPkgs(pkgs Value) Option { return func(e *Evaluator) { e.pkgs = pkgs } }

// WithReadHook makes the evaluator call f with the absolute path of every
// file it reads (import, readFile, EvalFile), the first time it reads it,
// so that a caller can list the files a configuration is made of.
func WithReadHook(f func(path string)) Option { return func(e *Evaluator) { e.readHook = f } }

// WithPipes enables the |> and <| operators in parsed files (on by default).
func WithPipes(on bool) Option { return func(e *Evaluator) { e.pipes = on } }

// Evaluator evaluates Nix files lazily and partially. It is not safe for
// concurrent use.
type Evaluator struct {
	fsys   fs.FS
	root   string
	limits Limits
	system string
	pipes  bool

	depth    int
	steps    int
	start    time.Time
	deadline time.Time
	stopped  *Unknown // set once a limit is exceeded

	files    map[string]*Thunk // import cache by absolute path
	readHook func(string)
	read1    map[string]bool // files reported to readHook
	globals  *env
	lib      Value
	pkgs     Value
}

// New returns an evaluator.
func New(opts ...Option) *Evaluator {
	e := &Evaluator{limits: DefaultLimits, pipes: true, files: map[string]*Thunk{}, pkgs: &Package{}}
	for _, o := range opts {
		o(e)
	}
	e.globals = e.makeGlobals()
	return e
}

// env is a scope: lexical variables, or the attribute set of a with.
type env struct {
	up   *env
	vars map[string]Value
	with Value // not nil for a with scope
}

func (e *env) lookup(name string) (Value, bool) {
	for s := e; s != nil; s = s.up {
		if s.with == nil {
			if v, ok := s.vars[name]; ok {
				return v, true
			}
		}
	}
	return nil, false
}

// EvalFile parses and evaluates the file at the absolute Nix path p
// (read through the file system of WithFS). Syntax errors are errors;
// everything else is in the value.
func (e *Evaluator) EvalFile(p string) (Value, error) {
	p = path.Clean(p)
	if rel, ok := e.rel(p); ok && e.fsys != nil {
		if st, err := fs.Stat(e.fsys, rel); err == nil && st.IsDir() {
			p = path.Join(p, "default.nix")
		}
	}
	src, err := e.read(p)
	if err != nil {
		return nil, err
	}
	return e.evalSource(p, src)
}

// EvalString parses src as the file named filename and evaluates it;
// relative paths resolve against the directory of filename.
func (e *Evaluator) EvalString(filename, src string) (Value, error) {
	return e.evalSource(filename, []byte(src))
}

func (e *Evaluator) evalSource(filename string, src []byte) (Value, error) {
	x, err := syntax.ParseFile(filename, src, syntax.PipeOperators(e.pipes))
	if err != nil {
		return nil, err
	}
	return e.Force(e.eval(x, e.globals)), nil
}

func (e *Evaluator) read(p string) ([]byte, error) {
	if e.fsys == nil {
		return nil, fmt.Errorf("read %s: %w", p, fs.ErrNotExist)
	}
	rel, ok := e.rel(p)
	if !ok {
		return nil, fmt.Errorf("read %s: outside %s: %w", p, e.root, fs.ErrNotExist)
	}
	data, err := fs.ReadFile(e.fsys, rel)
	if err == nil && e.readHook != nil && !e.read1[p] {
		if e.read1 == nil {
			e.read1 = map[string]bool{}
		}
		e.read1[p] = true
		e.readHook(p)
	}
	return data, err
}

// rel maps an absolute Nix path to a name in the file system.
func (e *Evaluator) rel(p string) (string, bool) {
	p = path.Clean(p)
	if e.root == "/" {
		if p == "/" {
			return ".", true
		}
		return p[1:], true
	}
	if p == e.root {
		return ".", true
	}
	if strings.HasPrefix(p, e.root+"/") {
		return p[len(e.root)+1:], true
	}
	return "", false
}

// Force evaluates v to weak head normal form, within the limits.
func (e *Evaluator) Force(v Value) Value { return Force(v) }

// ForceDeep evaluates v and everything in it (lists, attribute sets,
// tagged values), as builtins.deepSeq does, and returns v forced. The
// first Error met inside is returned instead, as Nix would fail, or the
// Unknown of an exceeded limit; other Unknown values inside are left in
// place.
func (e *Evaluator) ForceDeep(v Value) Value {
	seen := map[Value]bool{}
	v = Force(v)
	if err := e.deep(v, seen, 0); err != nil {
		return err
	}
	return v
}

func (e *Evaluator) deep(v Value, seen map[Value]bool, depth int) Value {
	if depth > e.limits.Depth {
		return e.limit("depth", v.Pos())
	}
	v = Force(v)
	switch v := v.(type) {
	case *Error:
		return v
	case *List:
		if seen[v] {
			return nil
		}
		seen[v] = true
		for _, x := range v.Elems {
			if err := e.deep(x, seen, depth+1); err != nil {
				return err
			}
		}
	case *Attrs:
		if seen[v] {
			return nil
		}
		seen[v] = true
		for _, n := range v.Names() {
			if err := e.deep(v.M[n], seen, depth+1); err != nil {
				return err
			}
		}
	case *Tagged:
		parts := append([]Value{v.Cond, v.Content}, v.Contents...)
		parts = append(parts, v.Args...)
		if v.Fields != nil {
			parts = append(parts, v.Fields)
		}
		for _, p := range parts {
			if p == nil {
				continue
			}
			if err := e.deep(p, seen, depth+1); err != nil {
				return err
			}
		}
	case *Script:
		return e.deep(v.Text, seen, depth+1)
	case *Unknown:
		if v.limit {
			return v
		}
	}
	return nil
}

// limit returns the Unknown of an exceeded limit. The step and time
// limits stop the evaluator: every later evaluation gives the same
// Unknown. The depth and size limits only concern the value at hand.
func (e *Evaluator) limit(what string, pos syntax.Pos) *Unknown {
	if what != "step" && what != "time" {
		return &Unknown{P: pos, Reason: "evaluation " + what + " limit exceeded", limit: true}
	}
	if e.stopped == nil {
		e.stopped = &Unknown{P: pos, Reason: "evaluation " + what + " limit exceeded", limit: true}
	}
	return e.stopped
}

// maxSize bounds the length of strings and lists.
const maxSize = 1 << 24

// tick counts a step and checks the step and time limits.
func (e *Evaluator) tick(pos syntax.Pos) *Unknown {
	if e.stopped != nil {
		return e.stopped
	}
	e.steps++
	if e.start.IsZero() {
		e.start = time.Now()
		e.deadline = e.start.Add(e.limits.Time)
	}
	if e.steps > e.limits.Steps {
		return e.limit("step", pos)
	}
	if e.steps&255 == 0 && time.Now().After(e.deadline) {
		return e.limit("time", pos)
	}
	return nil
}

// thunk delays x in env; constants need no thunk.
func (e *Evaluator) thunk(x syntax.Expr, en *env) Value {
	switch x := x.(type) {
	case *syntax.Int:
		return &Int{P: x.ValuePos, V: x.Value}
	case *syntax.Float:
		return &Float{P: x.ValuePos, V: x.Value}
	case *syntax.Paren:
		return e.thunk(x.X, en)
	case *syntax.Commented:
		return e.thunk(x.X, en)
	case *syntax.Lambda:
		return &Function{P: x.Start, Lambda: x, env: en}
	case *syntax.String:
		if len(x.Parts) == 0 || (len(x.Parts) == 1 && x.Parts[0].Interp == nil) {
			return e.eval(x, en)
		}
	}
	return &Thunk{P: x.Pos(), expr: x, env: en, ev: e}
}

// eval evaluates x in en to a value (not necessarily in weak head normal
// form: a variable may give a thunk).
func (e *Evaluator) eval(x syntax.Expr, en *env) Value {
	if lim := e.tick(x.Pos()); lim != nil {
		return lim
	}
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > e.limits.Depth {
		return &Unknown{P: x.Pos(), Reason: "evaluation depth limit exceeded", limit: true}
	}
	switch x := x.(type) {
	case *syntax.Int:
		return &Int{P: x.ValuePos, V: x.Value}
	case *syntax.Float:
		return &Float{P: x.ValuePos, V: x.Value}
	case *syntax.Paren:
		return Force(e.eval(x.X, en))
	case *syntax.Commented:
		return Force(e.eval(x.X, en))
	case *syntax.Ident:
		return Force(e.variable(x, en))
	case *syntax.String:
		return e.evalString(x, en)
	case *syntax.Path:
		return e.evalPath(x, en)
	case *syntax.SearchPath:
		return &Unknown{P: x.ValuePos, Reason: "search path <" + x.Path + ">"}
	case *syntax.URL:
		return &String{P: x.ValuePos, S: x.Value}
	case *syntax.List:
		l := &List{P: x.Lbrack, Elems: make([]Value, len(x.Elems))}
		for i, el := range x.Elems {
			l.Elems[i] = e.thunk(el, en)
		}
		return l
	case *syntax.AttrSet:
		if x.Rec {
			return e.recAttrs(x.Start, x.Bindings, en)
		}
		return e.attrs(x.Start, x.Bindings, en, en)
	case *syntax.Let:
		inner := &env{up: en, vars: map[string]Value{}}
		e.bind(x.Bindings, inner, en, inner.vars)
		return Force(e.eval(x.Body, inner))
	case *syntax.LegacyLet:
		a := e.recAttrs(x.LetPos, x.Bindings, en)
		if a, ok := a.(*Attrs); ok {
			if b, ok := a.M["body"]; ok {
				return Force(b)
			}
		}
		return &Error{P: x.LetPos, Class: MissingAttr, Msg: "attribute 'body' missing"}
	case *syntax.Lambda:
		return &Function{P: x.Start, Lambda: x, env: en}
	case *syntax.With:
		w := e.thunk(x.Env, en)
		return Force(e.eval(x.Body, &env{up: en, with: w}))
	case *syntax.Assert:
		c := Force(e.eval(x.Cond, en))
		switch c := c.(type) {
		case *Bool:
			if !c.V {
				return &Error{P: x.AssertPos, Class: AssertFail, Msg: "assertion '" + exprText(x.Cond) + "' failed"}
			}
		case *Unknown:
			// An assertion we cannot decide is taken to hold.
		case *Error:
			return c
		default:
			return typeErr(x.Cond.Pos(), "a Boolean", c)
		}
		return Force(e.eval(x.Body, en))
	case *syntax.If:
		c := Force(e.eval(x.Cond, en))
		switch c := c.(type) {
		case *Bool:
			if c.V {
				return Force(e.eval(x.Then, en))
			}
			return Force(e.eval(x.Else, en))
		case *Unknown:
			if c.limit {
				return c
			}
			return &Unknown{P: c.P, Reason: c.Reason, Path: c.Path, Cond: e.condSite(x, en),
				Alternatives: []Value{e.thunk(x.Then, en), e.thunk(x.Else, en)}}
		case *Error:
			return c
		default:
			return typeErr(x.Cond.Pos(), "a Boolean", c)
		}
	case *syntax.Unary:
		v := Force(e.eval(x.X, en))
		if isAbnormal(v) {
			return abnormal(v)
		}
		if x.Op == syntax.NOT {
			b, ok := v.(*Bool)
			if !ok {
				return typeErr(x.OpPos, "a Boolean", v)
			}
			return &Bool{P: x.OpPos, V: !b.V}
		}
		return e.arith(x.OpPos, syntax.MINUS, &Int{P: x.OpPos}, v)
	case *syntax.Binary:
		return e.binary(x, en)
	case *syntax.HasAttr:
		return e.hasAttr(x, en)
	case *syntax.Apply:
		fn := e.eval(x.Fn, en)
		return e.Apply(x.Fn.Pos(), fn, e.thunk(x.Arg, en))
	case *syntax.Select:
		return e.evalSelect(x, en)
	}
	return &Error{P: x.Pos(), Class: OtherError, Msg: fmt.Sprintf("cannot evaluate %T", x)}
}

// condSite says where the condition of the if x is written: the
// condition itself, or, for an if inside lib (optional, optionals,
// optionalAttrs…) whose condition is an argument, where the caller wrote
// that argument.
func (e *Evaluator) condSite(x *syntax.If, en *env) *CondSite {
	at := x.Cond.Pos()
	if at.Filename != LibFile {
		return &CondSite{At: at, End: x.Then.Pos()}
	}
	id, ok := x.Cond.(*syntax.Ident)
	if !ok {
		return nil
	}
	v, ok := en.lookup(id.Name)
	if !ok || !v.Pos().IsValid() || v.Pos().Filename == LibFile {
		return nil
	}
	return &CondSite{At: v.Pos()}
}

func (e *Evaluator) variable(x *syntax.Ident, en *env) Value {
	if v, ok := en.lookup(x.Name); ok {
		return v
	}
	if x.Name == "__curPos" {
		return NewAttrs(x.NamePos, map[string]Value{
			"file":   Str(x.NamePos, x.NamePos.Filename),
			"line":   &Int{P: x.NamePos, V: int64(x.NamePos.Line)},
			"column": &Int{P: x.NamePos, V: int64(x.NamePos.Column)},
		})
	}
	for s := en; s != nil; s = s.up {
		if s.with == nil {
			continue
		}
		w := Force(s.with)
		switch w := w.(type) {
		case *Attrs:
			if v, ok := w.M[x.Name]; ok {
				return v
			}
			if w.Missing != nil {
				return w.Missing(x.Name)
			}
			if w.Partial != nil {
				return w.Partial.sel(x.Name)
			}
		case *Package:
			return e.selectPackage(w, x.Name, x.NamePos)
		case *Unknown:
			return w.sel(x.Name)
		case *Error:
			return w
		default:
			return typeErr(s.with.Pos(), "a set", w)
		}
	}
	return &Error{P: x.NamePos, Class: OtherError, Msg: "undefined variable '" + x.Name + "'"}
}

// attrName returns the name of an attribute path element, evaluating a
// dynamic one. ok is false when the name is null (the binding is
// dropped); an abnormal value is returned in v.
func (e *Evaluator) attrName(n syntax.AttrName, en *env) (name string, v Value, ok bool) {
	if n.Dynamic == nil {
		return n.Name, nil, true
	}
	d := Force(e.eval(n.Dynamic, en))
	switch d := d.(type) {
	case *String:
		return d.S, nil, true
	case *Null:
		return "", nil, false
	case *Error, *Unknown:
		return "", d, false
	}
	return "", typeErr(n.NamePos, "a string", d), false
}

func typeErr(pos syntax.Pos, want string, got Value) *Error {
	return &Error{P: pos, Class: TypeError, Msg: "value is " + describe(got) + " while " + want + " was expected"}
}

func describe(v Value) string {
	switch v := Force(v).(type) {
	case *Null:
		return "null"
	case *Bool:
		return "a Boolean"
	case *Int:
		return "an integer"
	case *Float:
		return "a float"
	case *String:
		return "a string"
	case *Path:
		return "a path"
	case *List:
		return "a list"
	case *Attrs:
		return "a set"
	case *Function:
		if v.prim != nil {
			return "a built-in function"
		}
		return "a function"
	case *Package:
		return "a package"
	case *Script:
		return "a script"
	case *Tagged:
		return "a " + v.Tag.String() + " value"
	}
	return "something else"
}

func exprText(x syntax.Expr) string {
	var b strings.Builder
	if err := syntax.PrintCanonical(&b, x); err != nil {
		return "?"
	}
	return b.String()
}
