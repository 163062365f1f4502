package dotfiles

func init() { register("programs.starship", "starship", renderStarship) }

// renderStarship writes ~/.config/starship.toml and hooks starship into
// the shells.
func renderStarship(r *renderer, s *settings) {
	s.ignore("package")
	if m, ok := s.tree("settings"); ok && len(m) > 0 {
		r.addTOML(s, ".config/starship.toml", "settings", m)
	}
	r.hook(s, `eval "$(starship init bash --print-full-init)"`, `eval "$(starship init zsh)"`, "starship init fish | source")
	s.ignore("enableTransience")
	if s.enabled("enableTransience") {
		r.hooks["fish"] = append(r.hooks["fish"], "enable_transience")
	}
}
