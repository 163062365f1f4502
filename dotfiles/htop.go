package dotfiles

func init() { register("programs.htop", "htop", renderHtop) }

// renderHtop writes ~/.config/htop/htoprc: key=value, booleans 0 and 1,
// lists joined by blanks.
func renderHtop(r *renderer, s *settings) {
	s.ignore("package")
	m, ok := s.tree("settings")
	if !ok {
		return
	}
	lines := keyValue{sep: "=", yes: "1", no: "0", listSep: " "}.lines(r, s, s.at("settings"), m)
	r.add("htop", ".config/htop/htoprc", 0o644, joinLines(lines), s.path, s.origin)
}
