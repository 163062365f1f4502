package nixos

import (
	"fmt"
	"strings"

	"github.com/nixarch/nixarch/model"
	"github.com/nixarch/nixarch/nix/eval"
	"github.com/nixarch/nixarch/nix/syntax"
)

// tagKey marks the sets that stand for nixpkgs.lib.nixosSystem and
// home-manager.lib.homeManagerConfiguration calls, which record their
// argument instead of building anything.
const tagKey = "__nixarchCall"

// inputStubs is the symbolic side of flake inputs, written in Nix and
// applied to lib, pkgs and the Unknown that import turns into pkgs.
const inputStubs = `{ lib, pkgs, nixpkgsPath }:
let
  systems = [ "x86_64-linux" "aarch64-linux" "i686-linux" "x86_64-darwin" "aarch64-darwin" ];
  perSystem = v: builtins.listToAttrs (map (s: { name = s; value = v; }) systems);
  hmLib = {
    homeManagerConfiguration = args: { ` + tagKey + ` = "homeManagerConfiguration"; inherit args; };
    hm.dag = { entryAfter = _: x: x; entryBefore = _: x: x; entryAnywhere = x: x; entryBetween = _: _: x: x; };
  };
in {
  nixpkgs = {
    lib = lib // { nixosSystem = args: { ` + tagKey + ` = "nixosSystem"; inherit args; }; };
    legacyPackages = perSystem pkgs;
    outPath = nixpkgsPath;
    nixosModules = { notDetected = { }; };
  };
  home-manager = {
    lib = hmLib;
    nixosModules = { home-manager = { }; default = { }; };
    darwinModules = { home-manager = { }; default = { }; };
    outPath = "/home-manager";
  };
}
`

// flake is an evaluated flake.nix: its hosts and their calls.
type flake struct {
	imp   *importer
	file  string
	pos   syntax.Pos
	hosts []Host
	calls map[Host]eval.Value
}

// flake evaluates the flake.nix named base with symbolic inputs.
func (imp *importer) flake(base string) (*flake, error) {
	file := imp.path(base)
	v, err := imp.ev.EvalFile(file)
	if err != nil {
		return nil, fmt.Errorf("import nixos: %w", imp.fileErr(err))
	}
	imp.rep.read(file)
	top, ok := v.(*eval.Attrs)
	if !ok {
		return nil, fmt.Errorf("import nixos: %s: a flake is an attribute set, not %s", imp.rep.pos(v.Pos()), describe(v))
	}
	outFn, ok := top.Get("outputs")
	if !ok {
		return nil, fmt.Errorf("import nixos: %s: the flake has no outputs", imp.rep.pos(top.P))
	}
	inputs := imp.inputs(top, outFn)
	outs := eval.Force(imp.ev.Apply(top.P, outFn, inputs))
	fl := &flake{imp: imp, file: file, pos: top.P, calls: map[Host]eval.Value{}}
	o, ok := outs.(*eval.Attrs)
	if !ok {
		return nil, fmt.Errorf("import nixos: %s: the flake's outputs could not be evaluated: %s", imp.rep.pos(posOr(outs.Pos(), top.P)), describe(outs))
	}
	for _, kind := range []struct {
		attr string
		kind HostKind
	}{{"nixosConfigurations", HostNixOS}, {"homeConfigurations", HostHomeManager}} {
		cs, ok := o.Get(kind.attr)
		if !ok {
			continue
		}
		switch c := eval.Force(cs).(type) {
		case *eval.Attrs:
			for _, name := range c.Names() {
				h := Host{Name: name, Kind: kind.kind}
				fl.hosts = append(fl.hosts, h)
				fl.calls[h] = c.M[name]
			}
		default:
			imp.rep.add(model.SeverityWarning, posOr(c.Pos(), top.P), fmt.Sprintf("%s could not be evaluated: %s", kind.attr, describe(c)))
		}
	}
	return fl, nil
}

// inputs builds the symbolic inputs of a flake: nixpkgs and home-manager
// (by name or URL) answer nixosSystem and homeManagerConfiguration; any
// other input is Unknown.
func (imp *importer) inputs(top *eval.Attrs, outFn eval.Value) *eval.Attrs {
	names := map[string]string{"self": ""}
	if in, ok := top.Get("inputs"); ok {
		if a, ok := eval.Force(in).(*eval.Attrs); ok {
			for name, spec := range a.All() {
				url := ""
				if s, ok := eval.Force(imp.ev.Select(spec, "url")).(*eval.String); ok {
					url = s.S
				} else if s, ok := eval.Force(spec).(*eval.String); ok {
					url = s.S
				}
				names[name] = url
			}
		}
	}
	if f, ok := eval.Force(outFn).(*eval.Function); ok && f.Lambda != nil && f.Lambda.Formals != nil {
		for _, fm := range f.Lambda.Formals.List {
			if _, ok := names[fm.Name]; !ok {
				names[fm.Name] = ""
			}
		}
	}
	stubsFn, err := imp.ev.EvalString("/<nixarch>/inputs.nix", inputStubs)
	var stubs eval.Value = &eval.Unknown{Reason: "flake inputs"}
	if err == nil {
		stubs = imp.ev.Apply(syntax.Pos{}, stubsFn, eval.NewAttrs(syntax.Pos{}, map[string]eval.Value{
			"lib": imp.ev.Lib(), "pkgs": imp.ev.Pkgs(),
			// import of this Unknown is how the evaluator gives pkgs for import <nixpkgs> { }
			"nixpkgsPath": &eval.Unknown{Reason: "search path <nixpkgs>"},
		}))
	}
	m := map[string]eval.Value{}
	for name, url := range names {
		switch {
		case strings.Contains(name, "nixpkgs") || strings.Contains(url, "NixOS/nixpkgs") || strings.Contains(url, "nixos/nixpkgs"):
			m[name] = imp.ev.Select(stubs, "nixpkgs")
		case strings.Contains(name, "home-manager") || strings.Contains(url, "home-manager"):
			m[name] = imp.ev.Select(stubs, "home-manager")
		default:
			m[name] = &eval.Attrs{M: map[string]eval.Value{}, Partial: &eval.Unknown{Reason: "flake input " + name}}
		}
	}
	all := eval.NewAttrs(top.P, m)
	m["inputs"] = all
	if _, ok := names["inputs"]; !ok {
		delete(m, "inputs")
	}
	return all
}

// choose picks the host named want, or the only one.
func (fl *flake) choose(want string) (Host, error) {
	if want != "" {
		for _, h := range fl.hosts {
			if h.Name == want {
				return h, nil
			}
		}
		return Host{}, &HostError{Host: want, Hosts: fl.hosts, Err: ErrNoSuchHost}
	}
	switch len(fl.hosts) {
	case 0:
		return Host{}, fmt.Errorf("import nixos: %s: the flake defines no nixosConfigurations or homeConfigurations", fl.imp.rep.pos(fl.pos))
	case 1:
		return fl.hosts[0], nil
	}
	return Host{}, &HostError{Hosts: fl.hosts, Err: ErrHostRequired}
}

// build evaluates the call of host into sys.
func (fl *flake) build(h Host, sys *model.System) error {
	imp := fl.imp
	v := eval.Force(fl.calls[h])
	a, ok := v.(*eval.Attrs)
	want := "nixosSystem"
	if h.Kind == HostHomeManager {
		want = "homeManagerConfiguration"
	}
	var tag string
	if ok {
		if t, ok := a.Get(tagKey); ok {
			if s, ok := eval.Force(t).(*eval.String); ok {
				tag = s.S
			}
		}
	}
	if tag != want {
		return fmt.Errorf("import nixos: %s: %s is not a call of %s that nixarch can follow: %s", imp.rep.pos(posOr(v.Pos(), fl.pos)), h.Name, want, describe(v))
	}
	args, _ := eval.Force(a.M["args"]).(*eval.Attrs)
	if args == nil {
		return fmt.Errorf("import nixos: %s: the argument of %s is not a set", imp.rep.pos(v.Pos()), want)
	}
	var mods []eval.Value
	if ml, ok := args.Get("modules"); ok {
		switch l := eval.Force(ml).(type) {
		case *eval.List:
			mods = l.Elems
		default:
			imp.rep.add(model.SeverityError, posOr(l.Pos(), args.P), "modules left out: "+describe(l))
		}
	}
	argsName := "specialArgs"
	if h.Kind == HostHomeManager {
		argsName = "extraSpecialArgs"
	}
	special := map[string]eval.Value{}
	if sa, ok := args.Get(argsName); ok {
		switch s := eval.Force(sa).(type) {
		case *eval.Attrs:
			for k, x := range s.All() {
				special[k] = x
			}
		default:
			imp.rep.add(model.SeverityWarning, posOr(s.Pos(), args.P), argsName+" left out: "+describe(s))
		}
	}
	if h.Kind == HostNixOS {
		imp.nixos(mods, special, sys)
		return nil
	}
	user := h.Name
	if i := strings.IndexByte(user, '@'); i > 0 {
		user = user[:i]
	}
	probe := newModuleSystem(imp.ev, newReporter(imp.fsys, imp.root, imp.rep.shown), special)
	for _, m := range mods {
		probe.add(m, "", posOr(m.Pos(), eval.Force(m).Pos()), nil)
	}
	probe.finish()
	if s, ok := eval.Force(probe.node([]string{"home", "username"}).value).(*eval.String); ok && s.S != "" {
		user = s.S
	}
	imp.homeUser(user, mods, special, sys)
	return nil
}
