package dotfiles

func init() {
	register("programs.lazygit", "lazygit", renderLazygit)
	register("programs.gh", "gh", renderGh)
}

// renderLazygit writes ~/.config/lazygit/config.yml.
func renderLazygit(r *renderer, s *settings) {
	s.ignore("package")
	if m, ok := s.tree("settings"); ok && len(m) > 0 {
		r.addYAML(s, ".config/lazygit/config.yml", "settings", m)
	}
}

// renderGh writes ~/.config/gh/config.yml. The login in hosts.yml is a
// secret, so it is never written: gh auth login makes it again.
func renderGh(r *renderer, s *settings) {
	s.ignore("package", "extensions")
	ghCredentialHelper(r, s)
	m, _ := s.tree("settings")
	if m == nil {
		m = map[string]any{}
	}
	if _, ok := m["version"]; !ok && len(m) > 0 {
		m["version"] = "1"
	}
	if len(m) > 0 {
		r.addYAML(s, ".config/gh/config.yml", "settings", m)
	}
	r.manual(s.origin, "%s: run gh auth login to sign in again; tokens are never copied", s.path)
}

// ghCredentialHelper makes gh git's credential helper for GitHub, as
// home-manager does unless gitCredentialHelper.enable is false.
func ghCredentialHelper(r *renderer, s *settings) {
	hosts := []string{"https://github.com", "https://gist.github.com"}
	if h := s.section("gitCredentialHelper"); h != nil {
		if on, set := h.boolean("enable"); set && !on {
			h.ignore("hosts")
			return
		}
		if _, ok := h.m["hosts"]; ok {
			hosts = h.list("hosts")
		}
	}
	if _, ok := r.programs["programs.git"]; !ok {
		return
	}
	r.gitExtra = append(r.gitExtra, func(c *gitConfig) {
		for _, host := range hosts {
			c.set("credential", host, "helper", []any{"", "!/usr/bin/gh auth git-credential"}, s.at("gitCredentialHelper"))
		}
	})
}
