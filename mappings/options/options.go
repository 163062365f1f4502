package options

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/nixarch/nixarch/model"
)

// DataFile is the name errors and origins use for the embedded table.
const DataFile = "data/options.yaml"

//go:embed data/options.yaml
var embedded []byte

// Kind is the type of value an option takes.
type Kind string

// The kinds of value.
const (
	KindBool   Kind = "bool"   // true or false; the default kind
	KindString Kind = "string" // one string, such as a time zone
	KindList   Kind = "list"   // a list of strings, such as kernel modules
	KindAttrs  Kind = "attrs"  // an attribute set, such as nix.settings; never templated
)

// Placeholder is the template text that Option.Apply replaces with the
// option's value.
const Placeholder = "{{value}}"

// File is a file to write on Arch.
type File struct {
	// Path is absolute.
	Path string
	// Content is the whole text of the file.
	Content string
	// Mode is the file's permission bits; zero means the writer's default.
	Mode model.FileMode
}

// Action is what an option means on Arch: what to install, what to
// enable, what to write and what to do by hand. Every list is in the order
// of the data file.
type Action struct {
	// Packages are Arch packages from core and extra.
	Packages []string
	// Multilib are packages from [multilib], which is off by default; an
	// Action with any has a manual step that says how to turn it on.
	Multilib []string
	// AUR are packages from the Arch User Repository.
	AUR []string
	// PackageGroups are pacman package groups, such as gnome or xfce4,
	// installed with pacman -S GROUP.
	PackageGroups []string
	// Units are system units to enable with systemctl enable.
	Units []string
	// UserUnits are user units to enable for every user with
	// systemctl --global enable.
	UserUnits []string
	// Groups are groups the option's service works with, which setup.sh
	// makes sure exist. Who joins them is the users' own choice
	// (users.users.NAME.extraGroups on NixOS), never everyone.
	Groups []string
	// KernelModules are modules to load at boot, through a file in
	// /etc/modules-load.d.
	KernelModules []string
	// KernelParams are parameters to add to the kernel command line in
	// the bootloader's configuration.
	KernelParams []string
	// Files are files to write.
	Files []File
	// Manual are steps, in plain words, that the user must do by hand.
	Manual []string
}

// IsZero reports whether a asks for nothing.
func (a *Action) IsZero() bool {
	return len(a.Packages)+len(a.Multilib)+len(a.AUR)+len(a.PackageGroups)+len(a.Units)+len(a.UserUnits)+
		len(a.Groups)+len(a.KernelModules)+len(a.KernelParams)+len(a.Files)+len(a.Manual) == 0
}

// Option is one row of the table: a NixOS option and its meaning on Arch.
type Option struct {
	// Path is the option's path, such as services.openssh.enable. A
	// segment written <name> stands for any attribute name, as in
	// services.redis.servers.<name>.enable.
	Path string
	// Aliases are older paths NixOS still accepts for the option, such as
	// hardware.opengl.enable for hardware.graphics.enable.
	Aliases []string
	// Kind is the type of the option's value.
	Kind Kind
	// Arch is what the option means on Arch. Where it holds Placeholder,
	// use Apply to fill in the value.
	Arch Action
	// FromUnits are systemd units whose being enabled on Arch implies the
	// option. A template unit such as syncthing@.service stands for all
	// its instances. User units are included.
	FromUnits []string
	// FromPackages are Arch packages whose being installed implies the
	// option.
	FromPackages []string
	// Note explains the row: what differs between the two systems and
	// what the row leaves out.
	Note string
	// Origin is the row's position in the embedded data file.
	Origin model.Origin
}

// Templated reports whether o's Action depends on the option's value.
func (o *Option) Templated() bool {
	a := &o.Arch
	lists := [][]string{a.KernelParams, a.Manual}
	for _, f := range a.Files {
		lists = append(lists, []string{f.Path, f.Content})
	}
	for _, l := range lists {
		for _, s := range l {
			if strings.Contains(s, Placeholder) {
				return true
			}
		}
	}
	return false
}

// Apply returns o's Action for the option set to values, given as Nix
// would print them without quotes: "true" or "false" for a bool, one
// string for a string, any number for a list.
//
// An attrs row gives its Action whatever the value. An untemplated bool
// row gives its Action for true and the zero Action for false. Otherwise every line of a file, a manual step or a kernel
// parameter that holds Placeholder is repeated once per value with the
// value filled in; a bool value is written "yes" or "no". A file whose
// path holds Placeholder is written once per value.
func (o *Option) Apply(values ...string) (Action, error) {
	switch o.Kind {
	case KindAttrs:
		return o.Arch.clone(), nil
	case KindBool, KindString:
		if len(values) != 1 {
			return Action{}, fmt.Errorf("option %s takes one %s value, not %d", o.Path, o.Kind, len(values))
		}
	}
	if o.Kind == KindBool {
		switch values[0] {
		case "true":
			values = []string{"yes"}
		case "false":
			if !o.Templated() {
				return Action{}, nil
			}
			values = []string{"no"}
		default:
			return Action{}, fmt.Errorf("option %s takes true or false, not %q", o.Path, values[0])
		}
		if !o.Templated() {
			return o.Arch.clone(), nil
		}
	}
	a := o.Arch.clone()
	a.KernelParams = expandEach(a.KernelParams, values)
	a.Manual = expandEach(a.Manual, values)
	var files []File
	for _, f := range o.Arch.Files {
		paths := []string{f.Path}
		if strings.Contains(f.Path, Placeholder) {
			paths = expandEach(paths, values)
		}
		for _, p := range paths {
			files = append(files, File{Path: p, Content: expandLines(f.Content, values), Mode: f.Mode})
		}
	}
	a.Files = files
	return a, nil
}

// expandEach expands every element of list, each one as a single line.
func expandEach(list, values []string) []string {
	var out []string
	for _, s := range list {
		if !strings.Contains(s, Placeholder) {
			out = append(out, s)
			continue
		}
		for _, v := range values {
			out = append(out, strings.ReplaceAll(s, Placeholder, v))
		}
	}
	return out
}

// expandLines repeats each line of text that holds Placeholder once per
// value.
func expandLines(text string, values []string) string {
	if !strings.Contains(text, Placeholder) {
		return text
	}
	lines := strings.SplitAfter(text, "\n")
	var b strings.Builder
	for _, l := range lines {
		if !strings.Contains(l, Placeholder) {
			b.WriteString(l)
			continue
		}
		for _, v := range values {
			b.WriteString(strings.ReplaceAll(l, Placeholder, v))
		}
	}
	return b.String()
}

func (a *Action) clone() Action {
	c := *a
	for _, l := range []*[]string{&c.Packages, &c.Multilib, &c.AUR, &c.PackageGroups, &c.Units, &c.UserUnits,
		&c.Groups, &c.KernelModules, &c.KernelParams, &c.Manual} {
		*l = slices.Clone(*l)
	}
	c.Files = slices.Clone(c.Files)
	return c
}

// Table is the curated table of options. It is read-only once loaded and
// safe for concurrent use. Callers must not modify the Options it returns.
type Table struct {
	options   []*Option
	byPath    map[string]*Option // paths and aliases without <name>
	families  []*Option          // paths or aliases with <name>
	byUnit    map[string][]*Option
	byPackage map[string][]*Option
}

var loadDefault = sync.OnceValues(func() (*Table, error) { return Parse(DataFile, embedded) })

// Default returns the table embedded in the program, loaded on first use.
// An error means the embedded data is malformed, which the tests rule out.
func Default() (*Table, error) { return loadDefault() }

// Options returns every row, sorted by path.
func (t *Table) Options() []*Option { return t.options }

// ForNixOS returns the row for option, given as a path such as
// services.openssh.enable or one of its aliases. A row whose path has a
// <name> segment answers for every attribute name there, quoted or not:
// services.redis.servers.cache.enable and services.redis.servers."".enable
// both find services.redis.servers.<name>.enable.
func (t *Table) ForNixOS(option string) (*Option, bool) {
	if o, ok := t.byPath[option]; ok {
		return o, true
	}
	segs, ok := splitPath(option)
	if !ok {
		return nil, false
	}
	for _, o := range t.families {
		for _, p := range append([]string{o.Path}, o.Aliases...) {
			if matchFamily(strings.Split(p, "."), segs) {
				return o, true
			}
		}
	}
	return nil, false
}

// matchFamily reports whether segs, an option path split into segments,
// fits pattern, in which <name> matches any one segment.
func matchFamily(pattern, segs []string) bool {
	if len(pattern) != len(segs) {
		return false
	}
	for i, p := range pattern {
		if p != segs[i] && p != nameSegment {
			return false
		}
	}
	return true
}

// splitPath splits an option path at the dots outside double quotes.
func splitPath(path string) ([]string, bool) {
	var segs []string
	var b strings.Builder
	quoted := false
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case c == '\\' && quoted && i+1 < len(path):
			b.WriteByte(c)
			i++
			b.WriteByte(path[i])
		case c == '"':
			quoted = !quoted
			b.WriteByte(c)
		case c == '.' && !quoted:
			segs = append(segs, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	if quoted {
		return nil, false
	}
	return append(segs, b.String()), true
}

// FromArchUnit returns the rows that an enabled unit implies, sorted by
// path. A unit without a suffix is taken as a .service; an instance such
// as syncthing@alice.service also finds rows that name its template,
// syncthing@.service.
func (t *Table) FromArchUnit(unit string) []*Option {
	if !strings.Contains(unit, ".") {
		unit += ".service"
	}
	got := t.byUnit[unit]
	if at := strings.IndexByte(unit, '@'); at >= 0 {
		dot := strings.LastIndexByte(unit, '.')
		if tmpl := unit[:at+1] + unit[dot:]; tmpl != unit && dot > at {
			got = mergeSorted(got, t.byUnit[tmpl])
		}
	}
	return got
}

// FromArchPackage returns the rows that an installed Arch package implies,
// sorted by path.
func (t *Table) FromArchPackage(pkg string) []*Option { return t.byPackage[pkg] }

func mergeSorted(a, b []*Option) []*Option {
	out := slices.Concat(a, b)
	slices.SortFunc(out, func(x, y *Option) int { return strings.Compare(x.Path, y.Path) })
	return slices.Compact(out)
}
