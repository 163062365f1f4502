package dotfiles

func init() { register("programs.waybar", "waybar", renderWaybar) }

// renderWaybar writes ~/.config/waybar/config (JSON: a list of bars) and
// style.css.
func renderWaybar(r *renderer, s *settings) {
	s.ignore("package")
	if v, ok := s.value("settings"); ok {
		var bars []any
		switch v := r.clean(v, s.at("settings"), s.origin).(type) {
		case []any:
			bars = v
		case map[string]any:
			// An attribute set of bars, by name: the names only order them.
			for _, k := range sortedKeys(v) {
				bars = append(bars, v[k])
			}
		default:
			s.wrongType("settings", v, "a list or an attribute set of bars")
		}
		if len(bars) > 0 {
			data, err := jsonBytes(bars)
			if err != nil {
				r.warn(s.origin, "%s: cannot be written as JSON: %v", s.at("settings"), err)
			} else {
				r.add("waybar", ".config/waybar/config", 0o644, data, s.at("settings"), s.origin)
			}
		}
	}
	if v, ok := s.str("style"); ok && v != "" {
		r.add("waybar", ".config/waybar/style.css", 0o644, []byte(code(v)+"\n"), s.at("style"), s.origin)
	}
	if sd := s.section("systemd"); sd != nil {
		if sd.enabled("enable") {
			r.manual(s.origin, "%s: start waybar from your compositor or with systemctl --user enable waybar.service", sd.path)
		}
		sd.ignore("target", "enableDebug", "enableInspect")
	}
}
