package syntax

// Visitor's Visit is called for each node met by Walk. If the visitor w
// returned is not nil, Walk visits the children of node with w, then
// calls w.Visit(nil).
type Visitor interface {
	Visit(node Node) (w Visitor)
}

// Walk traverses a tree in depth-first order, like go/ast.Walk. The
// nodes met are expressions, bindings (*Attribute, *Inherit), *Formals
// and *Formal.
func Walk(v Visitor, node Node) {
	if node == nil {
		return
	}
	if v = v.Visit(node); v == nil {
		return
	}
	walkPath := func(path []AttrName) {
		for _, n := range path {
			if n.Dynamic != nil {
				Walk(v, n.Dynamic)
			}
		}
	}
	walkParts := func(parts []StringPart) {
		for _, p := range parts {
			if p.Interp != nil {
				Walk(v, p.Interp)
			}
		}
	}
	walkBinds := func(binds []Binding) {
		for _, b := range binds {
			Walk(v, b)
		}
	}
	switch n := node.(type) {
	case *Ident, *Int, *Float, *SearchPath, *URL:
	case *String:
		walkParts(n.Parts)
	case *Path:
		walkParts(n.Parts)
	case *Paren:
		Walk(v, n.X)
	case *Commented:
		if n.X != nil {
			Walk(v, n.X)
		}
	case *List:
		for _, e := range n.Elems {
			Walk(v, e)
		}
	case *AttrSet:
		walkBinds(n.Bindings)
	case *Let:
		walkBinds(n.Bindings)
		Walk(v, n.Body)
	case *LegacyLet:
		walkBinds(n.Bindings)
	case *Attribute:
		walkPath(n.Path)
		Walk(v, n.Value)
	case *Inherit:
		if n.From != nil {
			Walk(v, n.From)
		}
		walkPath(n.Names)
	case *Lambda:
		if n.Formals != nil {
			Walk(v, n.Formals)
		}
		Walk(v, n.Body)
	case *Formals:
		for _, f := range n.List {
			Walk(v, f)
		}
	case *Formal:
		if n.Default != nil {
			Walk(v, n.Default)
		}
	case *With:
		Walk(v, n.Env)
		Walk(v, n.Body)
	case *Assert:
		Walk(v, n.Cond)
		Walk(v, n.Body)
	case *If:
		Walk(v, n.Cond)
		Walk(v, n.Then)
		Walk(v, n.Else)
	case *Unary:
		Walk(v, n.X)
	case *Binary:
		Walk(v, n.X)
		Walk(v, n.Y)
	case *HasAttr:
		Walk(v, n.X)
		walkPath(n.Path)
	case *Apply:
		Walk(v, n.Fn)
		Walk(v, n.Arg)
	case *Select:
		Walk(v, n.X)
		walkPath(n.Path)
		if n.Default != nil {
			Walk(v, n.Default)
		}
	}
	v.Visit(nil)
}

type inspector func(Node) bool

func (f inspector) Visit(node Node) Visitor {
	if node != nil && f(node) {
		return f
	}
	return nil
}

// Inspect traverses a tree in depth-first order, calling f for each
// node; when f returns false, the children of that node are skipped.
func Inspect(node Node, f func(Node) bool) {
	Walk(inspector(f), node)
}
