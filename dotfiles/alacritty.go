package dotfiles

func init() { register("programs.alacritty", "alacritty", renderAlacritty) }

// renderAlacritty writes ~/.config/alacritty/alacritty.toml.
func renderAlacritty(r *renderer, s *settings) {
	s.ignore("package")
	if m, ok := s.tree("settings"); ok && len(m) > 0 {
		r.addTOML(s, ".config/alacritty/alacritty.toml", "settings", m)
	}
	s.unsupported("theme", "themes come from the alacritty-theme Nix package; add the import to alacritty.toml by hand")
}
