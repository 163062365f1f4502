package syntax

import "strings"

// Tree builders for code that generates Nix (exporters). The nodes they
// return have no positions; print them with Format.

// NewIdent returns a variable reference (also true, false and null).
func NewIdent(name string) *Ident { return &Ident{Name: name} }

// NewString returns the string literal "s".
func NewString(s string) *String {
	return &String{Parts: []StringPart{{Text: s}}}
}

// NewIndentedString returns s as a ”…” string when it spans lines.
func NewIndentedString(s string) *String {
	return &String{Indented: true, Parts: []StringPart{{Text: s}}}
}

// NewInt returns an integer literal; negative values become -n.
func NewInt(v int64) Expr {
	if v < 0 && v != -v {
		return &Unary{Op: MINUS, X: &Int{Value: -v}}
	}
	return &Int{Value: v}
}

// NewBool returns true or false.
func NewBool(b bool) *Ident {
	if b {
		return NewIdent("true")
	}
	return NewIdent("false")
}

// NewPath returns a path literal written as lit (./a, /etc/x, ~/y).
func NewPath(lit string) *Path {
	return &Path{Home: strings.HasPrefix(lit, "~"), Parts: []StringPart{{Text: lit}}}
}

// NewList returns [ elems… ].
func NewList(elems ...Expr) *List { return &List{Elems: elems} }

// NewAttrSet returns { bindings… }.
func NewAttrSet(bindings ...Binding) *AttrSet { return &AttrSet{Bindings: bindings} }

// ParseAttrPath splits a dotted attribute path such as
// services.openssh.enable; a part in double quotes may contain dots
// ("a.b".c).
func ParseAttrPath(path string) []AttrName {
	var names []AttrName
	for path != "" {
		var name string
		if strings.HasPrefix(path, `"`) {
			end := strings.Index(path[1:], `"`)
			if end < 0 {
				end = len(path) - 1
			}
			name = path[1 : end+1]
			path = path[min(end+2, len(path)):]
			path = strings.TrimPrefix(path, ".")
		} else if i := strings.IndexByte(path, '.'); i >= 0 {
			name, path = path[:i], path[i+1:]
		} else {
			name, path = path, ""
		}
		names = append(names, AttrName{Name: name, Quoted: !isPlainID(name)})
	}
	return names
}

// NewAttribute returns the binding path = value; for a dotted path.
func NewAttribute(path string, value Expr) *Attribute {
	return &Attribute{Path: ParseAttrPath(path), Value: value}
}

// NewAttributeComment is NewAttribute with a leading comment, which
// Format prints as # lines.
func NewAttributeComment(comment, path string, value Expr) *Attribute {
	a := NewAttribute(path, value)
	a.Comment = comment
	return a
}

// NewInherit returns inherit names; or, when from is not nil,
// inherit (from) names;.
func NewInherit(from Expr, names ...string) *Inherit {
	in := &Inherit{From: from}
	for _, n := range names {
		in.Names = append(in.Names, AttrName{Name: n, Quoted: !isPlainID(n)})
	}
	return in
}

// NewSelect returns x.path for a dotted path.
func NewSelect(x Expr, path string) *Select {
	return &Select{X: x, Path: ParseAttrPath(path)}
}

// NewApply returns the application fn arg1 arg2 ….
func NewApply(fn Expr, args ...Expr) Expr {
	for _, a := range args {
		fn = &Apply{Fn: fn, Arg: a}
	}
	return fn
}

// NewLambda returns the function { formals… }: body, or with ellipsis
// { formals…, ... }: body. Set Formal.Default for defaults.
func NewLambda(formals []string, ellipsis bool, body Expr) *Lambda {
	fs := &Formals{Ellipsis: ellipsis}
	for _, n := range formals {
		fs.List = append(fs.List, &Formal{Name: n})
	}
	return &Lambda{Formals: fs, Body: body}
}

// NewWith returns with env; body.
func NewWith(env, body Expr) *With { return &With{Env: env, Body: body} }

// NewLet returns let bindings… in body.
func NewLet(body Expr, bindings ...Binding) *Let {
	return &Let{Bindings: bindings, Body: body}
}

// NewCommented attaches a leading comment to a list element; with a nil
// x it is a comment alone in the list.
func NewCommented(comment string, x Expr) *Commented {
	return &Commented{Comment: comment, X: x}
}
