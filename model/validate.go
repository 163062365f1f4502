package model

import (
	"fmt"
	"maps"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
)

// Validate checks the rules Decode enforces beyond types: required fields,
// allowed values, owners, targets and settings values. It returns an
// ErrorList whose messages start with the path of the bad value, such as
// "packages[2]: name is required". Encode refuses a System that does not
// validate.
func (s *System) Validate() error {
	var l ErrorList
	for _, p := range s.check() {
		l.Add(Origin{}, p.String())
	}
	return l.Err()
}

// problem is a rule broken by a value at path, or, when field is set, by
// the item at path leaving that field out.
type problem struct{ path, field, msg string }

func (p problem) String() string { return at(p.path, p.msg) }

// checker collects problems.
type checker []problem

func (c *checker) add(path, field, format string, args ...any) {
	*c = append(*c, problem{path, field, fmt.Sprintf(format, args...)})
}

func (c *checker) required(path, field, value string) bool {
	if value == "" {
		c.add(path, field, "%s is required", field)
	}
	return value != ""
}

func (c *checker) oneOf(path, field string, value, what string, allowed ...string) {
	if c.required(path, field, value) && !slices.Contains(allowed, value) {
		c.add(join(path, field), "", "%q is not a %s (want %s)", value, what, quoteList(allowed))
	}
}

// localeCategory matches the variables of locale.conf besides LANG.
var localeCategory = regexp.MustCompile(`^(LC_[A-Z]+|LANGUAGE)$`)

// check returns the problems with s, in the order of the fields.
func (s *System) check() []problem {
	var c checker
	switch s.APIVersion {
	case APIVersion:
	case "":
		c.add("", "apiVersion", "apiVersion is required (want %q)", APIVersion)
	default:
		c.add("apiVersion", "", "%q is not supported (want %q)", s.APIVersion, APIVersion)
	}
	c.oneOf("", "kind", s.Kind, "model kind", KindSystem)
	c.oneOf("source", "kind", string(s.Source.Kind), "source kind", string(SourceNixOS), string(SourceArch), string(SourcePkgList))
	c.origin("host", s.Host.Origin)
	for i, l := range s.Host.LocaleSettings {
		item := fmt.Sprintf("host.localeSettings[%d]", i)
		if c.required(item, "category", l.Category) && !localeCategory.MatchString(l.Category) {
			c.add(join(item, "category"), "", "%q is not a locale category (want LC_NAME or LANGUAGE)", l.Category)
		}
		c.required(item, "locale", l.Locale)
	}
	for i, p := range s.Packages {
		item := fmt.Sprintf("packages[%d]", i)
		c.required(item, "name", p.Name)
		c.owner(item, p.Owner)
		c.origin(item, p.Origin)
	}
	for i, v := range s.Services {
		item := fmt.Sprintf("services[%d]", i)
		c.required(item, "name", v.Name)
		c.settings(join(item, "settings"), v.Settings)
		c.owner(item, v.Owner)
		c.origin(item, v.Origin)
	}
	for i, p := range s.Programs {
		item := fmt.Sprintf("programs[%d]", i)
		c.required(item, "name", p.Name)
		c.settings(join(item, "settings"), p.Settings)
		c.owner(item, p.Owner)
		c.origin(item, p.Origin)
	}
	for i, u := range s.Users {
		item := fmt.Sprintf("users[%d]", i)
		c.required(item, "name", u.Name)
		if u.UID < 0 {
			c.add(join(item, "uid"), "", "uid %d is negative", u.UID)
		}
		c.origin(item, u.Origin)
	}
	for i, g := range s.Groups {
		item := fmt.Sprintf("groups[%d]", i)
		c.required(item, "name", g.Name)
		if g.GID < 0 {
			c.add(join(item, "gid"), "", "gid %d is negative", g.GID)
		}
		c.origin(item, g.Origin)
	}
	for i, v := range s.Environment {
		item := fmt.Sprintf("environment[%d]", i)
		c.required(item, "name", v.Name)
		c.owner(item, v.Owner)
		c.origin(item, v.Origin)
	}
	for i, a := range s.Aliases {
		item := fmt.Sprintf("aliases[%d]", i)
		c.required(item, "name", a.Name)
		c.required(item, "command", a.Command)
		c.owner(item, a.Owner)
		c.origin(item, a.Origin)
	}
	for i, f := range s.EtcFiles {
		item := fmt.Sprintf("etcFiles[%d]", i)
		if c.required(item, "target", f.Target) {
			if p := path.Clean(f.Target); !strings.HasPrefix(p, "/etc/") {
				c.add(join(item, "target"), "", "%q is not a file under /etc", f.Target)
			} else if p != f.Target {
				c.add(join(item, "target"), "", "%q is not clean (want %q)", f.Target, p)
			}
		}
		c.content(item, f.Content, f.Source, f.Mode)
		c.origin(item, f.Origin)
	}
	for i, f := range s.Dotfiles {
		item := fmt.Sprintf("dotfiles[%d]", i)
		if c.required(item, "owner", string(f.Owner)) {
			if _, ok := f.Owner.User(); !ok {
				c.add(join(item, "owner"), "", "%q does not name a user (want \"user:NAME\")", f.Owner)
			}
		}
		if c.required(item, "target", f.Target) {
			switch p := path.Clean(f.Target); {
			case path.IsAbs(f.Target) || strings.HasPrefix(f.Target, "~"):
				c.add(join(item, "target"), "", "%q is not relative to the home folder (want a path such as .config/git/config)", f.Target)
			case p == "." || p == ".." || strings.HasPrefix(p, "../"):
				c.add(join(item, "target"), "", "%q is outside the home folder", f.Target)
			case p != f.Target:
				c.add(join(item, "target"), "", "%q is not clean (want %q)", f.Target, p)
			}
		}
		c.content(item, f.Content, f.Source, f.Mode)
		c.origin(item, f.Origin)
	}
	for i, f := range s.Findings {
		item := fmt.Sprintf("findings[%d]", i)
		c.oneOf(item, "severity", string(f.Severity), "severity",
			string(SeverityInfo), string(SeverityWarning), string(SeverityError), string(SeverityManual))
		c.required(item, "message", f.Message)
		c.origin(item, f.Origin)
	}
	return c
}

// owner checks that o is empty, "system" or "user:NAME".
func (c *checker) owner(at string, o Owner) {
	if _, ok := o.User(); o != "" && o != OwnerSystem && !ok {
		c.add(join(at, "owner"), "", "%q is not an owner (want \"system\" or \"user:NAME\")", o)
	}
}

// origin checks that o reads back unchanged from its "file:line:col" form.
// Only a System built in Go can break this.
func (c *checker) origin(at string, o Origin) {
	if back, err := ParseOrigin(o.String()); err != nil || back != o {
		c.add(join(at, "origin"), "", "%#v cannot be written as \"file:line:col\"", o)
	}
}

// content checks the rules EtcFile and Dotfile share.
func (c *checker) content(at, content, source string, mode FileMode) {
	switch {
	case content != "" && source != "":
		c.add(at, "content", "content and source are both set; keep one")
	case content == "" && source == "":
		c.add(at, "content", "content or source is required")
	}
	if mode > 0o7777 {
		c.add(join(at, "mode"), "", "%s is not a file mode from 0000 to 7777", mode)
	}
}

// settings checks that every value is one Settings allows.
func (c *checker) settings(at string, v any) {
	switch v := v.(type) {
	case string, int64, float64, bool:
	case []any:
		for i, x := range v {
			c.settings(fmt.Sprintf("%s[%d]", at, i), x)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			c.settings(at+keyPath(k), v[k])
		}
	case Settings:
		c.settings(at, map[string]any(v))
	case nil:
		c.add(at, "", "null is not allowed in settings")
	default:
		c.add(at, "", "%s is not allowed in settings (want string, int64, float64, bool, []any or map[string]any)", reflect.TypeOf(v))
	}
}

// quoteList formats list as `"a", "b" or "c"`.
func quoteList(list []string) string {
	var b strings.Builder
	for i, s := range list {
		switch {
		case i > 0 && i == len(list)-1:
			b.WriteString(" or ")
		case i > 0:
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", s)
	}
	return b.String()
}
