package dotfiles

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/nixarch/nixarch/internal/secret"
	"github.com/nixarch/nixarch/model"
)

// settings reads one module's option values and remembers which keys were
// read, so that finish can report the rest instead of dropping them.
type settings struct {
	r      *renderer
	path   string // "programs.git" or "programs.git.signing"
	pkg    string
	origin model.Origin
	m      map[string]any
	used   map[string]bool
	kids   []*settings
}

func (r *renderer) settingsOf(path, pkg string, origin model.Origin, m map[string]any) *settings {
	return &settings{r: r, path: path, pkg: pkg, origin: origin, m: m, used: map[string]bool{}}
}

// at names key inside s for messages.
func (s *settings) at(key string) string { return s.path + "." + key }

// value returns the raw value of key and marks it used.
func (s *settings) value(key string) (any, bool) {
	v, ok := s.m[key]
	if ok {
		s.used[key] = true
	}
	return v, ok
}

// ignore marks keys as used without reading them: options that say which
// Nix package to install or that have no meaning in a dotfile.
func (s *settings) ignore(keys ...string) {
	for _, k := range keys {
		if _, ok := s.m[k]; ok {
			s.used[k] = true
		}
	}
}

// unsupported marks key used and reports it: a known option this renderer
// cannot express.
func (s *settings) unsupported(key, why string) {
	if _, ok := s.value(key); ok {
		s.r.warn(s.origin, "%s: not rendered: %s", s.at(key), why)
	}
}

func (s *settings) wrongType(key string, v any, want string) {
	s.r.warn(s.origin, "%s: want %s, got %s; left out", s.at(key), want, describe(v))
}

// str returns key as a string, with Nix store paths made Arch paths.
func (s *settings) str(key string) (string, bool) {
	v, ok := s.value(key)
	if !ok {
		return "", false
	}
	str, ok := v.(string)
	if !ok {
		s.wrongType(key, v, "a string")
		return "", false
	}
	if secret.Token(str) {
		s.r.manual(s.origin, "%s: holds an access token and was not written; set it by hand", s.at(key))
		return "", false
	}
	return s.r.archPaths(str, s.at(key), s.origin), true
}

// boolean returns key as a bool.
func (s *settings) boolean(key string) (val, ok bool) {
	v, ok := s.value(key)
	if !ok {
		return false, false
	}
	b, ok := v.(bool)
	if !ok {
		s.wrongType(key, v, "a boolean")
	}
	return b, ok
}

// enabled reports whether key is the boolean true.
func (s *settings) enabled(key string) bool {
	b, _ := s.boolean(key)
	return b
}

// integer returns key as an int64.
func (s *settings) integer(key string) (int64, bool) {
	v, ok := s.value(key)
	if !ok {
		return 0, false
	}
	switch n := v.(type) {
	case int64:
		return n, true
	case float64:
		if n == float64(int64(n)) {
			return int64(n), true
		}
	}
	s.wrongType(key, v, "an integer")
	return 0, false
}

// list returns key as a list of strings; a single string counts as a list
// of one.
func (s *settings) list(key string) []string {
	v, ok := s.value(key)
	if !ok {
		return nil
	}
	if str, ok := v.(string); ok {
		return []string{s.r.archPaths(str, s.at(key), s.origin)}
	}
	l, ok := v.([]any)
	if !ok {
		s.wrongType(key, v, "a list of strings")
		return nil
	}
	var out []string
	for i, x := range l {
		str, ok := x.(string)
		if !ok {
			s.wrongType(fmt.Sprintf("%s[%d]", key, i), x, "a string")
			continue
		}
		out = append(out, s.r.archPaths(str, s.at(key), s.origin))
	}
	return out
}

// section returns the attribute set at key as settings of their own, whose
// unknown keys are reported with the parent's. It returns nil when key is
// missing or not a set.
func (s *settings) section(key string) *settings {
	v, ok := s.value(key)
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		s.wrongType(key, v, "an attribute set")
		return nil
	}
	kid := &settings{r: s.r, path: s.at(key), pkg: s.pkg, origin: s.origin, m: m, used: map[string]bool{}}
	s.kids = append(s.kids, kid)
	return kid
}

// tree returns the attribute set at key as plain data, with store paths
// made Arch paths and secrets taken out, for formats that are rendered
// whole (TOML, JSON, INI).
func (s *settings) tree(key string) (map[string]any, bool) {
	v, ok := s.value(key)
	if !ok {
		return nil, false
	}
	m, ok := v.(map[string]any)
	if !ok {
		s.wrongType(key, v, "an attribute set")
		return nil, false
	}
	return s.r.clean(m, s.at(key), s.origin).(map[string]any), true
}

// clean copies v, rewriting store paths and removing secrets.
func (r *renderer) clean(v any, at string, origin model.Origin) any {
	switch v := v.(type) {
	case string:
		return r.archPaths(v, at, origin)
	case []any:
		out := make([]any, 0, len(v))
		for i, x := range v {
			out = append(out, r.clean(x, fmt.Sprintf("%s[%d]", at, i), origin))
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for _, k := range slices.Sorted(maps.Keys(v)) {
			if str, ok := v[k].(string); secret.Name(k) || ok && secret.Token(str) {
				r.manual(origin, "%s: looks like a secret and was not written; set it by hand", at+"."+k)
				continue
			}
			out[k] = r.clean(v[k], at+"."+k, origin)
		}
		return out
	case model.Settings:
		return r.clean(map[string]any(v), at, origin)
	}
	return v
}

// keys returns the keys of s that have not been read, sorted.
func (s *settings) keys() []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(s.m)) {
		if !s.used[k] {
			out = append(out, k)
		}
	}
	return out
}

// finish reports every key nobody read, in s and its sections.
func (s *settings) finish() {
	s.ignore("enable")
	for _, k := range s.keys() {
		s.r.warn(s.origin, "%s: unknown option for the dotfiles renderer; not written", s.at(k))
	}
	for _, kid := range s.kids {
		kid.finish()
	}
}

// describe names the type of a settings value for messages.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return "the string " + strconv.Quote(v)
	case bool:
		return "a boolean"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case []any:
		return "a list"
	case map[string]any, model.Settings:
		return "an attribute set"
	}
	return fmt.Sprintf("%T", v)
}

// scalar formats a string, integer, float or boolean the way most config
// formats write it.
func scalar(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), true
	}
	return "", false
}
