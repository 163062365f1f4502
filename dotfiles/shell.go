package dotfiles

import (
	"regexp"
	"strings"

	"github.com/nixarch/nixarch/internal/secret"
	"github.com/nixarch/nixarch/model"
)

// shQuote quotes s for POSIX shells, bash and zsh: the result is one word
// whose value is exactly s.
func shQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// fishQuote quotes s for fish, where only \\ and \' are escapes inside
// single quotes.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

// A segment of a session variable's value: literal text, or a reference
// to another variable ($HOME, ${PATH}).
type segment struct {
	text  string
	isVar bool
}

// varRef matches the variable references kept in session variable values.
var varRef = regexp.MustCompile(`\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))`)

// segments splits a session variable's value into text and references.
// home-manager writes values inside double quotes, so $VAR expands; so it
// does here, but nothing else does: $(…), `…`, quotes and backslashes stay
// literal.
func segments(v string) []segment {
	var out []segment
	last := 0
	for _, m := range varRef.FindAllStringSubmatchIndex(v, -1) {
		if m[0] > last {
			out = append(out, segment{text: v[last:m[0]]})
		}
		var name string
		if m[2] >= 0 {
			name = v[m[2]:m[3]]
		} else {
			name = v[m[4]:m[5]]
		}
		out = append(out, segment{text: name, isVar: true})
		last = m[1]
	}
	if last < len(v) {
		out = append(out, segment{text: v[last:]})
	}
	return out
}

// shValue writes a session variable's value as one double-quoted POSIX
// word that expands only the variable references.
func shValue(v string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, s := range segments(v) {
		if s.isVar {
			b.WriteString("${" + s.text + "}")
			continue
		}
		b.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`, "`", "\\`", "$", `\$`).Replace(s.text))
	}
	b.WriteByte('"')
	return b.String()
}

// fishValue writes a session variable's value as one fish word: literal
// runs in single quotes, references as "$NAME" (quoted, so that a list
// such as PATH stays one word, joined with colons).
func fishValue(v string) string {
	segs := segments(v)
	if len(segs) == 0 {
		return "''"
	}
	var b strings.Builder
	for _, s := range segs {
		if s.isVar {
			b.WriteString(`"$` + s.text + `"`)
			continue
		}
		b.WriteString(fishQuote(s.text))
	}
	return b.String()
}

// validName matches names that are safe as shell variable names.
var validName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// validAlias matches names that bash, zsh and fish all accept as aliases.
var validAlias = regexp.MustCompile(`^[A-Za-z0-9_.:+@%,^][A-Za-z0-9_.:+@%,^-]*$`)

// variables returns the user's session variables that can be written,
// reporting the rest.
func (r *renderer) variables() []model.Variable {
	var out []model.Variable
	for _, v := range r.userVariables() {
		switch {
		case !validName.MatchString(v.Name):
			r.warn(v.Origin, "home.sessionVariables.%s: not a valid variable name; left out", v.Name)
		case secret.Name(v.Name) || secret.Token(v.Value):
			r.manual(v.Origin, "home.sessionVariables.%s: looks like a secret and was not written; set it by hand", v.Name)
		default:
			if strings.Contains(v.Value, "$(") || strings.Contains(v.Value, "`") {
				r.warn(v.Origin, "home.sessionVariables.%s: command substitution is written literally, not run", v.Name)
			}
			v.Value = r.archPaths(v.Value, "home.sessionVariables."+v.Name, v.Origin)
			out = append(out, v)
		}
	}
	return out
}

// aliases returns the user's aliases for shell that can be written: those
// of home.shellAliases and then those of the shell's own module, which win.
func (r *renderer) aliases(shell string, own *settings) []model.Alias {
	all := r.userAliases(shell)
	if own != nil {
		if sec := own.section("shellAliases"); sec != nil {
			for _, k := range sortedKeys(sec.m) {
				if cmd, ok := sec.str(k); ok {
					all = append(all, model.Alias{Name: k, Command: cmd, Shell: shell, Origin: own.origin})
				}
			}
		}
	}
	index := map[string]int{}
	var out []model.Alias
	for _, a := range all {
		if !validAlias.MatchString(a.Name) {
			r.warn(a.Origin, "alias %q: not a name every shell accepts; left out", a.Name)
			continue
		}
		if secret.Token(a.Command) {
			r.manual(a.Origin, "alias %s: holds an access token and was not written; set it by hand", a.Name)
			continue
		}
		a.Command = r.archPaths(a.Command, "alias "+a.Name, a.Origin)
		if i, dup := index[a.Name]; dup {
			out[i] = a
			continue
		}
		index[a.Name] = len(out)
		out = append(out, a)
	}
	return out
}

// sessionFile is where the session variables go, for every shell to read.
const sessionFile = ".config/shell/session-variables.sh"

// renderSession writes home.sessionVariables as a POSIX shell file and a
// ~/.profile that reads it, as home-manager's hm-session-vars.sh.
func (r *renderer) renderSession() {
	vars := r.variables()
	if len(vars) == 0 {
		return
	}
	lines := []string{
		"# Session variables (home.sessionVariables), read by ~/.profile, ~/.zshenv and fish.",
		"# Generated by nixarch.",
		`if [ -n "${__NIXARCH_SESSION_VARS_SOURCED-}" ]; then return; fi`,
		"export __NIXARCH_SESSION_VARS_SOURCED=1",
		"",
	}
	var origin model.Origin
	for _, v := range vars {
		if origin.IsZero() {
			origin = v.Origin
		}
		lines = append(lines, "export "+v.Name+"="+shValue(v.Value))
	}
	r.add("session", sessionFile, 0o644, joinLines(lines), "home.sessionVariables", origin)
	if _, bash := r.programs["programs.bash"]; bash {
		return // programs.bash writes ~/.profile
	}
	r.add("session", ".profile", 0o644, joinLines([]string{
		"# ~/.profile: read by login shells. Generated by nixarch.",
		`. "$HOME/` + sessionFile + `"`,
	}), "home.sessionVariables", origin)
}

// hasSession reports whether renderSession writes anything.
func (r *renderer) hasSession() bool {
	for _, v := range r.userVariables() {
		if validName.MatchString(v.Name) && !secret.Name(v.Name) {
			return true
		}
	}
	return false
}

// sortedKeys returns m's keys in order.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return keys
}

// plainWord matches words no shell (POSIX, bash, zsh, fish) reads
// differently when they are not quoted.
var plainWord = regexp.MustCompile(`^[A-Za-z0-9_@%+=:,./-]+$`)

// shWords quotes each of l where needed and joins them with spaces.
func shWords(l []string) string {
	q := make([]string, len(l))
	for i, w := range l {
		if plainWord.MatchString(w) {
			q[i] = w
		} else {
			q[i] = shQuote(w)
		}
	}
	return strings.Join(q, " ")
}

// code returns user code for a shell file without its trailing newlines,
// so that the file's own spacing stays even.
func code(s string) string { return strings.TrimRight(s, "\n") }
