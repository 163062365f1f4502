package eval

import (
	"encoding/json"
	"errors"
	"io/fs"
	"math"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/nixarch/nixarch/nix/syntax"
)

// primop is a built-in function of arity arguments.
type primop struct {
	name  string
	arity int
	fn    func(e *Evaluator, pos syntax.Pos, args []Value) Value
}

func prim(name string, arity int, fn func(e *Evaluator, pos syntax.Pos, args []Value) Value) *Function {
	return &Function{Name: name, prim: &primop{name: name, arity: arity, fn: fn}}
}

// Typed accessors: each returns the forced value of the type, or an
// abnormal value (Unknown, Error, or a type error) to return as is.

// forcedAs forces v and returns it as a T, or the abnormal value to
// return as is: v's own Unknown or Error, or a type error naming what.
func forcedAs[T Value](pos syntax.Pos, v Value, what string) (T, Value) {
	var zero T
	switch f := Force(v).(type) {
	case T:
		return f, nil
	case *Unknown, *Error:
		return zero, abnormal(f)
	default:
		return zero, typeErr(pos, what, f)
	}
}

func (e *Evaluator) list(pos syntax.Pos, v Value) (*List, Value) {
	return forcedAs[*List](pos, v, "a list")
}

func (e *Evaluator) attrset(pos syntax.Pos, v Value) (*Attrs, Value) {
	switch v := Force(v).(type) {
	case *Attrs:
		return v, nil
	case *Unknown, *Error:
		return nil, abnormal(v)
	case *Package, *Script, *Tagged:
		return nil, &Unknown{P: pos, Reason: "attributes of " + describe(v)}
	default:
		return nil, typeErr(pos, "a set", v)
	}
}

func (e *Evaluator) str(pos syntax.Pos, v Value) (*String, Value) {
	return forcedAs[*String](pos, v, "a string")
}

// strCoerced is a string argument that Nix coerces (paths, packages).
func (e *Evaluator) strCoerced(pos syntax.Pos, v Value) (*String, Value) {
	s := e.coerce(pos, v, false)
	if ss, ok := s.(*String); ok {
		return ss, nil
	}
	return nil, s
}

func (e *Evaluator) integer(pos syntax.Pos, v Value) (int64, Value) {
	i, bad := forcedAs[*Int](pos, v, "an integer")
	if bad != nil {
		return 0, bad
	}
	return i.V, nil
}

func (e *Evaluator) boolean(pos syntax.Pos, v Value) (bool, Value) {
	b, bad := forcedAs[*Bool](pos, v, "a Boolean")
	if bad != nil {
		return false, bad
	}
	return b.V, nil
}

func (e *Evaluator) lazyApply(pos syntax.Pos, f Value, args ...Value) Value {
	return &Thunk{P: pos, fn: func() Value {
		r := f
		for _, a := range args {
			r = e.Apply(pos, r, a)
		}
		return r
	}}
}

func (e *Evaluator) makeGlobals() *env {
	b := e.builtinSet()
	vars := map[string]Value{"builtins": b}
	for _, n := range []string{"true", "false", "null", "import", "map", "toString", "throw",
		"abort", "removeAttrs", "baseNameOf", "dirOf", "isNull", "derivation", "fetchTarball",
		"fetchGit", "fetchMercurial", "placeholder", "scopedImport"} {
		if v, ok := b.M[n]; ok {
			vars[n] = v
		}
	}
	for n, v := range b.M {
		if _, ok := vars[n]; !ok {
			vars["__"+n] = v
		}
	}
	return &env{vars: vars}
}

func (e *Evaluator) builtinSet() *Attrs {
	m := map[string]Value{}
	add := func(name string, arity int, fn func(e *Evaluator, pos syntax.Pos, args []Value) Value) {
		m[name] = prim(name, arity, fn)
	}
	unknown := func(name string) {
		add(name, 1, func(e *Evaluator, pos syntax.Pos, args []Value) Value {
			return &Unknown{P: pos, Reason: "builtins." + name}
		})
	}
	m["true"] = &Bool{V: true}
	m["false"] = &Bool{V: false}
	m["null"] = &Null{}
	m["storeDir"] = Str(syntax.Pos{}, "/nix/store")
	m["nixVersion"] = Str(syntax.Pos{}, "2.8.0")
	m["langVersion"] = &Int{V: 6}
	if e.system != "" {
		m["currentSystem"] = Str(syntax.Pos{}, e.system)
	} else {
		m["currentSystem"] = &Unknown{Reason: "builtins.currentSystem"}
	}
	m["currentTime"] = &Unknown{Reason: "builtins.currentTime"}
	m["nixPath"] = &Unknown{Reason: "builtins.nixPath"}
	for _, n := range []string{"fetchGit", "fetchTarball", "fetchurl", "getFlake", "fetchMercurial",
		"fetchTree", "getEnv", "hashString", "hashFile", "toFile", "filterSource", "path",
		"placeholder", "storePath", "findFile", "scopedImport", "fetchClosure"} {
		unknown(n)
	}
	m["hashString"] = prim("hashString", 2, func(e *Evaluator, pos syntax.Pos, args []Value) Value {
		return &Unknown{P: pos, Reason: "builtins.hashString"}
	})
	m["toFile"] = m["hashString"]
	m["filterSource"] = m["hashString"]
	add("import", 1, (*Evaluator).builtinImport)
	add("throw", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		s, bad := e.strCoerced(pos, a[0])
		if bad != nil {
			return bad
		}
		return &Error{P: pos, Class: Throw, Msg: s.S}
	})
	add("abort", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		s, bad := e.strCoerced(pos, a[0])
		if bad != nil {
			return bad
		}
		return &Error{P: pos, Class: Abort, Msg: "evaluation aborted with the following error message: '" + s.S + "'"}
	})
	add("tryEval", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		v := Force(a[0])
		if er, ok := v.(*Error); ok && (er.Class == Throw || er.Class == AssertFail) {
			return NewAttrs(pos, map[string]Value{"success": &Bool{P: pos}, "value": &Bool{P: pos}})
		}
		if isAbnormal(v) {
			return abnormal(v)
		}
		return NewAttrs(pos, map[string]Value{"success": &Bool{P: pos, V: true}, "value": v})
	})
	add("seq", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		if v := Force(a[0]); isError(v) {
			return v
		}
		return a[1]
	})
	add("deepSeq", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		v := e.ForceDeep(a[0])
		if u, ok := v.(*Unknown); ok && u.limit {
			return v
		}
		if isError(v) {
			return v
		}
		return a[1]
	})
	add("trace", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value { return a[1] })
	add("addErrorContext", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value { return a[1] })
	add("unsafeDiscardStringContext", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value { return a[0] })
	add("toString", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value { return e.coerce(pos, a[0], true) })
	add("typeOf", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		v := Force(a[0])
		switch v := v.(type) {
		case *Unknown:
			if k, ok := e.knownKind(v, 0); ok {
				return Str(pos, k.String())
			}
			return abnormal(v)
		case *Error:
			return abnormal(v)
		case *Package, *Script, *Tagged:
			return Str(pos, "set")
		}
		return Str(pos, v.Kind().String())
	})
	isKind := func(name string, kinds ...Kind) {
		add(name, 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
			v := Force(a[0])
			kind := v.Kind()
			if u, ok := v.(*Unknown); ok {
				k, known := e.knownKind(u, 0)
				if !known {
					return abnormal(v)
				}
				kind = k
			} else if isAbnormal(v) {
				return abnormal(v)
			}
			for _, k := range kinds {
				if kind == k {
					return &Bool{P: pos, V: true}
				}
			}
			return &Bool{P: pos}
		})
	}
	isKind("isAttrs", AttrsKind, PackageKind, ScriptKind, TaggedKind)
	isKind("isList", ListKind)
	isKind("isString", StringKind)
	isKind("isBool", BoolKind)
	isKind("isInt", IntKind)
	isKind("isFloat", FloatKind)
	isKind("isFunction", FunctionKind)
	isKind("isNull", NullKind)
	isKind("isPath", PathKind)
	arith := func(name string, op syntax.Token) {
		add(name, 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
			return e.arith(pos, op, Force(a[0]), Force(a[1]))
		})
	}
	arith("add", syntax.PLUS)
	arith("sub", syntax.MINUS)
	arith("mul", syntax.STAR)
	arith("div", syntax.SLASH)
	add("lessThan", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value { return e.less(pos, a[0], a[1]) })
	bit := func(name string, f func(a, b int64) int64) {
		add(name, 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
			x, bad := e.integer(pos, a[0])
			if bad != nil {
				return bad
			}
			y, bad := e.integer(pos, a[1])
			if bad != nil {
				return bad
			}
			return &Int{P: pos, V: f(x, y)}
		})
	}
	bit("bitAnd", func(a, b int64) int64 { return a & b })
	bit("bitOr", func(a, b int64) int64 { return a | b })
	bit("bitXor", func(a, b int64) int64 { return a ^ b })
	add("ceil", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		f, ok := toFloat(Force(a[0]))
		if !ok {
			return typeErr(pos, "a float", a[0])
		}
		return &Int{P: pos, V: int64(math.Ceil(f))}
	})
	add("floor", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		f, ok := toFloat(Force(a[0]))
		if !ok {
			return typeErr(pos, "a float", a[0])
		}
		return &Int{P: pos, V: int64(math.Floor(f))}
	})

	// Lists.
	add("length", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		l, bad := e.list(pos, a[0])
		if bad != nil {
			return bad
		}
		return &Int{P: pos, V: int64(len(l.Elems))}
	})
	add("head", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		l, bad := e.list(pos, a[0])
		if bad != nil {
			return bad
		}
		if len(l.Elems) == 0 {
			return &Error{P: pos, Class: OtherError, Msg: "list index 0 is out of bounds"}
		}
		return l.Elems[0]
	})
	add("tail", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		l, bad := e.list(pos, a[0])
		if bad != nil {
			return bad
		}
		if len(l.Elems) == 0 {
			return &Error{P: pos, Class: OtherError, Msg: "'tail' called on an empty list"}
		}
		return &List{P: pos, Elems: l.Elems[1:]}
	})
	add("elemAt", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		l, bad := e.list(pos, a[0])
		if bad != nil {
			return bad
		}
		i, bad := e.integer(pos, a[1])
		if bad != nil {
			return bad
		}
		if i < 0 || i >= int64(len(l.Elems)) {
			return &Error{P: pos, Class: OtherError, Msg: "list index " + strconv.FormatInt(i, 10) + " is out of bounds"}
		}
		return l.Elems[i]
	})
	add("map", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		return e.liftList(pos, a[1], func(l *List) Value {
			out := make([]Value, len(l.Elems))
			for i, x := range l.Elems {
				out[i] = e.lazyApply(pos, a[0], x)
			}
			return &List{P: pos, Elems: out}
		})
	})
	add("filter", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		return e.liftList(pos, a[1], func(l *List) Value {
			var out []Value
			for _, x := range l.Elems {
				keep, bad := e.boolean(pos, e.Apply(pos, a[0], x))
				if bad != nil {
					return bad
				}
				if keep {
					out = append(out, x)
				}
			}
			return &List{P: pos, Elems: out}
		})
	})
	add("elem", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		return e.elem(pos, a[0], a[1])
	})
	add("concatLists", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		return e.liftList(pos, a[0], func(l *List) Value { return e.concatLists(pos, l) })
	})
	add("concatMap", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		return e.liftList(pos, a[1], func(l *List) Value {
			out := make([]Value, len(l.Elems))
			for i, x := range l.Elems {
				out[i] = e.Apply(pos, a[0], x)
			}
			return e.concatLists(pos, &List{P: pos, Elems: out})
		})
	})
	add("genList", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		n, bad := e.integer(pos, a[1])
		if bad != nil {
			return bad
		}
		if n < 0 {
			return &Error{P: pos, Class: OtherError, Msg: "cannot create list of size " + strconv.FormatInt(n, 10)}
		}
		if n > int64(e.limits.Steps) {
			return e.limit("step", pos)
		}
		out := make([]Value, n)
		for i := range out {
			out[i] = e.lazyApply(pos, a[0], &Int{P: pos, V: int64(i)})
		}
		return &List{P: pos, Elems: out}
	})
	add("foldl'", 3, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		l, bad := e.list(pos, a[2])
		if bad != nil {
			return bad
		}
		acc := a[1]
		for _, x := range l.Elems {
			acc = e.Apply(pos, e.Apply(pos, a[0], acc), x)
			if isAbnormal(acc) {
				return abnormal(acc)
			}
		}
		return Force(acc)
	})
	anyAll := func(name string, want bool) {
		add(name, 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
			l, bad := e.list(pos, a[1])
			if bad != nil {
				return bad
			}
			var unknown Value
			for _, x := range l.Elems {
				b, bad := e.boolean(pos, e.Apply(pos, a[0], x))
				if isError(bad) {
					return bad
				}
				if bad != nil {
					unknown = bad
					continue
				}
				if b == want {
					return &Bool{P: pos, V: want}
				}
			}
			if unknown != nil {
				return unknown
			}
			return &Bool{P: pos, V: !want}
		})
	}
	anyAll("any", true)
	anyAll("all", false)
	add("sort", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		l, bad := e.list(pos, a[1])
		if bad != nil {
			return bad
		}
		out := append([]Value(nil), l.Elems...)
		var fail Value
		sort.SliceStable(out, func(i, j int) bool {
			if fail != nil {
				return false
			}
			b, bad := e.boolean(pos, e.Apply(pos, e.Apply(pos, a[0], out[i]), out[j]))
			if bad != nil {
				fail = bad
			}
			return b
		})
		if fail != nil {
			return fail
		}
		return &List{P: pos, Elems: out}
	})
	add("partition", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		l, bad := e.list(pos, a[1])
		if bad != nil {
			return bad
		}
		var right, wrong []Value
		for _, x := range l.Elems {
			b, bad := e.boolean(pos, e.Apply(pos, a[0], x))
			if bad != nil {
				return bad
			}
			if b {
				right = append(right, x)
			} else {
				wrong = append(wrong, x)
			}
		}
		return NewAttrs(pos, map[string]Value{"right": &List{P: pos, Elems: right}, "wrong": &List{P: pos, Elems: wrong}})
	})
	add("groupBy", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		l, bad := e.list(pos, a[1])
		if bad != nil {
			return bad
		}
		groups := map[string]*List{}
		for _, x := range l.Elems {
			k, bad := e.str(pos, e.Apply(pos, a[0], x))
			if bad != nil {
				return bad
			}
			g := groups[k.S]
			if g == nil {
				g = &List{P: pos}
				groups[k.S] = g
			}
			g.Elems = append(g.Elems, x)
		}
		m := map[string]Value{}
		for k, g := range groups {
			m[k] = g
		}
		return NewAttrs(pos, m)
	})

	// Attribute sets.
	add("attrNames", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		s, bad := e.attrset(pos, a[0])
		if bad != nil {
			return bad
		}
		if s.Partial != nil {
			return s.Partial
		}
		out := make([]Value, 0, len(s.M))
		for _, n := range s.Names() {
			out = append(out, Str(pos, n))
		}
		return &List{P: pos, Elems: out}
	})
	add("attrValues", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		s, bad := e.attrset(pos, a[0])
		if bad != nil {
			return bad
		}
		if s.Partial != nil {
			return s.Partial
		}
		out := make([]Value, 0, len(s.M))
		for _, n := range s.Names() {
			out = append(out, s.M[n])
		}
		return &List{P: pos, Elems: out}
	})
	add("hasAttr", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		n, bad := e.str(pos, a[0])
		if bad != nil {
			return bad
		}
		switch s := Force(a[1]).(type) {
		case *Package:
			return &Bool{P: pos, V: true}
		case *Unknown:
			return s.sel(n.S)
		}
		s, bad := e.attrset(pos, a[1])
		if bad != nil {
			return bad
		}
		_, ok := s.M[n.S]
		if !ok && s.Partial != nil {
			return s.Partial.sel(n.S)
		}
		return &Bool{P: pos, V: ok}
	})
	add("getAttr", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		n, bad := e.str(pos, a[0])
		if bad != nil {
			return bad
		}
		return e.selectName(a[1], n.S, pos)
	})
	add("unsafeGetAttrPos", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value { return &Null{P: pos} })
	add("removeAttrs", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		s, bad := e.attrset(pos, a[0])
		if bad != nil {
			return bad
		}
		l, bad := e.list(pos, a[1])
		if bad != nil {
			return bad
		}
		m := make(map[string]Value, len(s.M))
		for k, v := range s.M {
			m[k] = v
		}
		for _, x := range l.Elems {
			n, bad := e.str(pos, x)
			if bad != nil {
				return bad
			}
			delete(m, n.S)
		}
		return &Attrs{P: pos, M: m, Partial: s.Partial}
	})
	add("intersectAttrs", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		x, bad := e.attrset(pos, a[0])
		if bad != nil {
			return bad
		}
		y, bad := e.attrset(pos, a[1])
		if bad != nil {
			return bad
		}
		m := map[string]Value{}
		for k, v := range y.M {
			if _, ok := x.M[k]; ok {
				m[k] = v
			}
		}
		return NewAttrs(pos, m)
	})
	add("listToAttrs", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		l, bad := e.list(pos, a[0])
		if bad != nil {
			return bad
		}
		m := map[string]Value{}
		var partial *Unknown
		for _, x := range l.Elems {
			n, bad := e.str(pos, e.selectName(x, "name", pos))
			if u, ok := bad.(*Unknown); ok {
				partial = u
				continue
			}
			if bad != nil {
				return bad
			}
			if _, ok := m[n.S]; !ok {
				xx := x
				m[n.S] = &Thunk{P: pos, fn: func() Value { return e.selectName(xx, "value", pos) }}
			}
		}
		return &Attrs{P: pos, M: m, Partial: partial}
	})
	add("mapAttrs", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		s, bad := e.attrset(pos, a[1])
		if bad != nil {
			return bad
		}
		m := make(map[string]Value, len(s.M))
		for k, v := range s.M {
			m[k] = e.lazyApply(pos, a[0], Str(pos, k), v)
		}
		return &Attrs{P: pos, M: m, Partial: s.Partial}
	})
	add("catAttrs", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		n, bad := e.str(pos, a[0])
		if bad != nil {
			return bad
		}
		l, bad := e.list(pos, a[1])
		if bad != nil {
			return bad
		}
		var out []Value
		for _, x := range l.Elems {
			s, bad := e.attrset(pos, x)
			if bad != nil {
				return bad
			}
			if v, ok := s.M[n.S]; ok {
				out = append(out, v)
			}
		}
		return &List{P: pos, Elems: out}
	})
	add("zipAttrsWith", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		l, bad := e.list(pos, a[1])
		if bad != nil {
			return bad
		}
		vals := map[string][]Value{}
		for _, x := range l.Elems {
			s, bad := e.attrset(pos, x)
			if bad != nil {
				return bad
			}
			for _, n := range s.Names() {
				vals[n] = append(vals[n], s.M[n])
			}
		}
		m := map[string]Value{}
		for n, vs := range vals {
			m[n] = e.lazyApply(pos, a[0], Str(pos, n), &List{P: pos, Elems: vs})
		}
		return NewAttrs(pos, m)
	})
	add("functionArgs", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		f, ok := Force(a[0]).(*Function)
		if !ok {
			return typeErr(pos, "a function", a[0])
		}
		m := map[string]Value{}
		if f.Lambda != nil && f.Lambda.Formals != nil {
			for _, fm := range f.Lambda.Formals.List {
				m[fm.Name] = &Bool{P: fm.NamePos, V: fm.Default != nil}
			}
		}
		return NewAttrs(pos, m)
	})

	add("genericClosure", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		args, bad := e.attrset(pos, a[0])
		if bad != nil {
			return bad
		}
		start, bad := e.list(pos, e.selectName(args, "startSet", pos))
		if bad != nil {
			return bad
		}
		op := e.selectName(args, "operator", pos)
		work := append([]Value(nil), start.Elems...)
		seen := map[string]bool{}
		var out []Value
		for len(work) > 0 {
			x := work[0]
			work = work[1:]
			key := e.ForceDeep(e.selectName(x, "key", pos))
			if isAbnormal(key) {
				return abnormal(key)
			}
			k := key.Kind().String() + ":" + Print(key)
			if seen[k] {
				continue
			}
			seen[k] = true
			if len(out) >= maxSize {
				return e.limit("size", pos)
			}
			out = append(out, x)
			more, bad := e.list(pos, e.Apply(pos, op, x))
			if bad != nil {
				return bad
			}
			work = append(work, more.Elems...)
		}
		return &List{P: pos, Elems: out}
	})

	// Strings.
	add("hasContext", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		s, bad := e.str(pos, a[0])
		if bad != nil {
			return bad
		}
		return &Bool{P: pos, V: len(s.Refs) > 0}
	})
	add("getContext", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		if _, bad := e.str(pos, a[0]); bad != nil {
			return bad
		}
		return NewAttrs(pos, nil)
	})
	add("appendContext", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value { return a[0] })
	add("unsafeDiscardOutputDependency", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value { return a[0] })
	add("traceVerbose", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value { return a[1] })
	add("stringLength", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		s, bad := e.strCoerced(pos, a[0])
		if bad != nil {
			return bad
		}
		return &Int{P: pos, V: int64(len(s.S))}
	})
	add("substring", 3, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		start, bad := e.integer(pos, a[0])
		if bad != nil {
			return bad
		}
		n, bad := e.integer(pos, a[1])
		if bad != nil {
			return bad
		}
		s, bad := e.strCoerced(pos, a[2])
		if bad != nil {
			return bad
		}
		if start < 0 {
			return &Error{P: pos, Class: OtherError, Msg: "negative start position in 'substring'"}
		}
		if start >= int64(len(s.S)) {
			return Str(pos, "")
		}
		end := int64(len(s.S))
		if n >= 0 && start+n < end {
			end = start + n
		}
		return &String{P: pos, S: s.S[start:end], Refs: clipRefs(s.Refs, int(start), int(end))}
	})
	add("concatStringsSep", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		sep, bad := e.str(pos, a[0])
		if bad != nil {
			return bad
		}
		l, bad := e.list(pos, a[1])
		if bad != nil {
			return bad
		}
		parts := make([]*String, 0, 2*len(l.Elems))
		for i, x := range l.Elems {
			if i > 0 {
				parts = append(parts, sep)
			}
			s, bad := e.strCoerced(pos, x)
			if bad != nil {
				return bad
			}
			parts = append(parts, s)
		}
		return concatStrings(pos, parts...)
	})
	add("replaceStrings", 3, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		fl, bad := e.list(pos, a[0])
		if bad != nil {
			return bad
		}
		tl, bad := e.list(pos, a[1])
		if bad != nil {
			return bad
		}
		if len(fl.Elems) != len(tl.Elems) {
			return &Error{P: pos, Class: OtherError, Msg: "'from' and 'to' arguments to 'replaceStrings' have different lengths"}
		}
		s, bad := e.str(pos, a[2])
		if bad != nil {
			return bad
		}
		from := make([]string, len(fl.Elems))
		for i, x := range fl.Elems {
			f, bad := e.str(pos, x)
			if bad != nil {
				return bad
			}
			from[i] = f.S
		}
		to := make([]*String, len(tl.Elems))
		var parts []*String
		var lit strings.Builder
		flush := func() {
			if lit.Len() > 0 {
				parts = append(parts, &String{S: lit.String()})
				lit.Reset()
			}
		}
		for p := 0; p <= len(s.S); {
			found := false
			for i, f := range from {
				if strings.HasPrefix(s.S[p:], f) {
					found = true
					if to[i] == nil {
						t, bad := e.strCoerced(pos, tl.Elems[i])
						if bad != nil {
							return bad
						}
						to[i] = t
					}
					flush()
					parts = append(parts, to[i])
					if f == "" {
						if p < len(s.S) {
							lit.WriteByte(s.S[p])
						}
						p++
					} else {
						p += len(f)
					}
					break
				}
			}
			if !found {
				if p < len(s.S) {
					lit.WriteByte(s.S[p])
				}
				p++
			}
		}
		flush()
		return concatStrings(pos, parts...)
	})
	add("match", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		re, bad := e.regexp(pos, a[0], true)
		if bad != nil {
			return bad
		}
		s, bad := e.strCoerced(pos, a[1])
		if bad != nil {
			return bad
		}
		m := re.FindStringSubmatchIndex(s.S)
		if m == nil {
			return &Null{P: pos}
		}
		return captures(pos, s.S, m)
	})
	add("split", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		re, bad := e.regexp(pos, a[0], false)
		if bad != nil {
			return bad
		}
		s, bad := e.strCoerced(pos, a[1])
		if bad != nil {
			return bad
		}
		var out []Value
		prev := 0
		for _, m := range re.FindAllStringSubmatchIndex(s.S, -1) {
			out = append(out, Str(pos, s.S[prev:m[0]]), captures(pos, s.S, m))
			prev = m[1]
		}
		out = append(out, Str(pos, s.S[prev:]))
		return &List{P: pos, Elems: out}
	})
	add("baseNameOf", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		s, bad := e.strCoerced(pos, a[0])
		if bad != nil {
			return bad
		}
		t := strings.TrimSuffix(s.S, "/")
		if i := strings.LastIndexByte(t, '/'); i >= 0 {
			t = t[i+1:]
		}
		return Str(pos, t)
	})
	add("dirOf", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		v := Force(a[0])
		if p, ok := v.(*Path); ok {
			return &Path{P: pos, Path: path.Dir(p.Path)}
		}
		s, bad := e.strCoerced(pos, v)
		if bad != nil {
			return bad
		}
		i := strings.LastIndexByte(s.S, '/')
		switch {
		case i < 0:
			return Str(pos, ".")
		case i == 0:
			return Str(pos, "/")
		}
		return Str(pos, s.S[:i])
	})
	add("compareVersions", 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		x, bad := e.str(pos, a[0])
		if bad != nil {
			return bad
		}
		y, bad := e.str(pos, a[1])
		if bad != nil {
			return bad
		}
		return &Int{P: pos, V: int64(compareVersions(x.S, y.S))}
	})
	add("splitVersion", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		x, bad := e.str(pos, a[0])
		if bad != nil {
			return bad
		}
		var out []Value
		for _, c := range versionComponents(x.S) {
			out = append(out, Str(pos, c))
		}
		return &List{P: pos, Elems: out}
	})
	add("parseDrvName", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		x, bad := e.str(pos, a[0])
		if bad != nil {
			return bad
		}
		name, version := x.S, ""
		for i := 0; i+1 < len(x.S); i++ {
			if x.S[i] == '-' && !(x.S[i+1] >= 'a' && x.S[i+1] <= 'z' || x.S[i+1] >= 'A' && x.S[i+1] <= 'Z') {
				name, version = x.S[:i], x.S[i+1:]
				break
			}
		}
		return NewAttrs(pos, map[string]Value{"name": Str(pos, name), "version": Str(pos, version)})
	})
	add("toJSON", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		var b strings.Builder
		if bad := e.toJSON(&b, a[0], 0); bad != nil {
			return bad
		}
		return Str(pos, b.String())
	})
	add("fromJSON", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		s, bad := e.str(pos, a[0])
		if bad != nil {
			return bad
		}
		d := json.NewDecoder(strings.NewReader(s.S))
		d.UseNumber()
		var x any
		if err := d.Decode(&x); err != nil {
			return &Error{P: pos, Class: OtherError, Msg: "invalid JSON: " + err.Error()}
		}
		return fromJSON(pos, x)
	})

	add("fromTOML", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		s, bad := e.str(pos, a[0])
		if bad != nil {
			return bad
		}
		t, err := parseTOML(s.S)
		if err != nil {
			return &Error{P: pos, Class: OtherError, Msg: "while parsing a TOML string: " + err.Error()}
		}
		return fromJSON(pos, t)
	})

	// Files.
	add("readFile", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		p, bad := e.pathArg(pos, a[0])
		if bad != nil {
			return bad
		}
		if _, ok := e.rel(p); !ok || e.fsys == nil {
			return &Unknown{P: pos, Reason: "contents of " + p}
		}
		data, err := e.read(p)
		if err != nil {
			msg := err.Error()
			if errors.Is(err, fs.ErrNotExist) {
				msg = "No such file or directory" // as Nix says it
			}
			return &Error{P: pos, Class: OtherError, Msg: "opening file '" + p + "': " + msg}
		}
		return Str(pos, string(data))
	})
	add("pathExists", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		p, bad := e.pathArg(pos, a[0])
		if bad != nil {
			return bad
		}
		rel, ok := e.rel(p)
		if !ok || e.fsys == nil {
			return &Unknown{P: pos, Reason: "existence of " + p}
		}
		_, err := fs.Stat(e.fsys, rel)
		return &Bool{P: pos, V: err == nil}
	})
	add("readDir", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		p, bad := e.pathArg(pos, a[0])
		if bad != nil {
			return bad
		}
		rel, ok := e.rel(p)
		if !ok || e.fsys == nil {
			return &Unknown{P: pos, Reason: "contents of directory " + p}
		}
		ents, err := fs.ReadDir(e.fsys, rel)
		if err != nil {
			return &Error{P: pos, Class: OtherError, Msg: "reading directory '" + p + "': " + err.Error()}
		}
		m := map[string]Value{}
		for _, d := range ents {
			t := "regular"
			switch {
			case d.IsDir():
				t = "directory"
			case d.Type()&fs.ModeSymlink != 0:
				t = "symlink"
			}
			m[d.Name()] = Str(pos, t)
		}
		return NewAttrs(pos, m)
	})
	add("toPath", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		s, bad := e.strCoerced(pos, a[0])
		if bad != nil {
			return bad
		}
		return Str(pos, cleanPath(s.S))
	})
	add("derivation", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
		s, bad := e.attrset(pos, a[0])
		if bad != nil {
			return bad
		}
		name := "derivation"
		if n, bad := e.str(pos, s.M["name"]); bad == nil && s.M["name"] != nil {
			name = n.S
		}
		return &Package{P: pos, Attr: name, Notes: []string{"derivation"}}
	})
	set := NewAttrs(syntax.Pos{}, m)
	m["builtins"] = set
	return set
}

func clipRefs(refs []StringRef, start, end int) []StringRef {
	var out []StringRef
	for _, r := range refs {
		if r.End <= start || r.Start >= end {
			continue
		}
		out = append(out, StringRef{Start: max(r.Start, start) - start, End: min(r.End, end) - start, Pkg: r.Pkg})
	}
	return out
}

// concatLists concatenates the lists in l. An element that is an Unknown
// makes the result an Unknown with Parts, so that the known lists stay
// known.
func (e *Evaluator) concatLists(pos syntax.Pos, l *List) Value {
	var out []Value
	var parts []Value
	var u *Unknown
	for _, x := range l.Elems {
		switch xl := Force(x).(type) {
		case *List:
			out = append(out, xl.Elems...)
		case *Unknown:
			if xl.limit {
				return xl
			}
			if u == nil {
				u = xl
			}
			if len(out) > 0 {
				parts = append(parts, &List{P: pos, Elems: out})
				out = nil
			}
			parts = append(parts, xl)
		case *Error:
			return xl
		default:
			return typeErr(pos, "a list", xl)
		}
	}
	if u == nil {
		return &List{P: pos, Elems: out}
	}
	if len(out) > 0 {
		parts = append(parts, &List{P: pos, Elems: out})
	}
	return e.partsOf(pos, u, parts)
}

// liftList applies fn, which takes a list and distributes over ++ (map,
// filter, concatLists), to v: a list, or an Unknown known to be a list,
// whose Parts and Alternatives it is applied to one by one (a few levels
// deep), so that what is known of v stays known in the result.
func (e *Evaluator) liftList(pos syntax.Pos, v Value, fn func(*List) Value) Value {
	switch x := Force(v).(type) {
	case *List:
		return fn(x)
	case *Unknown:
		if x.limit || x.altDepth >= maxAltDepth {
			return x.plain()
		}
		if len(x.Parts) > 0 {
			parts := make([]Value, 0, len(x.Parts))
			for _, p := range x.Parts {
				r := Force(e.liftList(pos, p, fn))
				switch r.(type) {
				case *List, *Unknown:
					parts = append(parts, r)
				default:
					return r
				}
			}
			r := e.partsOf(pos, x, parts)
			if u, ok := r.(*Unknown); ok {
				u.altDepth = x.altDepth
			}
			return r
		}
		if len(x.Alternatives) > 0 {
			r := &Unknown{P: x.P, Reason: x.Reason, Path: x.Path, Cond: x.Cond, altDepth: x.altDepth + 1}
			for _, alt := range x.Alternatives {
				r.Alternatives = append(r.Alternatives, &Thunk{P: pos, fn: func() Value {
					return e.liftList(pos, alt, fn)
				}})
			}
			return r
		}
		return x
	case *Error:
		return x
	default:
		return typeErr(pos, "a list", x)
	}
}

// knownKind returns the kind an Unknown is known to have: a list for
// Parts, the kind all alternatives share.
func (e *Evaluator) knownKind(u *Unknown, depth int) (Kind, bool) {
	if len(u.Parts) > 0 {
		return ListKind, true
	}
	if len(u.Alternatives) == 0 || depth > maxAltDepth || u.limit {
		return 0, false
	}
	var kind Kind
	for i, alt := range u.Alternatives {
		k := Force(alt).Kind()
		if a, ok := Force(alt).(*Unknown); ok {
			var known bool
			if k, known = e.knownKind(a, depth+1); !known {
				return 0, false
			}
		}
		switch k {
		case ErrorKind:
			return 0, false
		case PackageKind, ScriptKind, TaggedKind:
			k = AttrsKind
		}
		if i > 0 && k != kind {
			return 0, false
		}
		kind = k
	}
	return kind, true
}

// elem is builtins.elem x l; a list with Unknown parts may still hold x
// in a known part.
func (e *Evaluator) elem(pos syntax.Pos, x, l Value) Value {
	var bad, unknown Value
	var scan func(v Value, depth int) bool
	scan = func(v Value, depth int) bool {
		switch v := Force(v).(type) {
		case *List:
			for _, y := range v.Elems {
				switch r := e.equal(x, y, 0).(type) {
				case *Bool:
					if r.V {
						return true
					}
				case *Error:
					if bad == nil {
						bad = r
					}
				default:
					unknown = r
				}
			}
		case *Unknown:
			if len(v.Parts) > 0 && depth < maxAltDepth {
				for _, p := range v.Parts {
					if scan(p, depth+1) {
						return true
					}
				}
				return false
			}
			unknown = v.plain()
		case *Error:
			if bad == nil {
				bad = v
			}
		default:
			if bad == nil {
				bad = typeErr(pos, "a list", v)
			}
		}
		return false
	}
	found := scan(l, 0)
	switch {
	case bad != nil:
		return bad
	case found:
		return &Bool{P: pos, V: true}
	case unknown != nil:
		return unknown
	}
	return &Bool{P: pos}
}

// pathArg returns the absolute path of a path or string argument.
func (e *Evaluator) pathArg(pos syntax.Pos, v Value) (string, Value) {
	switch v := Force(v).(type) {
	case *Path:
		return v.Path, nil
	case *String:
		if len(v.Refs) > 0 {
			return "", &Unknown{P: pos, Reason: "file in a package: " + v.S}
		}
		if !strings.HasPrefix(v.S, "/") {
			return "", &Error{P: pos, Class: OtherError, Msg: "string '" + v.S + "' doesn't represent an absolute path"}
		}
		return cleanPath(v.S), nil
	case *Unknown, *Error:
		return "", abnormal(v)
	case *Package:
		return "", &Unknown{P: pos, Reason: "file in package " + v.Attr}
	default:
		return "", typeErr(pos, "a path", v)
	}
}

// builtinImport loads a file (or a folder's default.nix) once.
func (e *Evaluator) builtinImport(pos syntax.Pos, args []Value) Value {
	v := Force(args[0])
	if a, ok := v.(*Attrs); ok {
		if o, ok := a.M["outPath"]; ok {
			v = Force(o)
		}
	}
	if u, ok := v.(*Unknown); ok && u.Reason == "search path <nixpkgs>" && u.Path == "" {
		return prim("nixpkgs", 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
			// import <nixpkgs> { overlays = [ … ]; }
			if arg, ok := Force(a[0]).(*Attrs); ok {
				if ov, ok := arg.M["overlays"]; ok {
					if l, ok := Force(ov).(*List); ok && len(l.Elems) > 0 {
						return e.ApplyOverlays(e.pkgs, l.Elems)
					}
				}
			}
			return e.pkgs
		})
	}
	p, bad := e.pathArg(pos, v)
	if bad != nil {
		return bad
	}
	if _, ok := e.rel(p); !ok || e.fsys == nil {
		return &Unknown{P: pos, Reason: "import of " + p}
	}
	if rel, _ := e.rel(p); true {
		if st, err := fs.Stat(e.fsys, rel); err == nil && st.IsDir() {
			p = path.Join(p, "default.nix")
		}
	}
	t, ok := e.files[p]
	if !ok {
		file := p
		t = &Thunk{P: pos, fn: func() Value {
			src, err := e.read(file)
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return &Error{P: pos, Class: OtherError, Msg: "path '" + file + "' does not exist"}
				}
				return &Error{P: pos, Class: OtherError, Msg: err.Error()}
			}
			x, err := syntax.ParseFile(file, src, syntax.PipeOperators(e.pipes))
			if err != nil {
				var el syntax.ErrorList
				if errors.As(err, &el) && len(el) > 0 {
					return &Error{P: el[0].Pos, Class: OtherError, Msg: "syntax error: " + el[0].Msg}
				}
				return &Error{P: pos, Class: OtherError, Msg: err.Error()}
			}
			return e.eval(x, e.globals)
		}}
		e.files[p] = t
	}
	return t
}

// regexp compiles a Nix (POSIX extended) regular expression; whole makes
// it match the whole string, as builtins.match does.
func (e *Evaluator) regexp(pos syntax.Pos, v Value, whole bool) (*regexp.Regexp, Value) {
	s, bad := e.str(pos, v)
	if bad != nil {
		return nil, bad
	}
	src := s.S
	if whole {
		src = "^(?:" + src + ")$"
	}
	re, err := regexp.CompilePOSIX(src)
	if err != nil {
		re, err = regexp.Compile(src)
	}
	if err != nil {
		return nil, &Error{P: pos, Class: OtherError, Msg: "invalid regular expression '" + s.S + "'"}
	}
	return re, nil
}

func captures(pos syntax.Pos, s string, m []int) *List {
	out := make([]Value, 0, len(m)/2-1)
	for i := 2; i+1 < len(m); i += 2 {
		if m[i] < 0 {
			out = append(out, &Null{P: pos})
		} else {
			out = append(out, Str(pos, s[m[i]:m[i+1]]))
		}
	}
	return &List{P: pos, Elems: out}
}

func fromJSON(pos syntax.Pos, x any) Value {
	switch x := x.(type) {
	case nil:
		return &Null{P: pos}
	case bool:
		return &Bool{P: pos, V: x}
	case string:
		return Str(pos, x)
	case int64:
		return &Int{P: pos, V: x}
	case float64:
		return &Float{P: pos, V: x}
	case json.Number:
		if i, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return &Int{P: pos, V: i}
		}
		f, _ := strconv.ParseFloat(string(x), 64)
		return &Float{P: pos, V: f}
	case []any:
		out := make([]Value, len(x))
		for i, y := range x {
			out[i] = fromJSON(pos, y)
		}
		return &List{P: pos, Elems: out}
	case map[string]any:
		m := make(map[string]Value, len(x))
		for k, y := range x {
			m[k] = fromJSON(pos, y)
		}
		return NewAttrs(pos, m)
	}
	return &Null{P: pos}
}

func (e *Evaluator) toJSON(b *strings.Builder, v Value, depth int) Value {
	if depth > e.limits.Depth {
		return e.limit("depth", v.Pos())
	}
	v = Force(v)
	switch x := v.(type) {
	case *Null:
		b.WriteString("null")
	case *Bool:
		b.WriteString(strconv.FormatBool(x.V))
	case *Int:
		b.WriteString(strconv.FormatInt(x.V, 10))
	case *Float:
		b.WriteString(strconv.FormatFloat(x.V, 'g', -1, 64))
	case *String:
		writeJSONString(b, x.S)
	case *Path:
		writeJSONString(b, x.Path)
	case *Package:
		writeJSONString(b, x.StorePath())
	case *List:
		b.WriteByte('[')
		for i, y := range x.Elems {
			if i > 0 {
				b.WriteByte(',')
			}
			if bad := e.toJSON(b, y, depth+1); bad != nil {
				return bad
			}
		}
		b.WriteByte(']')
	case *Attrs:
		if f, ok := x.M["__toString"]; ok {
			s := e.coerce(x.P, e.Apply(x.P, f, x), false)
			if ss, ok := s.(*String); ok {
				writeJSONString(b, ss.S)
				return nil
			}
			return s
		}
		if o, ok := x.M["outPath"]; ok {
			return e.toJSON(b, o, depth+1)
		}
		b.WriteByte('{')
		for i, n := range x.Names() {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, n)
			b.WriteByte(':')
			if bad := e.toJSON(b, x.M[n], depth+1); bad != nil {
				return bad
			}
		}
		b.WriteByte('}')
	case *Unknown, *Error:
		return abnormal(x)
	default:
		return &Error{P: v.Pos(), Class: TypeError, Msg: "cannot convert " + describe(v) + " to JSON"}
	}
	return nil
}

func writeJSONString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				b.WriteString(`\u00`)
				b.WriteByte("0123456789abcdef"[r>>4])
				b.WriteByte("0123456789abcdef"[r&15])
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}

// versionComponents splits a version as Nix's splitVersion does.
func versionComponents(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		c := s[i]
		if c == '.' || c == '-' {
			i++
			continue
		}
		j := i
		digit := c >= '0' && c <= '9'
		for j < len(s) && s[j] != '.' && s[j] != '-' && (s[j] >= '0' && s[j] <= '9') == digit {
			j++
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

func compareVersions(a, b string) int {
	ca, cb := versionComponents(a), versionComponents(b)
	for i := 0; i < len(ca) || i < len(cb); i++ {
		x, y := "", ""
		if i < len(ca) {
			x = ca[i]
		}
		if i < len(cb) {
			y = cb[i]
		}
		if componentLess(x, y) {
			return -1
		}
		if componentLess(y, x) {
			return 1
		}
	}
	return 0
}

func componentLess(a, b string) bool {
	an, aerr := strconv.ParseInt(a, 10, 64)
	bn, berr := strconv.ParseInt(b, 10, 64)
	switch {
	case aerr == nil && berr == nil:
		return an < bn
	case a == "" && berr == nil:
		return true
	case a == "pre" && b != "pre":
		return true
	case b == "pre":
		return false
	case berr == nil:
		return true
	case aerr == nil:
		return false
	}
	return a < b
}
