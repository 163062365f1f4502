package dotfiles

func init() { register("programs.zoxide", "zoxide", renderZoxide) }

// renderZoxide hooks zoxide into the shells; it writes no file.
func renderZoxide(r *renderer, s *settings) {
	s.ignore("package")
	args := ""
	if o := s.list("options"); len(o) > 0 {
		args = " " + shWords(o)
	}
	fishArgs := ""
	for _, o := range s.list("options") {
		fishArgs += " " + fishQuote(o)
	}
	r.hook(s, `eval "$(zoxide init bash`+args+`)"`, `eval "$(zoxide init zsh`+args+`)"`, "zoxide init fish"+fishArgs+" | source")
}
