package nixos

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/nixarch/nixarch/model"
	"github.com/nixarch/nixarch/nix/eval"
	"github.com/nixarch/nixarch/nix/syntax"
)

// The priorities of the module system: a plain definition, mkDefault,
// an option's default, and the order of a list element without mkOrder.
const (
	prioPlain         = 100
	prioOptionDefault = 1500
	orderDefault      = 1000
)

// maxModules bounds how many modules one configuration may import.
const maxModules = 2000

// maxTreeDepth bounds how deep definitions are walked.
const maxTreeDepth = 64

// maxNodes bounds how many option paths one module system merges, so that
// a set that contains itself (let x = { a = x; b = x; }) stays bounded.
const maxNodes = 100_000

// unsetReason is the reason of the Unknown a module sees when it reads an
// option that no module defines.
const unsetReason = "option not set in this configuration"

// def is one definition of an option path: a value and the properties
// (priority, order, undecided conditions) that were pushed down onto it.
type def struct {
	v     eval.Value
	pos   syntax.Pos // where the definition is written
	prio  int
	order int
	conds []string // conditions that could not be decided
	when  []cond   // mkIf conditions not yet evaluated
}

// cond is a mkIf condition and its source text.
type cond struct {
	v    eval.Value
	text string
}

// node is an option path after merging: either a set of children or a
// leaf holding the definitions of the winning priority.
type node struct {
	path  []string
	kids  map[string]bool // names of the children when the node is a set
	defs  []def           // a leaf's winning definitions, in order
	all   []def           // every expanded definition, for positions
	value eval.Value      // the merged value, what config.PATH gives
	leaf  bool
	live  int // 0 not known, 1 some definition holds, 2 none does
}

// pos is where the node was first defined.
func (n *node) pos() syntax.Pos {
	for _, d := range n.all {
		if d.pos.IsValid() {
			return d.pos
		}
	}
	return syntax.Pos{}
}

// module is one evaluated module: its file and its config and options.
type module struct {
	file string
	cfg  eval.Value
	opts eval.Value
}

// decl is an option declared by a module of the configuration.
type decl struct {
	def eval.Value // nil without a default
	pos syntax.Pos
}

// moduleSystem evaluates a list of modules the way the NixOS module
// system does, far enough to see their merged definitions. The config
// given to the modules is a fixed point: each option path is merged the
// first time it is read, from the definitions of every module.
type moduleSystem struct {
	ev   *eval.Evaluator
	rep  *reporter
	args map[string]eval.Value // specialArgs and friends
	// basePkgs is the package universe before nixpkgs.overlays (the
	// evaluator's, or the pkgs a flake passes); pkgs is the one the
	// modules get, with the overlays, made once config is open.
	basePkgs eval.Value
	pkgs     eval.Value
	// defaults are option values that NixOS (or home-manager) gives
	// when nothing defines them and that nixarch knows.
	defaults map[string]bool
	// raw says whether the definitions at a path are values of their
	// own (home-manager users, flake-parts outputs), not merged as
	// options.
	raw       func(path []string) rawKind
	modules   []module
	byFile    map[string]*collected
	collected int // modules collected, bounded by maxModules
	decls     map[string]*decl
	declKids  map[string]map[string]bool
	nodes     map[string]*node
	busy      map[string]bool
	ready     bool
	expanded  int // definitions expanded, bounded by maxExpand
	added     int // calls of collect, bounded by 10×maxModules
}

// maxExpand bounds the definitions expanded in one module system, so that
// let m = mkMerge [ m m ]; in m stays bounded.
const maxExpand = 500_000

// rawKind says how merge treats an option path.
type rawKind uint8

const (
	merged     rawKind = iota // an option: merged
	rawModules                // modules of their own (home-manager.users.NAME)
	rawValue                  // a value read as it is (flake.nixosConfigurations.NAME)
)

func newModuleSystem(ev *eval.Evaluator, rep *reporter, args map[string]eval.Value) *moduleSystem {
	return &moduleSystem{
		ev: ev, rep: rep, args: args, basePkgs: ev.Pkgs(), raw: nixosRaw,
		byFile:   map[string]*collected{},
		decls:    map[string]*decl{},
		declKids: map[string]map[string]bool{},
		nodes:    map[string]*node{},
		busy:     map[string]bool{},
	}
}

// config returns a fresh lazy value of the merged configuration. Each
// module gets its own, so that one read while modules are still being
// collected (by imports = if config… ) does not fix an incomplete answer.
func (s *moduleSystem) config() eval.Value {
	return eval.Lazy(syntax.Pos{}, func() eval.Value {
		if !s.ready {
			return &eval.Unknown{Reason: "config read while imports are collected"}
		}
		return s.node(nil).value
	})
}

// modulePkgs returns the pkgs a module gets: the package universe with
// nixpkgs.overlays applied, once config is open; read earlier (while
// imports are collected) it is the universe without them.
func (s *moduleSystem) modulePkgs() eval.Value {
	return eval.Lazy(syntax.Pos{}, func() eval.Value {
		if !s.ready {
			return s.basePkgs
		}
		if s.pkgs == nil {
			s.pkgs = s.basePkgs
			n := s.node([]string{"nixpkgs", "overlays"})
			if l, ok := eval.Force(n.value).(*eval.List); ok && len(l.Elems) > 0 {
				s.pkgs = s.ev.ApplyOverlays(s.basePkgs, l.Elems)
			}
		}
		return s.pkgs
	})
}

// moduleArgs are the arguments a module function is applied to.
func (s *moduleSystem) moduleArgs() *eval.Attrs {
	a := s.ev.ModuleArgs(s.config())
	m := make(map[string]eval.Value, len(a.M)+len(s.args))
	for k, v := range a.M {
		m[k] = v
	}
	m["pkgs"] = s.modulePkgs()
	for k, v := range s.args {
		m[k] = v
	}
	return &eval.Attrs{P: a.P, M: m, Partial: a.Partial}
}

// collected is a module found while following imports, before
// disabledModules are applied: its key (the file it was read from, ""
// for a module written inline), its config and options, its imports and
// the modules it disables.
type collected struct {
	key      string
	mod      *module
	kids     []*collected
	disabled []disabledRef
}

// disabledRef is an entry of disabledModules.
type disabledRef struct {
	v   eval.Value
	pos syntax.Pos
}

// load collects mods and their imports, applies disabledModules and
// opens config, as lib/modules.nix does: the modules are the closure of
// the imports (breadth first, each key once) without the disabled ones
// and what only they import.
func (s *moduleSystem) load(mods []eval.Value) {
	var roots []*collected
	for _, m := range mods {
		if c := s.collect(m, "", posOr(m.Pos(), eval.Force(m).Pos()), nil); c != nil {
			roots = append(roots, c)
		}
	}
	s.closure(roots)
	s.finish()
}

// collect evaluates v as a module found at pos, with its imports. stack
// holds the files being imported, to find cycles.
func (s *moduleSystem) collect(v eval.Value, file string, pos syntax.Pos, stack []string) *collected {
	if s.collected >= maxModules {
		if s.collected == maxModules {
			s.rep.add(model.SeverityError, pos, fmt.Sprintf("more than %d modules: the rest are left out", maxModules))
		}
		s.collected++
		return nil
	}
	s.added++
	if s.added > maxModules*10 {
		s.rep.add(model.SeverityError, pos, "module functions that keep returning functions: left out")
		return nil
	}
	switch m := eval.Force(v).(type) {
	case *eval.Path:
		return s.collectFile(m.Path, pos, stack)
	case *eval.String:
		if strings.HasPrefix(m.S, "/") && len(m.Refs) == 0 {
			return s.collectFile(m.S, pos, stack)
		}
		s.rep.add(model.SeverityError, pos, fmt.Sprintf("import of %q: not a module", m.S))
	case *eval.Function:
		return s.collect(s.ev.Apply(m.Pos(), m, s.moduleArgs()), file, pos, stack)
	case *eval.Attrs:
		if f, ok := m.M["__functor"]; ok {
			return s.collect(s.ev.Apply(m.Pos(), eval.Force(f), m), file, pos, stack)
		}
		return s.collectAttrs(m, file, stack)
	case *eval.Tagged:
		switch m.Tag {
		case eval.TagIf, eval.TagMerge, eval.TagOverride, eval.TagOrder:
			// a module that is mkIf … { … }: all config, as NixOS reads it
			s.collected++
			return &collected{mod: &module{file: file, cfg: m}}
		}
		s.rep.add(model.SeverityError, pos, fmt.Sprintf("module left out: a module is a set, a function or a path, not a %s value", m.Tag))
	case *eval.Unknown:
		if m.Reason == "modulesPath" {
			s.rep.add(model.SeverityInfo, pos, "a module of NixOS itself (modulesPath) is not read: its options are NixOS defaults")
			return nil
		}
		s.rep.add(model.SeverityWarning, posOr(m.P, pos), "module left out: "+describeUnknown(m))
	case *eval.Error:
		s.rep.add(model.SeverityError, posOr(m.P, pos), "module left out: "+m.Msg)
	default:
		s.rep.add(model.SeverityError, pos, fmt.Sprintf("module left out: a module is a set, a function or a path, not a %s", m.Kind()))
	}
	return nil
}

func (s *moduleSystem) collectFile(p string, pos syntax.Pos, stack []string) *collected {
	if i := slices.Index(stack, p); i >= 0 {
		cycle := append(append([]string(nil), stack[i:]...), p)
		s.rep.add(model.SeverityWarning, pos, "import cycle: "+strings.Join(s.rep.files(cycle), " → ")+" (the import that closes it is skipped)")
		return nil
	}
	if c, ok := s.byFile[p]; ok {
		return c // the module system reads each file once
	}
	s.byFile[p] = nil
	v, err := s.ev.EvalFile(p)
	if err != nil {
		s.rep.addErr(pos, p, err)
		return nil
	}
	c := s.collect(v, p, v.Pos(), append(stack, p))
	if c != nil {
		c.key = p
	}
	s.byFile[p] = c
	return c
}

var structuredKeys = map[string]bool{"imports": true, "options": true, "config": true,
	"_file": true, "key": true, "disabledModules": true, "meta": true, "_class": true, "freeformType": true}

func (s *moduleSystem) collectAttrs(a *eval.Attrs, file string, stack []string) *collected {
	s.collected++
	_, hasConfig := a.M["config"]
	_, hasOptions := a.M["options"]
	mod := &module{file: file}
	if hasConfig || hasOptions {
		mod.cfg, mod.opts = a.M["config"], a.M["options"]
		for _, k := range a.Names() {
			if !structuredKeys[k] {
				s.rep.add(model.SeverityWarning, eval.Force(a.M[k]).Pos(),
					fmt.Sprintf("%s beside config and options in a module: left out, as NixOS rejects it", k))
			}
		}
	} else {
		m := map[string]eval.Value{}
		for k, v := range a.M {
			if !structuredKeys[k] || k == "meta" {
				m[k] = v
			}
		}
		mod.cfg = &eval.Attrs{P: a.P, M: m}
	}
	c := &collected{mod: mod}
	if dm, ok := a.M["disabledModules"]; ok {
		switch l := eval.Force(dm).(type) {
		case *eval.List:
			for _, x := range l.Elems {
				c.disabled = append(c.disabled, disabledRef{v: x, pos: posOr(x.Pos(), posOr(eval.Force(x).Pos(), l.P))})
			}
		default:
			s.rep.add(model.SeverityWarning, posOr(l.Pos(), a.P), "disabledModules left out: "+describe(l))
		}
	}
	if im, ok := a.M["imports"]; ok {
		switch l := eval.Force(im).(type) {
		case *eval.List:
			for _, x := range l.Elems {
				if k := s.collect(x, file, posOr(x.Pos(), posOr(eval.Force(x).Pos(), l.P)), stack); k != nil {
					c.kids = append(c.kids, k)
				}
			}
		case *eval.Unknown:
			s.rep.add(model.SeverityWarning, posOr(l.P, a.P), "imports left out: "+describeUnknown(l))
		case *eval.Error:
			s.rep.add(model.SeverityError, posOr(l.P, a.P), "imports left out: "+l.Msg)
		default:
			s.rep.add(model.SeverityError, posOr(l.Pos(), a.P), "imports must be a list")
		}
	}
	return c
}

// closure appends to s.modules the modules reachable from roots,
// breadth first, each file once, leaving out the disabled ones.
func (s *moduleSystem) closure(roots []*collected) {
	var refs []disabledRef
	seen := map[*collected]bool{}
	var walk func(c *collected, depth int)
	walk = func(c *collected, depth int) {
		if seen[c] || depth > maxModules {
			return
		}
		seen[c] = true
		refs = append(refs, c.disabled...)
		for _, k := range c.kids {
			walk(k, depth+1)
		}
	}
	for _, c := range roots {
		walk(c, 0)
	}
	disabled := map[string]syntax.Pos{}
	for _, r := range refs {
		if key, ok := s.disabledKey(r); ok {
			if _, dup := disabled[key]; !dup {
				disabled[key] = r.pos
			}
		}
	}
	hit := map[string]bool{}
	queued := map[*collected]bool{}
	queue := append([]*collected(nil), roots...)
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if queued[c] {
			continue
		}
		queued[c] = true
		if c.key != "" {
			if _, off := disabled[c.key]; off {
				hit[c.key] = true
				continue
			}
			if _, off := disabled[path.Join(c.key, "default.nix")]; off {
				hit[path.Join(c.key, "default.nix")] = true
				continue
			}
		}
		if c.mod != nil {
			s.modules = append(s.modules, *c.mod)
		}
		queue = append(queue, c.kids...)
	}
	keys := make([]string, 0, len(disabled))
	for k := range disabled {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if hit[k] {
			s.rep.add(model.SeverityInfo, disabled[k], fmt.Sprintf("module %s is disabled with disabledModules: it and what only it imports are left out", s.rep.file(k)))
		} else {
			s.rep.add(model.SeverityInfo, disabled[k], fmt.Sprintf("disabledModules names %s, which no module of the configuration imports", s.rep.file(k)))
		}
	}
}

// disabledKey returns the key of a disabledModules entry that names a
// file of the configuration; an entry that names a module of NixOS
// itself is a finding.
func (s *moduleSystem) disabledKey(r disabledRef) (string, bool) {
	switch v := eval.Force(r.v).(type) {
	case *eval.Path:
		return v.Path, true
	case *eval.String:
		if strings.HasPrefix(v.S, "/") {
			return path.Clean(v.S), true
		}
		s.rep.add(model.SeverityInfo, r.pos, fmt.Sprintf("disabledModules: NixOS's own module %s is disabled; nixarch does not read NixOS's modules, so nothing changes here (options the configuration declares itself are read as it declares them)", v.S))
	case *eval.Attrs:
		if k, ok := v.M["key"]; ok {
			if ks, ok := eval.Force(k).(*eval.String); ok {
				return ks.S, true
			}
		}
		s.rep.add(model.SeverityWarning, r.pos, "disabledModules entry left out: a set without a key")
	case *eval.Unknown:
		if v.Reason == "modulesPath" {
			s.rep.add(model.SeverityInfo, r.pos, "disabledModules: a module of NixOS itself (modulesPath) is disabled; nixarch does not read NixOS's modules, so nothing changes here")
			return "", false
		}
		s.rep.add(model.SeverityWarning, r.pos, "disabledModules entry left out: "+describeUnknown(v))
	case *eval.Error:
		s.rep.add(model.SeverityError, posOr(v.P, r.pos), "disabledModules entry left out: "+v.Msg)
	default:
		s.rep.add(model.SeverityWarning, r.pos, fmt.Sprintf("disabledModules entry left out: a %s", v.Kind()))
	}
	return "", false
}

// finish declares the options of every module and opens config.
func (s *moduleSystem) finish() {
	for _, m := range s.modules {
		if m.opts != nil {
			s.declare(nil, m.opts, 0)
		}
	}
	s.ready = true
}

func (s *moduleSystem) declare(path []string, v eval.Value, depth int) {
	if depth > maxTreeDepth {
		return
	}
	switch o := eval.Force(v).(type) {
	case *eval.Tagged:
		if o.Tag != eval.TagOption && o.Tag != eval.TagPackageOption {
			return
		}
		d := &decl{pos: o.P}
		if o.Fields != nil {
			if dv, ok := o.Fields.M["default"]; ok {
				d.def = dv
			}
		}
		if o.Tag == eval.TagPackageOption && d.def == nil {
			d.def = &eval.Unknown{P: o.P, Reason: "mkPackageOption default"}
		}
		key := strings.Join(path, ".")
		s.decls[key] = d
		for i := range path {
			parent := strings.Join(path[:i], ".")
			if s.declKids[parent] == nil {
				s.declKids[parent] = map[string]bool{}
			}
			s.declKids[parent][path[i]] = true
		}
	case *eval.Attrs:
		for k, x := range o.All() {
			s.declare(append(slices.Clip(path), k), x, depth+1)
		}
	}
}

// node returns the merged node at path.
func (s *moduleSystem) node(path []string) *node {
	key := strings.Join(path, "\x00")
	if n, ok := s.nodes[key]; ok {
		return n
	}
	if len(s.nodes) >= maxNodes {
		s.rep.add(model.SeverityError, syntax.Pos{}, fmt.Sprintf("more than %d option paths: the rest are left out", maxNodes))
		return &node{path: path, leaf: true, live: 2, value: &eval.Unknown{Reason: "too many option paths"}}
	}
	if s.busy[key] || len(path) > maxTreeDepth {
		return &node{path: path, leaf: true, value: &eval.Error{Class: eval.InfiniteRecursion,
			Msg: "infinite recursion in option " + strings.Join(path, ".")}}
	}
	s.busy[key] = true
	defer delete(s.busy, key)
	var raw []def
	if len(path) == 0 {
		for _, m := range s.modules {
			if m.cfg != nil {
				raw = append(raw, def{v: m.cfg, prio: prioPlain, order: orderDefault})
			}
		}
	} else {
		parent := s.node(path[:len(path)-1])
		name := path[len(path)-1]
		if !parent.leaf {
			for _, d := range parent.all {
				if a, ok := d.v.(*eval.Attrs); ok {
					if x, ok := a.M[name]; ok {
						raw = append(raw, def{v: x, pos: x.Pos(), prio: d.prio, order: d.order, conds: d.conds, when: d.when})
					}
				}
			}
		}
	}
	n := s.merge(path, raw)
	s.nodes[key] = n
	return n
}

// alive reports whether a definition of n holds once the mkIf conditions
// pushed down onto it are decided: a set defined only under false
// conditions is not there.
func (s *moduleSystem) alive(n *node) bool {
	if n.live == 0 {
		n.live = 2
		if len(s.decide(n.all)) > 0 {
			n.live = 1
		}
	}
	return n.live == 1
}

// nixosRaw says which paths of a NixOS configuration are not options:
// home-manager.users.NAME are modules of their own.
func nixosRaw(path []string) rawKind {
	if len(path) == 3 && path[0] == "home-manager" && path[1] == "users" {
		return rawModules
	}
	return merged
}

func (s *moduleSystem) merge(path []string, raw []def) *node {
	n := &node{path: path}
	dotted := strings.Join(path, ".")
	if kind := s.raw(path); kind != merged {
		n.leaf = true
		for _, d := range raw {
			n.all = append(n.all, s.expand(d, path, 0, false)...)
		}
		n.all = s.decide(n.all)
		n.defs = n.all
		n.value = &eval.Unknown{P: n.pos(), Reason: "home-manager configuration", Path: dotted}
		if kind == rawValue {
			switch len(n.defs) {
			case 0:
				n.value = &eval.Unknown{Reason: unsetReason, Path: dotted}
			case 1:
				n.value = n.defs[0].v
			default:
				s.rep.add(model.SeverityError, n.defs[1].pos, fmt.Sprintf("%s is defined twice (also at %s): the first is kept", dotted, s.rep.pos(n.defs[0].pos)))
				n.value = n.defs[0].v
			}
		}
		return n
	}
	for _, d := range raw {
		n.all = append(n.all, s.expand(d, path, 0, true)...)
	}
	if len(n.all) == 0 {
		if d, ok := s.decls[dotted]; ok && d.def != nil {
			n.all = s.expand(def{v: d.def, prio: prioOptionDefault, order: orderDefault}, path, 0, true)
		}
	}
	sets := 0
	for _, d := range n.all {
		if _, ok := d.v.(*eval.Attrs); ok {
			sets++
		}
	}
	_, declared := s.decls[dotted]
	if (sets > 0 && !declared) || (len(n.all) == 0 && len(s.declKids[dotted]) > 0) || (len(n.all) == 0 && len(path) == 0) {
		s.mergeSet(n, dotted)
		return n
	}
	n.leaf = true
	n.all = s.decide(n.all)
	if len(n.all) == 0 {
		reason := unsetReason
		if declared {
			reason = "option " + dotted + " has no default"
		}
		n.value = &eval.Unknown{Reason: reason, Path: "config." + dotted}
		if !declared && len(path) < maxTreeDepth {
			// config.a.b.enable, with nothing under a set: the defaults
			n.value.(*eval.Unknown).Sel = func(name string) eval.Value {
				return s.node(append(slices.Clip(path), name)).value
			}
		}
		if !declared {
			if v, ok := s.defaults[dotted]; ok {
				n.value = &eval.Bool{V: v}
			} else if path[len(path)-1] == "enable" {
				n.value = &eval.Bool{V: false} // an enable option is false unless set
			}
		}
		return n
	}
	best := n.all[0].prio
	for _, d := range n.all {
		best = min(best, d.prio)
	}
	for _, d := range n.all {
		if d.prio == best {
			n.defs = append(n.defs, d)
		}
	}
	sort.SliceStable(n.defs, func(i, j int) bool { return n.defs[i].order < n.defs[j].order })
	n.value = s.leafValue(n, dotted)
	return n
}

func (s *moduleSystem) mergeSet(n *node, dotted string) {
	n.kids = map[string]bool{}
	var kept []def
	for _, d := range n.all {
		switch a := d.v.(type) {
		case *eval.Attrs:
			for k := range a.M {
				n.kids[k] = true
			}
			kept = append(kept, d)
		default:
			s.rep.add(model.SeverityWarning, d.pos, fmt.Sprintf("definition of %s left out: %s beside attribute sets", orRoot(dotted), describe(d.v)))
		}
	}
	n.all = kept
	for k := range s.declKids[dotted] {
		n.kids[k] = true
	}
	m := make(map[string]eval.Value, len(n.kids))
	for k := range n.kids {
		child := append(slices.Clip(n.path), k)
		at := n.pos() // where the child is first defined, else the set
		for _, d := range n.all {
			if x, ok := d.v.(*eval.Attrs).M[k]; ok && x.Pos().IsValid() {
				at = x.Pos()
				break
			}
		}
		m[k] = eval.Lazy(at, func() eval.Value { return s.node(child).value })
	}
	p := "config"
	if dotted != "" {
		p += "." + dotted
	}
	n.value = &eval.Attrs{P: n.pos(), M: m, Partial: &eval.Unknown{Reason: unsetReason, Path: p},
		Missing: func(name string) eval.Value {
			// an option nothing defines: its default where it is known
			return s.node(append(slices.Clip(n.path), name)).value
		}}
}

// leafValue merges the winning definitions of a leaf: lists are
// concatenated, anything else must agree.
func (s *moduleSystem) leafValue(n *node, dotted string) eval.Value {
	lists := 0
	for _, d := range n.defs {
		if _, ok := d.v.(*eval.List); ok {
			lists++
		}
	}
	if lists > 0 && len(n.defs) > 1 {
		out := &eval.List{P: n.defs[0].pos}
		for _, d := range n.defs {
			switch l := d.v.(type) {
			case *eval.List:
				out.Elems = append(out.Elems, l.Elems...)
			case *eval.Unknown:
				return &eval.Unknown{P: l.P, Reason: l.Reason, Path: l.Path}
			}
		}
		return out
	}
	first := n.defs[0].v
	for _, d := range n.defs[1:] {
		if eval.Print(d.v) != eval.Print(first) {
			s.rep.add(model.SeverityError, d.pos, fmt.Sprintf("%s is defined twice with different values at the same priority (also at %s): the first is kept", dotted, s.rep.pos(n.defs[0].pos)))
		}
	}
	return first
}

// expand forces d and pushes the module-system properties (mkIf,
// mkMerge, mkOverride, mkOrder) down into plain definitions.
func (s *moduleSystem) expand(d def, path []string, depth int, warn bool) []def {
	s.expanded++
	if s.expanded > maxExpand {
		s.rep.add(model.SeverityError, d.pos, fmt.Sprintf("more than %d definitions: the rest are left out", maxExpand))
		return nil
	}
	if depth > maxTreeDepth {
		s.rep.add(model.SeverityError, d.pos, fmt.Sprintf("definitions of %s nested more than %d deep: left out", orRoot(strings.Join(path, ".")), maxTreeDepth))
		return nil
	}
	if !d.pos.IsValid() {
		d.pos = d.v.Pos()
	}
	v := eval.Force(d.v)
	if !d.pos.IsValid() {
		d.pos = v.Pos()
	}
	if u, ok := v.(*eval.Unknown); ok && len(u.Alternatives) == 2 && warn && branchesHaveSets(u) {
		// if c then { … } else { … } with c undecided: each branch is a
		// definition under its condition, as mkIf c would be.
		var out []def
		for i, alt := range u.Alternatives {
			dd := d
			dd.v = alt
			dd.when = append(slices.Clip(d.when), cond{v: u.Condition(i == 1)})
			out = append(out, s.expand(dd, path, depth+1, warn)...)
		}
		return out
	}
	t, ok := v.(*eval.Tagged)
	if !ok {
		if e, ok := v.(*eval.Error); ok && warn {
			s.rep.add(model.SeverityError, e.P, fmt.Sprintf("%s left out: %s", orRoot(strings.Join(path, ".")), e.Msg))
			return nil
		}
		d.v = v
		return []def{d}
	}
	switch t.Tag {
	case eval.TagIf:
		// As NixOS does, a condition is pushed down unevaluated and decided
		// where the definition meets a leaf, so that a module may read
		// config in the condition of its own config.
		d.when = append(slices.Clip(d.when), cond{v: t.Cond, text: s.rep.sourceText(t.Cond.Pos())})
		d.v = t.Content
		return s.expand(d, path, depth+1, warn)
	case eval.TagMerge:
		var out []def
		for _, x := range t.Contents {
			dd := d
			dd.v = x
			out = append(out, s.expand(dd, path, depth+1, warn)...)
		}
		return out
	case eval.TagOverride:
		d.prio, d.v = t.Priority, t.Content
		return s.expand(d, path, depth+1, warn)
	case eval.TagOrder:
		d.order, d.v = t.Priority, t.Content
		return s.expand(d, path, depth+1, warn)
	}
	d.v = v
	return []def{d}
}

// branchesHaveSets reports whether one of the two alternatives of u is a
// set, so that u stands for definitions rather than for one value.
func branchesHaveSets(u *eval.Unknown) bool {
	for _, alt := range u.Alternatives {
		if _, ok := eval.Force(alt).(*eval.Attrs); ok {
			return true
		}
	}
	return false
}

// decide evaluates the pending mkIf conditions of a leaf's definitions:
// a false one drops the definition, an undecided one is recorded.
func (s *moduleSystem) decide(defs []def) []def {
	var out []def
next:
	for _, d := range defs {
		for _, cd := range d.when {
			switch c := eval.Force(cd.v).(type) {
			case *eval.Bool:
				if !c.V {
					continue next
				}
			case *eval.Unknown:
				if unsetEnable(c) {
					continue next
				}
				text := cd.text
				if c.Cond != nil || text == "" {
					text = s.rep.condText(c)
				}
				d.conds = append(slices.Clip(d.conds), text)
			case *eval.Error:
				s.rep.add(model.SeverityError, posOr(c.P, d.pos), "mkIf condition: "+c.Msg+" (the definition is left out)")
				continue next
			default:
				s.rep.add(model.SeverityError, d.pos, fmt.Sprintf("mkIf condition is a %s, not a Boolean (the definition is left out)", c.Kind()))
				continue next
			}
		}
		d.when = nil
		out = append(out, d)
	}
	return out
}

// unsetEnable reports whether u is an enable option that nothing sets,
// which is false in NixOS and home-manager.
func unsetEnable(u *eval.Unknown) bool {
	return u.Reason == unsetReason && (strings.HasSuffix(u.Path, ".enable") || u.Path == "enable")
}

// conditionText is the text of an undecided condition: the option it
// reads (config.services.foo.enable) or why it is unknown.
func conditionText(u *eval.Unknown) string {
	if u.Reason == unsetReason && u.Path != "" {
		return u.Path
	}
	return describeUnknown(u)
}

func describeUnknown(u *eval.Unknown) string {
	r := u.Reason
	if strings.HasPrefix(r, "builtins.fetch") {
		r = "fetched from the network with " + r
	}
	if u.Path != "" {
		return r + " (" + u.Path + ")"
	}
	return r
}

func describe(v eval.Value) string {
	switch v := eval.Force(v).(type) {
	case *eval.Unknown:
		return "unknown: " + describeUnknown(v)
	case *eval.Error:
		return "error: " + v.Msg
	default:
		return "a " + v.Kind().String()
	}
}

func orRoot(dotted string) string {
	if dotted == "" {
		return "the configuration"
	}
	return dotted
}

// posOr returns p, or alt when p is not a position in the user's files
// (invalid, or inside nixarch's own lib).
func posOr(p, alt syntax.Pos) syntax.Pos {
	if p.IsValid() && !strings.HasPrefix(p.Filename, "<") {
		return p
	}
	return alt
}
