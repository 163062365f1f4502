package nixos

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
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
		x.used[strings.Join(n.path, ".")] = true
	}
}

func (x *extractor) origin(n *node) model.Origin { return x.rep.origin(n.pos()) }

func dotted(n *node) string { return strings.Join(n.path, ".") }

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

// str reads a leaf as a string; anything else is a finding.
func (x *extractor) str(n *node) (string, bool) {
	if n == nil {
		return "", false
	}
	x.use(n)
	switch v := eval.Force(n.value).(type) {
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
	l, ok := eval.Force(n.value).(*eval.List)
	if !ok {
		x.unknown(n, n.value)
		return nil
	}
	var out []string
	for _, e := range l.Elems {
		switch s := eval.Force(e).(type) {
		case *eval.String:
			out = append(out, x.text(s))
		case *eval.Package:
			out = append(out, s.Attr)
		default:
			x.rep.add(model.SeverityWarning, posOr(s.Pos(), n.pos()), fmt.Sprintf("an element of %s left out: %s", dotted(n), describe(s)))
		}
	}
	return out
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
		if len(v.Alternatives) == 2 {
			if unsetEnable(v) {
				x.pkgValue(v.Alternatives[1], cond, owner, n, depth+1)
				return
			}
			c := conditionText(v)
			x.pkgValue(v.Alternatives[0], joinCond(cond, c), owner, n, depth+1)
			x.pkgValue(v.Alternatives[1], joinCond(cond, "!("+c+")"), owner, n, depth+1)
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
	if p.Local != "" {
		x.rep.add(model.SeverityWarning, p.P, fmt.Sprintf("local package %s (callPackage %s): build it by hand on the other side", p.Attr, x.rep.file(p.Local)))
		return
	}
	if p.Attr == "" {
		x.rep.add(model.SeverityWarning, p.P, "the whole package set pkgs is not a package")
		return
	}
	for _, note := range p.Notes {
		if note == "override" || note == "overrideAttrs" || note == "overrideDerivation" || note == "overridePythonAttrs" {
			x.rep.add(model.SeverityWarning, p.P, fmt.Sprintf("package %s is changed with %s: the change is not carried over", p.Attr, note))
		}
	}
	x.sys.Packages = append(x.sys.Packages, model.Package{Name: p.Attr, Repo: "nixpkgs", Condition: cond, Owner: owner, Origin: o})
	for _, m := range p.Members {
		x.sys.Packages = append(x.sys.Packages, model.Package{Name: m, Repo: "nixpkgs", Condition: cond, Owner: owner, Origin: o})
	}
}

var secretKey = regexp.MustCompile(`(?i)password|secret|token|privatekey|psk`)

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
		if v.Reason == unsetReason {
			return nil, false // a child defined only under a false condition
		}
	case *eval.List:
		out := []any{}
		for i, e := range v.Elems {
			if p, ok := x.plain(e, fmt.Sprintf("%s[%d]", where, i), at, depth+1); ok {
				out = append(out, p)
			}
		}
		return out, true
	case *eval.Attrs:
		out := map[string]any{}
		for k, e := range v.All() {
			if secretKey.MatchString(k) && isSecretValue(e) {
				x.rep.add(model.SeverityManual, posOr(e.Pos(), at), fmt.Sprintf("secret %s.%s is not copied: set it by hand", where, k))
				continue
			}
			if p, ok := x.plain(e, where+"."+k, at, depth+1); ok {
				out[k] = p
			}
		}
		return out, true
	case *eval.Tagged:
		// a property inside a value that was not merged as an option
		switch v.Tag {
		case eval.TagOverride, eval.TagOrder:
			return x.plain(v.Content, where, at, depth+1)
		case eval.TagIf:
			if b, ok := eval.Force(v.Cond).(*eval.Bool); ok {
				if b.V {
					return x.plain(v.Content, where, at, depth+1)
				}
				return nil, false
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
		if c == nil {
			continue
		}
		x.use(c)
		if secretKey.MatchString(k) && isSecretValue(c.value) {
			x.rep.add(model.SeverityManual, c.pos(), fmt.Sprintf("secret %s is not copied: set it by hand", dotted(c)))
			continue
		}
		if p, ok := x.plain(c.value, dotted(c), c.pos(), 0); ok {
			out[k] = p
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// readSource reads a file named by a source option into text, so that
// the model holds it; ok is false when it cannot be read.
func (x *extractor) readSource(v eval.Value, at syntax.Pos, where string) (content, src string, ok bool) {
	switch p := eval.Force(v).(type) {
	case *eval.Path:
		rel, inside := strings.CutPrefix(p.Path, strings.TrimSuffix(x.rep.root, "/")+"/")
		if inside && x.fsys != nil {
			if st, err := fs.Stat(x.fsys, rel); err == nil && st.Mode().IsRegular() && st.Size() <= maxFileSize {
				if data, err := fs.ReadFile(x.fsys, rel); err == nil {
					return string(data), "", true
				}
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

// leftovers reports every defined leaf that nothing read.
func (x *extractor) leftovers(n *node, depth int, level string) {
	if n == nil || depth > maxTreeDepth {
		return
	}
	if x.used[dotted(n)] {
		return
	}
	if n.leaf {
		if len(n.all) == 0 || !x.ms.alive(n) {
			return
		}
		if _, declared := x.ms.decls[dotted(n)]; declared {
			return // the configuration's own option: its effect is in the options it sets
		}
		x.rep.add(model.SeverityWarning, n.pos(), fmt.Sprintf("%s option %s is not understood by nixarch: carry it over by hand", level, dotted(n)))
		return
	}
	for _, k := range names(n) {
		x.leftovers(x.ms.node(append(slices.Clip(n.path), k)), depth+1, level)
	}
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
