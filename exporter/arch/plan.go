package arch

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/nixarch/nixarch/dotfiles"
	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/internal/secret"
	"github.com/nixarch/nixarch/mappings/options"
	"github.com/nixarch/nixarch/model"
)

// plan is everything setup.sh and the package lists do, gathered from the
// model and the report before any text is written.
type plan struct {
	official  map[string]bool // pkglist.txt: core, extra, multilib names and groups
	multilib  bool            // pkglist.txt needs [multilib]
	aur       map[string]bool // aur.txt
	units     map[string]bool
	userUnits map[string]bool
	// optionGroups are groups that options ask for (Action.Groups):
	// setup.sh makes sure they exist.
	optionGroups map[string]bool
	groups       []group
	users        []user
	hostname     string
	timezone     string
	locales      []string // locale.gen lines, such as "en_US.UTF-8 UTF-8"
	lang         string
	localeVars   []model.LocaleSetting // locale.conf lines besides LANG
	keymap       string
	modules      map[string]bool
	params       []string
	files        map[string]file
	manual       []report.ManualStep
	// scriptOnly are steps setup.sh prints that the report has already.
	scriptOnly []string
	findings   []report.Finding
	// home is the user whose dotfiles repository is part of the export;
	// the repository carries that user's program settings and user units.
	home model.Owner
	// homeInstalls holds the home's option sets whose package the report
	// lists already (dotfiles.Result.Programs).
	homeInstalls map[string]bool
	// dotfilesInstall is set when the dotfiles repository links itself
	// with install.sh (GNU stow); else it is a chezmoi source folder.
	dotfilesInstall bool
	// kernelMapped is set when the report maps the host's kernel to an
	// Arch kernel package, which pkglist.txt holds: kernel.
	kernelMapped bool
	kernel       string
	// ownUnits are the units whose files setup.sh writes.
	ownUnits []string
}

type group struct {
	name string
	gid  int
}

type user struct {
	name, comment, home, shell string
	uid                        int
	groups                     []string
}

type file struct {
	content string
	mode    model.FileMode
	from    string // what asked for it, for conflicts
}

// Names that are written into pkglist.txt, aur.txt and commands. pacman
// allows these characters in package names.
var (
	packageName = regexp.MustCompile(`^[a-z0-9@_+][a-z0-9@._+-]*$`)
	accountName = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*\$?$`)
	allDigits   = regexp.MustCompile(`^[0-9]+$`)
	shellName   = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.+-]*$`)
	moduleName  = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	// localeCategory is a variable of locale.conf besides LANG.
	localeCategory = regexp.MustCompile(`^(LC_[A-Z]+|LANGUAGE)$`)
)

// shellPackages are the Arch packages of login shells that are not in
// Arch's base.
var shellPackages = map[string]string{
	"zsh": "zsh", "fish": "fish", "nu": "nushell", "tcsh": "tcsh", "dash": "dash", "elvish": "elvish", "xonsh": "xonsh",
}

// nixosShells are NixOS package names of login shells (users.users.X.shell
// = pkgs.NAME) whose program has another name.
var nixosShells = map[string]string{"nushell": "nu", "bashInteractive": "bash", "bashInteractiveFHS": "bash"}

// baseShells need no chsh: useradd gives bash, and the others are not
// shells a person logs in with.
var baseShells = map[string]bool{"bash": true, "sh": true}

func newPlan(sys *model.System, rep *report.Report, table *options.Table, opts Options) (*plan, error) {
	p := &plan{
		official: map[string]bool{}, aur: map[string]bool{}, units: map[string]bool{}, userUnits: map[string]bool{},
		optionGroups: map[string]bool{}, modules: map[string]bool{}, files: map[string]file{},
	}
	if home, installs := homeOf(opts); home != "" {
		p.home, p.homeInstalls = model.UserOwner(home), installs
		tool := "chezmoi"
		if slices.ContainsFunc(opts.Dotfiles.Files, func(f dotfiles.File) bool { return f.Path == "install.sh" }) {
			tool, p.dotfilesInstall = "stow", true
		}
		p.official[tool] = true
		p.finding(model.SeverityInfo, model.Origin{}, "dotfiles of %s: setup.sh installs %s, copies dotfiles/ to their home and links it there", home, tool)
	}
	if err := p.packages(rep); err != nil {
		return nil, err
	}
	var errs model.ErrorList
	kernel := strings.TrimPrefix(sys.Host.Kernel, "pkgs.")
	if i := slices.IndexFunc(rep.Packages, func(pkg report.Package) bool { return pkg.From == kernel && pkg.To != "" }); kernel != "" && i >= 0 {
		p.kernelMapped, p.kernel = true, rep.Packages[i].To
	}
	p.host(sys.Host, &errs)
	for _, s := range sys.Services {
		system := s.Owner == model.OwnerSystem || s.Owner == ""
		switch {
		case system && strings.HasPrefix(s.Name, "systemd.services."):
			if s.Enabled {
				p.systemUnit(s, false)
			}
			continue
		case system && strings.HasPrefix(s.Name, "systemd.user.services."):
			if s.Enabled {
				p.systemUnit(s, true)
			}
			continue
		}
		if s.Owner == p.home && p.home != "" && (s.Unit != "" || strings.HasPrefix(s.Name, "systemd.user.services.")) {
			continue // a unit file in the dotfiles repository
		}
		p.option(table, s.Name, s.Enabled, s.Settings, s.Origin, s.Owner == p.home && p.home != "")
	}
	for _, pr := range sys.Programs {
		p.option(table, pr.Name, pr.Enabled, pr.Settings, pr.Origin, pr.Owner == p.home && p.home != "")
	}
	p.accounts(sys.Users, sys.Groups, &errs)
	p.etcFiles(sys.EtcFiles)
	p.profile(sys)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if len(p.params) > 0 {
		// The source's own parameters first, then the options'; each
		// once (plymouth's splash may be the source's too).
		seen := map[string]bool{}
		p.params = slices.DeleteFunc(p.params, func(param string) bool {
			dup := seen[param]
			seen[param] = true
			return dup
		})
		p.manual = append(p.manual, report.ManualStep{
			Step: "add to the kernel command line in the bootloader's configuration: " + strings.Join(p.params, " "),
			Why:  "setup.sh never edits the bootloader; where the command line lives depends on the bootloader",
		})
	}
	if p.multilib && !slices.ContainsFunc(p.manual, func(m report.ManualStep) bool { return strings.Contains(m.Step, "[multilib]") }) {
		p.manual = append(p.manual, report.ManualStep{
			Step: "enable the [multilib] repository: uncomment its two lines in /etc/pacman.conf and run pacman -Sy",
			Why:  "pkglist.txt holds packages from multilib, which Arch leaves off by default; setup.sh stops until it is on",
		})
	}
	return p, nil
}

// packages sorts the mapped packages into the two lists.
func (p *plan) packages(rep *report.Report) error {
	for _, pkg := range rep.Packages {
		if pkg.To == "" {
			continue // Arch has it by default, or nothing is needed
		}
		if !packageName.MatchString(pkg.To) {
			return fmt.Errorf("package %s (%s) maps to %q, which is not an Arch package name", pkg.From, pkg.Origin, pkg.To)
		}
		switch pkg.Repo {
		case "aur", model.RepoForeign:
			p.aur[pkg.To] = true
		case "multilib":
			p.multilib = true
			p.official[pkg.To] = true
		default:
			p.official[pkg.To] = true
		}
	}
	return nil
}

// hostValue rejects host settings that would spill into further lines of
// the files they are written to.
func hostValue(errs *model.ErrorList, o model.Origin, what, v string) string {
	if strings.IndexFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
		errs.Add(o, fmt.Sprintf("host %s %q holds a control character", what, v))
		return ""
	}
	return strings.TrimSpace(v)
}

func (p *plan) host(h model.Host, errs *model.ErrorList) {
	p.hostname = hostValue(errs, h.Origin, "hostname", h.Hostname)
	p.timezone = hostValue(errs, h.Origin, "timezone", h.Timezone)
	if p.timezone != "" && (strings.HasPrefix(p.timezone, "/") || slices.Contains(strings.Split(p.timezone, "/"), "..")) {
		errs.Add(h.Origin, fmt.Sprintf("host timezone %q is not a name under /usr/share/zoneinfo", p.timezone))
	}
	p.lang = hostValue(errs, h.Origin, "default locale", h.DefaultLocale)
	p.keymap = hostValue(errs, h.Origin, "keymap", h.Keymap)
	seen := map[string]bool{}
	addLocale := func(l string) {
		if l != "" && !seen[l] {
			seen[l] = true
			p.locales = append(p.locales, l)
		}
	}
	for _, l := range h.Locales {
		addLocale(localeGenLine(hostValue(errs, h.Origin, "locale", l)))
	}
	if p.lang != "" {
		// The default locale needs its locale.gen line too. Without a
		// character set in its name it cannot be guessed.
		if name, charset, ok := strings.Cut(p.lang, "."); ok && name != "" && charset != "" {
			addLocale(p.lang + " " + charset)
		} else if !slices.ContainsFunc(p.locales, func(l string) bool { return strings.HasPrefix(l, p.lang+" ") }) {
			p.manual = append(p.manual, report.ManualStep{
				Step:   "uncomment the line for " + p.lang + " in /etc/locale.gen and run locale-gen",
				Why:    "the default locale names no character set, so setup.sh cannot tell which line of locale.gen it is",
				Origin: h.Origin.String(),
			})
		}
	}
	for _, l := range h.LocaleSettings {
		cat, loc := hostValue(errs, h.Origin, "locale category", l.Category), hostValue(errs, h.Origin, "locale", l.Locale)
		if !localeCategory.MatchString(cat) || loc == "" || strings.ContainsAny(loc, " \t=") {
			errs.Add(h.Origin, fmt.Sprintf("host locale setting %q=%q is not a locale category and a locale", l.Category, l.Locale))
			continue
		}
		p.localeVars = append(p.localeVars, model.LocaleSetting{Category: cat, Locale: loc})
		if name, charset, ok := strings.Cut(loc, "."); ok && name != "" && charset != "" {
			addLocale(loc + " " + charset)
		} else if !slices.ContainsFunc(p.locales, func(l string) bool { return strings.HasPrefix(l, loc+" ") }) {
			p.manual = append(p.manual, report.ManualStep{
				Step:   "uncomment the line for " + loc + " in /etc/locale.gen and run locale-gen",
				Why:    cat + " names no character set, so setup.sh cannot tell which line of locale.gen it is",
				Origin: h.Origin.String(),
			})
		}
	}
	for _, m := range h.KernelModules {
		if !moduleName.MatchString(m) {
			errs.Add(h.Origin, fmt.Sprintf("kernel module %q is not a module name", m))
			continue
		}
		p.modules[m] = true
	}
	p.params = append(p.params, h.KernelParams...)
	if h.Kernel != "" && !p.kernelMapped {
		p.scriptOnly = append(p.scriptOnly, "choose an Arch kernel (linux, linux-lts, linux-zen, linux-hardened) to replace "+report.OneLine(h.Kernel)+" and install it with its headers if you build modules")
	}
	if h.Bootloader != "" {
		p.scriptOnly = append(p.scriptOnly, "set up the bootloader: the source used "+report.OneLine(h.Bootloader)+"; see https://wiki.archlinux.org/title/Arch_boot_process#Boot_loader")
	}
}

// localeConf is /etc/locale.conf: LANG, then the other categories.
func (p *plan) localeConf() string {
	var b strings.Builder
	if p.lang != "" {
		b.WriteString("LANG=" + p.lang + "\n")
	}
	for _, l := range p.localeVars {
		b.WriteString(l.Category + "=" + l.Locale + "\n")
	}
	return b.String()
}

// localeGenLine turns NixOS's "en_US.UTF-8/UTF-8" into locale.gen's
// "en_US.UTF-8 UTF-8"; an Arch line is kept, with its spaces tidied.
func localeGenLine(l string) string {
	if name, charset, ok := strings.Cut(l, "/"); ok && !strings.ContainsAny(l, " \t") {
		return name + " " + charset
	}
	return strings.Join(strings.Fields(l), " ")
}

// option translates one NixOS option set (services.openssh) with its
// settings through the options table.
//
// With inHome, the option set belongs to the user whose dotfiles are
// exported: the dotfiles renderer writes its settings into the program's
// own files and reports what it leaves out, so only the packages and
// units that enable implies are this plan's.
func (p *plan) option(t *options.Table, name string, enabled bool, settings model.Settings, o model.Origin, inHome bool) {
	if !enabled {
		return // the report lists it as disabled; a disabled option asks nothing of Arch
	}
	opt, ok := t.ForNixOS(name + ".enable")
	switch {
	case ok && inHome:
		// The row's manual steps are what NixOS leaves to each user, such as
		// a shell hook; the dotfiles repository has them.
		p.apply(withoutManual(opt), o, name+".enable", "true")
	case ok:
		p.apply(opt, o, name+".enable", "true")
	case inHome && p.homeInstalls[name]:
		// Its package is in the report's package list.
	case inHome:
		p.finding(model.SeverityWarning, o, "%s.enable: nixarch's option table does not say which Arch package provides it; install it by hand (its settings are in the dotfiles repository)", name)
	default:
		p.finding(model.SeverityWarning, o, "%s.enable has no Arch translation in nixarch's option table; install and enable it by hand", name)
	}
	if inHome {
		return
	}
	var untranslated []string
	p.settings(t, name, "", map[string]any(settings), o, &untranslated)
	if len(untranslated) > 0 {
		p.finding(model.SeverityWarning, o, "settings of %s with no Arch translation, to carry over by hand: %s", name, strings.Join(untranslated, ", "))
	}
}

// withoutManual returns opt without its manual steps.
func withoutManual(opt *options.Option) *options.Option {
	c := *opt
	c.Arch.Manual = nil
	return &c
}

// settings walks a settings tree, applying the deepest row that each
// value reaches.
func (p *plan) settings(t *options.Table, prefix, rel string, v any, o model.Origin, untranslated *[]string) {
	if rel != "" {
		if opt, ok := t.ForNixOS(prefix); ok {
			values, err := optionValues(opt.Kind, v)
			if err != nil {
				p.finding(model.SeverityWarning, o, "%s: %v; set it up by hand", prefix, err)
				return
			}
			p.apply(opt, o, prefix, values...)
			return
		}
	}
	m, ok := v.(map[string]any)
	if s, isSettings := v.(model.Settings); isSettings {
		m, ok = map[string]any(s), true
	}
	if !ok {
		*untranslated = append(*untranslated, rel)
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		seg := optionSegment(k)
		r := seg
		if rel != "" {
			r = rel + "." + seg
		}
		p.settings(t, prefix+"."+seg, r, m[k], o, untranslated)
	}
}

var plainSegment = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_'-]*$`)

// optionSegment writes a settings key as a segment of an option path,
// quoted as Nix would quote it when it is not a plain name.
func optionSegment(k string) string {
	if plainSegment.MatchString(k) {
		return k
	}
	return strconv.Quote(k)
}

// optionValues writes v as options.Option.Apply wants it for kind.
func optionValues(kind options.Kind, v any) ([]string, error) {
	scalar := func(v any) (string, bool) {
		switch v := v.(type) {
		case string:
			return v, true
		case int64:
			return strconv.FormatInt(v, 10), true
		case int:
			return strconv.Itoa(v), true
		case float64:
			return strconv.FormatFloat(v, 'g', -1, 64), true
		}
		return "", false
	}
	switch kind {
	case options.KindAttrs:
		return nil, nil
	case options.KindBool:
		if b, ok := v.(bool); ok {
			return []string{strconv.FormatBool(b)}, nil
		}
		return nil, fmt.Errorf("want true or false, not %v", v)
	case options.KindList:
		list, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("want a list, not %v", v)
		}
		out := make([]string, 0, len(list))
		for _, e := range list {
			s, ok := scalar(e)
			if !ok {
				return nil, fmt.Errorf("want a list of strings, not one holding %v", e)
			}
			out = append(out, s)
		}
		return out, nil
	}
	s, ok := scalar(v)
	if !ok {
		return nil, fmt.Errorf("want a string, not %v", v)
	}
	return []string{s}, nil
}

// apply adds what option path, set to values, asks of Arch.
func (p *plan) apply(opt *options.Option, o model.Origin, path string, values ...string) {
	a, err := opt.Apply(values...)
	if err != nil {
		p.finding(model.SeverityWarning, o, "%s: %v; set it up by hand", path, err)
		return
	}
	if a.IsZero() {
		return
	}
	var did []string
	list := func(what string, names []string) {
		if len(names) > 0 {
			did = append(did, what+" "+strings.Join(names, ", "))
		}
	}
	for _, n := range slices.Concat(a.Packages, a.PackageGroups) {
		p.official[n] = true
	}
	for _, n := range a.Multilib {
		p.official[n] = true
		p.multilib = true
	}
	for _, n := range a.AUR {
		p.aur[n] = true
	}
	for _, u := range a.Units {
		p.units[u] = true
	}
	for _, u := range a.UserUnits {
		p.userUnits[u] = true
	}
	for _, g := range a.Groups {
		p.optionGroups[g] = true
	}
	for _, m := range a.KernelModules {
		p.modules[m] = true
	}
	p.params = append(p.params, a.KernelParams...)
	list("installs", slices.Concat(a.Packages, a.PackageGroups))
	list("installs from multilib", a.Multilib)
	list("installs from the AUR", a.AUR)
	list("enables", a.Units)
	list("enables for every user", a.UserUnits)
	if len(a.Groups) == 1 {
		list("creates the group", a.Groups)
	} else {
		list("creates the groups", a.Groups)
	}
	list("loads", a.KernelModules)
	var paths []string
	for _, f := range a.Files {
		if p.addFile(f.Path, f.Content, f.Mode, path, o) {
			paths = append(paths, f.Path)
		}
	}
	list("writes", paths)
	for _, m := range a.Manual {
		if slices.ContainsFunc(p.manual, func(s report.ManualStep) bool { return s.Step == m }) {
			continue // several options ask for the same step, such as enabling [multilib]
		}
		p.manual = append(p.manual, report.ManualStep{Step: m, Why: "what NixOS does for " + path + " is not automated on Arch", Origin: o.String()})
	}
	if len(did) > 0 {
		p.finding(model.SeverityInfo, o, "%s: setup.sh %s", path, strings.Join(did, "; "))
	}
}

// addFile records a file for setup.sh to write. The first request for a
// path wins; a different second one is a finding.
func (p *plan) addFile(target, content string, mode model.FileMode, from string, o model.Origin) bool {
	clean := path.Clean(target)
	if !strings.HasPrefix(clean, "/etc/") && !strings.HasPrefix(clean, "/usr/local/lib/nixarch/") || clean != target ||
		strings.IndexFunc(clean, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
		p.finding(model.SeverityWarning, o, "%s asks for the file %q, which is not a clean path under /etc or /usr/local/lib/nixarch; write it by hand", from, target)
		return false
	}
	if strings.IndexByte(content, 0) >= 0 {
		p.finding(model.SeverityWarning, o, "%s: %s holds a NUL byte, which setup.sh cannot write; copy it by hand", from, target)
		return false
	}
	if why := secret.Content(content); why != "" {
		p.secrets([]model.Finding{{Severity: model.SeverityManual, Origin: o,
			Message: fmt.Sprintf("secret file %s (%s) is not written (%s): carry it over by hand", clean, from, why)}})
		return false
	}
	if prev, ok := p.files[clean]; ok {
		if prev.content != content || prev.mode != mode {
			p.finding(model.SeverityWarning, o, "%s also asks for %s, which %s writes already; merge the two by hand", from, clean, prev.from)
		}
		return false
	}
	p.files[clean] = file{content: content, mode: mode, from: from}
	return true
}

func (p *plan) etcFiles(files []model.EtcFile) {
	for _, f := range files {
		target := "/etc/" + strings.TrimPrefix(strings.TrimPrefix(f.Target, "/"), "etc/")
		if f.Source != "" {
			p.manual = append(p.manual, report.ManualStep{
				Step: fmt.Sprintf("copy %s to %s", f.Source, target), Why: "the model names the file but does not hold its content",
				Origin: f.Origin.String(),
			})
			continue
		}
		p.addFile(target, f.Content, f.Mode, "etcFiles "+f.Target, f.Origin)
	}
}

// accounts gathers groups and human users. System users are left to the
// packages that need them, as the report says.
func (p *plan) accounts(users []model.User, groups []model.Group, errs *model.ErrorList) {
	valid := func(o model.Origin, what, name string) bool {
		if !accountName.MatchString(name) || allDigits.MatchString(name) || len(name) > 32 {
			errs.Add(o, fmt.Sprintf("%s name %q is not a valid name on Arch", what, name))
			return false
		}
		return true
	}
	humans := map[string]*user{}
	for _, u := range users {
		if u.System || !valid(u.Origin, "user", u.Name) {
			continue
		}
		nu := user{name: u.Name, uid: u.UID, home: u.Home}
		// /etc/passwd cannot hold a colon or a line break in a comment.
		nu.comment = strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f || r == ':' {
				return ' '
			}
			return r
		}, u.Description)
		if nu.home != "" && (!path.IsAbs(nu.home) || strings.ContainsAny(nu.home, ":\n")) {
			errs.Add(u.Origin, fmt.Sprintf("user %s has home %q, which is not an absolute path", u.Name, u.Home))
		}
		if u.Shell != "" {
			sh := path.Base(u.Shell)
			if program, ok := nixosShells[sh]; ok {
				sh = program
			}
			if !shellName.MatchString(sh) {
				errs.Add(u.Origin, fmt.Sprintf("user %s has shell %q, which is not a shell's name", u.Name, u.Shell))
			} else if !baseShells[sh] {
				nu.shell = "/usr/bin/" + sh
				if pkg, ok := shellPackages[sh]; ok {
					p.official[pkg] = true
				}
			}
		}
		for _, g := range u.Groups {
			if arch, ok := options.ArchGroup(g); ok {
				p.finding(model.SeverityInfo, u.Origin, "user %s: NixOS's group %s is %s on Arch", u.Name, g, arch)
				g = arch
			}
			if valid(u.Origin, "group", g) {
				nu.groups = append(nu.groups, g)
			}
		}
		p.users = append(p.users, nu)
	}
	sort.Slice(p.users, func(i, j int) bool { return p.users[i].name < p.users[j].name })
	for i := range p.users {
		humans[p.users[i].name] = &p.users[i]
	}
	gids := map[string]int{}
	for _, g := range groups {
		if !valid(g.Origin, "group", g.Name) {
			continue
		}
		name := g.Name
		if arch, ok := options.ArchGroup(name); ok {
			p.finding(model.SeverityInfo, g.Origin, "NixOS's group %s is %s on Arch", name, arch)
			name = arch
		}
		if g.GID != 0 {
			gids[name] = g.GID
		} else if _, ok := gids[name]; !ok {
			gids[name] = 0
		}
		for _, m := range g.Members {
			if u, ok := humans[m]; ok {
				u.groups = append(u.groups, name)
			} else {
				p.finding(model.SeverityWarning, g.Origin, "group %s lists %s, who is not a user in the model; add the membership by hand", g.Name, m)
			}
		}
	}
	// The groups options ask for exist; who is in them is the users' own
	// choice, as on NixOS (extraGroups), never everyone.
	for g := range p.optionGroups {
		if _, ok := gids[g]; !ok {
			gids[g] = 0
		}
	}
	for i := range p.users {
		u := &p.users[i]
		slices.Sort(u.groups)
		u.groups = slices.Compact(u.groups)
		for _, g := range u.groups {
			if _, ok := gids[g]; !ok {
				gids[g] = 0
			}
		}
	}
	for name, gid := range gids {
		p.groups = append(p.groups, group{name: name, gid: gid})
	}
	sort.Slice(p.groups, func(i, j int) bool { return p.groups[i].name < p.groups[j].name })
}

// secrets records secrets left out of setup.sh: findings and steps.
func (p *plan) secrets(found []model.Finding) {
	for _, f := range found {
		p.finding(f.Severity, f.Origin, "%s", f.Message)
		p.manual = append(p.manual, report.ManualStep{Step: f.Message, Origin: f.Origin.String()})
	}
}

func (p *plan) finding(sev model.Severity, o model.Origin, format string, args ...any) {
	p.findings = append(p.findings, report.Finding{Severity: string(sev), Message: fmt.Sprintf(format, args...), Origin: o.String()})
}

// sortedKeys returns the keys of a set in order.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
