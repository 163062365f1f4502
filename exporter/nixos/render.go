package nixos

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/nixarch/nixarch/exporter"
	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/mappings/options"
	"github.com/nixarch/nixarch/model"
	"github.com/nixarch/nixarch/nix/syntax"
)

// StateVersion is the system.stateVersion written into every
// configuration. The comment beside it tells the user to set the release
// they install.
const StateVersion = "24.11"

// Options controls Render.
type Options struct {
	// Generator names the program in the header comment, such as
	// "nixarch 0.1.0". Empty means "nixarch".
	Generator string
}

// Sections are the parts of the model, besides packages, that Render
// writes into configuration.nix. They are registered with package report
// for mappings.NixOS.
var Sections = []report.Section{report.SectionHost, report.SectionUsers, report.SectionGroups, report.SectionServices}

func init() {
	report.Register(mappings.NixOS,
		report.Exports(Sections...),
		// A home-manager module for each user holds what the user owns.
		report.ExportsForUsers(report.SectionPrograms, report.SectionDotfiles, report.SectionEnvironment, report.SectionAliases),
		report.WithManualSteps(
			report.ManualStep{
				Step: "run nixos-generate-config on the target machine to create hardware-configuration.nix",
				Why:  "configuration.nix imports it; it describes disks, file systems and drivers that nixarch cannot know",
			},
			report.ManualStep{
				Step: "set system.stateVersion in configuration.nix to the NixOS release you install",
				Why:  "it is written as " + StateVersion + " and must match the first release the system runs",
			},
		),
	)
}

// Render returns configuration.nix and REPORT.md for sys. rep must be
// sys's report from report.Build for mappings.NixOS; this package registers
// with package report what it writes, so the report lists everything the
// module leaves out.
func Render(sys *model.System, rep *report.Report, opts Options) ([]exporter.File, error) {
	if sys == nil || rep == nil {
		return nil, errors.New("render nixos configuration: no system or no report")
	}
	if rep.To != string(mappings.NixOS) {
		return nil, fmt.Errorf("render nixos configuration: report is for %q, not nixos", rep.To)
	}
	for _, s := range Sections {
		if !rep.Exported(s) {
			return nil, fmt.Errorf("render nixos configuration: report does not know that %s are exported; build it with report.Build", s)
		}
	}
	conf, err := renderConfig(sys, rep, opts)
	if err != nil {
		return nil, fmt.Errorf("render nixos configuration: %w", err)
	}
	files := []exporter.File{
		{Path: "configuration.nix", Mode: exporter.DefaultFileMode, Content: conf},
		{Path: "REPORT.md", Mode: exporter.DefaultFileMode, Content: rep.Markdown()},
	}
	// Users who own programs, dotfiles, variables or aliases get a
	// home-manager module, and flake.nix ties it to configuration.nix.
	if users := homeUsers(sys); len(users) > 0 {
		gen := opts.Generator
		if gen == "" {
			gen = "nixarch"
		}
		homes, err := renderHomes(sys, users, gen)
		if err != nil {
			return nil, fmt.Errorf("render nixos configuration: %w", err)
		}
		files = append(files, exporter.File{Path: "flake.nix", Mode: exporter.DefaultFileMode, Content: renderFlake(sys, users, gen)})
		files = append(files, homes...)
	}
	return files, nil
}

// module builds configuration.nix as a syntax tree, so that the printer
// of nix/syntax writes it: quoting and escaping are the printer's, not
// string gluing. A comment that belongs to no binding of its own waits in
// pending and goes above the next binding.
type module struct {
	bindings []syntax.Binding
	pending  []string
	err      error
	// written holds the options and mapping settings this module sets
	// besides the report's options, so that none is set twice.
	written map[string]bool
}

// set adds path = value for a dotted path of plain names, with comment
// (and anything pending) above it.
func (m *module) set(comment, path string, value syntax.Expr) {
	m.setPath(comment, syntax.ParseAttrPath(path), value)
}

// setPath is set for a path whose parts may need quotes.
func (m *module) setPath(comment string, path []syntax.AttrName, value syntax.Expr) {
	lines := append(m.pending, splitComment(comment)...)
	m.pending = nil
	m.bindings = append(m.bindings, &syntax.Attribute{Path: path, Value: value, Comment: strings.Join(lines, "\n")})
}

// note keeps a comment for the next binding.
func (m *module) note(text string) { m.pending = append(m.pending, report.OneLine(text)) }

// str is a Nix string. Nix strings cannot hold NUL bytes; the first one
// found becomes m.err.
func (m *module) str(s string) syntax.Expr {
	if strings.IndexByte(s, 0) >= 0 && m.err == nil {
		m.err = fmt.Errorf("string %q contains a NUL byte, which Nix strings cannot hold", s)
	}
	return syntax.NewString(s)
}

// strs is a list of Nix strings.
func (m *module) strs(items []string) syntax.Expr {
	elems := make([]syntax.Expr, len(items))
	for i, s := range items {
		elems[i] = m.str(s)
	}
	return syntax.NewList(elems...)
}

// splitComment makes each line of text safe for a # comment.
func splitComment(text string) []string {
	if text == "" {
		return nil
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = report.OneLine(l)
	}
	return lines
}

func renderConfig(sys *model.System, rep *report.Report, opts Options) ([]byte, error) {
	gen := opts.Generator
	if gen == "" {
		gen = "nixarch"
	}
	m := &module{written: map[string]bool{}}
	m.set("", "imports", syntax.NewList(syntax.NewCommented(
		"Create it on the target machine with nixos-generate-config.", syntax.NewPath("./hardware-configuration.nix"))))
	m.host(sys.Host, rep)
	m.options(rep.Options)
	if err := m.packages(rep); err != nil {
		return nil, err
	}
	m.shellPrograms(sys.Users, rep.Options)
	m.users(sys.Users)
	m.groups(sys.Groups)
	m.set("Set this to the NixOS release you install, such as \"25.05\", and keep it\n"+
		"afterwards: it is not the version to upgrade to (see man configuration.nix).",
		"system.stateVersion", m.str(StateVersion))
	if m.err != nil {
		return nil, m.err
	}
	var b strings.Builder
	for _, l := range []string{
		"Generated by " + gen + " from " + sys.Source.Describe() + ".",
		"Review it before use: REPORT.md beside this file lists what could not be",
		"converted and the steps you must do by hand.",
	} {
		b.WriteString("# " + report.OneLine(l) + "\n")
	}
	b.Write(syntax.Format(syntax.NewLambda([]string{"config", "pkgs"}, true, syntax.NewAttrSet(m.bindings...))))
	return []byte(b.String()), nil
}

// localeCategory is an attribute of i18n.extraLocaleSettings.
var localeCategory = regexp.MustCompile(`^(LC_[A-Z]+|LANGUAGE)$`)

func (m *module) host(h model.Host, rep *report.Report) {
	if h.Hostname != "" {
		m.set("", "networking.hostName", m.str(h.Hostname))
	}
	if h.Timezone != "" {
		m.set("", "time.timeZone", m.str(h.Timezone))
	}
	if h.DefaultLocale != "" {
		m.set("", "i18n.defaultLocale", m.str(h.DefaultLocale))
	}
	if len(h.Locales) > 0 {
		locales := make([]string, len(h.Locales))
		for i, l := range h.Locales {
			locales[i] = nixLocale(l)
		}
		m.set("", "i18n.supportedLocales", m.strs(locales))
	}
	for _, l := range h.LocaleSettings {
		if localeCategory.MatchString(l.Category) {
			m.set("", "i18n.extraLocaleSettings."+l.Category, m.str(l.Locale))
		} else {
			m.note(fmt.Sprintf("locale setting %s=%s is not a locale category; set it by hand", l.Category, l.Locale))
		}
	}
	if h.Keymap != "" {
		m.set("", "console.keyMap", m.str(h.Keymap))
	}
	if len(h.KernelParams) > 0 {
		m.set("", "boot.kernelParams", m.strs(h.KernelParams))
	}
	if len(h.KernelModules) > 0 {
		m.set("", "boot.kernelModules", m.strs(h.KernelModules))
	}
	if setting, value, ok := kernelSetting(rep, h.Kernel); ok {
		m.written[setting] = true
		m.set("Kernel: the source used "+h.Kernel+".", "boot.kernelPackages", value)
	} else if h.Kernel != "" {
		m.note("Kernel: the source used " + h.Kernel + "; choose boot.kernelPackages by hand (see REPORT.md).")
	}
	if h.Bootloader != "" {
		m.note("Bootloader: the source used " + h.Bootloader + "; configure boot.loader by hand (see REPORT.md).")
	}
}

// kernelPackagesValue is the only form of boot.kernelPackages written: a
// kernel package set of nixpkgs, such as pkgs.linuxPackages_zen.
var kernelPackagesValue = regexp.MustCompile(`^pkgs\.linuxPackages[A-Za-z0-9_]*$`)

// kernelSetting returns the boot.kernelPackages setting that the mapping
// gives the kernel package, such as linux-zen's "boot.kernelPackages =
// pkgs.linuxPackages_zen", and its value. The kernel is an installed
// package, so the report has mapped it.
func kernelSetting(rep *report.Report, kernel string) (setting string, value syntax.Expr, ok bool) {
	if kernel == "" {
		return "", nil, false
	}
	for _, p := range rep.Packages {
		v, isKernel := strings.CutPrefix(p.Setting, "boot.kernelPackages = ")
		if p.From != kernel || !isKernel || !kernelPackagesValue.MatchString(v) {
			continue
		}
		expr, err := syntax.ParseFile("kernel packages", []byte(v), syntax.NoScopeCheck())
		if err != nil {
			return "", nil, false
		}
		return p.Setting, expr, true
	}
	return "", nil, false
}

// nixLocale turns a locale.gen entry such as "en_US.UTF-8 UTF-8" into the
// "en_US.UTF-8/UTF-8" form of i18n.supportedLocales.
func nixLocale(l string) string {
	if name, charset, ok := strings.Cut(strings.TrimSpace(l), " "); ok && !strings.Contains(l, "/") {
		return name + "/" + strings.TrimSpace(charset)
	}
	return l
}

func (m *module) packages(rep *report.Report) error {
	optionSet := map[string]bool{}
	for _, o := range rep.Options {
		if o.Value == "true" {
			optionSet[o.Option] = true
		}
	}
	// Several source packages may map to one attribute: list it once.
	byAttr := map[string]report.Package{}
	var provided []report.Package
	for _, pkg := range rep.Packages {
		if pkg.To == "" {
			provided = append(provided, pkg) // nothing to install: NixOS has it, or a setting does it
			continue
		}
		if _, ok := packageExpr(pkg.To); !ok {
			return fmt.Errorf("package %s (%s) maps to %q, which is not a nixpkgs attribute path", pkg.From, pkg.Origin, pkg.To)
		}
		if prev, seen := byAttr[pkg.To]; !seen || prev.Confidence != string(mappings.ConfidenceLow) {
			byAttr[pkg.To] = pkg
		}
	}
	attrs := make([]string, 0, len(byAttr))
	for a := range byAttr {
		attrs = append(attrs, a)
	}
	sort.Slice(attrs, func(i, j int) bool { return sortKey(attrs[i]) < sortKey(attrs[j]) })

	var comments []string
	for _, pkg := range provided {
		what := "provided by default on NixOS"
		if pkg.Setting != "" {
			what = "set " + pkg.Setting + " (see REPORT.md)"
			if optionSet[strings.TrimSuffix(pkg.Setting, " = true")] {
				what = "turned on by " + strings.TrimSuffix(pkg.Setting, " = true") + " above"
			} else if m.written[pkg.Setting] {
				what = "set by " + strings.TrimSpace(strings.SplitN(pkg.Setting, "=", 2)[0]) + " above"
			}
		}
		comments = append(comments, pkg.From+": "+what)
	}
	// NixOS's fontconfig reads the fonts of fonts.packages, not those of
	// environment.systemPackages: fonts go there.
	var fontAttrs, otherAttrs []string
	for _, a := range attrs {
		if strings.HasPrefix(a, mappings.NerdFontsAttr+".") || isArchFont(byAttr[a].From) {
			fontAttrs = append(fontAttrs, a)
		} else {
			otherAttrs = append(otherAttrs, a)
		}
	}
	elems := packageElems(otherAttrs, byAttr)
	for _, u := range rep.Unmapped {
		text := "unmapped: " + u.Name
		if u.Origin != "" {
			text += " (" + u.Origin + ")"
		}
		text += ": " + u.Reason
		if len(u.Suggestions) > 0 {
			text += "; suggestions: " + strings.Join(u.Suggestions, ", ")
		}
		elems = append(elems, syntax.NewCommented(report.OneLine(text), nil))
	}
	if len(fontAttrs) > 0 {
		m.set("Fonts: NixOS's fontconfig finds those listed here.", "fonts.packages", syntax.NewWith(syntax.NewIdent("pkgs"), syntax.NewList(packageElems(fontAttrs, byAttr)...)))
	}
	m.set(strings.Join(comments, "\n"), "environment.systemPackages", syntax.NewWith(syntax.NewIdent("pkgs"), syntax.NewList(elems...)))
	return nil
}

// packageElems returns the list elements for attrs: each attribute, with
// a comment on a low-confidence mapping, and the fonts that nerdfonts
// keeps as one override, where the first of them would stand.
func packageElems(attrs []string, byAttr map[string]report.Package) []syntax.Expr {
	var elems []syntax.Expr
	var fonts []string
	for _, a := range attrs {
		if font, ok := strings.CutPrefix(a, mappings.NerdFontsAttr+"."); ok {
			if len(fonts) == 0 {
				elems = append(elems, nil) // the override's place in the list
			}
			fonts = append(fonts, font)
			continue
		}
		e, _ := packageExpr(a)
		if pkg := byAttr[a]; pkg.Confidence == string(mappings.ConfidenceLow) {
			e = syntax.NewCommented(report.OneLine("low-confidence mapping from "+pkg.From+", check it (see REPORT.md)"), e)
		}
		elems = append(elems, e)
	}
	if len(fonts) > 0 {
		elems[slices.Index(elems, nil)] = nerdFonts(fonts)
	}
	return elems
}

// isArchFont reports whether an Arch package name is a font's, by Arch's
// naming: ttf-*, otf-*, *-fonts, *-font and noto-fonts-* (font-manager
// and gnome-font-viewer are programs).
func isArchFont(name string) bool {
	return strings.HasPrefix(name, "ttf-") || strings.HasPrefix(name, "otf-") || strings.HasPrefix(name, "noto-fonts-") ||
		strings.HasSuffix(name, "-fonts") || strings.HasSuffix(name, "-font")
}

// nerdFonts is (nerdfonts.override { fonts = [ … ]; }): nixpkgs 24.11
// builds every Nerd Font as one package, and only those its override
// names.
func nerdFonts(fonts []string) syntax.Expr {
	names := make([]syntax.Expr, len(fonts))
	for i, f := range fonts {
		names[i] = syntax.NewString(f)
	}
	return syntax.NewApply(syntax.NewSelect(syntax.NewIdent(mappings.NerdFontsAttr), "override"),
		syntax.NewAttrSet(syntax.NewAttribute("fonts", syntax.NewList(names...))))
}

// sortKey orders package expressions by attribute path, ignoring the
// "pkgs." and quotes that only some of them need.
func sortKey(expr string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(expr, "pkgs."), `"`, ""))
}

// simpleShells need no setting: bash is NixOS's default login shell.
var simpleShells = map[string]bool{"bash": true, "sh": true}

// loginShells are the nixpkgs packages of login shells, by the name of the
// program a user's shell names (/usr/bin/zsh on Arch).
var loginShells = map[string]string{
	"zsh": "zsh", "fish": "fish", "nu": "nushell", "tcsh": "tcsh", "dash": "dash", "elvish": "elvish",
	"xonsh": "xonsh", "mksh": "mksh",
}

// shellOptions are the shells whose programs.<shell>.enable NixOS requires
// of a user who logs in with them (an assertion of users-groups.nix).
var shellOptions = map[string]bool{"zsh": true, "fish": true, "xonsh": true}

// loginShell returns the nixpkgs attribute of a user's login shell, or ""
// for NixOS's default shell and for shells nixarch does not know.
func loginShell(shell string) string {
	if shell == "" || simpleShells[path.Base(shell)] {
		return ""
	}
	return loginShells[path.Base(shell)]
}

// shellPrograms sets programs.<shell>.enable for the login shells that
// need it, unless the report's options set it already.
func (m *module) shellPrograms(users []model.User, opts []report.Option) {
	set := map[string]bool{}
	for _, o := range opts {
		if o.Value != "" {
			set[o.Option] = true
		}
	}
	users = append([]model.User(nil), users...)
	sort.SliceStable(users, func(i, j int) bool { return users[i].Name < users[j].Name })
	for _, u := range users {
		attr := loginShell(u.Shell)
		option := "programs." + attr + ".enable"
		if u.System || !shellOptions[attr] || set[option] || m.written[option] {
			continue
		}
		m.written[option] = true
		m.set("NixOS allows "+attr+" as a login shell ("+u.Name+"'s) only with this.", option, syntax.NewBool(true))
	}
}

func (m *module) users(users []model.User) {
	users = append([]model.User(nil), users...)
	sort.SliceStable(users, func(i, j int) bool { return users[i].Name < users[j].Name })
	for _, u := range users {
		if u.System {
			continue // packages and services create system users; the report says so
		}
		user := &module{}
		user.set("", "isNormalUser", syntax.NewBool(true))
		if u.UID != 0 {
			user.set("", "uid", syntax.NewInt(int64(u.UID)))
		}
		if u.Description != "" {
			user.set("", "description", user.str(u.Description))
		}
		if u.Home != "" && u.Home != "/home/"+u.Name {
			user.set("", "home", user.str(u.Home))
		}
		if groups := sortedUnique(nixosGroups(u.Groups)); len(groups) > 0 {
			user.set("", "extraGroups", user.strs(groups))
		}
		comment := "Set a password after installing: passwd " + u.Name
		if attr := loginShell(u.Shell); attr != "" {
			user.set("", "shell", syntax.NewSelect(syntax.NewIdent("pkgs"), attr))
		} else if u.Shell != "" && !simpleShells[path.Base(u.Shell)] {
			comment = "Login shell: the source used " + u.Shell + "; set shell (and programs.<shell>.enable) by hand (see REPORT.md).\n" + comment
		}
		if m.err == nil {
			m.err = user.err
		}
		m.setPath(comment, attrPath("users", "users", u.Name), syntax.NewAttrSet(user.bindings...))
	}
}

// options sets the options the report translated with a known value,
// such as services.openssh.enable = true for an enabled sshd.service.
// options sets the options the report translated with a known value,
// such as services.openssh.enable = true for an enabled sshd.service,
// each with the origin that implied it.
func (m *module) options(opts []report.Option) {
	var set []report.Option
	for _, o := range opts {
		if o.Value != "" {
			set = append(set, o)
		}
	}
	sort.Slice(set, func(i, j int) bool { return set[i].Option < set[j].Option })
	for _, o := range set {
		value, err := syntax.ParseFile("option value", []byte(o.Value), syntax.NoScopeCheck())
		if err != nil {
			if m.err == nil {
				m.err = fmt.Errorf("option %s: value %q is not a Nix expression: %w", o.Option, o.Value, err)
			}
			continue
		}
		m.set("from "+o.Origin, o.Option, value)
	}
}

func (m *module) groups(groups []model.Group) {
	groups = append([]model.Group(nil), groups...)
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].Name < groups[j].Name })
	for _, g := range groups {
		group := &module{}
		if g.GID != 0 {
			group.set("", "gid", syntax.NewInt(int64(g.GID)))
		}
		if members := sortedUnique(g.Members); len(members) > 0 {
			group.set("", "members", group.strs(members))
		}
		if m.err == nil {
			m.err = group.err
		}
		name, _ := options.NixOSGroup(g.Name)
		m.setPath("", attrPath("users", "groups", name), syntax.NewAttrSet(group.bindings...))
	}
}

// nixosGroups gives Arch's group names their NixOS names (libvirt is
// libvirtd on NixOS).
func nixosGroups(groups []string) []string {
	out := make([]string, len(groups))
	for i, g := range groups {
		out[i], _ = options.NixOSGroup(g)
	}
	return out
}

func sortedUnique(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	n := 0
	for i, v := range out {
		if i == 0 || v != out[n-1] {
			out[n] = v
			n++
		}
	}
	return out[:n]
}
