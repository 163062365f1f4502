package report

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/mappings/options"
	"github.com/nixarch/nixarch/model"
)

// Section names a part of the model that an exporter may write. Packages
// are not a section: every exporter writes them.
type Section string

// The sections of a model.System besides packages.
const (
	SectionHost        Section = "host"
	SectionUsers       Section = "users"
	SectionGroups      Section = "groups"
	SectionServices    Section = "services"
	SectionPrograms    Section = "programs"
	SectionEnvironment Section = "environment"
	SectionAliases     Section = "aliases"
	SectionEtcFiles    Section = "etcFiles"
	SectionDotfiles    Section = "dotfiles"
)

// BuildOption adjusts Build to the exporter the report is for.
type BuildOption func(*config)

type config struct {
	exported map[Section]bool
	// exportedFor holds sections exported only for what one owner owns,
	// such as a user's variables, which the dotfiles repository holds.
	exportedFor map[model.Owner]map[Section]bool
	// exportedForUsers holds sections exported for whatever any user owns.
	exportedForUsers map[Section]bool
	manual           []ManualStep
	options          *options.Table
	findings         []model.Finding
	// rendered holds, by owner, the files a dotfiles renderer writes; they
	// replace that owner's dotfiles of the model in the report.
	rendered map[model.Owner][]RenderedDotfile
	// packages are mapped after the model's own.
	packages []model.Package
}

// WithPackages adds packages that the export installs besides the
// model's, such as the programs whose settings a dotfiles renderer
// writes. They are mapped and listed like the model's packages.
func WithPackages(pkgs ...model.Package) BuildOption {
	return func(c *config) { c.packages = append(c.packages, pkgs...) }
}

// RenderedDotfile is a file that a dotfiles renderer puts in a home.
type RenderedDotfile struct {
	// Target is relative to the home folder.
	Target string
	// From names what it was rendered from, such as programs.git.
	From   string
	Origin model.Origin
}

// WithDotfiles lists the files a dotfiles renderer writes into owner's
// home, in place of owner's dotfiles of the model: the renderer writes
// those too, beside the files it makes from program settings.
func WithDotfiles(owner model.Owner, files ...RenderedDotfile) BuildOption {
	return func(c *config) {
		if c.rendered == nil {
			c.rendered = map[model.Owner][]RenderedDotfile{}
		}
		c.rendered[owner] = append(c.rendered[owner], files...)
	}
}

// WithFindings adds findings that another renderer made, such as the
// dotfiles renderer's, so the report holds them beside the model's own.
func WithFindings(findings ...model.Finding) BuildOption {
	return func(c *config) { c.findings = append(c.findings, findings...) }
}

// WithOptionTable lets Build translate services through t: an Arch unit
// that is enabled becomes the NixOS option it implies (sshd.service →
// services.openssh.enable = true). Without it, services are listed as
// they are.
func WithOptionTable(t *options.Table) BuildOption {
	return func(c *config) { c.options = t }
}

// Exports declares the sections the target's exporter writes. Build adds a
// "not exported yet" finding for every item of every other section.
func Exports(sections ...Section) BuildOption {
	return func(c *config) {
		for _, s := range sections {
			c.exported[s] = true
		}
	}
}

// ExportsFor declares sections that the exporter writes only for what
// owner owns: the dotfiles repository of one user holds that user's
// variables, aliases, programs and files, not anyone else's. Build adds
// "not exported yet" findings for the items of other owners.
func ExportsFor(owner model.Owner, sections ...Section) BuildOption {
	return func(c *config) {
		if c.exportedFor[owner] == nil {
			c.exportedFor[owner] = map[Section]bool{}
		}
		for _, s := range sections {
			c.exportedFor[owner][s] = true
		}
	}
}

// ExportsForUsers declares sections that the exporter writes for every
// user's own items, such as home-manager modules, but not for the
// system's.
func ExportsForUsers(sections ...Section) BuildOption {
	return func(c *config) {
		for _, s := range sections {
			c.exportedForUsers[s] = true
		}
	}
}

// WithManualSteps adds steps that the target's exporter always needs, such
// as generating hardware-configuration.nix for NixOS.
func WithManualSteps(steps ...ManualStep) BuildOption {
	return func(c *config) { c.manual = append(c.manual, steps...) }
}

var (
	registryMu sync.Mutex
	registry   = map[mappings.Distro][]BuildOption{}
)

// Register declares what the exporter for distribution to writes, so that
// every Build for that target, by "nixarch export" or "nixarch report",
// says the same about what is exported. Exporters call it from an init
// function, as image formats register with package image. Registering a
// target twice panics.
func Register(to mappings.Distro, opts ...BuildOption) {
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[to]; dup {
		panic("report: Register called twice for " + string(to))
	}
	registry[to] = opts
}

// defaultShells are login shells every target has, so a user's shell needs
// no manual step when it is one of them.
var defaultShells = map[string]bool{"bash": true, "sh": true, "nologin": true, "false": true}

// Build maps sys's packages through m to the distribution to and collects
// everything else the user should know. The options registered for to
// apply first, then opts. A nil m maps nothing; when the source is already
// the target distribution, packages map to themselves.
func Build(sys *model.System, m mappings.Mapper, to mappings.Distro, opts ...BuildOption) *Report {
	cfg := &config{exported: map[Section]bool{}, exportedFor: map[model.Owner]map[Section]bool{}, exportedForUsers: map[Section]bool{}}
	registryMu.Lock()
	registered := registry[to]
	registryMu.Unlock()
	for _, o := range append(append([]BuildOption(nil), registered...), opts...) {
		o(cfg)
	}
	b := &builder{cfg: cfg}
	r := &Report{
		SchemaVersion: SchemaVersion,
		Source:        Source{Kind: string(sys.Source.Kind), Path: sys.Source.Path, Host: sys.Source.Host},
		To:            string(to),
		exported:      cfg.exported,
	}

	b.packages(sys, m, to)
	b.host(sys.Host, m, to)
	b.users(sys.Users, to)
	for _, g := range sys.Groups {
		b.notExported(SectionGroups, "", g.Origin, "group %s", g.Name)
	}
	for _, s := range sys.Services {
		if to == mappings.NixOS && sys.Source.Kind != model.SourceNixOS {
			if cfg.options != nil {
				b.unitToNixOS(s)
				continue
			}
			b.finding(model.SeverityWarning, s.Origin, "service %s%s was not translated: no option table was given", s.Name, ownedBy(s.Owner))
		}
		b.option(s.Name, s.Enabled, s.Settings, s.Origin)
		b.notExported(SectionServices, s.Owner, s.Origin, "service %s%s", s.Name, ownedBy(s.Owner))
	}
	for _, p := range sys.Programs {
		b.option(p.Name, p.Enabled, p.Settings, p.Origin)
		b.notExported(SectionPrograms, p.Owner, p.Origin, "program %s%s", p.Name, ownedBy(p.Owner))
	}
	for _, v := range sys.Environment {
		b.notExported(SectionEnvironment, v.Owner, v.Origin, "environment variable %s%s", v.Name, ownedBy(v.Owner))
	}
	for _, a := range sys.Aliases {
		shell := ""
		if a.Shell != "" {
			shell = " (" + a.Shell + ")"
		}
		b.notExported(SectionAliases, a.Owner, a.Origin, "alias %s%s%s", a.Name, shell, ownedBy(a.Owner))
	}
	for _, f := range sys.EtcFiles {
		b.notExported(SectionEtcFiles, "", f.Origin, "/etc/%s", strings.TrimPrefix(f.Target, "/etc/"))
	}
	for owner, files := range cfg.rendered {
		for _, f := range files {
			target := homePath(owner, f.Target)
			b.dotfiles = append(b.dotfiles, item[Dotfile]{f.Origin, Dotfile{Target: target, From: f.From, Origin: f.Origin.String()}})
		}
	}
	for _, d := range sys.Dotfiles {
		if _, rendered := cfg.rendered[d.Owner]; rendered {
			continue // among the rendered files
		}
		target := homePath(d.Owner, d.Target)
		from := d.Source
		if from == "" {
			from = "inline"
		}
		b.dotfiles = append(b.dotfiles, item[Dotfile]{d.Origin, Dotfile{Target: target, From: from, Origin: d.Origin.String()}})
		b.notExported(SectionDotfiles, d.Owner, d.Origin, "dotfile %s", target)
	}
	for _, f := range append(append([]model.Finding(nil), sys.Findings...), cfg.findings...) {
		b.finding(f.Severity, f.Origin, "%s", f.Message)
		if f.Severity == model.SeverityManual && !passwordFinding(f, sys.Users) {
			// a step for the user: the checklist has them all, secrets
			// left out of the model among them
			b.step(f.Origin, "", "%s", f.Message)
		}
	}
	for _, s := range cfg.manual {
		b.manual = append(b.manual, item[ManualStep]{model.Origin{}, s})
	}

	// Packages are listed by name, as users look for them; everything else
	// by severity or place in the source.
	r.Packages = sorted(b.mapped, func(x, y item[Package]) int {
		return cmpFirst(strings.Compare(x.v.From, y.v.From), compareOrigins(x.origin, y.origin), strings.Compare(x.v.To, y.v.To))
	})
	r.Unmapped = sorted(b.unmapped, func(x, y item[Unmapped]) int {
		return cmpFirst(strings.Compare(x.v.Name, y.v.Name), compareOrigins(x.origin, y.origin))
	})
	r.Options = sorted(b.options, func(x, y item[Option]) int {
		return cmpFirst(compareOrigins(x.origin, y.origin), strings.Compare(x.v.Option, y.v.Option))
	})
	r.Dotfiles = sorted(b.dotfiles, func(x, y item[Dotfile]) int {
		return cmpFirst(strings.Compare(x.v.Target, y.v.Target), compareOrigins(x.origin, y.origin))
	})
	r.Findings = sorted(b.findings, func(x, y item[Finding]) int {
		return cmpFirst(severityRank[x.v.Severity]-severityRank[y.v.Severity], compareOrigins(x.origin, y.origin), strings.Compare(x.v.Message, y.v.Message))
	})
	r.Manual = sorted(b.manual, func(x, y item[ManualStep]) int {
		return cmpFirst(compareOrigins(x.origin, y.origin), strings.Compare(x.v.Step, y.v.Step))
	})
	r.Summary = Summary{
		Packages: len(r.Packages) + len(r.Unmapped),
		Mapped:   len(r.Packages),
		Unmapped: len(r.Unmapped),
		Options:  len(r.Options),
		Dotfiles: len(r.Dotfiles),
		Findings: len(r.Findings),
	}
	r.Summary.AUR = b.aur
	return r
}

// severityRank orders findings: the most serious first.
var severityRank = map[string]int{
	string(model.SeverityError):   0,
	string(model.SeverityWarning): 1,
	string(model.SeverityManual):  2,
	string(model.SeverityInfo):    3,
}

// item is an entry of the report with the origin it may be sorted by.
type item[T any] struct {
	origin model.Origin
	v      T
}

// sorted orders items by cmp, keeping the order of equal items, and drops
// the origins.
func sorted[T any](items []item[T], cmp func(x, y item[T]) int) []T {
	sort.SliceStable(items, func(i, j int) bool { return cmp(items[i], items[j]) < 0 })
	out := make([]T, len(items))
	for i, it := range items {
		out[i] = it.v
	}
	return out
}

// cmpFirst returns the first of the comparisons that is not 0.
func cmpFirst(cmps ...int) int {
	for _, c := range cmps {
		if c != 0 {
			return c
		}
	}
	return 0
}

// compareOrigins orders origins by file, line and column; the unknown
// origin comes first.
func compareOrigins(a, b model.Origin) int {
	return cmpFirst(strings.Compare(a.File, b.File), a.Line-b.Line, a.Col-b.Col)
}

type builder struct {
	cfg      *config
	mapped   []item[Package]
	unmapped []item[Unmapped]
	options  []item[Option]
	dotfiles []item[Dotfile]
	findings []item[Finding]
	manual   []item[ManualStep]
	aur      int             // packages on the AUR side: foreign sources, AUR targets
	settings map[string]bool // settings a manual step already asks for
	// optionSet holds the options already set, so that two units implying
	// one option set it once.
	optionSet map[string]bool
}

func (b *builder) finding(sev model.Severity, o model.Origin, format string, args ...any) {
	b.findings = append(b.findings, item[Finding]{o, Finding{Severity: string(sev), Message: fmt.Sprintf(format, args...), Origin: o.String()}})
}

func (b *builder) step(o model.Origin, why, format string, args ...any) {
	b.manual = append(b.manual, item[ManualStep]{o, ManualStep{Step: fmt.Sprintf(format, args...), Why: why, Origin: o.String()}})
}

// notExported records an item of a section the exporter does not write.
func (b *builder) notExported(s Section, owner model.Owner, o model.Origin, format string, args ...any) {
	if b.cfg.exported[s] || b.cfg.exportedFor[owner][s] || b.cfg.exportedForUsers[s] && strings.HasPrefix(string(owner), "user:") {
		return
	}
	b.finding(model.SeverityWarning, o, "not exported yet: "+format+"; carry it over by hand", args...)
}

// sourceDistro is the distribution whose names a source kind uses.
func sourceDistro(k model.SourceKind) (mappings.Distro, bool) {
	switch k {
	case model.SourceNixOS:
		return mappings.NixOS, true
	case model.SourceArch, model.SourcePkgList:
		return mappings.Arch, true
	}
	return "", false
}

func (b *builder) packages(sys *model.System, m mappings.Mapper, to mappings.Distro) {
	from, known := sourceDistro(sys.Source.Kind)
	if !known && len(sys.Packages) > 0 {
		b.finding(model.SeverityError, model.Origin{}, "unknown source kind %q: no package can be mapped", sys.Source.Kind)
	}
	var deps []string
	for _, p := range slices.Concat(sys.Packages, b.cfg.packages) {
		if p.Dependency {
			deps = append(deps, p.Name)
			continue
		}
		var res mappings.Result
		switch {
		case !known:
			res.Reason = fmt.Sprintf("unknown source kind %q", sys.Source.Kind)
		case from == to:
			res.Match = &mappings.Match{From: from, Name: p.Name, Target: p.Name, Repo: p.Repo, Project: p.Project,
				Method: "identity", Confidence: mappings.ConfidenceHigh, Evidence: "source and target are the same distribution"}
		case m == nil:
			res.Reason = "no mapping table was given"
		default:
			res = m.Lookup(from, p.Name)
		}
		if p.Repo == model.RepoForeign || res.Match != nil && res.Match.Repo == "aur" {
			b.aur++
		}
		if res.Match == nil || res.Match.Target == "" && res.Match.Method != mappings.MethodBaseline && res.Match.Setting == "" {
			reason := res.Reason
			if reason == "" {
				reason = "no mapping found"
			}
			b.unmapped = append(b.unmapped, item[Unmapped]{p.Origin, Unmapped{
				Name: p.Name, Origin: p.Origin.String(), Reason: reason, Suggestions: nonNil(res.Suggestions)}})
			continue
		}
		mt := res.Match
		setting := mt.Setting
		if to != mappings.NixOS {
			setting = "" // a NixOS option: it means something only on NixOS
		}
		b.mapped = append(b.mapped, item[Package]{p.Origin, Package{
			From: p.Name, To: mt.Target, Setting: setting, Repo: mt.Repo, Method: string(mt.Method),
			Confidence: string(mt.Confidence), Origin: p.Origin.String(), Evidence: mt.Evidence}})
		if path, ok := safeSetting(setting); ok && b.knownBoolOption(path) {
			b.setOption(path, p.Origin, "package "+p.Name)
		} else if setting != "" && !b.settings[setting] {
			// One step per setting, however many packages it stands for.
			if b.settings == nil {
				b.settings = map[string]bool{}
			}
			b.settings[setting] = true
			b.step(p.Origin, fmt.Sprintf("%s is turned on by the configuration rather than installed as a package", p.Name), "set %s", setting)
		}
		if mt.Confidence == mappings.ConfidenceLow {
			why := "the mapping has low confidence"
			if mt.Evidence != "" {
				why += ": " + mt.Evidence
			}
			b.step(p.Origin, why, "check that %s is the right replacement for %s", mt.Target, p.Name)
		}
		if p.Condition != "" {
			b.finding(model.SeverityWarning, p.Origin, "package %s was declared under a condition nixarch could not decide (%s); it is exported unconditionally", p.Name, p.Condition)
		}
		if u, ok := p.Owner.User(); ok {
			b.finding(model.SeverityInfo, p.Origin, "package %s was installed for user %s; it is exported as a system package", p.Name, u)
		}
	}
	if len(deps) > 0 {
		sort.Strings(deps)
		b.finding(model.SeverityInfo, model.Origin{}, "left out %d package(s) installed only as dependencies, which the target's package manager pulls in itself: %s",
			len(deps), strings.Join(deps, ", "))
	}
}

func (b *builder) host(h model.Host, m mappings.Mapper, to mappings.Distro) {
	settings := []struct{ name, value string }{
		{"hostname", h.Hostname},
		{"timezone", h.Timezone},
		{"default locale", h.DefaultLocale},
		{"locales", strings.Join(h.Locales, ", ")},
		{"locale settings", localeSettings(h.LocaleSettings)},
		{"keymap", h.Keymap},
		{"kernel parameters", strings.Join(h.KernelParams, " ")},
		{"kernel modules", strings.Join(h.KernelModules, ", ")},
	}
	for _, s := range settings {
		if s.value != "" {
			b.notExported(SectionHost, "", h.Origin, "host setting %s (%s)", s.name, s.value)
		}
	}
	// A NixOS kernel package set that Arch ships as a kernel package is
	// mapped like a package (linuxPackages_zen → linux-zen). Other kernels
	// and every bootloader depend on the target machine.
	if kernel := strings.TrimPrefix(h.Kernel, "pkgs."); kernel != "" && to == mappings.Arch && m != nil {
		if res := m.Lookup(mappings.NixOS, kernel); res.Match != nil && res.Match.Target != "" {
			mt := res.Match
			b.mapped = append(b.mapped, item[Package]{h.Origin, Package{From: kernel, To: mt.Target, Repo: mt.Repo,
				Method: string(mt.Method), Confidence: string(mt.Confidence), Origin: h.Origin.String(), Evidence: mt.Evidence}})
			b.step(h.Origin, "the kernel is installed, but the bootloader needs an entry for it",
				"add a boot entry for %s (its image is /boot/vmlinuz-%s)", mt.Target, mt.Target)
			h.Kernel = ""
		}
	}
	if h.Kernel != "" {
		b.step(h.Origin, "kernel packages are named differently on every distribution and nixarch does not translate them",
			"choose the kernel to replace %s", h.Kernel)
	}
	if h.Bootloader != "" {
		b.step(h.Origin, "the bootloader depends on the target machine's firmware and disks",
			"set up the bootloader (the source used %s)", h.Bootloader)
	}
}

func localeSettings(l []model.LocaleSetting) string {
	var parts []string
	for _, s := range l {
		parts = append(parts, s.Category+"="+s.Locale)
	}
	return strings.Join(parts, " ")
}

// passwordFinding reports whether f asks for a user's password, which
// the step of users already does for every user.
func passwordFinding(f model.Finding, users []model.User) bool {
	for _, u := range users {
		if !u.System && strings.Contains(f.Message, "passwd "+u.Name+" ") {
			return true
		}
	}
	return false
}

func (b *builder) users(users []model.User, to mappings.Distro) {
	for _, u := range users {
		if u.System {
			b.finding(model.SeverityInfo, u.Origin, "system user %s is not exported: packages and services create their own system users", u.Name)
			continue
		}
		b.notExported(SectionUsers, "", u.Origin, "user %s", u.Name)
		b.step(u.Origin, "passwords are never copied", "set a password with passwd %s", u.Name)
		if u.Shell != "" && !defaultShells[path.Base(u.Shell)] && to == mappings.NixOS {
			// setup.sh runs chsh on Arch; configuration.nix needs the
			// shell's package and its programs.<shell>.enable.
			b.step(u.Origin, "on NixOS the login shell is set in configuration.nix, with the shell's programs option",
				"set users.users.%s.shell = pkgs.%s and programs.%s.enable = true (the source used %s)",
				u.Name, path.Base(u.Shell), path.Base(u.Shell), u.Shell)
		}
	}
}

func (b *builder) option(name string, enabled bool, settings model.Settings, o model.Origin) {
	actions := []string{"disable"}
	if enabled {
		actions[0] = "enable"
	}
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		actions = append(actions, "set "+k)
	}
	b.options = append(b.options, item[Option]{o, Option{Option: name, Actions: actions, Origin: o.String()}})
}

// setOption sets the NixOS option path to true, once however many
// packages and units imply it; why names the first of them.
func (b *builder) setOption(path string, o model.Origin, why string) {
	if b.optionSet[path] {
		return
	}
	if b.optionSet == nil {
		b.optionSet = map[string]bool{}
	}
	b.optionSet[path] = true
	b.options = append(b.options, item[Option]{o, Option{
		Option: path, Value: "true", Actions: []string{"set " + path + " = true (" + why + ")"}, Origin: o.String()}})
}

// knownBoolOption reports whether the option table has path as a bool
// option, so that writing it cannot name an option NixOS lacks.
func (b *builder) knownBoolOption(path string) bool {
	if b.cfg.options == nil {
		return false
	}
	o, ok := b.cfg.options.ForNixOS(path)
	return ok && o.Kind == options.KindBool
}

// safeSetting returns the option of a mapping setting that can be written
// as it is: "PATH = true" for an option outside boot.*. Other settings
// take a value that needs thought (boot.kernelPackages, videoDrivers), or
// choose a boot loader, which fails to evaluate without more settings;
// they stay manual steps.
func safeSetting(setting string) (string, bool) {
	path, ok := strings.CutSuffix(setting, " = true")
	if !ok || strings.HasPrefix(path, "boot.") || strings.ContainsAny(path, " =\"") {
		return "", false
	}
	return path, true
}

// unitToNixOS translates an enabled Arch unit into the NixOS options it
// implies. Only untemplated .enable options are set: their value is true
// and nothing else needs guessing. A unit no option stands for is kept
// as a finding, never dropped.
func (b *builder) unitToNixOS(s model.Service) {
	unit := s.Unit
	if unit == "" {
		unit = s.Name
	}
	if !s.Enabled {
		b.finding(model.SeverityInfo, s.Origin, "unit %s%s is disabled: nothing to do", unit, ownedBy(s.Owner))
		return
	}
	var set []string
	for _, o := range b.cfg.options.FromArchUnit(unit) {
		if o.Kind == options.KindBool && strings.HasSuffix(o.Path, ".enable") && !strings.Contains(o.Path, "<") {
			set = append(set, o.Path)
		}
	}
	if len(set) == 0 {
		b.finding(model.SeverityWarning, s.Origin, "enabled unit %s%s: no NixOS option is known for it; enable its service by hand (systemd.services or the module that ships it)", unit, ownedBy(s.Owner))
		return
	}
	for _, path := range set {
		b.setOption(path, s.Origin, "enabled unit "+unit)
	}
	b.notExported(SectionServices, s.Owner, s.Origin, "service %s%s", strings.Join(set, ", "), ownedBy(s.Owner))
}

func ownedBy(o model.Owner) string {
	if u, ok := o.User(); ok {
		return " of user " + u
	}
	return ""
}

// homePath writes a dotfile target as ~USER/PATH.
func homePath(o model.Owner, target string) string {
	u, _ := o.User()
	return "~" + u + "/" + strings.TrimPrefix(target, "/")
}
