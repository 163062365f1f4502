package dotfiles

import "github.com/nixarch/nixarch/model"

func init() { register("programs.eza", "eza", renderEza) }

// renderEza adds home-manager's ls aliases for eza to the shells.
func renderEza(r *renderer, s *settings) {
	s.ignore("package")
	args := s.list("extraOptions")
	if v, ok := s.value("icons"); ok {
		switch v := v.(type) {
		case bool:
			if v {
				args = append(args, "--icons")
			}
		case string:
			if v != "" {
				args = append(args, "--icons="+v)
			}
		default:
			s.wrongType("icons", v, `a boolean or "auto", "always" or "never"`)
		}
	}
	if s.enabled("git") {
		args = append(args, "--git")
	}
	cmd := "eza"
	if len(args) > 0 {
		cmd += " " + shWords(args)
	}
	var shells []string
	for _, sh := range []struct{ name, option string }{{"bash", "enableBashIntegration"}, {"zsh", "enableZshIntegration"}, {"fish", "enableFishIntegration"}} {
		if on, set := s.boolean(sh.option); !set || on {
			shells = append(shells, sh.name)
		}
	}
	s.ignore("enableNushellIntegration", "enableIonIntegration")
	for _, sh := range shells {
		for _, a := range []struct{ name, args string }{{"ls", ""}, {"ll", " -l"}, {"la", " -a"}, {"lt", " --tree"}, {"lla", " -la"}} {
			c := cmd + a.args
			r.extraAliases = append(r.extraAliases, model.Alias{Name: a.name, Command: c, Shell: sh, Owner: r.owner, Origin: s.origin})
		}
	}
}
