package syntax

import (
	"cmp"
	"slices"
	"strings"
)

// lAttrs is an attribute set the way Nix 2.8 holds it after parsing:
// attribute paths merged into nested sets (a.b = 1; a.c = 2;), inherit
// entries, and dynamic attributes in source order.
type lAttrs struct {
	start Pos // where Nix places inherited variables: just after '{' or 'let'
	rec   bool
	attrs []lAttr
	idx   map[string]int
	dyn   []lDyn
}

// lAttr is a static attribute. Its value is value, or nested when that
// is an attribute set (a literal's lowered form, or one made for a path).
type lAttr struct {
	name      string
	sym       int32
	at        cpos
	value     Expr
	nested    *lAttrs
	inherited bool // inherit name;
	from      Expr // inherit (from) name;
}

// cpos is a compact position in the file being parsed.
type cpos struct{ off, line, col int32 }

func compact(p Pos) cpos { return cpos{int32(p.Offset), int32(p.Line), int32(p.Column)} }

func (c cpos) in(file string) Pos { return Pos{file, int(c.off), int(c.line), int(c.col)} }

// lDyn is a dynamic attribute "${name}" = value.
type lDyn struct {
	name   Expr
	value  Expr
	nested *lAttrs
	pos    Pos
}

func (a *lAttrs) find(name string) int {
	if a.idx != nil {
		if i, ok := a.idx[name]; ok {
			return i
		}
		return -1
	}
	for i := range a.attrs {
		if a.attrs[i].name == name {
			return i
		}
	}
	return -1
}

func (a *lAttrs) add(x lAttr) { (*parser)(nil).addLAttr(a, x) }

// addLAttr adds x to a, in p's slabs when p is not nil.
func (p *parser) addLAttr(a *lAttrs, x lAttr) {
	if p != nil && len(a.attrs) == cap(a.attrs) {
		grown := p.lAttrList.make(max(4, 2*cap(a.attrs)))
		n := copy(grown, a.attrs)
		a.attrs = grown[:n]
	}
	a.attrs = append(a.attrs, x)
	if a.idx != nil {
		a.idx[x.name] = len(a.attrs) - 1
	} else if len(a.attrs) > 16 {
		if p != nil {
			a.idx = p.index(2 * len(a.attrs))
		} else {
			a.idx = make(map[string]int, 2*len(a.attrs))
		}
		for i := range a.attrs {
			a.idx[a.attrs[i].name] = i
		}
	}
}

// newLAttrs returns an empty lAttrs, in p's slabs when p is not nil.
func (p *parser) newLAttrs() *lAttrs {
	if p == nil {
		return &lAttrs{}
	}
	return p.lAttrss.alloc()
}

// ranks maps the symbol numbers of a file parsed on its own to those of
// a Session; nil is the identity.
type ranks []int32

func (r ranks) of(sym int32) int32 {
	if int(sym) < len(r) {
		return r[sym]
	}
	return sym
}

// bySymbol returns the attributes in Nix's map order (symbol order).
func (a *lAttrs) bySymbol(r ranks) []*lAttr { return a.bySymbolTo(nil, r) }

// bySymbolTo is bySymbol appending to dst; it returns dst and the
// attributes sorted after it.
func (a *lAttrs) bySymbolTo(dst []*lAttr, r ranks) []*lAttr {
	n := len(dst)
	for i := range a.attrs {
		dst = append(dst, &a.attrs[i])
	}
	slices.SortStableFunc(dst[n:], func(x, y *lAttr) int { return cmp.Compare(r.of(x.sym), r.of(y.sym)) })
	return dst
}

// byNameTo appends the attributes sorted by name, as ExprAttrs::show
// does, to dst.
func (a *lAttrs) byNameTo(dst []*lAttr) []*lAttr {
	n := len(dst)
	sorted := true
	for i := range a.attrs {
		if i > 0 && a.attrs[i-1].name > a.attrs[i].name {
			sorted = false
		}
		dst = append(dst, &a.attrs[i])
	}
	if !sorted {
		slices.SortFunc(dst[n:], func(x, y *lAttr) int { return strings.Compare(x.name, y.name) })
	}
	return dst
}

// attrSetOf returns the lowered set of x when Nix sees x as an ExprAttrs.
func attrSetOf(x Expr) *lAttrs {
	if a, ok := unparen(x).(*AttrSet); ok {
		return a.lowered
	}
	return nil
}

// addAttr is addAttr of parser.y, reporting duplicates to p.
func addAttr(p *parser, attrs *lAttrs, path []AttrName, e Expr, pos Pos) {
	last := len(path) - 1
	for i := 0; i < last; i++ {
		n := &path[i]
		if n.Dynamic != nil {
			nested := p.newLAttrs()
			attrs.dyn = append(attrs.dyn, lDyn{name: n.Dynamic, nested: nested, pos: pos})
			attrs = nested
			continue
		}
		j := attrs.find(n.Name)
		if j < 0 {
			nested := p.newLAttrs()
			p.addLAttr(attrs, lAttr{name: n.Name, sym: n.sym, at: compact(pos), nested: nested})
			attrs = nested
			continue
		}
		a := &attrs.attrs[j]
		if a.inherited || a.from != nil || a.nested == nil {
			p.dupAttr(attrPathString(path), pos, a.at.in(pos.Filename))
			return
		}
		attrs = a.nested
	}
	n := &path[last]
	ae := attrSetOf(e)
	if n.Dynamic != nil {
		attrs.dyn = append(attrs.dyn, lDyn{name: n.Dynamic, value: e, nested: ae, pos: pos})
		return
	}
	j := attrs.find(n.Name)
	if j < 0 {
		p.addLAttr(attrs, lAttr{name: n.Name, sym: n.sym, at: compact(pos), value: e, nested: ae})
		return
	}
	a := &attrs.attrs[j]
	if a.nested == nil || ae == nil || a.inherited || a.from != nil {
		p.dupAttr(attrPathString(path), pos, a.at.in(pos.Filename))
		return
	}
	for _, ad := range ae.bySymbol(nil) {
		if k := a.nested.find(ad.name); k >= 0 {
			p.dupAttr(ad.name, a.nested.attrs[k].at.in(pos.Filename), ad.at.in(pos.Filename))
			return
		}
		p.addLAttr(a.nested, *ad)
	}
}

func attrPathString(path []AttrName) string {
	var c canonPrinter
	c.attrPath(path)
	return string(c.buf)
}

// lowerBindings computes the lowered form of bindings of a tree that
// was built rather than parsed.
func lowerBindings(binds []Binding, rec bool) *lAttrs {
	a := &lAttrs{rec: rec}
	for _, b := range binds {
		switch b := b.(type) {
		case *Attribute:
			if len(b.Path) > 0 {
				addAttr(nil, a, b.Path, b.Value, b.Pos())
			}
		case *Inherit:
			for _, n := range b.Names {
				if a.find(n.Name) < 0 {
					a.add(lAttr{name: n.Name, sym: n.sym, at: compact(n.NamePos), inherited: b.From == nil, from: b.From})
				}
			}
		}
	}
	return a
}

// sortedFormals returns the formals in Nix's order: by symbol, then
// by position.
func sortedFormals(list []*Formal, r ranks) []*Formal { return sortedFormalsTo(nil, list, r) }

// sortedFormalsTo is sortedFormals appending to dst.
func sortedFormalsTo(dst, list []*Formal, r ranks) []*Formal {
	n := len(dst)
	dst = append(dst, list...)
	slices.SortStableFunc(dst[n:], func(x, y *Formal) int {
		if c := cmp.Compare(r.of(x.sym), r.of(y.sym)); c != 0 {
			return c
		}
		return cmp.Compare(x.NamePos.Offset, y.NamePos.Offset)
	})
	return dst
}
