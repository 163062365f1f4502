package dotfiles

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/nixarch/nixarch/model"
)

// homeFile is a file to put under $HOME, before a layout arranges it.
type homeFile struct {
	pkg     string
	target  string // slash-separated, relative to $HOME, clean
	mode    fs.FileMode
	content []byte
	what    string // the option it came from: "programs.git", "home.file"
	origin  model.Origin
}

// renderer holds the state of one Render call.
type renderer struct {
	sys      *model.System
	user     string
	owner    model.Owner
	opts     Options
	files    []homeFile
	findings []model.Finding
	seen     map[model.Finding]bool
	errs     model.ErrorList
	// programs holds the user's enabled programs by name, so that one
	// module can look at another (bash and zsh read home.shellAliases).
	programs map[string]*model.Program
	// hooks are lines other modules add to the shells' interactive
	// start-up (starship init, direnv hook), by shell, in module order.
	hooks map[string][]string
	// extraAliases and extraVars are aliases and session variables that
	// modules add (eza's ls aliases, fzf's options).
	extraAliases []model.Alias
	extraVars    []model.Variable
	// gitExtra adds other modules' settings to the git config.
	gitExtra []func(*gitConfig)
}

// hook adds an interactive start-up line for each shell that is enabled
// and whose integration the module did not turn off.
func (r *renderer) hook(s *settings, bash, zsh, fish string) {
	for _, sh := range []struct{ name, option, line string }{
		{"bash", "enableBashIntegration", bash},
		{"zsh", "enableZshIntegration", zsh},
		{"fish", "enableFishIntegration", fish},
	} {
		on, set := s.boolean(sh.option)
		if sh.line == "" || set && !on {
			continue
		}
		r.hooks[sh.name] = append(r.hooks[sh.name], sh.line)
	}
	s.ignore("enableNushellIntegration", "enableIonIntegration", "enableXonshIntegration")
}

// hookLines returns the hooks for shell, with a heading.
func (r *renderer) hookLines(shell string) []string {
	if len(r.hooks[shell]) == 0 {
		return nil
	}
	return append([]string{"", "# Shell integrations of other programs"}, r.hooks[shell]...)
}

func newRenderer(sys *model.System, user string, opts Options) *renderer {
	r := &renderer{sys: sys, user: user, owner: model.UserOwner(user), opts: opts,
		seen: map[model.Finding]bool{}, programs: map[string]*model.Program{}, hooks: map[string][]string{}}
	for i := range sys.Programs {
		p := &sys.Programs[i]
		if p.Owner == r.owner && p.Enabled {
			r.programs[p.Name] = p
		}
	}
	return r
}

// renderAll runs every module and the renderers of home files, variables
// and services.
func (r *renderer) renderAll() {
	progs := slices.Clone(r.sys.Programs)
	slices.SortStableFunc(progs, func(a, b model.Program) int { return cmp.Compare(a.Name, b.Name) })
	for _, shells := range []bool{false, true} {
		for i := range progs {
			p := &progs[i]
			if p.Owner != r.owner || !p.Enabled {
				continue
			}
			m, ok := modules[p.Name]
			if !ok {
				if !shells {
					r.warn(p.Origin, "%s: no dotfiles renderer for this module; its settings were not written", p.Name)
				}
				continue
			}
			if m.shell != shells {
				continue
			}
			s := r.settingsOf(p.Name, m.pkg, p.Origin, p.Settings)
			m.render(r, s)
			s.finish()
		}
	}
	r.renderSession()
	r.renderHomeFiles()
	r.renderServices()
	r.checkCollisions()
}

// programPackages lists the packages of the user's enabled modules that
// have a renderer and no package of the user's choice (a package setting
// is a package of the model already).
func (r *renderer) programPackages() []ProgramPackage {
	var out []ProgramPackage
	for name, p := range r.programs {
		attr, known := programPackages[name]
		if _, chosen := p.Settings["package"]; !known || chosen {
			continue
		}
		if _, rendered := modules[name]; rendered {
			out = append(out, ProgramPackage{Option: name, Attr: attr, Origin: p.Origin})
		}
	}
	for i := range r.sys.Services {
		s := &r.sys.Services[i]
		attr, known := programPackages[s.Name]
		if _, chosen := s.Settings["package"]; s.Owner == r.owner && s.Enabled && known && !chosen {
			out = append(out, ProgramPackage{Option: s.Name, Attr: attr, Origin: s.Origin})
		}
	}
	slices.SortFunc(out, func(a, b ProgramPackage) int { return cmp.Compare(a.Option, b.Option) })
	return out
}

// addLink records a relative symbolic link at $HOME/target to to, which
// the same package holds: stow links the link, which then resolves inside
// the package.
func (r *renderer) addLink(pkg, target, to, what string, origin model.Origin) {
	r.files = append(r.files, homeFile{pkg: pkg, target: target, mode: linkMode, content: []byte(to), what: what, origin: origin})
}

// add records a file for $HOME/target.
func (r *renderer) add(pkg, target string, mode fs.FileMode, content []byte, what string, origin model.Origin) {
	if mode == 0 {
		mode = 0o644
	}
	r.files = append(r.files, homeFile{pkg: pkg, target: target, mode: mode, content: content, what: what, origin: origin})
}

func (r *renderer) finding(sev model.Severity, origin model.Origin, format string, args ...any) {
	f := model.Finding{Severity: sev, Message: fmt.Sprintf(format, args...), Origin: origin}
	if r.seen[f] {
		return
	}
	r.seen[f] = true
	r.findings = append(r.findings, f)
}

func (r *renderer) info(o model.Origin, format string, args ...any) {
	r.finding(model.SeverityInfo, o, format, args...)
}

func (r *renderer) warn(o model.Origin, format string, args ...any) {
	r.finding(model.SeverityWarning, o, format, args...)
}

func (r *renderer) manual(o model.Origin, format string, args ...any) {
	r.finding(model.SeverityManual, o, format, args...)
}

func (r *renderer) sortedFindings() []model.Finding {
	f := slices.Clone(r.findings)
	slices.SortStableFunc(f, func(a, b model.Finding) int {
		return cmp.Or(cmp.Compare(a.Origin.File, b.Origin.File), cmp.Compare(a.Origin.Line, b.Origin.Line),
			cmp.Compare(a.Origin.Col, b.Origin.Col), cmp.Compare(a.Message, b.Message))
	})
	return f
}

// checkCollisions refuses two files for the same target: stow and chezmoi
// would each install only one of them.
func (r *renderer) checkCollisions() {
	byTarget := map[string]homeFile{}
	for _, f := range r.files {
		if prev, dup := byTarget[f.target]; dup {
			r.errs.Add(f.origin, fmt.Sprintf("%s: ~/%s is also written by %s (%s)", f.what, f.target, prev.what, prev.origin))
			continue
		}
		byTarget[f.target] = f
	}
	// A file in one package may not sit where another package needs a
	// folder (~/.config/foo as a file and ~/.config/foo/bar).
	for _, f := range r.files {
		for dir := path.Dir(f.target); dir != "."; dir = path.Dir(dir) {
			if prev, clash := byTarget[dir]; clash {
				r.errs.Add(f.origin, fmt.Sprintf("%s: ~/%s needs ~/%s to be a folder, but %s (%s) writes a file there", f.what, f.target, dir, prev.what, prev.origin))
			}
		}
	}
}

// packages groups the files by stow package.
func (r *renderer) packages() []PackageInfo {
	byName := map[string]*PackageInfo{}
	for _, f := range r.files {
		p := byName[f.pkg]
		if p == nil {
			p = &PackageInfo{Name: f.pkg}
			byName[f.pkg] = p
		}
		p.Targets = append(p.Targets, f.target)
		src := Source{What: f.what, Origin: f.origin}
		if !slices.Contains(p.Sources, src) {
			p.Sources = append(p.Sources, src)
		}
	}
	var out []PackageInfo
	for _, p := range byName {
		slices.Sort(p.Targets)
		slices.SortFunc(p.Sources, func(a, b Source) int {
			return cmp.Or(cmp.Compare(a.What, b.What), cmp.Compare(a.Origin.String(), b.Origin.String()))
		})
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b PackageInfo) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// userAliases returns the user's home.shellAliases for shell ("bash",
// "zsh", "fish"): those modules add, those for every shell, then those for
// this shell only.
func (r *renderer) userAliases(shell string) []model.Alias {
	out := slices.Clone(r.extraAliases)
	for _, a := range r.sys.Aliases {
		if a.Owner == r.owner && (a.Shell == "" || a.Shell == shell) {
			out = append(out, a)
		}
	}
	return out
}

// userVariables returns the user's home.sessionVariables.
func (r *renderer) userVariables() []model.Variable {
	out := slices.Clone(r.extraVars)
	for _, v := range r.sys.Environment {
		if v.Owner == r.owner {
			out = append(out, v)
		}
	}
	return out
}

// joinLines joins lines, each ending in a newline.
func joinLines(lines []string) []byte {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

func sortStrings(s []string) { slices.Sort(s) }

func itoa(i int) string { return strconv.Itoa(i) }
