package syntax

// scope is a static environment of Nix's bindVars.
type scope struct {
	up      *scope
	with    bool
	attrs   *lAttrs
	lambda  *Lambda
	globals bool
}

func (s *scope) has(name string) bool {
	switch {
	case s.globals:
		return globalNames[name]
	case s.attrs != nil:
		return s.attrs.find(name) >= 0
	case s.lambda != nil:
		if s.lambda.Arg == name {
			return true
		}
		if s.lambda.Formals != nil {
			for _, f := range s.lambda.Formals.List {
				if f.Name == name {
					return true
				}
			}
		}
	}
	return false
}

type scopeChecker struct {
	errs  ErrorList
	exact bool // visit in Nix's order (only needed to find Nix's first error)
	ranks ranks
}

func (c *scopeChecker) order(a *lAttrs) []*lAttr {
	if c.exact {
		return a.bySymbol(c.ranks)
	}
	out := make([]*lAttr, len(a.attrs))
	for i := range a.attrs {
		out[i] = &a.attrs[i]
	}
	return out
}

// checkScope reports undefined variables outside with, in the order
// Nix's bindVars meets them.
func checkScope(e Expr, r ranks) ErrorList {
	initStartup()
	var c scopeChecker
	c.expr(e, &scope{globals: true})
	if len(c.errs) == 0 {
		return nil
	}
	c = scopeChecker{exact: true, ranks: r}
	c.expr(e, &scope{globals: true})
	return c.errs
}

func (c *scopeChecker) lookup(name string, pos Pos, env *scope) {
	for s := env; s != nil; s = s.up {
		if s.with {
			return
		}
		if s.has(name) {
			return
		}
	}
	c.errs.Add(pos, "undefined variable '"+name+"'")
}

func (c *scopeChecker) path(path []AttrName, env *scope) {
	for _, n := range path {
		if n.Dynamic != nil {
			c.expr(n.Dynamic, env)
		}
	}
}

func (c *scopeChecker) attrs(a *lAttrs, env *scope) {
	inner := env
	if a.rec {
		inner = &scope{up: env, attrs: a}
	}
	for _, at := range c.order(a) {
		switch {
		case at.inherited:
			c.lookup(at.name, a.start, env)
		case at.from != nil:
			c.expr(at.from, inner)
		case at.value == nil || at.value != nil && at.nested != nil && unparenAttrs(at.value) != at.nested:
			c.attrs(at.nested, inner)
		case at.nested != nil:
			c.attrs(at.nested, inner)
		default:
			c.expr(at.value, inner)
		}
	}
	for _, d := range a.dyn {
		c.expr(d.name, inner)
		if d.nested != nil {
			c.attrs(d.nested, inner)
		} else {
			c.expr(d.value, inner)
		}
	}
}

func unparenAttrs(x Expr) *lAttrs { return attrSetOf(x) }

func (c *scopeChecker) expr(x Expr, env *scope) {
	switch x := x.(type) {
	case *Ident:
		if x.Name != "__curPos" { // ExprPos, not a variable
			c.lookup(x.Name, x.NamePos, env)
		}
	case *Paren:
		c.expr(x.X, env)
	case *Commented:
		c.expr(x.X, env)
	case *String:
		for _, p := range x.Parts {
			if p.Interp != nil {
				c.expr(p.Interp, env)
			}
		}
	case *Path:
		for _, p := range x.Parts {
			if p.Interp != nil {
				c.expr(p.Interp, env)
			}
		}
	case *SearchPath:
		c.lookup("__findFile", x.ValuePos, env)
		c.lookup("__nixPath", x.ValuePos, env)
	case *List:
		for _, e := range x.Elems {
			c.expr(e, env)
		}
	case *AttrSet:
		c.attrs(attrsFor(x), env)
	case *LegacyLet:
		c.attrs(x.lowered, env)
	case *Let:
		inner := &scope{up: env, attrs: x.lowered}
		for _, at := range c.order(x.lowered) {
			switch {
			case at.inherited:
				c.lookup(at.name, x.lowered.start, env)
			case at.from != nil:
				c.expr(at.from, inner)
			case at.nested != nil:
				c.attrs(at.nested, inner)
			default:
				c.expr(at.value, inner)
			}
		}
		c.expr(x.Body, inner)
	case *Lambda:
		inner := &scope{up: env, lambda: x}
		if x.Formals != nil {
			list := x.Formals.List
			if c.exact {
				list = sortedFormals(list, c.ranks)
			}
			for _, f := range list {
				if f.Default != nil {
					c.expr(f.Default, inner)
				}
			}
		}
		c.expr(x.Body, inner)
	case *With:
		c.expr(x.Env, env)
		c.expr(x.Body, &scope{up: env, with: true})
	case *Assert:
		c.expr(x.Cond, env)
		c.expr(x.Body, env)
	case *If:
		c.expr(x.Cond, env)
		c.expr(x.Then, env)
		c.expr(x.Else, env)
	case *Unary:
		if x.Op == MINUS {
			c.lookup("__sub", x.OpPos, env)
		}
		c.expr(x.X, env)
	case *Binary:
		a, b := x.X, x.Y
		switch x.Op {
		case LT, GT, LEQ, GEQ:
			c.lookup("__lessThan", x.OpPos, env)
			if x.Op == GT || x.Op == LEQ {
				a, b = b, a
			}
		case MINUS:
			c.lookup("__sub", x.OpPos, env)
		case STAR:
			c.lookup("__mul", x.OpPos, env)
		case SLASH:
			c.lookup("__div", x.OpPos, env)
		case PIPE_INTO:
			a, b = b, a
		}
		c.expr(a, env)
		c.expr(b, env)
	case *HasAttr:
		c.expr(x.X, env)
		c.path(x.Path, env)
	case *Apply:
		c.expr(x.Fn, env)
		c.expr(x.Arg, env)
	case *Select:
		c.expr(x.X, env)
		if x.Default != nil {
			c.expr(x.Default, env)
		}
		c.path(x.Path, env)
	}
}
