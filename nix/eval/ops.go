package eval

import (
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/nixarch/nixarch/nix/syntax"
)

func (e *Evaluator) binary(x *syntax.Binary, en *env) Value {
	pos := x.OpPos
	switch x.Op {
	case syntax.AND, syntax.OR, syntax.IMPL:
		return e.logic(x, en)
	case syntax.PIPE_INTO:
		return e.Apply(pos, e.eval(x.Y, en), e.thunk(x.X, en))
	case syntax.PIPE_FROM:
		return e.Apply(pos, e.eval(x.X, en), e.thunk(x.Y, en))
	}
	a := Force(e.eval(x.X, en))
	if _, ok := a.(*Error); ok {
		return a
	}
	b := Force(e.eval(x.Y, en))
	if _, ok := b.(*Error); ok {
		return b
	}
	return e.binaryValues(pos, x.Op, a, b)
}

// maxAltDepth bounds how deeply operations distribute over the
// alternatives of an Unknown, which would otherwise grow exponentially.
const maxAltDepth = 4

// spread returns the Unknown result of op on a and b, one of which is
// Unknown: when it has alternatives (from an if on an Unknown
// condition), the result's alternatives are op applied to each, lazily.
func (e *Evaluator) spread(pos syntax.Pos, op syntax.Token, a, b Value) Value {
	ua, left := a.(*Unknown)
	ub, right := b.(*Unknown)
	u := ua
	if !left {
		u = ub
	}
	if (left && right) || len(u.Alternatives) == 0 || u.altDepth >= maxAltDepth || u.limit {
		return u.plain()
	}
	r := &Unknown{P: u.P, Reason: u.Reason, Path: u.Path, Cond: u.Cond, altDepth: u.altDepth + 1}
	for _, alt := range u.Alternatives {
		r.Alternatives = append(r.Alternatives, &Thunk{P: pos, fn: func() Value {
			if left {
				return e.binaryValues(pos, op, Force(alt), b)
			}
			return e.binaryValues(pos, op, a, Force(alt))
		}})
	}
	return r
}

// binaryValues applies a strict binary operator to forced operands.
func (e *Evaluator) binaryValues(pos syntax.Pos, op syntax.Token, a, b Value) Value {
	if isError(a) {
		return a
	}
	if isError(b) {
		return b
	}
	switch op {
	case syntax.EQ, syntax.NEQ:
		_, ua := a.(*Unknown)
		_, ub := b.(*Unknown)
		if ua || ub {
			return e.spread(pos, op, a, b)
		}
		r := e.equal(a, b, 0)
		if b, ok := r.(*Bool); ok {
			return &Bool{P: pos, V: b.V == (op == syntax.EQ)}
		}
		return r
	}
	_, ua := a.(*Unknown)
	_, ub := b.(*Unknown)
	if ua || ub {
		switch op {
		case syntax.CONCAT:
			return e.concatUnknown(pos, a, b)
		case syntax.UPDATE:
			if r := e.updateUnknown(pos, a, b); r != nil {
				return r
			}
		}
		return e.spread(pos, op, a, b)
	}
	switch op {
	case syntax.PLUS:
		return e.add(pos, a, b)
	case syntax.MINUS, syntax.STAR, syntax.SLASH:
		return e.arith(pos, op, a, b)
	case syntax.LT, syntax.GT, syntax.LEQ, syntax.GEQ:
		l, r := a, b
		if op == syntax.GT || op == syntax.LEQ {
			l, r = b, a
		}
		c := e.less(pos, l, r)
		if cb, ok := c.(*Bool); ok && (op == syntax.LEQ || op == syntax.GEQ) {
			return &Bool{P: pos, V: !cb.V}
		}
		return c
	case syntax.UPDATE:
		return e.update(pos, a, b)
	case syntax.CONCAT:
		la, ok := a.(*List)
		if !ok {
			return typeErr(pos, "a list", a)
		}
		lb, ok := b.(*List)
		if !ok {
			return typeErr(pos, "a list", b)
		}
		if len(la.Elems)+len(lb.Elems) > maxSize {
			return e.limit("size", pos)
		}
		el := make([]Value, 0, len(la.Elems)+len(lb.Elems))
		return &List{P: pos, Elems: append(append(el, la.Elems...), lb.Elems...)}
	}
	return &Error{P: pos, Class: OtherError, Msg: "unknown operator " + op.String()}
}

// concatUnknown is a ++ b where a or b is Unknown: an Unknown whose
// Parts are the operands, so that the known elements stay known (see
// Unknown.Parts). A limit's Unknown stays what it is.
func (e *Evaluator) concatUnknown(pos syntax.Pos, a, b Value) Value {
	var u *Unknown
	for _, v := range []Value{a, b} {
		switch v := v.(type) {
		case *Unknown:
			if v.limit {
				return v
			}
			if u == nil {
				u = v
			}
		case *List:
		default:
			return typeErr(pos, "a list", v)
		}
	}
	return e.partsOf(pos, u, []Value{a, b})
}

// partsOf returns the Unknown (with the reason of u) that is the
// concatenation of vs, each a list or an Unknown; parts of parts are
// flattened and empty lists dropped.
func (e *Evaluator) partsOf(pos syntax.Pos, u *Unknown, vs []Value) Value {
	r := &Unknown{P: u.P, Reason: u.Reason, Path: u.Path}
	for _, v := range vs {
		switch v := v.(type) {
		case *Unknown:
			if len(v.Parts) > 0 {
				r.Parts = append(r.Parts, v.Parts...)
			} else {
				r.Parts = append(r.Parts, v)
			}
		case *List:
			if len(v.Elems) > 0 {
				r.Parts = append(r.Parts, v)
			}
		}
	}
	if len(r.Parts) > maxSize {
		return e.limit("size", pos)
	}
	return r
}

// updateUnknown is a // b where a or b is Unknown, when something of the
// result is known; nil when nothing is. When the Unknown stands for the
// two branches of an if whose branches are sets (as optionalAttrs
// gives), the result is a set: a name both branches give the same value
// has it, a name only one branch has is a mkIf of the branch's condition
// (so the module system keeps it as conditional), and names that differ
// are Unknown with alternatives. Unknown // { … } is a set with the
// right side's names and the left side's Unknown for the rest.
func (e *Evaluator) updateUnknown(pos syntax.Pos, a, b Value) Value {
	ua, aUnknown := a.(*Unknown)
	ub, bUnknown := b.(*Unknown)
	if aUnknown && bUnknown {
		return nil
	}
	u := ua
	if bUnknown {
		u = ub
	}
	if u.limit {
		return nil
	}
	if alts := e.setAlternatives(u); alts != nil {
		var known *Attrs
		if aUnknown {
			known, _ = b.(*Attrs)
		} else {
			known, _ = a.(*Attrs)
		}
		if known == nil {
			return nil
		}
		var branches [2]*Attrs
		for i, alt := range alts {
			if aUnknown {
				branches[i] = e.update(pos, alt, known).(*Attrs)
			} else {
				branches[i] = e.update(pos, known, alt).(*Attrs)
			}
		}
		return e.mergeBranches(pos, u, branches)
	}
	if aUnknown {
		if bs, ok := b.(*Attrs); ok {
			m := make(map[string]Value, len(bs.M))
			for k, v := range bs.M {
				m[k] = v
			}
			return &Attrs{P: pos, M: m, Partial: ua.plain()}
		}
	}
	return nil
}

// setAlternatives returns the two alternatives of u when both are sets.
func (e *Evaluator) setAlternatives(u *Unknown) []*Attrs {
	if len(u.Alternatives) != 2 || u.altDepth >= maxAltDepth {
		return nil
	}
	out := make([]*Attrs, 2)
	for i, alt := range u.Alternatives {
		a, ok := Force(alt).(*Attrs)
		if !ok {
			return nil
		}
		out[i] = a
	}
	return out
}

// mergeBranches is the set that stands for branches[0] when u's condition
// holds and branches[1] when it does not; see updateUnknown.
func (e *Evaluator) mergeBranches(pos syntax.Pos, u *Unknown, branches [2]*Attrs) *Attrs {
	m := map[string]Value{}
	for i, br := range branches {
		for k, v := range br.M {
			if _, done := m[k]; done {
				continue
			}
			other, inOther := branches[1-i].M[k]
			switch {
			case inOther && other == v:
				m[k] = v
			case inOther:
				alts := []Value{v, other}
				if i == 1 {
					alts = []Value{other, v}
				}
				m[k] = &Unknown{P: u.P, Reason: u.Reason, Path: u.Path, Cond: u.Cond, Alternatives: alts, altDepth: u.altDepth + 1}
			default:
				m[k] = &Tagged{P: v.Pos(), Tag: TagIf, Cond: u.Condition(i == 1), Content: v}
			}
		}
	}
	var partial *Unknown
	for _, br := range branches {
		if br.Partial != nil {
			partial = br.Partial
		}
	}
	return &Attrs{P: pos, M: m, Partial: partial}
}

func (e *Evaluator) logic(x *syntax.Binary, en *env) Value {
	pos := x.OpPos
	a := Force(e.eval(x.X, en))
	av, aok := a.(*Bool)
	if !aok && !isAbnormal(a) {
		return typeErr(x.X.Pos(), "a Boolean", a)
	}
	if _, ok := a.(*Error); ok {
		return a
	}
	if aok {
		switch {
		case x.Op == syntax.AND && !av.V, x.Op == syntax.IMPL && !av.V:
			return &Bool{P: pos, V: x.Op == syntax.IMPL}
		case x.Op == syntax.OR && av.V:
			return &Bool{P: pos, V: true}
		}
	}
	b := Force(e.eval(x.Y, en))
	bv, bok := b.(*Bool)
	if !bok && !isAbnormal(b) {
		return typeErr(x.Y.Pos(), "a Boolean", b)
	}
	if !aok { // a is Unknown: b may still decide
		if bok {
			switch {
			case x.Op == syntax.AND && !bv.V, x.Op == syntax.OR && bv.V, x.Op == syntax.IMPL && bv.V:
				return &Bool{P: pos, V: bv.V}
			}
		}
		return abnormal(a)
	}
	if !bok {
		return abnormal(b)
	}
	return &Bool{P: pos, V: bv.V}
}

func (e *Evaluator) add(pos syntax.Pos, a, b Value) Value {
	switch a := a.(type) {
	case *Int, *Float:
		return e.arith(pos, syntax.PLUS, a, b)
	case *Path:
		s := e.coerce(pos, b, false)
		bs, ok := s.(*String)
		if !ok {
			return s
		}
		if len(bs.Refs) > 0 {
			return &Error{P: pos, Class: OtherError, Msg: "a string that refers to a store path cannot be appended to a path"}
		}
		return &Path{P: pos, Path: cleanPath(a.Path + bs.S)}
	case *String, *Package, *Script:
		as := e.coerce(pos, a, false)
		if _, ok := as.(*String); !ok {
			return as
		}
		bs := e.coerce(pos, b, false)
		if _, ok := bs.(*String); !ok {
			return bs
		}
		return concatStrings(pos, as.(*String), bs.(*String))
	}
	return &Error{P: pos, Class: TypeError, Msg: "cannot add " + describe(b) + " to " + describe(a)}
}

func concatStrings(pos syntax.Pos, parts ...*String) Value {
	n := 0
	for _, p := range parts {
		n += len(p.S)
	}
	if n > maxSize {
		return &Unknown{P: pos, Reason: "evaluation size limit exceeded", limit: true}
	}
	var b strings.Builder
	b.Grow(n)
	var refs []StringRef
	for _, p := range parts {
		off := b.Len()
		for _, r := range p.Refs {
			refs = append(refs, StringRef{Start: r.Start + off, End: r.End + off, Pkg: r.Pkg})
		}
		b.WriteString(p.S)
	}
	return &String{P: pos, S: b.String(), Refs: refs}
}

func (e *Evaluator) arith(pos syntax.Pos, op syntax.Token, a, b Value) Value {
	if isAbnormal(a) {
		return abnormal(a)
	}
	if isAbnormal(b) {
		return abnormal(b)
	}
	ai, aInt := a.(*Int)
	bi, bInt := b.(*Int)
	if aInt && bInt {
		switch op {
		case syntax.PLUS:
			return &Int{P: pos, V: ai.V + bi.V}
		case syntax.MINUS:
			return &Int{P: pos, V: ai.V - bi.V}
		case syntax.STAR:
			return &Int{P: pos, V: ai.V * bi.V}
		case syntax.SLASH:
			if bi.V == 0 {
				return &Error{P: pos, Class: OtherError, Msg: "division by zero"}
			}
			if ai.V == math.MinInt64 && bi.V == -1 {
				return &Error{P: pos, Class: OtherError, Msg: "integer overflow"}
			}
			return &Int{P: pos, V: ai.V / bi.V}
		}
	}
	af, ok := toFloat(a)
	if !ok {
		return typeErr(pos, "an integer", a)
	}
	bf, ok := toFloat(b)
	if !ok {
		return typeErr(pos, "an integer", b)
	}
	switch op {
	case syntax.PLUS:
		return &Float{P: pos, V: af + bf}
	case syntax.MINUS:
		return &Float{P: pos, V: af - bf}
	case syntax.STAR:
		return &Float{P: pos, V: af * bf}
	}
	if bf == 0 {
		return &Error{P: pos, Class: OtherError, Msg: "division by zero"}
	}
	return &Float{P: pos, V: af / bf}
}

func toFloat(v Value) (float64, bool) {
	switch v := v.(type) {
	case *Int:
		return float64(v.V), true
	case *Float:
		return v.V, true
	}
	return 0, false
}

// less compares a < b as Nix does: numbers, strings, paths and lists.
func (e *Evaluator) less(pos syntax.Pos, a, b Value) Value {
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > e.limits.Depth {
		return &Unknown{P: pos, Reason: "evaluation depth limit exceeded", limit: true}
	}
	a, b = Force(a), Force(b)
	if isAbnormal(a) {
		return abnormal(a)
	}
	if isAbnormal(b) {
		return abnormal(b)
	}
	if ai, ok := a.(*Int); ok {
		if bi, ok := b.(*Int); ok {
			return &Bool{P: pos, V: ai.V < bi.V}
		}
	}
	if af, ok := toFloat(a); ok {
		if bf, ok := toFloat(b); ok {
			return &Bool{P: pos, V: af < bf}
		}
	}
	switch a := a.(type) {
	case *String:
		if b, ok := b.(*String); ok {
			return &Bool{P: pos, V: a.S < b.S}
		}
	case *Path:
		if b, ok := b.(*Path); ok {
			return &Bool{P: pos, V: a.Path < b.Path}
		}
	case *List:
		if b, ok := b.(*List); ok {
			for i := 0; ; i++ {
				if i == len(b.Elems) {
					return &Bool{P: pos, V: false}
				}
				if i == len(a.Elems) {
					return &Bool{P: pos, V: true}
				}
				eq := e.equal(a.Elems[i], b.Elems[i], 0)
				if eb, ok := eq.(*Bool); !ok {
					return eq
				} else if !eb.V {
					return e.less(pos, a.Elems[i], b.Elems[i])
				}
			}
		}
	}
	return &Error{P: pos, Class: TypeError, Msg: "cannot compare " + describe(a) + " with " + describe(b)}
}

// equal is Nix's ==; it returns a *Bool, or an Unknown or Error.
func (e *Evaluator) equal(a, b Value, depth int) Value {
	if depth > e.limits.Depth {
		return e.limit("depth", a.Pos())
	}
	a, b = Force(a), Force(b)
	pos := a.Pos()
	for _, v := range []Value{a, b} {
		if isAbnormal(v) {
			return abnormal(v)
		}
	}
	if af, ok := toFloat(a); ok {
		bf, ok := toFloat(b)
		return &Bool{P: pos, V: ok && af == bf}
	}
	t := func(v bool) Value { return &Bool{P: pos, V: v} }
	switch a := a.(type) {
	case *Null:
		_, ok := b.(*Null)
		return t(ok)
	case *Bool:
		bb, ok := b.(*Bool)
		return t(ok && bb.V == a.V)
	case *String:
		bs, ok := b.(*String)
		return t(ok && bs.S == a.S)
	case *Path:
		bp, ok := b.(*Path)
		return t(ok && bp.Path == a.Path)
	case *List:
		bl, ok := b.(*List)
		if !ok || len(bl.Elems) != len(a.Elems) {
			return t(false)
		}
		if a == bl {
			return t(true)
		}
		for i := range a.Elems {
			r := e.equal(a.Elems[i], bl.Elems[i], depth+1)
			if rb, ok := r.(*Bool); !ok || !rb.V {
				return r
			}
		}
		return t(true)
	case *Attrs:
		ba, ok := b.(*Attrs)
		if !ok || len(ba.M) != len(a.M) {
			return t(false)
		}
		if a == ba {
			return t(true)
		}
		for _, n := range a.Names() {
			bv, ok := ba.M[n]
			if !ok {
				return t(false)
			}
			r := e.equal(a.M[n], bv, depth+1)
			if rb, ok := r.(*Bool); !ok || !rb.V {
				return r
			}
		}
		return t(true)
	case *Function:
		return t(false)
	case *Package:
		bp, ok := b.(*Package)
		if !ok {
			return t(false)
		}
		return t(bp.Attr == a.Attr && bp.Local == a.Local)
	}
	return &Unknown{P: pos, Reason: "comparison of " + describe(a) + " with " + describe(b)}
}

func (e *Evaluator) update(pos syntax.Pos, a, b Value) Value {
	aa, ok := a.(*Attrs)
	if !ok {
		if p, ok := a.(*Package); ok {
			if bs, ok := b.(*Attrs); ok && p.Universe() {
				return p.overlay(bs) // pkgs // { … }: an overlay's result
			}
			return a // a package // { … } stays the package
		}
		return typeErr(pos, "a set", a)
	}
	ba, ok := b.(*Attrs)
	if !ok {
		if p, ok := b.(*Package); ok && p.Universe() {
			return p // every name is in pkgs
		}
		return typeErr(pos, "a set", b)
	}
	if len(ba.M) == 0 {
		return aa
	}
	if len(aa.M) == 0 {
		return ba
	}
	m := make(map[string]Value, len(aa.M)+len(ba.M))
	for k, v := range aa.M {
		m[k] = v
	}
	for k, v := range ba.M {
		m[k] = v
	}
	p := aa.Partial
	if ba.Partial != nil {
		p = ba.Partial
	}
	return &Attrs{P: pos, M: m, Partial: p}
}

// Select returns v.path forced, as the Nix expression v.a.b does: a
// missing attribute is an Error; selecting from an Unknown gives an
// Unknown with the longer path, from a Package a Package.
func (e *Evaluator) Select(v Value, path ...string) Value {
	for _, name := range path {
		v = e.selectName(v, name, Force(v).Pos())
	}
	return Force(v)
}

// selectUnknown is u.name; the alternatives of u are selected from too.
func (e *Evaluator) selectUnknown(u *Unknown, name string, pos syntax.Pos) Value {
	if u.Sel != nil {
		return u.Sel(name)
	}
	r := u.sel(name)
	if len(u.Alternatives) == 0 || u.altDepth >= maxAltDepth || u.limit {
		return r
	}
	r.altDepth = u.altDepth + 1
	r.Cond = u.Cond
	for _, alt := range u.Alternatives {
		r.Alternatives = append(r.Alternatives, &Thunk{P: pos, fn: func() Value {
			v, ok := e.trySelect(alt, name, pos)
			if !ok {
				return &Error{P: pos, Class: MissingAttr, Msg: "attribute '" + name + "' missing"}
			}
			return v
		}})
	}
	return r
}

// selectName selects name from v (forcing it); missing names are errors.
func (e *Evaluator) selectName(v Value, name string, pos syntax.Pos) Value {
	r, ok := e.trySelect(v, name, pos)
	if !ok {
		return &Error{P: pos, Class: MissingAttr, Msg: "attribute '" + name + "' missing"}
	}
	return r
}

// trySelect returns v.name; ok is false when v is a set without name.
// Abnormal values and non-sets give themselves or an error, with ok.
func (e *Evaluator) trySelect(v Value, name string, pos syntax.Pos) (Value, bool) {
	switch v := Force(v).(type) {
	case *Attrs:
		if r, ok := v.M[name]; ok {
			return r, true
		}
		if v.Missing != nil {
			return v.Missing(name), true
		}
		if v.Partial != nil {
			return v.Partial.sel(name), true
		}
		return nil, false
	case *Unknown:
		return e.selectUnknown(v, name, pos), true
	case *Error:
		return v, true
	case *Package:
		return e.selectPackage(v, name, pos), true
	case *Script:
		switch name {
		case "name":
			return Str(pos, v.Name), true
		case "text":
			return v.Text, true
		}
		return &Unknown{P: pos, Reason: "attribute of " + v.Writer + " " + v.Name, Path: name}, true
	case *Tagged:
		if v.Fields != nil {
			if r, ok := v.Fields.M[name]; ok {
				return r, true
			}
		}
		return &Unknown{P: pos, Reason: "attribute of " + v.Tag.String(), Path: name}, true
	default:
		return typeErr(pos, "a set", v), true
	}
}

func (e *Evaluator) evalSelect(x *syntax.Select, en *env) Value {
	v := e.eval(x.X, en)
	for _, an := range x.Path {
		name, bad, ok := e.attrName(an, en)
		if !ok {
			if bad == nil {
				bad = typeErr(an.NamePos, "a string", &Null{})
			}
			return bad
		}
		fv := Force(v)
		pos := an.NamePos
		switch fv.(type) {
		case *Package:
			pos = x.Pos() // a package's position is that of the whole reference
		case *Attrs, *Unknown, *Script, *Tagged, *Error:
		default:
			if x.Default != nil { // not a set: Nix takes the default
				return Force(e.eval(x.Default, en))
			}
		}
		r, ok := e.trySelect(fv, name, pos)
		if !ok {
			if x.Default != nil {
				return Force(e.eval(x.Default, en))
			}
			return &Error{P: an.NamePos, Class: MissingAttr, Msg: "attribute '" + name + "' missing"}
		}
		v = r
	}
	return Force(v)
}

func isError(v Value) bool { _, ok := v.(*Error); return ok }

func (e *Evaluator) hasAttr(x *syntax.HasAttr, en *env) Value {
	v := Force(e.eval(x.X, en))
	for _, an := range x.Path {
		name, bad, ok := e.attrName(an, en)
		if !ok {
			if bad == nil {
				return &Bool{P: x.OpPos}
			}
			return bad
		}
		switch a := v.(type) {
		case *Attrs:
			r, ok := a.M[name]
			if !ok {
				if a.Partial != nil {
					return a.Partial.sel(name)
				}
				return &Bool{P: x.OpPos, V: false}
			}
			v = Force(r)
		case *Unknown:
			return a.sel(name)
		case *Package:
			v = Force(e.selectPackage(a, name, an.NamePos))
		case *Error:
			return a
		default:
			return &Bool{P: x.OpPos, V: false}
		}
	}
	return &Bool{P: x.OpPos, V: true}
}

// Apply applies the function fn to arg.
func (e *Evaluator) Apply(pos syntax.Pos, fn, arg Value) Value {
	if e.stopped != nil {
		return e.stopped
	}
	if lim := e.tick(pos); lim != nil {
		return lim
	}
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > e.limits.Depth {
		return &Unknown{P: pos, Reason: "evaluation depth limit exceeded", limit: true}
	}
	switch f := Force(fn).(type) {
	case *Function:
		if f.prim != nil {
			args := append(append(make([]Value, 0, len(f.args)+1), f.args...), arg)
			if len(args) < f.prim.arity {
				return &Function{P: pos, Name: f.Name, prim: f.prim, args: args}
			}
			return Force(f.prim.fn(e, pos, args))
		}
		return e.applyLambda(pos, f, arg)
	case *Attrs:
		if ff, ok := f.M["__functor"]; ok {
			return e.Apply(pos, e.Apply(pos, ff, f), arg)
		}
		return typeErr(pos, "a function", f)
	case *Unknown:
		return f.plain()
	case *Error:
		return f
	case *Package:
		return e.applyPackage(pos, f, arg)
	case *Tagged:
		return &Unknown{P: pos, Reason: "call of a " + f.Tag.String() + " value"}
	default:
		return typeErr(pos, "a function", f)
	}
}

func (e *Evaluator) applyLambda(pos syntax.Pos, f *Function, arg Value) Value {
	l := f.Lambda
	inner := &env{up: f.env, vars: map[string]Value{}}
	if l.Arg != "" {
		inner.vars[l.Arg] = arg
	}
	if l.Formals != nil {
		a := Force(arg)
		switch a := a.(type) {
		case *Attrs:
			for _, fm := range l.Formals.List {
				if v, ok := a.M[fm.Name]; ok {
					inner.vars[fm.Name] = v
				} else if fm.Default != nil {
					inner.vars[fm.Name] = e.thunk(fm.Default, inner)
				} else if a.Partial != nil {
					inner.vars[fm.Name] = a.Partial.sel(fm.Name)
				} else {
					return &Error{P: pos, Class: TypeError, Msg: "function at " + l.Start.String() + " called without required argument '" + fm.Name + "'"}
				}
			}
			if !l.Formals.Ellipsis && len(a.M) > len(l.Formals.List) {
				known := map[string]bool{}
				for _, fm := range l.Formals.List {
					known[fm.Name] = true
				}
				for _, n := range a.Names() {
					if !known[n] {
						return &Error{P: pos, Class: TypeError, Msg: "function at " + l.Start.String() + " called with unexpected argument '" + n + "'"}
					}
				}
			}
		case *Unknown:
			for _, fm := range l.Formals.List {
				inner.vars[fm.Name] = a.sel(fm.Name)
			}
		case *Package:
			for _, fm := range l.Formals.List {
				inner.vars[fm.Name] = e.selectPackage(a, fm.Name, fm.NamePos)
			}
		case *Error:
			return a
		default:
			return typeErr(pos, "a set", a)
		}
	}
	return Force(e.eval(l.Body, inner))
}

// coerce converts v to a string as string interpolation does
// (coerceMore as toString does: null, bools, numbers and lists too).
func (e *Evaluator) coerce(pos syntax.Pos, v Value, more bool) Value {
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > e.limits.Depth {
		return &Unknown{P: pos, Reason: "evaluation depth limit exceeded", limit: true}
	}
	switch v := Force(v).(type) {
	case *String:
		return v
	case *Path:
		return &String{P: pos, S: v.Path}
	case *Package:
		s := v.StorePath()
		return &String{P: pos, S: s, Refs: []StringRef{{0, len(s), v}}}
	case *Script:
		s := "/nix/store/00000000000000000000000000000000-" + v.Name
		return &String{P: pos, S: s}
	case *Attrs:
		if f, ok := v.M["__toString"]; ok {
			return e.coerce(pos, e.Apply(pos, f, v), more)
		}
		if o, ok := v.M["outPath"]; ok {
			return e.coerce(pos, o, more)
		}
	case *Unknown, *Error:
		return abnormal(v)
	case *Int:
		if more {
			return &String{P: pos, S: strconv.FormatInt(v.V, 10)}
		}
	case *Float:
		if more {
			return &String{P: pos, S: strconv.FormatFloat(v.V, 'f', 6, 64)}
		}
	case *Bool:
		if more {
			if v.V {
				return &String{P: pos, S: "1"}
			}
			return &String{P: pos, S: ""}
		}
	case *Null:
		if more {
			return &String{P: pos, S: ""}
		}
	case *List:
		if more {
			parts := make([]*String, 0, 2*len(v.Elems))
			for i, el := range v.Elems {
				s := e.coerce(pos, el, more)
				ss, ok := s.(*String)
				if !ok {
					return s
				}
				parts = append(parts, ss)
				if l, ok := Force(el).(*List); i < len(v.Elems)-1 && (!ok || len(l.Elems) > 0) {
					parts = append(parts, &String{S: " "})
				}
			}
			return concatStrings(pos, parts...)
		}
	}
	return &Error{P: pos, Class: TypeError, Msg: "cannot coerce " + describe(v) + " to a string"}
}

func (e *Evaluator) evalString(x *syntax.String, en *env) Value {
	if len(x.Parts) == 1 && x.Parts[0].Interp == nil {
		return &String{P: x.Open, S: x.Parts[0].Text}
	}
	parts := make([]*String, 0, len(x.Parts))
	for _, p := range x.Parts {
		if p.Interp == nil {
			parts = append(parts, &String{S: p.Text})
			continue
		}
		s := e.coerce(p.Interp.Pos(), e.eval(p.Interp, en), false)
		ss, ok := s.(*String)
		if !ok {
			return s
		}
		parts = append(parts, ss)
	}
	return concatStrings(x.Open, parts...)
}

func (e *Evaluator) evalPath(x *syntax.Path, en *env) Value {
	var b strings.Builder
	for _, p := range x.Parts {
		if p.Interp == nil {
			b.WriteString(p.Text)
			continue
		}
		s := e.coerce(p.Interp.Pos(), e.eval(p.Interp, en), false)
		ss, ok := s.(*String)
		if !ok {
			return s
		}
		b.WriteString(ss.S)
	}
	p := b.String()
	switch {
	case x.Home:
		return &Unknown{P: x.ValuePos, Reason: "home directory path " + p}
	case strings.HasPrefix(p, "/"):
	default:
		dir := "/"
		if x.ValuePos.Filename != "" {
			dir = path.Dir(x.ValuePos.Filename)
		}
		p = dir + "/" + p
	}
	return &Path{P: x.ValuePos, Path: cleanPath(p)}
}

func cleanPath(p string) string {
	c := path.Clean(p)
	if c == "." {
		return "/"
	}
	return c
}
