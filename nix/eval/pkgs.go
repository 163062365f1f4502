package eval

import (
	"path"
	"strings"

	"github.com/nixarch/nixarch/nix/syntax"
)

// Pkgs returns the symbolic package universe: every attribute is a
// Package (pkgs.firefox, pkgs.kdePackages.kate), except lib, the
// writers (writeShellScriptBin…) and callPackage; see WithPkgs.
func (e *Evaluator) Pkgs() Value { return e.pkgs }

// SymbolicPkgs returns the default package universe, for WithPkgs
// values that extend it.
func SymbolicPkgs() Value { return &Package{} }

var scriptWriters = map[string]bool{
	"writeShellScriptBin": true, "writeShellScript": true, "writeScriptBin": true,
	"writeScript": true, "writeText": true, "writeTextDir": true,
}

// overlay returns the universe p with the attributes of ext added or
// replaced, as pkgs // ext does when ext is an overlay's result.
func (p *Package) overlay(ext *Attrs) *Package {
	q := *p
	m := map[string]Value{}
	if p.Over != nil {
		for k, v := range p.Over.M {
			m[k] = v
		}
	}
	for k, v := range ext.M {
		m[k] = v
	}
	q.Over = &Attrs{P: ext.P, M: m}
	return &q
}

// ApplyOverlays applies overlays (final: prev: { … } functions) to the
// package universe pkgs, as nixpkgs does: final is the result, prev the
// universe before each overlay. A name an overlay defines then answers
// with its definition: a package keeps the position where it is referred
// to and records the overlay's in Def. An overlay that is not a function
// (an Unknown, such as an overlay of a flake input), or whose result is
// not a set, is left out and recorded, as given, in the result's Unread.
func (e *Evaluator) ApplyOverlays(pkgs Value, overlays []Value) Value {
	var final Value
	final = Lazy(syntax.Pos{}, func() Value {
		cur := pkgs
		for _, ov := range overlays {
			prev := Force(cur)
			p, ok := prev.(*Package)
			if !ok || !p.Universe() {
				return prev
			}
			f := Force(ov)
			if _, ok := f.(*Function); !ok {
				if a, ok := f.(*Attrs); !ok || a.M["__functor"] == nil {
					q := *p
					q.Unread = append(append([]Value(nil), p.Unread...), ov)
					cur = &q
					continue
				}
			}
			ext := e.Apply(f.Pos(), e.Apply(f.Pos(), f, final), prev)
			switch x := Force(ext).(type) {
			case *Attrs:
				cur = p.overlay(x)
			default:
				q := *p
				q.Unread = append(append([]Value(nil), p.Unread...), ov)
				cur = &q
			}
		}
		return cur
	})
	return final
}

// fromOverlay returns v, an overlay's definition of a name referred to
// at pos: a package is moved to pos with Def where the overlay defines
// it.
func fromOverlay(v Value, pos syntax.Pos) Value {
	return &Thunk{P: pos, fn: func() Value {
		switch x := Force(v).(type) {
		case *Package:
			q := *x
			if !q.Def.IsValid() {
				q.Def = x.P
			}
			q.P = pos
			return &q
		default:
			return x
		}
	}}
}

func (e *Evaluator) selectPackage(p *Package, name string, pos syntax.Pos) Value {
	if p.Universe() && p.Over != nil {
		if v, ok := p.Over.M[name]; ok {
			return fromOverlay(v, pos)
		}
	}
	if p.Universe() {
		switch name {
		case "extend":
			return prim(name, 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
				return e.ApplyOverlays(p, a)
			})
		case "appendOverlays":
			return prim(name, 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
				l, bad := e.list(pos, a[0])
				if bad != nil {
					return bad
				}
				return e.ApplyOverlays(p, l.Elems)
			})
		}
		switch name {
		case "lib":
			return e.Lib()
		case "system", "config", "hostPlatform", "buildPlatform", "targetPlatform":
			return &Unknown{P: pos, Reason: "pkgs." + name}
		case "pkgs":
			return p
		}
	}
	switch {
	case scriptWriters[name]:
		return prim(name, 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
			n, bad := e.str(pos, a[0])
			if bad != nil {
				return bad
			}
			return &Script{P: pos, Writer: name, Name: n.S, Text: a[1]}
		})
	case name == "writeTextFile" || name == "writeShellApplication":
		return prim(name, 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
			s, bad := e.attrset(pos, a[0])
			if bad != nil {
				return bad
			}
			n, bad := e.str(pos, e.selectName(s, "name", pos))
			if bad != nil {
				return bad
			}
			return &Script{P: pos, Writer: name, Name: n.S, Text: e.selectName(s, "text", pos)}
		})
	case name == "callPackage" || name == "callPackages":
		return prim(name, 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
			return e.callPackage(pos, p, a[0], a[1])
		})
	}
	if p.Attr != "" || p.Local != "" {
		switch name {
		case "override", "overrideAttrs", "overrideDerivation", "overridePythonAttrs":
			return prim(name, 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
				q := p.with(name)
				q.Members = append(append([]string(nil), p.Members...), overrideMembers(a[0])...)
				if only, ok := overrideOnly(p.Attr, name, a[0]); ok {
					q.Only = only
				}
				return q
			})
		case "withPackages", "ghcWithPackages", "ghcWithHoogle", "withExtensions":
			return prim(name, 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
				q := p
				if strings.HasPrefix(name, "ghcWith") {
					q = &Package{P: p.P, Attr: p.Attr + ".ghc"}
					if p.Attr == "haskellPackages" {
						q.Attr = "ghc"
					}
				}
				return e.withPackages(pos, q, p, a[0])
			})
		case "combine":
			if p.Attr == "texlive" || strings.HasSuffix(p.Attr, ".texlive") {
				return prim(name, 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
					s, bad := e.attrset(pos, a[0])
					if bad != nil {
						return bad
					}
					q := &Package{P: pos, Attr: p.Attr}
					for _, n := range s.Names() {
						if m, ok := Force(s.M[n]).(*Package); ok && m.Attr != "" {
							q.Members = append(q.Members, m.Attr)
						}
					}
					return q
				})
			}
		case "outPath":
			return e.coerce(pos, p, false)
		case "name", "pname", "version", "meta", "passthru", "src", "drvPath":
			return &Unknown{P: pos, Reason: "attribute of package " + p.Attr, Path: name}
		}
	}
	return p.sel(name, pos)
}

// packageSet is the attribute set passed to withPackages' function.
func packageSet(attr string) string {
	switch {
	case strings.HasPrefix(attr, "python"):
		return attr + "Packages"
	case attr == "haskellPackages" || strings.HasPrefix(attr, "haskell.packages."):
		return attr
	case attr == "texlive":
		return attr
	case strings.HasPrefix(attr, "lua5_"):
		// lua5_4.pkgs is lua54Packages (all-packages.nix).
		return "lua5" + strings.TrimPrefix(attr, "lua5_") + "Packages"
	case strings.HasPrefix(attr, "lua"), strings.HasPrefix(attr, "perl"), strings.HasPrefix(attr, "ruby"):
		return attr + "Packages"
	}
	return attr + "Packages"
}

// bundleParts are the packages of nixpkgs 24.11 that hold many parts
// and build only those that override's argument lists, by the name of
// that argument.
var bundleParts = map[string]string{"nerdfonts": "fonts"}

// overrideOnly returns the parts that attr.override (arg) keeps of a
// bundle: nerdfonts.override { fonts = [ "FiraCode" ]; }. ok is false
// when attr is no bundle, or the list is not a list of known strings.
func overrideOnly(attr, name string, arg Value) (only []string, ok bool) {
	field, bundle := bundleParts[attr]
	if !bundle || name != "override" {
		return nil, false
	}
	a, isSet := Force(arg).(*Attrs)
	if !isSet || a.M[field] == nil {
		return nil, false
	}
	l, isList := Force(a.M[field]).(*List)
	if !isList || len(l.Elems) == 0 {
		return nil, false
	}
	for _, x := range l.Elems {
		s, isString := Force(x).(*String)
		if !isString || len(s.Refs) > 0 || s.S == "" {
			return nil, false
		}
		only = append(only, s.S)
	}
	return only, true
}

// overrideMembers returns the packages listed in an override's
// arguments (vscodeExtensions = [ … ], scripts = [ … ]): what the
// overridden package adds to the system.
func overrideMembers(arg Value) []string {
	a, ok := Force(arg).(*Attrs)
	if !ok {
		return nil
	}
	var out []string
	for _, n := range a.Names() {
		l, ok := Force(a.M[n]).(*List)
		if !ok {
			continue
		}
		for _, x := range l.Elems {
			if m, ok := Force(x).(*Package); ok && m.Attr != "" && m.Local == "" {
				out = append(out, m.Attr)
			}
		}
	}
	return out
}

// callPackage calls f (a path or a function) with the attributes of set
// it asks for and args, as nixpkgs' callPackage does. A function asking
// for a name with a default gets the default unless args has the name,
// since the symbolic set has every name. A script (writeShellScriptBin
// …) is the script; anything else is a local Package named by the
// derivation's pname or name, or else by the file.
func (e *Evaluator) callPackage(pos syntax.Pos, set *Package, f, args Value) Value {
	var file, name string
	fn := Force(f)
	switch v := fn.(type) {
	case *Path:
		file = v.Path
		name = strings.TrimSuffix(path.Base(v.Path), ".nix")
		if name == "default" {
			name = path.Base(path.Dir(v.Path))
		}
		fn = Force(e.builtinImport(pos, []Value{v}))
	case *Function:
		file = pos.Filename
	case *Unknown, *Error:
		return abnormal(v)
	default:
		return typeErr(pos, "a path or function", v)
	}
	local := &Package{P: pos, Attr: name, Local: file}
	if file == pos.Filename {
		local.Notes = []string{"inline"}
	}
	fun, ok := fn.(*Function)
	if !ok {
		if local.Attr == "" {
			local.Attr = "callPackage"
		}
		return local
	}
	given, _ := Force(args).(*Attrs)
	m := map[string]Value{}
	if fun.Lambda != nil && fun.Lambda.Formals != nil {
		for _, fm := range fun.Lambda.Formals.List {
			if given != nil {
				if v, ok := given.M[fm.Name]; ok {
					m[fm.Name] = v
					continue
				}
			}
			if fm.Default == nil {
				m[fm.Name] = e.selectPackage(set, fm.Name, fm.NamePos)
			}
		}
	}
	r := Force(e.Apply(pos, fun, NewAttrs(pos, m)))
	switch r := r.(type) {
	case *Script:
		s := *r
		s.P = pos
		return &s
	case *Package:
		if n := drvName(r.arg); n != "" {
			local.Attr = n
		}
		if !r.Universe() && r.Local != "" && local.Local == pos.Filename {
			return r
		}
	}
	if local.Attr == "" {
		local.Attr = "callPackage"
	}
	return local
}

// drvName returns the pname or name of a derivation's attribute set.
func drvName(arg Value) string {
	a, ok := Force(arg).(*Attrs)
	if !ok {
		return ""
	}
	for _, k := range []string{"pname", "name"} {
		if v, ok := a.M[k]; ok {
			if s, ok := Force(v).(*String); ok && s.S != "" {
				return s.S
			}
		}
	}
	return ""
}

func (e *Evaluator) withPackages(pos syntax.Pos, p, from *Package, f Value) Value {
	set := &Package{P: pos, Attr: packageSet(from.Attr)}
	l, bad := e.list(pos, e.Apply(pos, f, set))
	if bad != nil {
		return bad
	}
	q := *p
	q.P = pos
	q.Members = append([]string(nil), p.Members...)
	for _, x := range l.Elems {
		switch m := Force(x).(type) {
		case *Package:
			q.Members = append(q.Members, m.Attr)
		case *Error:
			return m
		}
	}
	return &q
}

func (e *Evaluator) applyPackage(pos syntax.Pos, p *Package, arg Value) Value {
	if p.Universe() {
		return p // pkgs used as a function: import <nixpkgs> { … } gives pkgs
	}
	q := p.with("called")
	q.P = pos
	q.arg = arg
	return q
}

// ModuleArgs returns the arguments the NixOS module system passes to a
// module: the given config, pkgs, lib, and inputs, options and
// modulesPath as Unknown; any other argument asked for is Unknown too.
func (e *Evaluator) ModuleArgs(config Value) *Attrs {
	pos := syntax.Pos{}
	return &Attrs{P: pos, M: map[string]Value{
		"config":      config,
		"pkgs":        e.pkgs,
		"lib":         e.Lib(),
		"options":     &Unknown{P: pos, Reason: "module options"},
		"modulesPath": &Unknown{P: pos, Reason: "modulesPath"},
		"inputs":      &Unknown{P: pos, Reason: "flake inputs"},
	}, Partial: &Unknown{P: pos, Reason: "module argument"}}
}
