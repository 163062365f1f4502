package nixos

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/nixarch/nixarch/model"
	"github.com/nixarch/nixarch/nix/eval"
	"github.com/nixarch/nixarch/nix/syntax"
)

// maxFileSize bounds a file read into the model from home.file or
// environment.etc source.
const maxFileSize = 1 << 20

// extractor reads the merged configuration of one module system into the
// model: the NixOS system, or one home-manager user.
type extractor struct {
	ms    *moduleSystem
	rep   *reporter
	sys   *model.System
	fsys  fs.FS
	owner model.Owner
	user  string          // the home-manager user, "" for NixOS
	used  map[string]bool // option paths read into the model or reported
	steps int             // values converted by plain, bounded by maxPlainSteps

	// While reporting leftovers: by top-level name, and in all (its
	// shown counts every finding given).
	leftoverCount map[string]*leftoverTally
	leftoverRest  leftoverTally
}

// maxPlainSteps bounds the values converted to settings in one
// configuration.
const maxPlainSteps = 200_000

func newExtractor(ms *moduleSystem, sys *model.System, fsys fs.FS, user string) *extractor {
	x := &extractor{ms: ms, rep: ms.rep, sys: sys, fsys: fsys, owner: model.OwnerSystem, user: user, used: map[string]bool{}}
	if user != "" {
		x.owner = model.UserOwner(user)
	}
	return x
}

// at returns the node at the dotted path, or nil when nothing defines it.
func (x *extractor) at(dotted string) *node {
	n := x.ms.node(strings.Split(dotted, "."))
	if len(n.all) == 0 && len(n.kids) == 0 || !x.ms.alive(n) {
		return nil
	}
	return n
}

func (x *extractor) child(n *node, name string) *node {
	if n == nil || n.leaf {
		return nil
	}
	c := x.ms.node(append(slices.Clip(n.path), name))
	if len(c.all) == 0 && len(c.kids) == 0 || !x.ms.alive(c) {
		return nil
	}
	return c
}

func (x *extractor) use(n *node) {
	if n != nil {
		x.used[key(n)] = true
	}
}

func (x *extractor) origin(n *node) model.Origin { return x.rep.origin(n.pos()) }

// key returns n's path joined with dots, the key of the maps of used
// and declared options.
func key(n *node) string { return strings.Join(n.path, ".") }

// dotted returns n's option path as Nix writes it: names that are not
// identifiers are quoted (boot.kernel.sysctl."net.ipv4.ip_forward").
func dotted(n *node) string { return optionPath(n.path) }

var identName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_'-]*$`)

func optionPath(path []string) string {
	var b strings.Builder
	for i, p := range path {
		if i > 0 {
			b.WriteByte('.')
		}
		if identName.MatchString(p) {
			b.WriteString(p)
		} else {
			b.WriteString(strconv.Quote(p))
		}
	}
	return b.String()
}

// names returns a set node's children in order.
func names(n *node) []string {
	if n == nil || n.leaf {
		return nil
	}
	out := make([]string, 0, len(n.kids))
	for k := range n.kids {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// decided returns v, or for an Unknown that stands for the two branches
// of an if with an undecided condition, the branch for when it holds,
// with a finding.
func (x *extractor) decided(n *node, v eval.Value) eval.Value {
	u, ok := eval.Force(v).(*eval.Unknown)
	if !ok || len(u.Alternatives) != 2 {
		return v
	}
	x.rep.add(model.SeverityWarning, n.pos(), fmt.Sprintf("%s depends on %s, which nixarch could not decide: the value for when it holds is kept", dotted(n), x.rep.condText(u)))
	return x.decided(n, u.Alternatives[0])
}

// str reads a leaf as a string; anything else is a finding.
func (x *extractor) str(n *node) (string, bool) {
	if n == nil {
		return "", false
	}
	x.use(n)
	x.condNotes(n, 0)
	switch v := eval.Force(x.decided(n, n.value)).(type) {
	case *eval.String:
		return x.text(v), true
	case *eval.Path:
		return v.Path, true
	case *eval.Int:
		return fmt.Sprint(v.V), true
	case *eval.Package:
		return v.Attr, true
	}
	x.unknown(n, n.value)
	return "", false
}

func (x *extractor) boolean(n *node) (bool, bool) {
	if n == nil {
		return false, false
	}
	x.use(n)
	switch v := eval.Force(n.value).(type) {
	case *eval.Bool:
		return v.V, true
	case *eval.Unknown:
		if unsetEnable(v) {
			return false, true
		}
	}
	x.unknown(n, n.value)
	return false, false
}

func (x *extractor) integer(n *node) (int, bool) {
	if n == nil {
		return 0, false
	}
	x.use(n)
	if v, ok := eval.Force(n.value).(*eval.Int); ok {
		return int(v.V), true
	}
	x.unknown(n, n.value)
	return 0, false
}

func (x *extractor) strings(n *node) []string {
	if n == nil {
		return nil
	}
	x.use(n)
	elems, ok := x.listElems(n.value, "", 0)
	if !ok {
		x.unknown(n, n.value)
		return nil
	}
	var out []string
	for _, e := range elems {
		if e.missing != "" {
			x.rep.add(model.SeverityWarning, posOr(e.v.Pos(), n.pos()), fmt.Sprintf("part of %s left out: %s", dotted(n), e.missing))
			continue
		}
		var s string
		switch v := eval.Force(e.v).(type) {
		case *eval.String:
			s = x.text(v)
		case *eval.Package:
			s = v.Attr
		default:
			x.rep.add(model.SeverityWarning, posOr(v.Pos(), n.pos()), fmt.Sprintf("an element of %s left out: %s", dotted(n), describe(v)))
			continue
		}
		if e.cond != "" {
			x.rep.add(model.SeverityWarning, posOr(eval.Force(e.v).Pos(), posOr(e.v.Pos(), n.pos())), fmt.Sprintf("%s holds %q only when %s, which nixarch could not decide: it is kept", dotted(n), s, e.cond))
		}
		out = append(out, s)
	}
	return out
}

// condElem is an element of a list that may hold only under a condition;
// missing, when set, says that v is a part of the list nothing is known
// of, and why.
type condElem struct {
	v       eval.Value
	cond    string
	missing string
}

// listElems returns the elements of a list value with the conditions
// they hold under: a list that ++ made from undecided parts (Parts) is
// read part by part, an if with an undecided condition (Alternatives)
// branch by branch. ok is false when v is not known to be a list.
func (x *extractor) listElems(v eval.Value, cond string, depth int) ([]condElem, bool) {
	if depth > maxTreeDepth {
		return nil, false
	}
	switch l := eval.Force(v).(type) {
	case *eval.List:
		out := make([]condElem, len(l.Elems))
		for i, e := range l.Elems {
			out[i] = condElem{v: e, cond: cond}
		}
		return out, true
	case *eval.Unknown:
		if len(l.Parts) > 0 {
			var out []condElem
			for _, p := range l.Parts {
				elems, ok := x.listElems(p, cond, depth+1)
				if !ok {
					// a part nothing is known of: the rest stays
					u, _ := eval.Force(p).(*eval.Unknown)
					why := describe(p)
					if u != nil {
						why = x.why(u)
					}
					out = append(out, condElem{v: p, cond: cond, missing: why})
					continue
				}
				out = append(out, elems...)
			}
			return out, true
		}
		if len(l.Alternatives) == 2 {
			c := x.rep.condText(l)
			a, ok1 := x.listElems(l.Alternatives[0], joinCond(cond, c), depth+1)
			b, ok2 := x.listElems(l.Alternatives[1], joinCond(cond, negate(c)), depth+1)
			if ok1 && ok2 {
				return append(a, b...), true
			}
		}
	}
	return nil, false
}

// negate returns the text of the condition c being false.
func negate(c string) string {
	if strings.HasPrefix(c, "!(") && strings.HasSuffix(c, ")") {
		return c[2 : len(c)-1]
	}
	if strings.HasPrefix(c, "!") && !strings.ContainsAny(c, " &|()") {
		return c[1:]
	}
	if strings.ContainsAny(c, " &|") {
		return "!(" + c + ")"
	}
	return "!" + c
}

// why says why an Unknown is unknown, with where that comes from.
func (x *extractor) why(u *eval.Unknown) string {
	s := "it depends on " + describeUnknown(u)
	if o := x.rep.origin(u.P); !o.IsZero() {
		s += " at " + o.String()
	}
	return s
}

// usedUnder reports whether something under n was read.
func (x *extractor) usedUnder(n *node) bool {
	prefix := key(n) + "."
	for p := range x.used {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}

// firstUnused returns the first defined leaf under n that nothing read.
func (x *extractor) firstUnused(n *node, depth int) *node {
	if n == nil || depth > maxTreeDepth || x.used[key(n)] {
		return nil
	}
	if n.leaf {
		if len(n.all) > 0 && x.ms.alive(n) {
			return n
		}
		return nil
	}
	for _, k := range names(n) {
		if l := x.firstUnused(x.ms.node(append(slices.Clip(n.path), k)), depth+1); l != nil {
			return l
		}
	}
	return nil
}

// optionSetsAnywhere reads, as programs named by their option path, the
// option sets outside services and programs that nothing read and that
// have an enable option (virtualisation.docker, networking.networkmanager,
// hardware.bluetooth, gtk, wayland.windowManager.hyprland…), or that
// NixOS enables by default (networking.firewall).
func (x *extractor) optionSetsAnywhere(n *node, depth int) {
	if n == nil || n.leaf || depth > maxTreeDepth || x.used[key(n)] {
		return
	}
	if depth > 0 {
		if _, own := x.ms.decls[key(n)+".enable"]; own {
			return // the configuration's own option: its effect is in what it sets
		}
		enable := x.child(n, "enable")
		if (enable != nil && enable.leaf) || x.ms.defaults[key(n)+".enable"] {
			x.optionSet(n, x.owner, true, 3)
			return
		}
	}
	if len(n.path) >= 2 {
		// a set with settings of its own (home.pointerCursor = { name;
		// size; gtk.enable; }) is one option set, not a namespace: what
		// is in it is left to leftovers
		for _, k := range names(n) {
			if c := x.child(n, k); c != nil && c.leaf && k != "enable" && !x.used[key(c)] {
				return
			}
		}
	}
	for _, k := range names(n) {
		if c := x.child(n, k); c != nil {
			x.optionSetsAnywhere(c, depth+1)
		}
	}
}

// text returns a string with each embedded package written as
// ${pkgs.ATTR} instead of its placeholder store path.
func (x *extractor) text(s *eval.String) string {
	if len(s.Refs) == 0 {
		return s.S
	}
	var b strings.Builder
	last := 0
	for _, r := range s.Refs {
		if r.Start < last || r.End > len(s.S) {
			continue
		}
		b.WriteString(s.S[last:r.Start])
		b.WriteString("${pkgs." + r.Pkg.Attr + "}")
		last = r.End
	}
	b.WriteString(s.S[last:])
	return b.String()
}

func (x *extractor) unknown(n *node, v eval.Value) {
	x.rep.add(model.SeverityWarning, posOr(eval.Force(v).Pos(), n.pos()), fmt.Sprintf("%s left out: %s", dotted(n), describe(v)))
}

func condition(conds []string) string { return strings.Join(conds, " && ") }

// packages reads a list of packages.
func (x *extractor) packages(n *node, owner model.Owner) {
	if n == nil {
		return
	}
	x.use(n)
	if !n.leaf {
		x.rep.add(model.SeverityWarning, n.pos(), dotted(n)+" is not a list of packages")
		return
	}
	for _, d := range n.defs {
		x.pkgValue(d.v, condition(d.conds), owner, n, 0)
	}
}

func (x *extractor) pkgValue(v eval.Value, cond string, owner model.Owner, n *node, depth int) {
	if depth > maxTreeDepth {
		return
	}
	switch v := eval.Force(v).(type) {
	case *eval.List:
		for _, e := range v.Elems {
			x.pkgValue(e, cond, owner, n, depth+1)
		}
	case *eval.Package:
		x.addPackage(v, cond, owner, n)
	case *eval.Script:
		x.rep.add(model.SeverityWarning, v.P, fmt.Sprintf("script %s (pkgs.%s) in %s is not a package: it is left out; recreate it as a file on your PATH (for example ~/.local/bin/%s)", v.Name, v.Writer, dotted(n), v.Name))
	case *eval.Unknown:
		if len(v.Parts) > 0 {
			for _, p := range v.Parts {
				x.pkgValue(p, cond, owner, n, depth+1)
			}
			return
		}
		if len(v.Alternatives) == 2 {
			if unsetEnable(v) {
				x.pkgValue(v.Alternatives[1], cond, owner, n, depth+1)
				return
			}
			c := x.rep.condText(v)
			x.pkgValue(v.Alternatives[0], joinCond(cond, c), owner, n, depth+1)
			x.pkgValue(v.Alternatives[1], joinCond(cond, negate(c)), owner, n, depth+1)
			return
		}
		x.rep.add(model.SeverityWarning, posOr(v.P, n.pos()), fmt.Sprintf("packages in %s left out: %s", dotted(n), describeUnknown(v)))
	case *eval.Error:
		x.rep.add(model.SeverityError, posOr(v.P, n.pos()), fmt.Sprintf("packages in %s left out: %s", dotted(n), v.Msg))
	case *eval.Null:
	default:
		x.rep.add(model.SeverityWarning, posOr(v.Pos(), n.pos()), fmt.Sprintf("%s in %s is not a package", describe(v), dotted(n)))
	}
}

func joinCond(a, b string) string {
	if a == "" {
		return b
	}
	return a + " && " + b
}

func (x *extractor) addPackage(p *eval.Package, cond string, owner model.Owner, n *node) {
	o := x.rep.origin(posOr(p.P, n.pos()))
	def := posOr(p.Def, p.P)
	if p.Local != "" {
		where := "callPackage " + x.rep.file(p.Local)
		if slices.Contains(p.Notes, "inline") {
			where = "an inline callPackage"
		}
		x.rep.add(model.SeverityWarning, def, fmt.Sprintf("local package %s (%s): build it by hand on the other side", p.Attr, where))
		return
	}
	if p.Attr == "" {
		x.rep.add(model.SeverityWarning, p.P, "the whole package set pkgs is not a package")
		return
	}
	if len(p.Only) > 0 {
		// An override that keeps some parts of a bundle (the fonts of
		// nerdfonts) installs those parts: each is a package ATTR.PART.
		for _, part := range p.Only {
			x.sys.Packages = append(x.sys.Packages, model.Package{Name: p.Attr + "." + part, Repo: "nixpkgs", Condition: cond, Owner: owner, Origin: o})
		}
		if i := slices.Index(p.Notes, "override"); i >= 0 {
			for _, note := range p.Notes[i+1:] {
				if strings.HasPrefix(note, "override") {
					x.rep.add(model.SeverityWarning, def, fmt.Sprintf("package %s is changed with %s as well: that change is not carried over", p.Attr, note))
				}
			}
		}
		return
	}
	for _, note := range p.Notes {
		if note == "override" || note == "overrideAttrs" || note == "overrideDerivation" || note == "overridePythonAttrs" {
			x.rep.add(model.SeverityWarning, def, fmt.Sprintf("package %s is changed with %s: the change is not carried over", p.Attr, note))
		}
	}
	if p.Def.IsValid() && !slices.ContainsFunc(p.Notes, func(s string) bool { return strings.HasPrefix(s, "override") }) {
		x.rep.add(model.SeverityInfo, p.P, fmt.Sprintf("package %s comes from an overlay (%s): it is taken as nixpkgs' %s", p.Attr, x.rep.pos(p.Def), p.Attr))
	}
	x.sys.Packages = append(x.sys.Packages, model.Package{Name: p.Attr, Repo: "nixpkgs", Condition: cond, Owner: owner, Origin: o})
	for _, m := range p.Members {
		x.sys.Packages = append(x.sys.Packages, model.Package{Name: m, Repo: "nixpkgs", Condition: cond, Owner: owner, Origin: o})
	}
}

var secretKey = regexp.MustCompile(`(?i)password|passfile|adminpass|secret|token|privatekey|psk`)

// plain converts a merged value to settings data; what cannot be
// converted is left out with a finding. ok is false for left-out values.
func (x *extractor) plain(v eval.Value, where string, at syntax.Pos, depth int) (any, bool) {
	x.steps++
	if x.steps > maxPlainSteps {
		x.rep.add(model.SeverityError, at, fmt.Sprintf("settings larger than %d values: the rest are left out", maxPlainSteps))
		return nil, false
	}
	if depth > maxTreeDepth {
		x.rep.add(model.SeverityWarning, at, fmt.Sprintf("%s is nested more than %d deep: left out", where, maxTreeDepth))
		return nil, false
	}
	v = eval.Force(v)
	switch v := v.(type) {
	case *eval.Bool:
		return v.V, true
	case *eval.Int:
		return v.V, true
	case *eval.Float:
		return v.V, true
	case *eval.String:
		return x.text(v), true
	case *eval.Path:
		return x.rep.file(v.Path), true
	case *eval.Package:
		return v.Attr, true
	case *eval.Null:
		return nil, false
	case *eval.Unknown:
		if v.Reason == unsetReason && v.Path == "config."+where {
			return nil, false // a child defined only under a false condition
		}
		if elems, ok := x.listElems(v, "", 0); ok {
			out := []any{}
			for i, e := range elems {
				if e.missing != "" {
					x.rep.add(model.SeverityWarning, posOr(e.v.Pos(), at), fmt.Sprintf("part of %s left out: %s", where, e.missing))
					continue
				}
				if p, ok := x.plain(e.v, fmt.Sprintf("%s[%d]", where, i), at, depth+1); ok {
					if e.cond != "" {
						x.rep.add(model.SeverityWarning, posOr(eval.Force(e.v).Pos(), posOr(e.v.Pos(), at)), fmt.Sprintf("%s holds %s only when %s, which nixarch could not decide: it is kept", where, eval.Print(e.v), e.cond))
					}
					out = append(out, p)
				}
			}
			return out, true
		}
		if len(v.Alternatives) == 2 {
			c := x.rep.condText(v)
			x.rep.add(model.SeverityWarning, posOr(v.Alternatives[0].Pos(), at), fmt.Sprintf("%s depends on %s, which nixarch could not decide: the value for when it holds is kept", where, c))
			return x.plain(v.Alternatives[0], where, at, depth+1)
		}
		if mgr := secretRef(v); mgr != "" {
			x.rep.add(model.SeverityManual, at, fmt.Sprintf("%s refers to a secret of %s (%s): set it up by hand", where, mgr, v.Path))
			return nil, false
		}
		if secretKey.MatchString(lastKey(where)) {
			x.rep.add(model.SeverityManual, at, fmt.Sprintf("secret %s is not copied (%s): set it up by hand", where, describeUnknown(v)))
			return nil, false
		}
		x.rep.add(model.SeverityWarning, at, fmt.Sprintf("%s left out: %s", where, x.why(v)))
		return nil, false
	case *eval.List:
		out := []any{}
		for i, e := range v.Elems {
			if p, ok := x.plain(e, fmt.Sprintf("%s[%d]", where, i), posOr(e.Pos(), at), depth+1); ok {
				out = append(out, p)
			}
		}
		if len(out) == 0 && len(v.Elems) > 0 {
			return nil, false // everything in it was left out, with findings
		}
		return out, true
	case *eval.Attrs:
		out := map[string]any{}
		for k, e := range v.All() {
			if secretKey.MatchString(k) && isSecretValue(e) {
				x.rep.add(model.SeverityManual, posOr(e.Pos(), at), fmt.Sprintf("secret %s.%s is not copied: set it by hand", where, k))
				continue
			}
			if p, ok := x.plain(e, where+"."+optionPath([]string{k}), posOr(e.Pos(), at), depth+1); ok {
				out[k] = p
			}
		}
		if len(out) == 0 && len(v.M) > 0 {
			return nil, false // everything in it was left out, with findings
		}
		return out, true
	case *eval.Tagged:
		// a property inside a value that was not merged as an option
		switch v.Tag {
		case eval.TagOverride, eval.TagOrder:
			return x.plain(v.Content, where, at, depth+1)
		case eval.TagIf:
			switch c := eval.Force(v.Cond).(type) {
			case *eval.Bool:
				if c.V {
					return x.plain(v.Content, where, at, depth+1)
				}
				return nil, false
			case *eval.Unknown:
				if unsetEnable(c) {
					return nil, false
				}
				x.rep.add(model.SeverityWarning, posOr(v.P, at), fmt.Sprintf("%s is set only when %s, which nixarch could not decide: it is kept", where, x.rep.condText(c)))
				return x.plain(v.Content, where, at, depth+1)
			}
		}
	case *eval.Script:
		x.rep.add(model.SeverityWarning, posOr(v.P, at), fmt.Sprintf("%s is a script (pkgs.%s %s): left out", where, v.Writer, v.Name))
		return nil, false
	}
	x.rep.add(model.SeverityWarning, posOr(v.Pos(), at), fmt.Sprintf("%s left out: %s", where, describe(v)))
	return nil, false
}

// settings converts the children of a set node, except skip.
func (x *extractor) settings(n *node, skip ...string) model.Settings {
	out := model.Settings{}
	for _, k := range names(n) {
		if slices.Contains(skip, k) {
			continue
		}
		c := x.child(n, k)
		if c == nil || x.used[key(c)] {
			continue // not defined, or read into the model already
		}
		x.use(c)
		if secretKey.MatchString(k) && isSecretValue(c.value) {
			x.rep.add(model.SeverityManual, c.pos(), fmt.Sprintf("secret %s is not copied: set it by hand", dotted(c)))
			continue
		}
		if p, ok := x.plain(c.value, dotted(c), c.pos(), 0); ok {
			out[k] = p
			x.condNotes(c, 0)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// condNotes reports the definitions under n that hold only under
// conditions nixarch could not decide: the model keeps them without the
// condition.
func (x *extractor) condNotes(n *node, depth int) {
	if n == nil || depth > maxTreeDepth {
		return
	}
	if !n.leaf {
		for _, k := range names(n) {
			x.condNotes(x.child(n, k), depth+1)
		}
		return
	}
	for _, d := range n.defs {
		if len(d.conds) > 0 {
			x.rep.add(model.SeverityWarning, d.pos, fmt.Sprintf("%s is set only when %s, which nixarch could not decide: it is kept", dotted(n), condition(d.conds)))
		}
	}
}

// readSource reads a file named by a source option into text, so that
// the model holds it; ok is false when it cannot be read.
func (x *extractor) readSource(v eval.Value, at syntax.Pos, where string) (content, src string, ok bool) {
	switch p := eval.Force(v).(type) {
	case *eval.Path:
		rel, inside := strings.CutPrefix(p.Path, strings.TrimSuffix(x.rep.root, "/")+"/")
		if inside && x.fsys != nil {
			st, err := fs.Stat(x.fsys, rel)
			if err == nil && st.Mode().IsRegular() && st.Size() <= maxFileSize {
				var data []byte
				if data, err = fs.ReadFile(x.fsys, rel); err == nil {
					x.rep.read(p.Path)
					return string(data), "", true
				}
			}
			if x.escape(posOr(p.P, at), where, p.Path, err) {
				return "", "", false
			}
		}
		x.rep.add(model.SeverityWarning, posOr(p.P, at), fmt.Sprintf("%s: %s is not a readable file of at most 1 MiB inside the configuration: copy it by hand", where, x.rep.file(p.Path)))
		return "", x.rep.file(p.Path), true
	case *eval.String:
		if strings.HasPrefix(p.S, "/") && len(p.Refs) == 0 {
			return "", p.S, true
		}
		x.rep.add(model.SeverityWarning, posOr(p.P, at), fmt.Sprintf("%s left out: source %q is not a file of the configuration", where, x.text(p)))
	default:
		x.rep.add(model.SeverityWarning, posOr(p.Pos(), at), fmt.Sprintf("%s left out: %s", where, describe(p)))
	}
	return "", "", false
}

// maxLeftovers bounds the "not understood" findings under one top-level
// name: a file that is no configuration (a package set, say) would
// otherwise give one for each of thousands of attributes. maxLeftoversInAll
// bounds them in all, and maxLeftoverSums the findings that count the
// rest under one name; what is left is counted in one last finding.
const (
	maxLeftovers      = 25
	maxLeftoversInAll = 200
	maxLeftoverSums   = 20
)

// leftoverTally counts the leftovers under one name.
type leftoverTally struct {
	shown, hidden int
	first         *node // the first hidden one
}

func (t *leftoverTally) hide(n *node, count int) {
	if t.first == nil {
		t.first = n
	}
	t.hidden += count
}

// reportLeftovers reports every defined leaf under root that nothing
// read, within the bounds above.
func (x *extractor) reportLeftovers(root *node, level string) {
	x.leftoverCount = map[string]*leftoverTally{}
	x.leftoverRest = leftoverTally{}
	x.leftovers(root, 0, level)
	tops := make([]string, 0, len(x.leftoverCount))
	for top, t := range x.leftoverCount {
		if t.hidden > 0 {
			tops = append(tops, top)
		}
	}
	slices.Sort(tops)
	for i, top := range tops {
		t := x.leftoverCount[top]
		if i >= maxLeftoverSums {
			x.leftoverRest.hide(t.first, t.hidden)
			continue
		}
		x.rep.add(model.SeverityWarning, t.first.pos(), fmt.Sprintf("%s: %d more options under %s are not understood by nixarch either: carry them over by hand", level, t.hidden, top))
	}
	if r := x.leftoverRest; r.hidden > 0 {
		x.rep.add(model.SeverityWarning, r.first.pos(), fmt.Sprintf("%s: %d more options are not understood by nixarch either (this one and others): carry them over by hand", level, r.hidden))
	}
	x.leftoverCount = nil
}

// leftover adds a finding for n, or counts it when the bounds are
// reached.
func (x *extractor) leftover(n *node, msg string) {
	if len(n.path) == 0 {
		// a module that defines the whole configuration as one value
		x.rep.add(model.SeverityWarning, n.pos(), msg)
		return
	}
	t := x.leftoverCount[n.path[0]]
	if t == nil {
		t = &leftoverTally{}
		x.leftoverCount[n.path[0]] = t
	}
	switch {
	case t.shown >= maxLeftovers:
		t.hide(n, 1)
	case x.leftoverRest.shown >= maxLeftoversInAll:
		x.leftoverRest.hide(n, 1)
	default:
		t.shown++
		x.leftoverRest.shown++
		x.rep.add(model.SeverityWarning, n.pos(), msg)
	}
}

// escape reports, as an error at at, a file p of the configuration that
// could not be read because it is a link leading out of the
// configuration's folder; such a file is left out, never copied.
func (x *extractor) escape(at syntax.Pos, where, p string, err error) bool {
	var esc *EscapeError
	if !errors.As(err, &esc) {
		return false
	}
	x.rep.add(model.SeverityError, at, fmt.Sprintf("%s: %s points outside the configuration (%s): left out", where, x.rep.file(p), esc.Target))
	return true
}

// secretLeaf reports, as a manual finding, a defined leaf whose name and
// value say it holds a secret, and whether it did.
func (x *extractor) secretLeaf(n *node, level string) bool {
	if !secretKey.MatchString(n.path[len(n.path)-1]) || !isSecretValue(n.value) && eval.Force(n.value).Kind() != eval.UnknownKind {
		return false
	}
	x.rep.add(model.SeverityManual, n.pos(), fmt.Sprintf("%s option %s holds a secret, which is not copied: set it up by hand", level, dotted(n)))
	return true
}

// secretLeaves reports the secrets among the defined leaves under n, an
// option set that is taken as a whole, as secretLeaf does.
func (x *extractor) secretLeaves(n *node, depth int, level string) {
	if n == nil || depth > maxTreeDepth {
		return
	}
	if n.leaf {
		if len(n.all) > 0 && x.ms.alive(n) {
			x.secretLeaf(n, level)
		}
		return
	}
	for _, k := range names(n) {
		x.secretLeaves(x.ms.node(append(slices.Clip(n.path), k)), depth+1, level)
	}
}

// leftovers reports every defined leaf that nothing read.
func (x *extractor) leftovers(n *node, depth int, level string) {
	if n == nil || depth > maxTreeDepth {
		return
	}
	if x.used[key(n)] {
		return
	}
	if n.leaf {
		if len(n.all) == 0 || !x.ms.alive(n) {
			return
		}
		if _, declared := x.ms.decls[key(n)]; declared {
			return // the configuration's own option: its effect is in the options it sets
		}
		if x.secretLeaf(n, level) {
			return
		}
		x.leftover(n, fmt.Sprintf("%s option %s is not understood by nixarch: carry it over by hand", level, dotted(n)))
		return
	}
	if len(n.kids) == 0 && len(n.all) > 0 && x.ms.alive(n) {
		if _, declared := x.ms.decls[key(n)]; !declared {
			x.leftover(n, fmt.Sprintf("%s option %s is set to { }, which nixarch does not understand: carry it over by hand", level, dotted(n)))
		}
		return
	}
	for _, k := range names(n) {
		x.leftovers(x.ms.node(append(slices.Clip(n.path), k)), depth+1, level)
	}
}

// lastKey returns the last name of a dotted path.
func lastKey(dotted string) string {
	if i := strings.LastIndexByte(dotted, '.'); i >= 0 {
		return dotted[i+1:]
	}
	return dotted
}

// secretRef returns the secret manager an Unknown refers to, when it is
// an unset option of sops-nix or agenix (config.sops.secrets.NAME.path).
func secretRef(u *eval.Unknown) string {
	for _, t := range secretTrees {
		if strings.HasPrefix(u.Path, "config."+t+".") {
			return secretManagers[t]
		}
	}
	return ""
}

// isSecretValue reports whether a value under a secret-sounding name may
// hold the secret itself: a string or a path (a Boolean such as
// PasswordAuthentication does not).
func isSecretValue(v eval.Value) bool {
	switch eval.Force(v).(type) {
	case *eval.String, *eval.Path:
		return true
	}
	return false
}
