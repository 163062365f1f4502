package nixos

import (
	"fmt"
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
	ev       *eval.Evaluator
	rep      *reporter
	args     map[string]eval.Value // specialArgs and friends
	modules  []module
	visited  map[string]bool
	decls    map[string]*decl
	declKids map[string]map[string]bool
	nodes    map[string]*node
	busy     map[string]bool
	ready    bool
	expanded int // definitions expanded, bounded by maxExpand
	added    int // calls of add, bounded by 10×maxModules
}

// maxExpand bounds the definitions expanded in one module system, so that
// let m = mkMerge [ m m ]; in m stays bounded.
const maxExpand = 500_000

func newModuleSystem(ev *eval.Evaluator, rep *reporter, args map[string]eval.Value) *moduleSystem {
	return &moduleSystem{
		ev: ev, rep: rep, args: args,
		visited:  map[string]bool{},
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

// moduleArgs are the arguments a module function is applied to.
func (s *moduleSystem) moduleArgs() *eval.Attrs {
	a := s.ev.ModuleArgs(s.config())
	m := make(map[string]eval.Value, len(a.M)+len(s.args))
	for k, v := range a.M {
		m[k] = v
	}
	for k, v := range s.args {
		m[k] = v
	}
	return &eval.Attrs{P: a.P, M: m, Partial: a.Partial}
}

// add evaluates v as a module found at pos and adds it with its imports.
// stack holds the files being imported, to find cycles.
func (s *moduleSystem) add(v eval.Value, file string, pos syntax.Pos, stack []string) {
	if len(s.modules) >= maxModules {
		s.rep.add(model.SeverityError, pos, fmt.Sprintf("more than %d modules: the rest are left out", maxModules))
		return
	}
	s.added++
	if s.added > maxModules*10 {
		s.rep.add(model.SeverityError, pos, "module functions that keep returning functions: left out")
		return
	}
	switch m := eval.Force(v).(type) {
	case *eval.Path:
		s.addFile(m.Path, pos, stack)
	case *eval.String:
		if strings.HasPrefix(m.S, "/") {
			s.addFile(m.S, pos, stack)
			return
		}
		s.rep.add(model.SeverityError, pos, fmt.Sprintf("import of %q: not a module", m.S))
	case *eval.Function:
		s.add(s.ev.Apply(m.Pos(), m, s.moduleArgs()), file, pos, stack)
	case *eval.Attrs:
		s.addAttrs(m, file, stack)
	case *eval.Unknown:
		if m.Reason == "modulesPath" {
			s.rep.add(model.SeverityInfo, pos, "a module of NixOS itself (modulesPath) is not read: its options are NixOS defaults")
			return
		}
		s.rep.add(model.SeverityWarning, posOr(m.P, pos), "module left out: "+describeUnknown(m))
	case *eval.Error:
		s.rep.add(model.SeverityError, posOr(m.P, pos), "module left out: "+m.Msg)
	default:
		s.rep.add(model.SeverityError, pos, fmt.Sprintf("module left out: a module is a set, a function or a path, not a %s", m.Kind()))
	}
}

func (s *moduleSystem) addFile(p string, pos syntax.Pos, stack []string) {
	if i := slices.Index(stack, p); i >= 0 {
		cycle := append(append([]string(nil), stack[i:]...), p)
		s.rep.add(model.SeverityWarning, pos, "import cycle: "+strings.Join(s.rep.files(cycle), " → ")+" (the import that closes it is skipped)")
		return
	}
	if s.visited[p] {
		return // the module system imports each file once
	}
	s.visited[p] = true
	v, err := s.ev.EvalFile(p)
	if err != nil {
		s.rep.addErr(pos, p, err)
		return
	}
	s.rep.read(p)
	s.add(v, p, v.Pos(), append(stack, p))
}

var structuredKeys = map[string]bool{"imports": true, "options": true, "config": true,
	"_file": true, "key": true, "disabledModules": true, "meta": true, "_class": true}

func (s *moduleSystem) addAttrs(a *eval.Attrs, file string, stack []string) {
	_, hasConfig := a.M["config"]
	_, hasOptions := a.M["options"]
	mod := module{file: file}
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
	s.modules = append(s.modules, mod)
	if im, ok := a.M["imports"]; ok {
		switch l := eval.Force(im).(type) {
		case *eval.List:
			for _, x := range l.Elems {
				s.add(x, file, posOr(x.Pos(), posOr(eval.Force(x).Pos(), l.P)), stack)
			}
		case *eval.Unknown:
			s.rep.add(model.SeverityWarning, posOr(l.P, a.P), "imports left out: "+describeUnknown(l))
		case *eval.Error:
			s.rep.add(model.SeverityError, posOr(l.P, a.P), "imports left out: "+l.Msg)
		default:
			s.rep.add(model.SeverityError, posOr(l.Pos(), a.P), "imports must be a list")
		}
	}
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

// moduleValued reports whether the definitions at path are modules of
// their own (home-manager users), not to be merged as NixOS options.
func moduleValued(path []string) bool {
	return len(path) == 3 && path[0] == "home-manager" && path[1] == "users"
}

func (s *moduleSystem) merge(path []string, raw []def) *node {
	n := &node{path: path}
	dotted := strings.Join(path, ".")
	if moduleValued(path) {
		n.leaf = true
		for _, d := range raw {
			n.all = append(n.all, s.expand(d, path, 0, false)...)
		}
		n.defs = n.all
		n.value = &eval.Unknown{P: n.pos(), Reason: "home-manager configuration", Path: dotted}
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
		m[k] = eval.Lazy(n.pos(), func() eval.Value { return s.node(child).value })
	}
	p := "config"
	if dotted != "" {
		p += "." + dotted
	}
	n.value = &eval.Attrs{P: n.pos(), M: m, Partial: &eval.Unknown{Reason: unsetReason, Path: p}}
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
				if text == "" {
					text = conditionText(c)
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
	if u.Path != "" {
		return u.Reason + " (" + u.Path + ")"
	}
	return u.Reason
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

func posOr(p, alt syntax.Pos) syntax.Pos {
	if p.IsValid() {
		return p
	}
	return alt
}
