package arch

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/nixarch/nixarch/internal/nixpath"
	"github.com/nixarch/nixarch/model"
)

// A NixOS unit, systemd.services.NAME, is an attribute set that NixOS
// turns into NAME.service: these are its attributes that become unit
// file keys, by section.
var (
	unitListKeys = map[string]string{
		"after": "After", "before": "Before", "wants": "Wants", "requires": "Requires", "bindsTo": "BindsTo",
		"partOf": "PartOf", "conflicts": "Conflicts", "requisite": "Requisite", "upholds": "Upholds",
		"documentation": "Documentation", "onFailure": "OnFailure", "onSuccess": "OnSuccess",
	}
	installListKeys = map[string]string{"wantedBy": "WantedBy", "requiredBy": "RequiredBy", "upheldBy": "UpheldBy"}
	// scriptKeys are scripts NixOS wraps in a store file, and the Service
	// key that runs each.
	scriptKeys = []struct{ attr, key string }{
		{"preStart", "ExecStartPre"}, {"script", "ExecStart"}, {"postStart", "ExecStartPost"},
		{"preStop", "ExecStop"}, {"postStop", "ExecStopPost"}, {"reload", "ExecReload"},
	}
	// switchKeys tell nixos-rebuild how to treat the unit on a switch;
	// Arch has no such step.
	switchKeys  = []string{"restartIfChanged", "stopIfChanged", "reloadIfChanged", "restartTriggers", "reloadTriggers", "enable", "overrideStrategy"}
	unitKeyName = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	unitFile    = regexp.MustCompile(`^[A-Za-z0-9:_.@-]+$`)
	envName     = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// unitSection is one [Section] of a unit file being written.
type unitSection struct {
	name  string
	lines []string
}

// unitWriter gathers a unit file and what could not go in it.
type unitWriter struct {
	p        *plan
	at       string // the option, for messages
	origin   model.Origin
	sections map[string]*unitSection
	left     []string // attributes with no translation
}

func (w *unitWriter) add(section, key, value string) {
	if strings.ContainsAny(value, "\n\r") {
		w.p.finding(model.SeverityWarning, w.origin, "%s: %s spans several lines; write it by hand", w.at, key)
		return
	}
	s := w.sections[section]
	if s == nil {
		s = &unitSection{name: section}
		w.sections[section] = s
	}
	value, changes := nixpath.Rewrite(value)
	for _, c := range changes {
		switch c.Kind {
		case nixpath.Unknown:
			w.p.finding(model.SeverityWarning, w.origin, "%s: %s %s has no obvious Arch path; fix %s by hand", w.at, c.What, c.From, key)
		case nixpath.Guessed:
			w.p.finding(model.SeverityInfo, w.origin, "%s: %s guessed as %s", w.at, c.From, c.To)
		default:
			w.p.finding(model.SeverityInfo, w.origin, "%s: %s written as %s", w.at, c.From, c.To)
		}
	}
	s.lines = append(s.lines, key+"="+value)
}

func (w *unitWriter) text(header string) string {
	var b strings.Builder
	b.WriteString(header)
	for _, name := range []string{"Unit", "Service", "Timer", "Install"} {
		s := w.sections[name]
		if s == nil {
			continue
		}
		fmt.Fprintf(&b, "\n[%s]\n", name)
		for _, l := range s.lines {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// unitValue writes a scalar the way NixOS writes it into a unit file.
func unitValue(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case int:
		return strconv.Itoa(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), true
	}
	return "", false
}

// listValue writes a string or a list of strings as a space-separated
// unit value.
func listValue(v any) (string, bool) {
	if s, ok := v.(string); ok {
		return s, true
	}
	l, ok := v.([]any)
	if !ok {
		return "", false
	}
	var parts []string
	for _, e := range l {
		s, ok := e.(string)
		if !ok {
			return "", false
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " "), true
}

// keyValues writes an attribute set of unit keys (serviceConfig,
// unitConfig) into section; a list value repeats the key, as NixOS does.
func (w *unitWriter) keyValues(section, attr string, v any) {
	m, ok := v.(map[string]any)
	if !ok {
		w.left = append(w.left, attr)
		return
	}
	for _, k := range sortedAnyKeys(m) {
		if !unitKeyName.MatchString(k) {
			w.left = append(w.left, attr+"."+k)
			continue
		}
		vals := []any{m[k]}
		if l, ok := m[k].([]any); ok {
			vals = l
		}
		for _, e := range vals {
			s, ok := unitValue(e)
			if !ok {
				w.left = append(w.left, attr+"."+k)
				continue
			}
			w.add(section, k, s)
		}
	}
}

func sortedAnyKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// systemUnit writes systemd.services.NAME (or systemd.user.services.NAME
// of the whole system, with user set) as a unit file under /etc, with the
// scripts it runs, and enables it when NixOS would.
func (p *plan) systemUnit(s model.Service, user bool) {
	prefix, dir := "systemd.services.", "/etc/systemd/system/"
	if user {
		prefix, dir = "systemd.user.services.", "/etc/systemd/user/"
	}
	name := strings.TrimPrefix(s.Name, prefix)
	unit := s.Unit
	if unit == "" {
		unit = name + ".service"
	}
	if !unitFile.MatchString(unit) || !strings.HasSuffix(unit, ".service") {
		p.finding(model.SeverityWarning, s.Origin, "%s: %q is not a unit file name; write the unit by hand", s.Name, unit)
		return
	}
	base := strings.TrimSuffix(unit, ".service")
	w := &unitWriter{p: p, at: s.Name, origin: s.Origin, sections: map[string]*unitSection{}}
	settings := map[string]any(s.Settings)
	if d, ok := settings["description"].(string); ok {
		w.add("Unit", "Description", d)
	}
	for _, attr := range sortedAnyKeys(settings) {
		v := settings[attr]
		switch {
		case attr == "description":
		case unitListKeys[attr] != "":
			if l, ok := listValue(v); ok && l != "" {
				w.add("Unit", unitListKeys[attr], l)
			} else if !ok {
				w.left = append(w.left, attr)
			}
		case attr == "unitConfig":
			w.keyValues("Unit", attr, v)
		case attr == "serviceConfig":
			w.keyValues("Service", attr, v)
		case attr == "environment":
			m, ok := v.(map[string]any)
			if !ok {
				w.left = append(w.left, attr)
				continue
			}
			for _, k := range sortedAnyKeys(m) {
				val, ok := unitValue(m[k])
				if !ok || !envName.MatchString(k) || strings.ContainsAny(val, `"\`) {
					w.left = append(w.left, attr+"."+k)
					continue
				}
				w.add("Service", "Environment", strconv.Quote(k+"="+val))
			}
		case attr == "path":
			p.finding(model.SeverityInfo, s.Origin, "%s.path: the packages NixOS puts on the unit's PATH are under /usr/bin on Arch; install them with the package list", s.Name)
		case installListKeys[attr] != "":
			if l, ok := listValue(v); ok && l != "" {
				w.add("Install", installListKeys[attr], l)
			} else if !ok {
				w.left = append(w.left, attr)
			}
		case attr == "startAt":
			// One calendar event, or a list of them; an event has spaces.
			events, ok := []any{v}, true
			if l, isList := v.([]any); isList {
				events = l
			}
			var cals []string
			for _, e := range events {
				c, isString := e.(string)
				ok = ok && isString
				if isString && strings.TrimSpace(c) != "" {
					cals = append(cals, c)
				}
			}
			if !ok {
				w.left = append(w.left, attr)
			} else if len(cals) > 0 {
				p.unitTimer(s, dir, base, cals, user)
			}
		case slices.ContainsFunc(scriptKeys, func(k struct{ attr, key string }) bool { return k.attr == attr }):
			// below, in the order NixOS runs them
		case attr == "scriptArgs" && settings["script"] != nil:
		case slices.Contains(switchKeys, attr):
		default:
			w.left = append(w.left, attr)
		}
	}
	for _, sk := range scriptKeys {
		text, ok := settings[sk.attr].(string)
		if !ok || strings.TrimSpace(text) == "" {
			if _, set := settings[sk.attr]; set && !ok {
				w.left = append(w.left, sk.attr)
			}
			continue
		}
		path := "/usr/local/lib/nixarch/" + base + "-" + strings.ToLower(sk.attr)
		body, changes := nixpath.Rewrite(text)
		for _, c := range changes {
			if c.Kind == nixpath.Unknown {
				p.finding(model.SeverityWarning, s.Origin, "%s.%s: %s %s has no obvious Arch path; fix %s by hand", s.Name, sk.attr, c.What, c.From, path)
			}
		}
		// NixOS runs these scripts with bash and -e.
		if p.addFile(path, "#!/usr/bin/bash\nset -e\n"+strings.TrimRight(body, "\n")+"\n", 0o755, s.Name+"."+sk.attr, s.Origin) {
			cmd := path
			if args, ok := settings["scriptArgs"].(string); ok && sk.attr == "script" && args != "" {
				cmd += " " + args
			}
			w.add("Service", sk.key, cmd)
		}
	}
	if len(w.left) > 0 {
		p.finding(model.SeverityWarning, s.Origin, "%s: no unit file key for %s; add them to %s%s by hand", s.Name, strings.Join(w.left, ", "), dir, unit)
	}
	if w.sections["Service"] == nil {
		p.finding(model.SeverityWarning, s.Origin, "%s: nothing to run (no serviceConfig or script); write %s%s by hand", s.Name, dir, unit)
		return
	}
	if !p.addFile(dir+unit, w.text("# Generated by nixarch from "+s.Name+".\n"), 0o644, s.Name, s.Origin) {
		return
	}
	p.ownUnits = append(p.ownUnits, unit)
	if w.sections["Install"] != nil {
		if user {
			p.userUnits[unit] = true
		} else {
			p.units[unit] = true
		}
	}
	how := "enabled"
	switch {
	case w.sections["Install"] != nil:
	case settings["startAt"] != nil:
		how = "started by " + base + ".timer"
	default:
		how = "not enabled: it has no wantedBy"
	}
	p.finding(model.SeverityInfo, s.Origin, "%s: setup.sh writes %s%s (%s)", s.Name, dir, unit, how)
}

// unitTimer writes the timer that NixOS makes for startAt.
func (p *plan) unitTimer(s model.Service, dir, base string, calendars []string, user bool) {
	w := &unitWriter{p: p, at: s.Name + ".startAt", origin: s.Origin, sections: map[string]*unitSection{}}
	for _, c := range calendars {
		w.add("Timer", "OnCalendar", c)
	}
	w.add("Install", "WantedBy", "timers.target")
	if p.addFile(dir+base+".timer", w.text("# Generated by nixarch from "+s.Name+".startAt.\n"), 0o644, s.Name+".startAt", s.Origin) {
		p.ownUnits = append(p.ownUnits, base+".timer")
		if user {
			p.userUnits[base+".timer"] = true
		} else {
			p.units[base+".timer"] = true
		}
	}
}
