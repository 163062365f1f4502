package nixos

import (
	"fmt"
	"math"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/nixarch/nixarch/exporter"
	"github.com/nixarch/nixarch/model"
	"github.com/nixarch/nixarch/nix/syntax"
)

// HomeStateVersion is the home.stateVersion written into every home.nix.
const HomeStateVersion = "24.11"

// homeUsers returns the users that get a home-manager module, sorted.
func homeUsers(sys *model.System) []string { return sys.HomeOwners() }

// homeFile is where a user's home-manager module and dotfile copies go:
// home.nix and dotfiles/ for the only user, home-NAME.nix and
// dotfiles/NAME/ when there are several.
func homeFile(user string, several bool) (module, dotfiles string) {
	if !several {
		return "home.nix", "dotfiles"
	}
	return "home-" + user + ".nix", "dotfiles/" + user
}

// renderHomes returns a home-manager module for every user in users and
// the copies of their dotfiles.
func renderHomes(sys *model.System, users []string, gen string) ([]exporter.File, error) {
	var files []exporter.File
	for _, u := range users {
		more, err := renderHome(sys, u, len(users) > 1, gen)
		if err != nil {
			return nil, fmt.Errorf("home of %s: %w", u, err)
		}
		files = append(files, more...)
	}
	return files, nil
}

// shellInit are the shells whose rc file, with the simple aliases taken
// out, goes into programs.SHELL.initExtra when the shell has aliases.
var shellInit = map[string]string{".bashrc": "bash", ".zshrc": "zsh"}

func renderHome(sys *model.System, user string, several bool, gen string) ([]exporter.File, error) {
	owner := model.UserOwner(user)
	moduleName, dotDir := homeFile(user, several)
	homeDir := "/home/" + user
	for _, u := range sys.Users {
		if u.Name == user && u.Home != "" {
			homeDir = u.Home
		}
	}
	m := &module{}
	m.set("", "home.username", m.str(user))
	m.set("", "home.homeDirectory", m.str(homeDir))

	// Programs, each as its option set with enable and its settings.
	byShell := map[string][]model.Alias{}
	var common []model.Alias
	for _, a := range sys.Aliases {
		if a.Owner != owner {
			continue
		}
		if a.Shell == "" {
			common = append(common, a)
		} else {
			byShell[a.Shell] = append(byShell[a.Shell], a)
		}
	}
	programs := map[string]*syntax.AttrSet{}
	var names []string
	program := func(name string) *syntax.AttrSet {
		if set, ok := programs[name]; ok {
			return set
		}
		set := syntax.NewAttrSet(syntax.NewAttribute("enable", syntax.NewBool(true)))
		programs[name] = set
		names = append(names, name)
		return set
	}
	for _, p := range sys.Programs {
		if p.Owner != owner {
			continue
		}
		if !validOptionPath(p.Name) {
			m.note(fmt.Sprintf("%s (%s) is not a home-manager option path; set it by hand", p.Name, p.Origin))
			continue
		}
		set := program(p.Name)
		if !p.Enabled {
			set.Bindings[0] = syntax.NewAttribute("enable", syntax.NewBool(false))
		}
		for _, k := range slices.Sorted(mapKeys(p.Settings)) {
			if k == "enable" {
				continue // Enabled says it
			}
			v, err := nixValue(p.Settings[k])
			if err != nil {
				return nil, fmt.Errorf("program %s (%s): %s: %w", p.Name, p.Origin, k, err)
			}
			set.Bindings = append(set.Bindings, &syntax.Attribute{Path: attrPath(k), Value: v})
		}
	}
	for _, shell := range slices.Sorted(mapKeys(byShell)) {
		set := program("programs." + shell)
		set.Bindings = append(set.Bindings, &syntax.Attribute{Path: attrPath("shellAliases"), Value: m.aliasSet(byShell[shell])})
	}

	// Dotfiles: copies under dotDir, linked with home.file or
	// xdg.configFile; an rc file whose aliases were taken out is sourced
	// by the shell's module instead.
	var files []exporter.File
	var links []*syntax.Attribute
	var notes []string
	dotfiles := append([]model.Dotfile(nil), sys.Dotfiles...)
	sort.SliceStable(dotfiles, func(i, j int) bool { return dotfiles[i].Target < dotfiles[j].Target })
	for _, d := range dotfiles {
		if d.Owner != owner {
			continue
		}
		target := path.Clean(d.Target)
		if d.Source != "" || !insideHome(target) {
			notes = append(notes, fmt.Sprintf("~/%s (%s) was not copied: copy it by hand", report1(d.Target), d.Origin))
			continue
		}
		copyPath := dotDir + "/" + target
		mode := exporter.DefaultFileMode
		if d.Mode&0o111 != 0 {
			mode = exporter.ExecutableMode
		}
		files = append(files, exporter.File{Path: copyPath, Mode: mode, Content: []byte(d.Content)})
		source := copySource(copyPath)
		if shell, ok := shellInit[target]; ok && len(byShell[shell]) > 0 {
			set := program("programs." + shell)
			set.Bindings = append(set.Bindings, &syntax.Attribute{
				Path:  attrPath("initExtra"),
				Value: syntax.NewApply(syntax.NewSelect(syntax.NewIdent("builtins"), "readFile"), source),
			})
			continue
		}
		var at []syntax.AttrName
		if rest, ok := strings.CutPrefix(target, ".config/"); ok {
			at = append(attrPath("xdg", "configFile"), syntax.AttrName{Name: rest, Quoted: true})
		} else {
			at = append(attrPath("home", "file"), syntax.AttrName{Name: target, Quoted: true})
		}
		comment := "from " + d.Origin.String()
		links = append(links, &syntax.Attribute{Path: append(at, attrPath("source")...), Value: source, Comment: comment})
		if mode == exporter.ExecutableMode {
			links = append(links, &syntax.Attribute{Path: append(append([]syntax.AttrName(nil), at...), attrPath("executable")...), Value: syntax.NewBool(true)})
		}
	}
	for _, name := range names {
		m.setPath("", attrPath(strings.Split(name, ".")...), programs[name])
	}
	if len(common) > 0 {
		m.set("", "home.shellAliases", m.aliasSet(common))
	}
	var vars []syntax.Binding
	for _, v := range sys.Environment {
		if v.Owner == owner {
			vars = append(vars, &syntax.Attribute{Path: attrPath(v.Name), Value: m.str(v.Value)})
		}
	}
	if len(vars) > 0 {
		m.set("", "home.sessionVariables", syntax.NewAttrSet(vars...))
	}
	// Dotfiles that could not be copied are noted beside the ones that were.
	for _, n := range notes {
		m.note(n)
	}
	if len(links) > 0 {
		links[0].Comment = strings.Join(append(m.pending, links[0].Comment), "\n")
		m.pending = nil
	}
	for _, l := range links {
		m.bindings = append(m.bindings, l)
	}
	m.set("The home-manager release this configuration was written for; keep it\n"+
		"afterwards, as for system.stateVersion.", "home.stateVersion", m.str(HomeStateVersion))
	if m.err != nil {
		return nil, m.err
	}
	var b strings.Builder
	b.WriteString("# Generated by " + report1(gen) + " from " + report1(sys.Source.Describe()) + ": the home of " + report1(user) + ".\n")
	b.WriteString("# A home-manager module; flake.nix beside this file uses it.\n")
	b.Write(syntax.Format(syntax.NewLambda([]string{"config", "pkgs"}, true, syntax.NewAttrSet(m.bindings...))))
	return append([]exporter.File{{Path: moduleName, Mode: exporter.DefaultFileMode, Content: []byte(b.String())}}, files...), nil
}

// aliasSet is { name = "command"; … } sorted by name; a later alias of the
// same name wins, as in a shell.
func (m *module) aliasSet(aliases []model.Alias) *syntax.AttrSet {
	byName := map[string]string{}
	for _, a := range aliases {
		byName[a.Name] = a.Command
	}
	set := syntax.NewAttrSet()
	for _, n := range slices.Sorted(mapKeys(byName)) {
		set.Bindings = append(set.Bindings, &syntax.Attribute{Path: attrPath(n), Value: m.str(byName[n])})
	}
	return set
}

// optionPath matches a dotted path of plain option names.
var optionPath = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_'-]*(\.[a-zA-Z_][a-zA-Z0-9_'-]*)*$`)

func validOptionPath(p string) bool {
	for _, part := range strings.Split(p, ".") {
		if keywords[part] {
			return false
		}
	}
	return optionPath.MatchString(p)
}

// pathSegment is what a Nix path literal may hold between slashes.
var pathSegment = regexp.MustCompile(`^[a-zA-Z0-9._+-]+$`)

// insideHome reports whether target is a clean relative path inside $HOME.
func insideHome(target string) bool {
	if target == "" || path.IsAbs(target) || target == "." || strings.IndexByte(target, 0) >= 0 {
		return false
	}
	for _, seg := range strings.Split(target, "/") {
		if seg == ".." || seg == "." || seg == "" {
			return false
		}
	}
	return true
}

// copySource is the path of a dotfile's copy: a path literal
// (./dotfiles/.inputrc) where one can name it, else ./dotfiles + "/rest"
// for names a literal cannot hold, such as ones with spaces.
func copySource(copyPath string) syntax.Expr {
	dir, rest, _ := strings.Cut(copyPath, "/")
	for _, seg := range strings.Split(copyPath, "/") {
		if !pathSegment.MatchString(seg) {
			return &syntax.Binary{X: syntax.NewPath("./" + dir), Op: syntax.PLUS, Y: syntax.NewString("/" + rest)}
		}
	}
	return syntax.NewPath("./" + copyPath)
}

// report1 keeps text on one line for a comment.
func report1(s string) string { return strings.Join(splitComment(s), " ") }

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// nixValue turns a settings value (string, integer, float, bool, list,
// attribute set) into a Nix expression; attribute names are quoted where
// they must be and sorted.
func nixValue(v any) (syntax.Expr, error) {
	switch v := v.(type) {
	case string:
		if strings.IndexByte(v, 0) >= 0 {
			return nil, fmt.Errorf("string %q contains a NUL byte, which Nix strings cannot hold", v)
		}
		if strings.Contains(strings.TrimSuffix(v, "\n"), "\n") {
			return syntax.NewIndentedString(v), nil
		}
		return syntax.NewString(v), nil
	case bool:
		return syntax.NewBool(v), nil
	case int:
		return syntax.NewInt(int64(v)), nil
	case int64:
		return syntax.NewInt(v), nil
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, fmt.Errorf("%v has no Nix value", v)
		}
		if v < 0 {
			return &syntax.Unary{Op: syntax.MINUS, X: nixFloat(-v)}, nil
		}
		return nixFloat(v), nil
	case []any:
		elems := make([]syntax.Expr, len(v))
		for i, x := range v {
			e, err := nixValue(x)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			elems[i] = e
		}
		return syntax.NewList(elems...), nil
	case model.Settings:
		return nixValue(map[string]any(v))
	case map[string]any:
		set := syntax.NewAttrSet()
		for _, k := range slices.Sorted(mapKeys(v)) {
			e, err := nixValue(v[k])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			set.Bindings = append(set.Bindings, &syntax.Attribute{Path: attrPath(k), Value: e})
		}
		return set, nil
	}
	return nil, fmt.Errorf("a value of type %T has no Nix form", v)
}

// nixFloat is a float literal; the printer always writes a dot or an
// exponent, so Nix reads it back as a float.
func nixFloat(v float64) syntax.Expr { return &syntax.Float{Value: v} }
