package nixos

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/nixarch/nixarch/model"
	"github.com/nixarch/nixarch/nix/eval"
	"github.com/nixarch/nixarch/nix/syntax"
)

// tagKey marks the sets that stand for nixpkgs.lib.nixosSystem,
// home-manager.lib.homeManagerConfiguration and flake-parts.lib.mkFlake
// calls, which record their arguments instead of building anything.
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
  utilsLib = rec {
    defaultSystems = [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ];
    allSystems = systems;
    system = builtins.listToAttrs (map (s: { name = s; value = s; }) systems);
    eachSystem = ss: f: builtins.foldl' (acc: s:
      let out = f s; in
      acc // builtins.mapAttrs (name: value: (acc.${name} or { }) // { ${s} = value; }) out) { } ss;
    eachDefaultSystem = eachSystem defaultSystems;
    eachSystemPassThrough = ss: f: builtins.foldl' (acc: s: acc // f s) { } ss;
    eachDefaultSystemPassThrough = eachSystemPassThrough defaultSystems;
    mkApp = { drv, name ? drv.pname or drv.name, exePath ? "/bin/${name}" }:
      { type = "app"; program = "${drv}${exePath}"; };
    flattenTree = tree: tree;
    filterPackages = system: packages: packages;
    simpleFlake = args: { };
  };
  partsLib = {
    mkFlake = args: module: { ` + tagKey + ` = "mkFlake"; inherit args module; };
    importApply = file: args: { __functor = _: moduleArgs: (import file args) moduleArgs; };
    mkPerSystemOption = _: { };
    mkTransposedPerSystemModule = _: { };
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
  flake-utils = {
    lib = utilsLib;
    outPath = "/flake-utils";
  };
  flake-parts = {
    lib = partsLib;
    flakeModules = { };
    outPath = "/flake-parts";
  };
  withSystem = system: f: f {
    inherit system pkgs;
    config = { };
    inputs' = { };
    self' = { };
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
	top, ok := v.(*eval.Attrs)
	if !ok {
		return nil, fmt.Errorf("import nixos: %s: a flake is an attribute set, not %s", imp.rep.pos(v.Pos()), describe(v))
	}
	outFn, ok := top.Get("outputs")
	if !ok {
		return nil, fmt.Errorf("import nixos: %s: the flake has no outputs", imp.rep.pos(top.P))
	}
	// self is the flake's outputs with outPath (the flake's folder),
	// inputs and outputs, as Nix's call-flake.nix makes it.
	var outputs eval.Value
	var inputs *eval.Attrs
	self := eval.Lazy(top.P, func() eval.Value {
		o, ok := eval.Force(outputs).(*eval.Attrs)
		if !ok {
			return &eval.Unknown{P: top.P, Reason: "the flake's own outputs (self)"}
		}
		m := make(map[string]eval.Value, len(o.M)+4)
		for k, x := range o.M {
			m[k] = x
		}
		m["outPath"] = &eval.Path{P: top.P, Path: imp.root}
		m["outputs"] = o
		m["inputs"] = inputs
		m["_type"] = eval.Str(top.P, "flake")
		return &eval.Attrs{P: o.P, M: m, Partial: o.Partial}
	})
	stubs := imp.stubs()
	inputs = imp.inputs(top, outFn, stubs, self)
	called := imp.ev.Apply(top.P, outFn, inputs)
	outputs = eval.Lazy(top.P, func() eval.Value {
		o := eval.Force(called)
		if tag, a := tagged(o); tag == "mkFlake" {
			return imp.flakeParts(a, inputs, self, stubs)
		}
		return o
	})
	outs := eval.Force(outputs)
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

// tagged returns the tag of a recording stub's result and the set.
func tagged(v eval.Value) (string, *eval.Attrs) {
	a, ok := eval.Force(v).(*eval.Attrs)
	if !ok {
		return "", nil
	}
	t, ok := a.Get(tagKey)
	if !ok {
		return "", a
	}
	if s, ok := eval.Force(t).(*eval.String); ok {
		return s.S, a
	}
	return "", a
}

// stubs evaluates inputStubs.
func (imp *importer) stubs() eval.Value {
	stubsFn, err := imp.ev.EvalString("/<nixarch>/inputs.nix", inputStubs)
	if err != nil {
		return &eval.Unknown{Reason: "flake inputs"}
	}
	return imp.ev.Apply(syntax.Pos{}, stubsFn, eval.NewAttrs(syntax.Pos{}, map[string]eval.Value{
		"lib": imp.ev.Lib(), "pkgs": imp.ev.Pkgs(),
		// import of this Unknown is how the evaluator gives pkgs for import <nixpkgs> { }
		"nixpkgsPath": &eval.Unknown{Reason: "search path <nixpkgs>"},
	}))
}

// inputKind tells which stub an input gets, by its name or URL: nixpkgs
// (and its forks: nixpkgs-unstable, nixos-24.11 channels), home-manager,
// flake-utils and flake-parts; "" for any other input, which is Unknown.
func inputKind(name, url string) string {
	n := strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(name))
	u := strings.ToLower(url)
	switch {
	case strings.Contains(u, "hercules-ci/flake-parts") || strings.Contains(n, "flakeparts"):
		return "flake-parts"
	case strings.Contains(u, "numtide/flake-utils") || n == "flakeutils" || (n == "utils" && u == ""):
		return "flake-utils"
	case strings.Contains(u, "home-manager") || strings.Contains(n, "homemanager"):
		return "home-manager"
	case nixpkgsURL.MatchString(u) || (u == "" && strings.Contains(n, "nixpkgs")):
		return "nixpkgs"
	}
	return ""
}

// nixpkgsURL matches the URLs of nixpkgs and its forks and channels:
// github:NixOS/nixpkgs/nixos-24.11, nixpkgs/nixos-unstable (the registry),
// https://channels.nixos.org/…, github:someone/nixpkgs/branch.
var nixpkgsURL = regexp.MustCompile(`^nixpkgs([/?]|$)|nixos\.org/channels|channels\.nixos\.org|/nixpkgs([/?#]|\.git|$)`)

// inputs builds the symbolic inputs of a flake: nixpkgs, home-manager,
// flake-utils and flake-parts (by name or URL) are stubs, self is the
// flake's own outputs; any other input is Unknown.
func (imp *importer) inputs(top *eval.Attrs, outFn, stubs, self eval.Value) *eval.Attrs {
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
	m := map[string]eval.Value{}
	for name, url := range names {
		if name == "self" {
			m[name] = self
			continue
		}
		if kind := inputKind(name, url); kind != "" {
			m[name] = imp.ev.Select(stubs, kind)
			continue
		}
		m[name] = &eval.Attrs{M: map[string]eval.Value{}, Partial: &eval.Unknown{Reason: "flake input " + name}}
	}
	all := eval.NewAttrs(top.P, m)
	m["inputs"] = all
	if _, ok := names["inputs"]; !ok {
		delete(m, "inputs")
	}
	return all
}

// flakeParts evaluates the module of flake-parts.lib.mkFlake { inputs; }
// MODULE as a module system of its own and returns its flake option: the
// flake's outputs. nixosConfigurations.NAME and homeConfigurations.NAME
// are taken as they are defined (the nixosSystem calls), not merged.
func (imp *importer) flakeParts(call *eval.Attrs, inputs *eval.Attrs, self, stubs eval.Value) eval.Value {
	ins := eval.Value(inputs)
	if args, ok := eval.Force(call.M["args"]).(*eval.Attrs); ok {
		if given, ok := args.Get("inputs"); ok {
			ins = given
		}
	}
	partsLib := imp.ev.Select(stubs, "flake-parts", "lib")
	args := map[string]eval.Value{
		"inputs":           ins,
		"self":             self,
		"withSystem":       imp.ev.Select(stubs, "withSystem"),
		"flake-parts-lib":  partsLib,
		"moduleWithSystem": eval.Lazy(syntax.Pos{}, func() eval.Value { return &eval.Unknown{Reason: "flake-parts moduleWithSystem"} }),
		"getSystem":        eval.Lazy(syntax.Pos{}, func() eval.Value { return &eval.Unknown{Reason: "flake-parts getSystem"} }),
	}
	ms := newModuleSystem(imp.ev, imp.rep, args)
	ms.raw = func(path []string) rawKind {
		switch {
		case len(path) == 3 && path[0] == "flake" && (path[1] == "nixosConfigurations" || path[1] == "homeConfigurations"):
			return rawValue
		case len(path) >= 1 && (path[0] == "perSystem" || path[0] == "transposition"):
			return rawModules
		}
		return merged
	}
	mod := call.M["module"]
	ms.load([]eval.Value{mod})
	return ms.node([]string{"flake"}).value
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
	want := "nixosSystem"
	if h.Kind == HostHomeManager {
		want = "homeManagerConfiguration"
	}
	tag, a := tagged(v)
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
	// the pkgs the call is given (import nixpkgs { overlays = …; })
	var pkgs eval.Value
	if p, ok := args.Get("pkgs"); ok {
		if u, ok := eval.Force(p).(*eval.Package); ok && u.Universe() {
			pkgs = u
		} else {
			imp.rep.add(model.SeverityWarning, posOr(eval.Force(p).Pos(), args.P), "pkgs of "+want+" is not nixpkgs: "+describe(p)+"; the modules get nixpkgs")
		}
	}
	if h.Kind == HostNixOS {
		imp.nixos(mods, special, pkgs, sys)
		return nil
	}
	user := h.Name
	if i := strings.IndexByte(user, '@'); i > 0 {
		user = user[:i]
	}
	imp.homeStandalone(user, mods, special, pkgs, args.P, sys)
	return nil
}

// homeStandalone evaluates a standalone home-manager configuration: the
// user is home.username, or else fallback.
func (imp *importer) homeStandalone(fallback string, mods []eval.Value, special map[string]eval.Value, pkgs eval.Value, at syntax.Pos, sys *model.System) {
	probe := newModuleSystem(imp.ev, newReporter(imp.fsys, imp.root, imp.rep.shown), special)
	if pkgs != nil {
		probe.basePkgs = pkgs
	}
	probe.load(mods)
	user := fallback
	if s, ok := eval.Force(probe.node([]string{"home", "username"}).value).(*eval.String); ok && s.S != "" {
		user = s.S
	}
	if user == "" {
		user = "user"
		imp.rep.add(model.SeverityWarning, at, "home.username is not set: the user is called user; rename it")
	}
	imp.homeUser(user, mods, special, pkgs, sys)
}
