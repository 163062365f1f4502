package dotfiles

import "regexp"

func init() { register("programs.helix", "helix", renderHelix) }

var fileName = regexp.MustCompile(`^[A-Za-z0-9_.+@-]+$`)

// renderHelix writes ~/.config/helix/config.toml, languages.toml, ignore
// and one file per theme.
func renderHelix(r *renderer, s *settings) {
	s.ignore("package", "extraPackages", "defaultEditor")
	if s.enabled("defaultEditor") {
		r.extraVars = append(r.extraVars, varFrom(s, "EDITOR", "hx"))
	}
	if m, ok := s.tree("settings"); ok && len(m) > 0 {
		r.addTOML(s, ".config/helix/config.toml", "settings", m)
	}
	if v, ok := s.value("languages"); ok {
		switch v.(type) {
		case map[string]any:
			if m, ok := s.tree("languages"); ok && len(m) > 0 {
				r.addTOML(s, ".config/helix/languages.toml", "languages", m)
			}
		case []any:
			l, _ := r.clean(v, s.at("languages"), s.origin).([]any)
			r.addTOML(s, ".config/helix/languages.toml", "languages", map[string]any{"language": l})
		default:
			s.wrongType("languages", v, "an attribute set or a list")
		}
	}
	if ign := s.list("ignores"); len(ign) > 0 {
		r.add("helix", ".config/helix/ignore", 0o644, joinLines(ign), s.at("ignores"), s.origin)
	}
	if th := s.section("themes"); th != nil {
		for _, name := range sortedKeys(th.m) {
			if !fileName.MatchString(name) {
				th.value(name)
				r.warn(s.origin, "%s: not a file name; left out", th.at(name))
				continue
			}
			if m, ok := th.tree(name); ok {
				r.addTOML(th, ".config/helix/themes/"+name+".toml", name, m)
			}
		}
	}
}
