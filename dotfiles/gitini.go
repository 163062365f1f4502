package dotfiles

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/nixarch/nixarch/internal/secret"
	"github.com/nixarch/nixarch/model"
)

// gitConfig builds a git config file: sections in the order first used,
// keys in the order set; a key set twice holds several values (a
// multivar, as git allows).
type gitConfig struct {
	r        *renderer
	origin   model.Origin
	sections []*gitSection
}

type gitSection struct {
	name, sub string
	keys      []gitKey
}

type gitKey struct {
	name  string
	value string
}

var gitName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*$`)

func (c *gitConfig) section(name, sub string) *gitSection {
	for _, s := range c.sections {
		if strings.EqualFold(s.name, name) && s.sub == sub {
			return s
		}
	}
	s := &gitSection{name: name, sub: sub}
	c.sections = append(c.sections, s)
	return s
}

// set adds key = value to [name "sub"], replacing an earlier value of key.
func (c *gitConfig) set(name, sub, key string, value any, at string) {
	c.put(name, sub, key, value, at, false)
}

// add adds key = value to [name "sub"], keeping earlier values.
func (c *gitConfig) add(name, sub, key string, value any, at string) {
	c.put(name, sub, key, value, at, true)
}

func (c *gitConfig) put(name, sub, key string, value any, at string, appendOnly bool) {
	s := c.section(name, sub)
	vals := []any{value}
	if l, ok := value.([]any); ok {
		vals = l
	}
	var out []gitKey
	for _, v := range vals {
		str, ok := scalar(v)
		if !ok {
			c.r.warn(c.origin, "%s: want a string, number, boolean or list of them, got %s; left out", at, describe(v))
			continue
		}
		if str2, ok := v.(string); ok {
			if secret.Token(str2) {
				c.r.manual(c.origin, "%s: holds an access token and was not written; set it with git config by hand", at)
				continue
			}
			str = c.r.archPaths(str2, at, c.origin)
		}
		out = append(out, gitKey{key, str})
	}
	if appendOnly {
		s.keys = append(s.keys, out...)
		return
	}
	kept := s.keys[:0]
	for _, k := range s.keys {
		if !strings.EqualFold(k.name, key) {
			kept = append(kept, k)
		}
	}
	s.keys = append(kept, out...)
}

// merge adds an attribute set of sections, as home-manager's extraConfig
// and settings take them: { core.editor = "vim"; url."git@host:".insteadOf = …; }.
func (c *gitConfig) merge(m map[string]any, at string) {
	for _, name := range sortedKeys(m) {
		secAt := at + "." + name
		sec, ok := m[name].(map[string]any)
		if !ok {
			c.r.warn(c.origin, "%s: want an attribute set of keys, got %s; left out", secAt, describe(m[name]))
			continue
		}
		// "a.b" as a section name means [a "b"], as git itself spells it.
		secName, sub, _ := strings.Cut(name, ".")
		if !gitName.MatchString(secName) {
			c.r.warn(c.origin, "%s: %q is not a git section name; left out", secAt, name)
			continue
		}
		for _, k := range sortedKeys(sec) {
			v := sec[k]
			if secret.Name(k) {
				c.r.manual(c.origin, "%s: looks like a secret and was not written; set it with git config by hand", secAt+"."+k)
				continue
			}
			if subm, ok := v.(map[string]any); ok {
				if sub != "" {
					c.r.warn(c.origin, "%s: nested too deep for a git config; left out", secAt+"."+k)
					continue
				}
				c.subsection(secName, k, subm, secAt+"."+k)
				continue
			}
			c.key(secName, sub, k, v, secAt+"."+k)
		}
	}
}

func (c *gitConfig) subsection(name, sub string, m map[string]any, at string) {
	if strings.ContainsAny(sub, "\n\x00") {
		c.r.warn(c.origin, "%s: a subsection name cannot hold a newline; left out", at)
		return
	}
	for _, k := range sortedKeys(m) {
		if _, ok := m[k].(map[string]any); ok {
			c.r.warn(c.origin, "%s: nested too deep for a git config; left out", at+"."+k)
			continue
		}
		if secret.Name(k) {
			c.r.manual(c.origin, "%s: looks like a secret and was not written; set it with git config by hand", at+"."+k)
			continue
		}
		c.key(name, sub, k, m[k], at+"."+k)
	}
}

func (c *gitConfig) key(name, sub, key string, v any, at string) {
	if !gitName.MatchString(key) {
		c.r.warn(c.origin, "%s: %q is not a git key name; left out", at, key)
		return
	}
	c.set(name, sub, key, v, at)
}

// bytes renders the file.
func (c *gitConfig) bytes(header string) []byte {
	var b strings.Builder
	b.WriteString(header)
	for _, s := range c.sections {
		if len(s.keys) == 0 {
			continue
		}
		if s.sub == "" {
			fmt.Fprintf(&b, "[%s]\n", s.name)
		} else {
			fmt.Fprintf(&b, "[%s %s]\n", s.name, gitQuote(s.sub, true))
		}
		for _, k := range s.keys {
			fmt.Fprintf(&b, "\t%s = %s\n", k.name, gitValue(k.value))
		}
	}
	return []byte(b.String())
}

// gitValue quotes a value when git would otherwise read it differently.
func gitValue(v string) string {
	if v != "" && v == strings.TrimSpace(v) && !strings.ContainsAny(v, "\"\\#;\n\t\r\b") {
		return v
	}
	return gitQuote(v, false)
}

// gitQuote writes s in double quotes with git's escapes. Subsection names
// know only \" and \\.
func gitQuote(s string, subsection bool) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case !subsection && c == '\n':
			b.WriteString(`\n`)
		case !subsection && c == '\t':
			b.WriteString(`\t`)
		case !subsection && c == '\b':
			b.WriteString(`\b`)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
