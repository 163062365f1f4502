package options

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/nixarch/nixarch/model"
)

// nameSegment is the option path segment that stands for any attribute
// name.
const nameSegment = "<name>"

var (
	// An option path segment: a Nix identifier, as NixOS option names are.
	segmentRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_'-]*$`)
	// Arch package and package group names, as makepkg allows them.
	packageRE = regexp.MustCompile(`^[a-z0-9@_+][a-z0-9@._+-]*$`)
	// A systemd unit name with one of the suffixes a package enables.
	unitRE   = regexp.MustCompile(`^[A-Za-z0-9:_.\\-]+(@[A-Za-z0-9:_.\\-]*)?\.(service|socket|timer|path|mount|target)$`)
	groupRE  = regexp.MustCompile(`^[a-z_][a-z0-9_-]*$`)
	moduleRE = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)
)

// Parse reads a table in the format of the embedded data file; name is
// the file name its errors and Origins use. Every problem is reported, as
// a model.ErrorList of *model.Error sorted by position, and no table is
// returned then.
func Parse(name string, data []byte) (*Table, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, syntaxError(name, err)
	}
	p := &parser{file: name}
	var rows []*Option
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		root := doc.Content[0]
		if root.Kind != yaml.SequenceNode {
			p.errorf(root, "expected a list of options, found %s", describe(root))
		} else {
			for _, n := range root.Content {
				if o := p.option(n); o != nil {
					rows = append(rows, o)
				}
			}
		}
	} else {
		p.errs.Add(model.Origin{File: name, Line: 1, Col: 1}, "expected a list of options, found an empty file")
	}
	t := p.table(rows)
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// syntaxError turns a yaml.v3 error, "yaml: line N: message", into an
// error at name:N:1. yaml.v3 counts the lines of parser errors from zero.
func syntaxError(name string, err error) error {
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		m = []string{"", "", err.Error()}
	}
	line, _ := strconv.Atoi(m[1])
	if strings.HasPrefix(m[2], "did not find expected") {
		line++
	}
	return model.ErrorList{model.Errorf(model.Origin{File: name, Line: max(line, 1), Col: 1}, m[2])}
}

// A parser turns YAML nodes into rows, recording every problem.
type parser struct {
	file string
	errs model.ErrorList
}

func (p *parser) pos(n *yaml.Node) model.Origin {
	return model.Origin{File: p.file, Line: n.Line, Col: n.Column}
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.errs.Add(p.pos(n), fmt.Sprintf(format, args...))
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!null":
		return "nothing"
	case "!!bool":
		return "a bool " + n.Value
	case "!!int", "!!float":
		return "a number " + n.Value
	}
	return fmt.Sprintf("%q", n.Value)
}

// fields calls set for each key of the mapping n, in order, after
// rejecting keys that are not in known and keys given twice. what names
// the mapping in messages.
func (p *parser) fields(n *yaml.Node, what string, known []string, set func(key string, k, v *yaml.Node)) bool {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "expected %s as a mapping, found %s", what, describe(n))
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(known, k.Value):
			p.errorf(k, "unknown field %q in %s (known: %s)", k.Value, what, strings.Join(known, ", "))
		case seen[k.Value]:
			p.errorf(k, "field %q given twice in %s", k.Value, what)
		default:
			seen[k.Value] = true
			set(k.Value, k, v)
		}
	}
	return true
}

// str returns the string scalar n.
func (p *parser) str(n *yaml.Node, field string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		p.errorf(n, "%s: expected a string, found %s", field, describe(n))
		return "", false
	}
	return n.Value, true
}

// strs returns the list of strings n, checking each with valid, which
// returns a complaint or "". Duplicates are errors.
func (p *parser) strs(n *yaml.Node, field string, valid func(string) string) []string {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "%s: expected a list of strings, found %s", field, describe(n))
		return nil
	}
	var out []string
	for _, e := range n.Content {
		s, ok := p.str(e, field)
		if !ok {
			continue
		}
		if msg := valid(s); msg != "" {
			p.errorf(e, "%s: %q %s", field, s, msg)
			continue
		}
		if slices.Contains(out, s) {
			p.errorf(e, "%s: %q listed twice", field, s)
			continue
		}
		out = append(out, s)
	}
	return out
}

func matching(re *regexp.Regexp, what string) func(string) string {
	return func(s string) string {
		if !re.MatchString(s) {
			return "is not " + what
		}
		return ""
	}
}

var (
	validPackage = matching(packageRE, "an Arch package name")
	validUnit    = matching(unitRE, "a systemd unit name such as foo.service, foo.socket or foo.timer")
	validGroup   = matching(groupRE, "a group name")
	validModule  = matching(moduleRE, "a kernel module name")
)

func validPath(s string) string {
	segs := strings.Split(s, ".")
	if len(segs) < 2 {
		return "is not a NixOS option path such as services.openssh.enable"
	}
	for _, seg := range segs {
		if seg != nameSegment && !segmentRE.MatchString(seg) {
			return fmt.Sprintf("is not a NixOS option path: segment %q is not a Nix identifier or %s", seg, nameSegment)
		}
	}
	return ""
}

func validParam(s string) string {
	if s == "" || strings.ContainsAny(s, " \t\n\"'") {
		return "is not one kernel parameter"
	}
	return ""
}

func validStep(s string) string {
	if strings.TrimSpace(s) == "" {
		return "is empty"
	}
	return ""
}

var (
	rowFields    = []string{"option", "aliases", "value", "arch", "from", "note"}
	actionFields = []string{"packages", "multilib", "aur", "packageGroups", "units", "userUnits", "groups",
		"kernelModules", "kernelParams", "files", "manual"}
	fileFields = []string{"path", "content", "mode"}
	fromFields = []string{"units", "packages"}
)

// option reads one row; it returns nil if the row has no usable path.
func (p *parser) option(n *yaml.Node) *Option {
	o := &Option{Kind: KindBool, Origin: p.pos(n)}
	var valueNode *yaml.Node
	nErrs := len(p.errs)
	ok := p.fields(n, "an option row", rowFields, func(key string, k, v *yaml.Node) {
		switch key {
		case "option":
			if s, ok := p.str(v, key); ok {
				if msg := validPath(s); msg != "" {
					p.errorf(v, "option %q %s", s, msg)
				} else {
					o.Path = s
				}
			}
		case "aliases":
			o.Aliases = p.strs(v, key, validPath)
		case "value":
			valueNode = v
			if s, ok := p.str(v, key); ok {
				switch Kind(s) {
				case KindBool, KindString, KindList, KindAttrs:
					o.Kind = Kind(s)
				default:
					p.errorf(v, "value: %q is not one of bool, string, list, attrs", s)
				}
			}
		case "arch":
			p.action(v, &o.Arch)
		case "from":
			p.fields(v, "from", fromFields, func(key string, _, v *yaml.Node) {
				switch key {
				case "units":
					o.FromUnits = p.strs(v, "from.units", validUnit)
				case "packages":
					o.FromPackages = p.strs(v, "from.packages", validPackage)
				}
			})
		case "note":
			if s, ok := p.str(v, key); ok {
				o.Note = strings.TrimSpace(s)
			}
		}
	})
	if !ok {
		return nil
	}
	if o.Path == "" {
		if len(p.errs) == nErrs {
			p.errorf(n, "option row has no option path")
		}
		return nil
	}
	if len(p.errs) == nErrs {
		// Rules across fields would only repeat a field's own error.
		p.check(o, n, valueNode)
	}
	return o
}

// check enforces the rules that span fields of row o.
func (p *parser) check(o *Option, n, valueNode *yaml.Node) {
	if strings.HasSuffix(o.Path, ".enable") && o.Kind != KindBool {
		p.errorf(valueNode, "value: %s is an .enable option, so its value is a bool", o.Path)
	}
	if o.Kind == KindAttrs && o.Templated() {
		p.errorf(n, "option %s: an attrs option has no template value", o.Path)
	}
	if o.Arch.IsZero() && o.Note == "" {
		p.errorf(n, "option %s: a row with nothing to do on Arch needs a note that says why", o.Path)
	}
	if len(o.Arch.Multilib) > 0 && !slices.ContainsFunc(o.Arch.Manual, func(s string) bool { return strings.Contains(s, "[multilib]") }) {
		p.errorf(n, "option %s: a row with multilib packages needs a manual step that says how to enable [multilib]", o.Path)
	}
	for _, u := range o.FromUnits {
		if !strings.Contains(u, "@.") && !slices.Contains(o.Arch.Units, u) && !slices.Contains(o.Arch.UserUnits, u) {
			p.errorf(n, "option %s: from.units names %s, which arch.units and arch.userUnits do not enable", o.Path, u)
		}
	}
	for _, pkg := range o.FromPackages {
		if !slices.Contains(o.Arch.Packages, pkg) && !slices.Contains(o.Arch.Multilib, pkg) && !slices.Contains(o.Arch.AUR, pkg) {
			p.errorf(n, "option %s: from.packages names %s, which arch does not install", o.Path, pkg)
		}
	}
}

func (p *parser) action(n *yaml.Node, a *Action) {
	p.fields(n, "arch", actionFields, func(key string, _, v *yaml.Node) {
		field := "arch." + key
		switch key {
		case "packages":
			a.Packages = p.strs(v, field, validPackage)
		case "multilib":
			a.Multilib = p.strs(v, field, validPackage)
		case "aur":
			a.AUR = p.strs(v, field, validPackage)
		case "packageGroups":
			a.PackageGroups = p.strs(v, field, validPackage)
		case "units":
			a.Units = p.strs(v, field, validUnit)
		case "userUnits":
			a.UserUnits = p.strs(v, field, validUnit)
		case "groups":
			a.Groups = p.strs(v, field, validGroup)
		case "kernelModules":
			a.KernelModules = p.strs(v, field, validModule)
		case "kernelParams":
			a.KernelParams = p.strs(v, field, validParam)
		case "manual":
			a.Manual = p.strs(v, field, validStep)
			for i, s := range a.Manual {
				a.Manual[i] = strings.Join(strings.Fields(s), " ")
			}
		case "files":
			if v.Kind != yaml.SequenceNode {
				p.errorf(v, "%s: expected a list of files, found %s", field, describe(v))
				return
			}
			for _, fn := range v.Content {
				if f, ok := p.fileEntry(fn); ok {
					if slices.ContainsFunc(a.Files, func(g File) bool { return g.Path == f.Path }) {
						p.errorf(fn, "%s: %s listed twice", field, f.Path)
						continue
					}
					a.Files = append(a.Files, f)
				}
			}
		}
	})
}

func (p *parser) fileEntry(n *yaml.Node) (File, bool) {
	var f File
	good := true
	ok := p.fields(n, "a file", fileFields, func(key string, _, v *yaml.Node) {
		switch key {
		case "path":
			s, ok := p.str(v, "path")
			if ok && (!path.IsAbs(s) || path.Clean(s) != s) {
				p.errorf(v, "path: %q is not a clean absolute path", s)
				ok = false
			}
			f.Path, good = s, good && ok
		case "content":
			s, ok := p.str(v, "content")
			f.Content, good = s, good && ok
		case "mode":
			if v.Kind != yaml.ScalarNode || (v.Tag != "!!str" && v.Tag != "!!int") {
				p.errorf(v, "mode: expected an octal mode such as \"0644\", found %s", describe(v))
				good = false
				return
			}
			m, err := model.ParseFileMode(v.Value)
			if err != nil {
				p.errorf(v, "mode: %v", err)
				good = false
			}
			f.Mode = m
		}
	})
	if ok && good && (f.Path == "" || f.Content == "") {
		p.errorf(n, "a file needs a path and a content")
		good = false
	}
	return f, ok && good
}

// table indexes rows, reporting duplicate paths and aliases.
func (p *parser) table(rows []*Option) *Table {
	t := &Table{byPath: map[string]*Option{}, byUnit: map[string][]*Option{}, byPackage: map[string][]*Option{}}
	first := map[string]*Option{}
	for _, o := range rows {
		for _, name := range append([]string{o.Path}, o.Aliases...) {
			if prev, dup := first[name]; dup {
				p.errs.Add(o.Origin, fmt.Sprintf("duplicate option %s (first at %s)", name, prev.Origin))
				continue
			}
			first[name] = o
			if strings.Contains(name, nameSegment) {
				if !slices.Contains(t.families, o) {
					t.families = append(t.families, o)
				}
			} else {
				t.byPath[name] = o
			}
		}
		for _, u := range o.FromUnits {
			t.byUnit[u] = append(t.byUnit[u], o)
		}
		for _, pkg := range o.FromPackages {
			t.byPackage[pkg] = append(t.byPackage[pkg], o)
		}
		t.options = append(t.options, o)
	}
	byPath := func(a, b *Option) int { return strings.Compare(a.Path, b.Path) }
	slices.SortFunc(t.options, byPath)
	slices.SortFunc(t.families, byPath)
	for _, m := range []map[string][]*Option{t.byUnit, t.byPackage} {
		for _, l := range m {
			slices.SortFunc(l, byPath)
		}
	}
	return t
}
