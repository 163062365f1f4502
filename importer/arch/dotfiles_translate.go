package arch

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"

	"github.com/nixarch/nixarch/internal/secret"
	"github.com/nixarch/nixarch/model"
)

// add puts one dotfile into the model: as home-manager settings where the
// translation is exact, else as a Dotfile that the exporter copies.
func (d *dotfileReader) add(target, text string, mode model.FileMode, at model.Origin) {
	if why := secret.Content(text); why != "" {
		d.finding(model.SeverityManual, at, "~/%s is not copied (%s): carry it over by hand, safely", target, why)
		return
	}
	program := programOf(target)
	if program == "" {
		program = programOf(strings.TrimPrefix(target, "."))
	}
	keep := func(content string) {
		d.sys.Dotfiles = append(d.sys.Dotfiles, model.Dotfile{
			Owner: d.owner, Target: target, Program: program, Content: content, Mode: mode, Origin: at,
		})
	}
	var settings model.Settings
	var why string
	switch target {
	case ".gitconfig", ".config/git/config":
		settings, why = gitSettings(text)
	case ".config/starship.toml", ".config/alacritty/alacritty.toml":
		settings, why = tomlSettings(text)
	case ".ssh/config":
		settings, why = sshSettings(text)
	case ".config/kitty/kitty.conf":
		settings, why = kittySettings(text)
	case ".bashrc", ".zshrc":
		shell := strings.TrimSuffix(strings.TrimPrefix(target, "."), "rc")
		rest := d.aliases(text, shell, at)
		if strings.TrimSpace(rest) != "" {
			keep(rest)
		}
		return
	default:
		keep(text)
		return
	}
	if settings == nil {
		if why != "" {
			d.finding(model.SeverityInfo, at, "~/%s is kept as a file: %s", target, why)
		}
		keep(text)
		return
	}
	if target == ".gitconfig" && d.keptFile(".config/git/config") {
		d.finding(model.SeverityInfo, at, "~/%s is kept as a file: ~/.config/git/config is kept as one, and programs.git would replace it", target)
		keep(text)
		return
	}
	if d.hasProgram(program) {
		d.finding(model.SeverityInfo, at, "~/%s is kept as a file: %s is already set from another file", target, program)
		keep(text)
		return
	}
	d.sys.Programs = append(d.sys.Programs, model.Program{
		Name: program, Enabled: true, Settings: settings, Owner: d.owner, Origin: at,
	})
}

// keptFile reports whether the user's target is in the model as a file.
func (d *dotfileReader) keptFile(target string) bool {
	for _, f := range d.sys.Dotfiles {
		if f.Owner == d.owner && f.Target == target {
			return true
		}
	}
	return false
}

func (d *dotfileReader) hasProgram(name string) bool {
	for _, p := range d.sys.Programs {
		if p.Name == name && p.Owner == d.owner {
			return true
		}
	}
	return false
}

// aliasLine matches a line that defines one alias with a plain quoted
// value: alias ll='ls -l' or alias gs="git status".
var aliasLine = regexp.MustCompile(`^alias ([A-Za-z0-9_][A-Za-z0-9_.+-]*)=(?:'([^']*)'|"([^"$` + "`" + `\\!]*)")[ \t]*$`)

// aliases takes the simple alias lines out of a shell's rc file as model
// aliases for shell and returns the rest of the file. An alias defined
// twice stays in the file, as the shell's order decides which wins.
func (d *dotfileReader) aliases(text, shell string, at model.Origin) string {
	lines := strings.Split(text, "\n")
	count := map[string]int{}
	for _, l := range lines {
		if m := aliasLine.FindStringSubmatch(strings.TrimRight(l, "\r")); m != nil {
			count[m[1]]++
		}
	}
	var rest []string
	for i, l := range lines {
		m := aliasLine.FindStringSubmatch(strings.TrimRight(l, "\r"))
		if m == nil || count[m[1]] != 1 {
			rest = append(rest, l)
			continue
		}
		value := m[2]
		if m[3] != "" {
			value = m[3]
		}
		d.sys.Aliases = append(d.sys.Aliases, model.Alias{
			Name: m[1], Command: value, Shell: shell, Owner: d.owner,
			Origin: model.Origin{File: at.File, Line: i + 1, Col: 1},
		})
	}
	return strings.Join(rest, "\n")
}

// secretKey reports whether a setting's name suggests that its value is a
// secret, which is never put into the model.
// hasControl reports whether line holds a control character other than a
// tab: such a line cannot be written back as the same setting.
func hasControl(line string) bool {
	return strings.IndexFunc(line, func(r rune) bool { return r != '\t' && unicode.IsControl(r) }) >= 0
}

func secretKey(k string) bool {
	k = strings.ToLower(k)
	for _, w := range []string{"password", "token", "secret", "passphrase", "apikey", "api_key", "credential"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// gitSettings translates a git config file into programs.git settings:
// [user] name and email become userName and userEmail, [alias] becomes
// aliases, everything else extraConfig, with [a "b"] as extraConfig.a.b.
// It returns nil and the reason when the translation would not be exact:
// includes, continuation lines, keys without a value, secrets.
func gitSettings(text string) (model.Settings, string) {
	extra := map[string]any{}
	aliases := map[string]any{}
	out := model.Settings{}
	var section, sub string
	inSection := false
	seen := map[string]bool{}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimRight(line, "\r"))
		if hasControl(line) {
			return nil, fmt.Sprintf("line %d: a control character nixarch does not carry over", n+1)
		}
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		where := fmt.Sprintf("line %d", n+1)
		if line[0] == '[' {
			var ok bool
			section, sub, ok = gitSectionHeader(line)
			if !ok {
				return nil, where + ": a section header nixarch does not translate"
			}
			if section == "include" || section == "includeif" {
				return nil, where + ": includes are kept as they are"
			}
			inSection = true
			continue
		}
		if !inSection {
			return nil, where + ": a key outside any section"
		}
		key, raw, hasValue := strings.Cut(line, "=")
		key = strings.TrimSpace(key)
		if !hasValue || !gitKey.MatchString(key) {
			return nil, where + ": a key without a value, or an unusual key"
		}
		value, ok := gitValue(strings.TrimSpace(raw))
		if !ok {
			return nil, where + ": a value nixarch does not translate exactly"
		}
		if secretKey(key) || section == "credential" {
			return nil, where + ": it looks like it holds a secret"
		}
		id := section + "\x00" + sub + "\x00" + strings.ToLower(key)
		if seen[id] {
			return nil, where + ": a key with several values"
		}
		seen[id] = true
		switch {
		case section == "user" && sub == "" && strings.EqualFold(key, "name"):
			out["userName"] = value
		case section == "user" && sub == "" && strings.EqualFold(key, "email"):
			out["userEmail"] = value
		case section == "alias" && sub == "":
			aliases[key] = value
		default:
			sec, _ := extra[section].(map[string]any)
			if sec == nil {
				sec = map[string]any{}
				extra[section] = sec
			}
			if sub == "" {
				if _, clash := sec[key].(map[string]any); clash {
					return nil, where + ": a key that is also a subsection name"
				}
				sec[key] = value
				continue
			}
			s, ok := sec[sub].(map[string]any)
			if _, isValue := sec[sub]; isValue && !ok {
				return nil, where + ": a subsection that is also a key name"
			}
			if s == nil {
				s = map[string]any{}
				sec[sub] = s
			}
			s[key] = value
		}
	}
	if len(aliases) > 0 {
		out["aliases"] = aliases
	}
	if len(extra) > 0 {
		out["extraConfig"] = extra
	}
	if len(out) == 0 {
		return nil, ""
	}
	return out, ""
}

var (
	gitKey        = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*$`)
	gitSectionRe  = regexp.MustCompile(`^\[([A-Za-z][A-Za-z0-9.-]*)(?:[ \t]+"((?:[^"\\\n]|\\.)*)")?\][ \t]*(?:[#;].*)?$`)
	gitPlainValue = regexp.MustCompile(`^[^"\\#;]*$`)
)

// gitSectionHeader parses [section] or [section "sub"]; the section name
// is lower-cased, as git does. The old [section.sub] form is refused.
func gitSectionHeader(line string) (section, sub string, ok bool) {
	m := gitSectionRe.FindStringSubmatch(line)
	if m == nil || strings.Contains(m[1], ".") {
		return "", "", false
	}
	sub = strings.NewReplacer(`\\`, `\`, `\"`, `"`).Replace(m[2])
	return strings.ToLower(m[1]), sub, true
}

// gitUnescape undoes the escapes git allows in a quoted value.
var gitUnescape = strings.NewReplacer(`\\`, `\`, `\"`, `"`, `\n`, "\n", `\t`, "\t", `\b`, "\b")

// gitValue reads a value that is plain text, or one double-quoted string
// with git's escapes (\" \\ \n \t \b), followed by an optional comment.
func gitValue(raw string) (string, bool) {
	if i := strings.IndexAny(raw, "#;"); i >= 0 && !strings.HasPrefix(raw, `"`) {
		raw = strings.TrimSpace(raw[:i])
	}
	if gitPlainValue.MatchString(raw) {
		return raw, true
	}
	if len(raw) >= 2 && raw[0] == '"' {
		end := -1
		for i := 1; i < len(raw); i++ {
			if raw[i] == '\\' {
				if i+1 < len(raw) && strings.IndexByte(`"\\ntb`, raw[i+1]) >= 0 {
					i++
					continue
				}
				return "", false
			}
			if raw[i] == '"' {
				end = i
				break
			}
		}
		if end < 0 {
			return "", false
		}
		if rest := strings.TrimSpace(raw[end+1:]); rest != "" && rest[0] != '#' && rest[0] != ';' {
			return "", false
		}
		return gitUnescape.Replace(raw[1:end]), true
	}
	return "", false
}

// tomlSettings decodes a TOML file into settings; dates and times, which
// Nix has no value for, and infinite or NaN floats keep the file.
func tomlSettings(text string) (model.Settings, string) {
	var m map[string]any
	if _, err := toml.Decode(text, &m); err != nil {
		return nil, "it is not valid TOML: " + err.Error()
	}
	v, why := settingValue(m)
	if why != "" {
		return nil, why
	}
	if len(m) == 0 {
		return nil, ""
	}
	return model.Settings{"settings": v}, ""
}

// settingValue turns decoded data into the values model.Settings allows.
func settingValue(v any) (any, string) {
	switch v := v.(type) {
	case string, bool, int64:
		return v, ""
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, "an infinite or NaN number, which Nix cannot write"
		}
		return v, ""
	case time.Time:
		return nil, "a date or time, which Nix has no value for"
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			var why string
			if out[i], why = settingValue(x); why != "" {
				return nil, why
			}
		}
		return out, ""
	case []map[string]any:
		out := make([]any, len(v))
		for i, x := range v {
			var why string
			if out[i], why = settingValue(x); why != "" {
				return nil, why
			}
		}
		return out, ""
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			var why string
			if out[k], why = settingValue(x); why != "" {
				return nil, why
			}
		}
		return out, ""
	}
	return nil, fmt.Sprintf("a value of type %T", v)
}

// sshKeywords maps the ssh_config keywords that translate exactly to
// home-manager's matchBlocks options and the kind of value each takes.
var sshKeywords = map[string]struct {
	option string
	kind   byte // s string, i integer, b yes/no, l repeatable (a list)
}{
	"hostname": {"hostname", 's'}, "user": {"user", 's'}, "port": {"port", 'i'},
	"identityfile": {"identityFile", 'l'}, "identitiesonly": {"identitiesOnly", 'b'},
	"forwardagent": {"forwardAgent", 'b'}, "proxyjump": {"proxyJump", 's'},
	"serveraliveinterval": {"serverAliveInterval", 'i'}, "serveralivecountmax": {"serverAliveCountMax", 'i'},
	"compression": {"compression", 'b'}, "addkeystoagent": {"addKeysToAgent", 's'},
}

// sshSettings translates an ssh client config whose Host blocks each name
// one host (or are "Host *", last) into programs.ssh.matchBlocks. Match,
// Include, options before the first Host, patterns, quotes and keywords
// not in sshKeywords keep the file, since ssh takes the first value it
// finds and home-manager orders blocks by name.
func sshSettings(text string) (model.Settings, string) {
	blocks := map[string]any{}
	var cur map[string]any
	var curName string
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimRight(line, "\r"))
		if hasControl(line) {
			return nil, fmt.Sprintf("line %d: a control character nixarch does not carry over", n+1)
		}
		if line == "" || line[0] == '#' {
			continue
		}
		where := fmt.Sprintf("line %d", n+1)
		if strings.ContainsAny(line, `"'`) {
			return nil, where + ": quoted values"
		}
		kw, value, _ := strings.Cut(line, " ")
		if i := strings.IndexByte(kw, '='); i >= 0 {
			kw, value = kw[:i], kw[i+1:]+" "+value
		}
		kw = strings.ToLower(strings.TrimSpace(kw))
		value = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(value), "="))
		if kw == "host" {
			if curName == "*" {
				return nil, where + `: a Host block after "Host *"`
			}
			if strings.ContainsAny(value, " \t,?!") || strings.Contains(value, "*") && value != "*" {
				return nil, where + ": a host pattern"
			}
			if _, dup := blocks[value]; dup {
				return nil, where + ": a host named twice"
			}
			cur, curName = map[string]any{}, value
			blocks[value] = cur
			continue
		}
		k, ok := sshKeywords[kw]
		if cur == nil || !ok || value == "" || strings.ContainsAny(value, " \t") {
			return nil, where + ": " + kw + " is not translated"
		}
		var v any = value
		switch k.kind {
		case 'i':
			i, err := strconv.ParseInt(value, 10, 64)
			if err != nil || i < 0 {
				return nil, where + ": not a number"
			}
			v = i
		case 'b':
			switch strings.ToLower(value) {
			case "yes":
				v = true
			case "no":
				v = false
			default:
				return nil, where + ": not yes or no"
			}
		case 'l':
			if prev, ok := cur[k.option].([]any); ok {
				cur[k.option] = append(prev, value)
				continue
			}
			v = []any{value}
		}
		if _, dup := cur[k.option]; dup {
			return nil, where + ": " + kw + " given twice"
		}
		cur[k.option] = v
	}
	if len(blocks) == 0 {
		return nil, ""
	}
	for _, b := range blocks {
		b := b.(map[string]any)
		if l, ok := b["identityFile"].([]any); ok && len(l) == 1 {
			b["identityFile"] = l[0]
		}
	}
	return model.Settings{"matchBlocks": blocks}, ""
}

// kittyRepeatable are kitty.conf options that may be given several times
// and add up, or that read other files; a file with them is kept.
var kittyRepeatable = map[string]bool{
	"include": true, "globinclude": true, "envinclude": true, "geninclude": true, "env": true,
	"symbol_map": true, "narrow_symbols": true, "font_features": true, "mouse_map": true,
	"action_alias": true, "kitten_alias": true, "modify_font": true, "clear_all_shortcuts": true,
	"clear_all_mouse_actions": true, "remote_control_password": true, "file_transfer_confirmation_bypass": true,
}

// kittyKey is the shape of a kitty.conf option name.
var kittyKey = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// kittySettings translates kitty.conf lines "option value" into
// programs.kitty.settings and "map KEYS ACTION" into keybindings. An
// option given twice, one that adds up (kittyRepeatable), map options
// (--when-focus-on) and secrets keep the file.
func kittySettings(text string) (model.Settings, string) {
	settings := map[string]any{}
	keys := map[string]any{}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimRight(line, "\r"))
		if hasControl(line) {
			return nil, fmt.Sprintf("line %d: a control character nixarch does not carry over", n+1)
		}
		if line == "" || line[0] == '#' {
			continue
		}
		where := fmt.Sprintf("line %d", n+1)
		key, value, _ := strings.Cut(strings.ReplaceAll(line, "\t", " "), " ")
		value = strings.TrimSpace(value)
		switch {
		case key == "map":
			combo, action, _ := strings.Cut(value, " ")
			action = strings.TrimSpace(action)
			if combo == "" || action == "" || strings.HasPrefix(combo, "-") {
				return nil, where + ": a map line nixarch does not translate"
			}
			if _, dup := keys[combo]; dup {
				return nil, where + ": " + combo + " is mapped twice"
			}
			keys[combo] = action
		case !kittyKey.MatchString(key) || kittyRepeatable[key] || secretKey(key) || value == "":
			return nil, where + ": " + key + " is not translated"
		default:
			if _, dup := settings[key]; dup {
				return nil, where + ": " + key + " is given twice"
			}
			settings[key] = value
		}
	}
	out := model.Settings{}
	if len(settings) > 0 {
		out["settings"] = settings
	}
	if len(keys) > 0 {
		out["keybindings"] = keys
	}
	if len(out) == 0 {
		return nil, ""
	}
	return out, ""
}
