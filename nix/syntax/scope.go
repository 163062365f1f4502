package syntax

// scope is a static environment of Nix's bindVars.
type scope struct {
	up      int // index of the enclosing scope in scopeChecker.scopes, or -1
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
	errs   ErrorList
	exact  bool // visit in Nix's order (only needed to find Nix's first error)
	ranks  ranks
	scopes []scope   // the environments; an env is an index into it
	order  []*lAttr  // attributes in Nix's order, of the sets being visited
	formal []*Formal // formals in Nix's order, of the lambdas being visited
}

// push adds an environment inside env and returns it; pop it after use.
func (c *scopeChecker) push(s scope) int {
	c.scopes = append(c.scopes, s)
	return len(c.scopes) - 1
}

func (c *scopeChecker) pop(env int) { c.scopes = c.scopes[:env] }

// checkScope reports undefined variables outside with, in the order
// Nix's bindVars meets them.
func checkScope(e Expr, r ranks) ErrorList {
	var c scopeChecker
	return c.check(e, r)
}

// check is checkScope reusing the memory of c.
func (c *scopeChecker) check(e Expr, r ranks) ErrorList {
	initStartup()
	*c = scopeChecker{scopes: c.scopes[:0], order: c.order[:0], formal: c.formal[:0]}
	c.expr(e, c.push(scope{up: -1, globals: true}))
	if len(c.errs) == 0 {
		return nil
	}
	*c = scopeChecker{exact: true, ranks: r}
	c.expr(e, c.push(scope{up: -1, globals: true}))
	return c.errs
}

func (c *scopeChecker) lookup(name string, pos Pos, env int) {
	for i := env; i >= 0; i = c.scopes[i].up {
		s := &c.scopes[i]
		if s.with {
			return
		}
		if s.has(name) {
			return
		}
	}
	c.errs.Add(pos, "undefined variable '"+name+"'")
}

func (c *scopeChecker) path(path []AttrName, env int) {
	for _, n := range path {
		if n.Dynamic != nil {
			c.expr(n.Dynamic, env)
		}
	}
}

// visit calls f for the attributes of a, in Nix's order when exact.
func (c *scopeChecker) visit(a *lAttrs, f func(at *lAttr)) {
	if !c.exact {
		for i := range a.attrs {
			f(&a.attrs[i])
		}
		return
	}
	base := len(c.order)
	c.order = a.bySymbolTo(c.order, c.ranks)
	for _, at := range c.order[base:len(c.order):len(c.order)] {
		f(at)
	}
	c.order = c.order[:base]
}

func (c *scopeChecker) attrs(a *lAttrs, env int) {
	inner := env
	if a.rec {
		inner = c.push(scope{up: env, attrs: a})
		defer c.pop(inner)
	}
	c.visit(a, func(at *lAttr) {
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
	})
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

func (c *scopeChecker) expr(x Expr, env int) {
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
		inner := c.push(scope{up: env, attrs: x.lowered})
		c.visit(x.lowered, func(at *lAttr) {
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
		})
		c.expr(x.Body, inner)
		c.pop(inner)
	case *Lambda:
		inner := c.push(scope{up: env, lambda: x})
		if x.Formals != nil {
			list := x.Formals.List
			base := len(c.formal)
			if c.exact {
				c.formal = sortedFormalsTo(c.formal, list, c.ranks)
				list = c.formal[base:len(c.formal):len(c.formal)]
			}
			for _, f := range list {
				if f.Default != nil {
					c.expr(f.Default, inner)
				}
			}
			c.formal = c.formal[:base]
		}
		c.expr(x.Body, inner)
		c.pop(inner)
	case *With:
		c.expr(x.Env, env)
		inner := c.push(scope{up: env, with: true})
		c.expr(x.Body, inner)
		c.pop(inner)
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
