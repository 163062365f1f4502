package dotfiles

import (
	"strings"

	"github.com/nixarch/nixarch/model"
)

func init() { register("programs.fzf", "fzf", renderFzf) }

// varFrom makes a session variable that a module sets.
func varFrom(s *settings, name, value string) model.Variable {
	return model.Variable{Name: name, Value: value, Origin: s.origin}
}

// renderFzf sets fzf's variables and hooks its key bindings into the
// shells, as home-manager's programs.fzf does; it writes no file.
func renderFzf(r *renderer, s *settings) {
	s.ignore("package")
	opts := s.list("defaultOptions")
	if c := s.section("colors"); c != nil {
		var colors []string
		for _, k := range sortedKeys(c.m) {
			if v, ok := c.str(k); ok {
				colors = append(colors, k+":"+v)
			}
		}
		if len(colors) > 0 {
			opts = append(opts, "--color "+strings.Join(colors, ","))
		}
	}
	for _, v := range []struct{ name, value string }{
		{"FZF_DEFAULT_COMMAND", str(s, "defaultCommand")},
		{"FZF_DEFAULT_OPTS", strings.Join(opts, " ")},
		{"FZF_CTRL_T_COMMAND", str(s, "fileWidgetCommand")},
		{"FZF_CTRL_T_OPTS", strings.Join(s.list("fileWidgetOptions"), " ")},
		{"FZF_ALT_C_COMMAND", str(s, "changeDirWidgetCommand")},
		{"FZF_ALT_C_OPTS", strings.Join(s.list("changeDirWidgetOptions"), " ")},
		{"FZF_CTRL_R_OPTS", strings.Join(s.list("historyWidgetOptions"), " ")},
	} {
		if v.value != "" {
			r.extraVars = append(r.extraVars, varFrom(s, v.name, v.value))
		}
	}
	if t := s.section("tmux"); t != nil {
		if t.enabled("enableShellIntegration") {
			r.extraVars = append(r.extraVars, varFrom(s, "FZF_TMUX", "1"))
			if o := t.list("shellIntegrationOptions"); len(o) > 0 {
				r.extraVars = append(r.extraVars, varFrom(s, "FZF_TMUX_OPTS", strings.Join(o, " ")))
			}
		}
		t.ignore("shellIntegrationOptions")
	}
	r.hook(s, `eval "$(fzf --bash)"`, `source <(fzf --zsh)`, "fzf --fish | source")
}

// str returns key's string value or "".
func str(s *settings, key string) string {
	v, _ := s.str(key)
	return v
}
