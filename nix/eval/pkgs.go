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

func (e *Evaluator) selectPackage(p *Package, name string, pos syntax.Pos) Value {
	if p.Attr == "" && p.Local == "" {
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
	case name == "callPackage":
		return prim(name, 2, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
			switch v := Force(a[0]).(type) {
			case *Path:
				base := path.Base(v.Path)
				base = strings.TrimSuffix(base, ".nix")
				if base == "default" {
					base = path.Base(path.Dir(v.Path))
				}
				return &Package{P: pos, Attr: base, Local: v.Path}
			case *Function:
				return &Package{P: pos, Attr: "callPackage", Notes: []string{"inline function"}}
			case *Unknown, *Error:
				return v
			default:
				return typeErr(pos, "a path or function", v)
			}
		})
	}
	if p.Attr != "" || p.Local != "" {
		switch name {
		case "override", "overrideAttrs", "overrideDerivation", "overridePythonAttrs":
			return prim(name, 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
				return p.with(name)
			})
		case "withPackages", "ghcWithPackages", "withExtensions":
			return prim(name, 1, func(e *Evaluator, pos syntax.Pos, a []Value) Value {
				return e.withPackages(pos, p, a[0])
			})
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
	case strings.HasPrefix(attr, "lua"), strings.HasPrefix(attr, "perl"), strings.HasPrefix(attr, "ruby"):
		return attr + "Packages"
	}
	return attr + "Packages"
}

func (e *Evaluator) withPackages(pos syntax.Pos, p *Package, f Value) Value {
	set := &Package{P: pos, Attr: packageSet(p.Attr)}
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
	if p.Attr == "" && p.Local == "" {
		return p // pkgs used as a function: import <nixpkgs> { … } gives pkgs
	}
	q := p.with("called")
	q.P = pos
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
