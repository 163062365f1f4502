package dotfiles

func init() { register("programs.delta", "git", renderDelta) }

// renderDelta hands delta's settings to programs.git, which writes them
// into ~/.config/git/config, as the separate programs.delta module of
// newer home-manager releases does.
func renderDelta(r *renderer, s *settings) {
	s.ignore("package")
	on, set := s.boolean("enableGitIntegration")
	if set && !on {
		s.ignore("options")
		return
	}
	opts, _ := s.tree("options")
	if _, ok := r.programs["programs.git"]; !ok {
		r.warn(s.origin, "%s: programs.git is not enabled, so delta's git settings were not written", s.path)
		return
	}
	at := s.at("options")
	r.gitExtra = append(r.gitExtra, func(c *gitConfig) {
		c.set("core", "", "pager", "delta", s.path)
		c.set("interactive", "", "diffFilter", "delta --color-only", s.path)
		deltaOptions(c, opts, at)
	})
}
