package dotfiles

func init() { register("programs.direnv", "direnv", renderDirenv) }

// renderDirenv writes ~/.config/direnv/direnv.toml and direnvrc, and hooks
// direnv into the shells.
func renderDirenv(r *renderer, s *settings) {
	s.ignore("package")
	if m, ok := s.tree("config"); ok && len(m) > 0 {
		r.addTOML(s, ".config/direnv/direnv.toml", "config", m)
	}
	var rc []string
	if nd := s.section("nix-direnv"); nd != nil {
		nd.ignore("package")
		if nd.enabled("enable") {
			rc = append(rc, "# nix-direnv (pacman: nix-direnv)", "source /usr/share/nix-direnv/direnvrc")
			r.info(s.origin, "%s: install the nix-direnv package for ~/.config/direnv/direnvrc", nd.path)
		}
	}
	if v, ok := s.str("stdlib"); ok && v != "" {
		rc = append(rc, code(v))
	}
	if len(rc) > 0 {
		r.add("direnv", ".config/direnv/direnvrc", 0o644, joinLines(rc), s.path, s.origin)
	}
	r.hook(s, `eval "$(direnv hook bash)"`, `eval "$(direnv hook zsh)"`, "direnv hook fish | source")
	s.ignore("silent", "mise")
	if s.enabled("silent") {
		r.extraVars = append(r.extraVars, varFrom(s, "DIRENV_LOG_FORMAT", ""))
	}
}
