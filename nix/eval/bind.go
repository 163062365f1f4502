package eval

import (
	"github.com/nixarch/nixarch/nix/syntax"
)

// bnode is an attribute being built from bindings: a leaf value, or
// nested attributes made by paths (a.b = 1; a.c = 2;) and the literal
// sets merged with them, as Nix's parser merges them.
type bnode struct {
	pos     syntax.Pos
	leaf    Value
	lit     *syntax.AttrSet // a leaf that is a literal set, to merge into
	litEnv  *env
	kids    map[string]*bnode
	partial *Unknown
	err     Value
	// pending are bindings under this node whose path goes on with a
	// dynamic name (a.${x}.b = v): Nix evaluates the name when the set
	// that holds it is forced, not the outer one.
	pending []pendingBind
}

type pendingBind struct {
	path []syntax.AttrName
	x    syntax.Expr
	en   *env
}

func (n *bnode) kid(name string, pos syntax.Pos) *bnode {
	if n.kids == nil {
		n.kids = map[string]*bnode{}
	}
	k := n.kids[name]
	if k == nil {
		k = &bnode{pos: pos}
		n.kids[name] = k
	}
	return k
}

// bind evaluates bindings into out. Values are evaluated in valEnv (the
// new scope of a rec set or let), plain inherits in inhEnv (the scope
// around it). It returns the Unknown of a dynamic name that could not be
// known, and an error of a dynamic name.
func (e *Evaluator) bind(binds []syntax.Binding, valEnv, inhEnv *env, out map[string]Value) (*Unknown, Value) {
	root := &bnode{}
	e.addBindings(root, binds, valEnv, inhEnv, false)
	for name, k := range root.kids {
		out[name] = e.materialize(k)
	}
	if !hasDynamic(binds) {
		return nil, nil
	}
	before := map[string]*bnode{}
	for name, k := range root.kids {
		before[name] = k
	}
	e.addBindings(root, binds, valEnv, inhEnv, true)
	for name, k := range root.kids {
		if before[name] == nil || k.kids != nil {
			out[name] = e.materialize(k)
		}
	}
	return root.partial, root.err
}

func hasDynamic(binds []syntax.Binding) bool {
	for _, b := range binds {
		if a, ok := b.(*syntax.Attribute); ok && pathDynamic(a.Path) {
			return true
		}
	}
	return false
}

func pathDynamic(p []syntax.AttrName) bool {
	for _, n := range p {
		if n.Dynamic != nil {
			return true
		}
	}
	return false
}

func (e *Evaluator) addBindings(n *bnode, binds []syntax.Binding, valEnv, inhEnv *env, dynamic bool) {
	for _, b := range binds {
		switch b := b.(type) {
		case *syntax.Attribute:
			if pathDynamic(b.Path) != dynamic || len(b.Path) == 0 {
				continue
			}
			e.insert(n, b.Path, b.Value, valEnv)
		case *syntax.Inherit:
			if dynamic {
				continue
			}
			var from Value
			if b.From != nil {
				from = e.thunk(b.From, valEnv)
			}
			for _, nm := range b.Names {
				name, pos := nm.Name, nm.NamePos
				k := n.kid(name, pos)
				if from != nil {
					f := from
					k.leaf = &Thunk{P: pos, fn: func() Value { return e.selectName(f, name, pos) }}
				} else {
					k.leaf = e.thunk(&syntax.Ident{NamePos: pos, Name: name}, inhEnv)
				}
			}
		}
	}
}

func (e *Evaluator) insert(n *bnode, path []syntax.AttrName, x syntax.Expr, en *env) {
	for i, an := range path {
		if i > 0 && an.Dynamic != nil {
			n.pending = append(n.pending, pendingBind{path: path[i:], x: x, en: en})
			return
		}
		name, v, ok := e.attrName(an, en)
		if !ok {
			if u, isU := v.(*Unknown); isU && n.partial == nil {
				n.partial = u
			} else if v != nil && n.err == nil {
				n.err = v
			}
			return
		}
		k := n.kid(name, an.NamePos)
		if i == len(path)-1 {
			if lit, ok := unparen(x).(*syntax.AttrSet); ok && !lit.Rec {
				if k.kids != nil {
					e.addBindings(k, lit.Bindings, en, en, false)
					e.addBindings(k, lit.Bindings, en, en, true)
					return
				}
				k.lit, k.litEnv = lit, en
			}
			k.leaf = e.thunk(x, en)
			return
		}
		if k.lit != nil {
			lit, le := k.lit, k.litEnv
			k.lit, k.leaf = nil, nil
			e.addBindings(k, lit.Bindings, le, le, false)
			e.addBindings(k, lit.Bindings, le, le, true)
		}
		n = k
	}
}

func unparen(x syntax.Expr) syntax.Expr {
	for {
		p, ok := x.(*syntax.Paren)
		if !ok {
			return x
		}
		x = p.X
	}
}

func (e *Evaluator) materialize(n *bnode) Value {
	if len(n.pending) > 0 {
		return &Thunk{P: n.pos, fn: func() Value {
			pending := n.pending
			n.pending = nil
			for _, p := range pending {
				e.insert(n, p.path, p.x, p.en)
			}
			return e.materialize(n)
		}}
	}
	if n.kids == nil && n.leaf != nil {
		return n.leaf
	}
	a := &Attrs{P: n.pos, M: make(map[string]Value, len(n.kids)), Partial: n.partial}
	for name, k := range n.kids {
		a.M[name] = e.materialize(k)
	}
	if n.err != nil {
		return n.err
	}
	return a
}

// attrs evaluates a non-recursive set.
func (e *Evaluator) attrs(pos syntax.Pos, binds []syntax.Binding, valEnv, inhEnv *env) Value {
	a := &Attrs{P: pos, M: make(map[string]Value, len(binds))}
	u, err := e.bind(binds, valEnv, inhEnv, a.M)
	if err != nil {
		return err
	}
	a.Partial = u
	return a
}

// recAttrs evaluates rec { … }.
func (e *Evaluator) recAttrs(pos syntax.Pos, binds []syntax.Binding, outer *env) Value {
	a := &Attrs{P: pos, M: make(map[string]Value, len(binds))}
	inner := &env{up: outer, vars: a.M}
	u, err := e.bind(binds, inner, outer, a.M)
	if err != nil {
		return err
	}
	a.Partial = u
	return a
}
