package nixos

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/nixarch/nixarch/internal/secret"
	"github.com/nixarch/nixarch/model"
	"github.com/nixarch/nixarch/nix/eval"
	"github.com/nixarch/nixarch/nix/syntax"
)

// passwordOptions are the options of users.users.NAME that hold or name a
// password; they become manual findings, never values.
var passwordOptions = []string{"hashedPassword", "initialPassword", "initialHashedPassword", "password", "passwordFile", "hashedPasswordFile"}

// secretTrees are option sets of secret managers: reported, never read.
var secretTrees = []string{"sops", "age", "agenix"}

// hardwareTrees are options that describe one machine's disks and
// firmware: notes, since the other side's installer decides them.
var hardwareTrees = []string{"fileSystems", "swapDevices", "boot.initrd", "boot.extraModulePackages",
	"hardware", "nixpkgs.hostPlatform", "powerManagement.cpuFreqGovernor", "networking.useDHCP", "networking.interfaces"}

// noteOptions are understood but have no place in the model: those with
// a message are noted with it, the others are read elsewhere.
var noteOptions = map[string]string{
	"system.stateVersion":              "the NixOS release the state was created with; not carried over",
	"nixpkgs.config":                   "nixpkgs settings; not carried over",
	"nix":                              "settings of the Nix package manager itself (nix.settings, nix.gc, …), which Arch has only if you install Nix there; not carried over",
	"home-manager.useGlobalPkgs":       "",
	"home-manager.useUserPackages":     "",
	"home-manager.backupFileExtension": "",
	"home-manager.extraSpecialArgs":    "",
	"home-manager.sharedModules":       "",
	"home-manager.users":               "",
}

// system reads the NixOS-level options.
func (x *extractor) system() {
	x.host()
	x.packages(x.at("environment.systemPackages"), model.OwnerSystem)
	x.packages(x.at("fonts.packages"), model.OwnerSystem)
	x.packages(x.at("fonts.fonts"), model.OwnerSystem)
	x.users()
	x.groups()
	x.variables("environment.variables", model.OwnerSystem)
	x.variables("environment.sessionVariables", model.OwnerSystem)
	x.aliases("environment.shellAliases", "", model.OwnerSystem)
	x.etc()
	x.services("services", model.OwnerSystem)
	x.programs("programs", model.OwnerSystem)
	x.units("systemd.services", ".service", model.OwnerSystem)
	x.units("systemd.timers", ".timer", model.OwnerSystem)
	x.units("systemd.user.services", ".service", model.OwnerSystem)
	x.units("systemd.user.timers", ".timer", model.OwnerSystem)
}

// secretNotes reports the option sets of secret managers, naming the
// secrets they define.
func (x *extractor) secretNotes(what string) {
	for _, t := range secretTrees {
		n := x.at(t)
		if n == nil {
			continue
		}
		x.use(n)
		list := ""
		if s := x.child(n, "secrets"); s != nil && !s.leaf {
			list = " (" + strings.Join(names(s), ", ") + ")"
		}
		x.rep.add(model.SeverityManual, n.pos(), fmt.Sprintf("%s managed by %s%s are not copied: set them up by hand on the other side", what, secretManagers[t], list))
	}
}

// secret reports a value that is a secret (why says how it was told, see
// package secret) and is left out of the model.
func (x *extractor) secret(at syntax.Pos, where, why string) {
	x.rep.add(model.SeverityManual, at, fmt.Sprintf("secret %s is not copied (%s): carry it over by hand", where, why))
}

// secretFile reports whether a file of environment.etc or home.file is a
// secret, by its target, its source or its content; such a file is left
// out of the model with a manual finding at the option that defines it.
func (x *extractor) secretFile(n *node, target, source, content string) bool {
	why := secret.File(target, source, content)
	if why == "" {
		return false
	}
	at := n.pos()
	for _, k := range []string{"text", "source"} {
		if c := x.child(n, k); c != nil {
			at = c.pos()
			break
		}
	}
	x.secret(at, fmt.Sprintf("%s (%s)", dotted(n), target), why)
	return true
}

// secretManagers name the tools of secretTrees.
var secretManagers = map[string]string{"sops": "sops-nix", "age": "agenix", "agenix": "agenix"}

// overlayNotes reports nixpkgs.overlays, which the packages were read
// through, and the overlays that could not be applied.
func (x *extractor) overlayNotes() {
	if n := x.at("nixpkgs.overlays"); n != nil {
		x.use(n)
		if l, ok := eval.Force(n.value).(*eval.List); ok {
			x.rep.add(model.SeverityInfo, n.pos(), fmt.Sprintf("nixpkgs.overlays: the packages of %d overlays are read as the overlays define them (local packages, overrides and scripts are findings)", len(l.Elems)))
		}
	}
	u, ok := eval.Force(x.ms.modulePkgs()).(*eval.Package)
	if !ok {
		return
	}
	for _, ov := range u.Unread {
		x.rep.add(model.SeverityWarning, ov.Pos(), fmt.Sprintf("overlay left out: %s; the packages it adds or changes are taken as nixpkgs' packages of the same name", describe(ov)))
	}
}

// notes reports what is understood but has no place in the model:
// secrets, hardware, nixpkgs settings.
func (x *extractor) notes() {
	x.overlayNotes()
	x.secretNotes("secrets")
	for _, t := range hardwareTrees {
		if n := x.at(t); n != nil {
			if l := x.firstUnused(n, 0); l != nil {
				at := n.pos()
				if x.usedUnder(n) {
					// part of the tree was read (hardware.bluetooth): point
					// at the part that was not
					at = x.ms.node(l.path[:len(n.path)+1]).pos()
				}
				x.rep.add(model.SeverityInfo, at, fmt.Sprintf("%s describes this machine's hardware: left to the other side's installer", t))
			}
			x.use(n)
		}
	}
	for p, msg := range noteOptions {
		if n := x.at(p); n != nil {
			if msg != "" {
				// Settings taken as a whole; a secret among them is
				// still a step. (The others are read elsewhere.)
				x.secretLeaves(n, 0, "NixOS")
				x.rep.add(model.SeverityInfo, n.pos(), p+": "+msg)
			}
			x.use(n)
		}
	}
}

func (x *extractor) host() {
	h := &x.sys.Host
	set := func(p string, dst *string) {
		if n := x.at(p); n != nil {
			if s, ok := x.str(n); ok {
				*dst = s
				if h.Origin.IsZero() {
					h.Origin = x.origin(n)
				}
			}
		}
	}
	set("networking.hostName", &h.Hostname)
	set("time.timeZone", &h.Timezone)
	set("i18n.defaultLocale", &h.DefaultLocale)
	set("console.keyMap", &h.Keymap)
	set("boot.kernelPackages", &h.Kernel)
	if n := x.at("i18n.supportedLocales"); n != nil {
		h.Locales = x.strings(n)
	}
	if n := x.at("i18n.extraLocaleSettings"); n != nil && !n.leaf {
		x.use(n)
		for _, k := range names(n) {
			c := x.child(n, k)
			if c == nil {
				continue
			}
			if v, ok := x.str(c); ok {
				h.LocaleSettings = append(h.LocaleSettings, model.LocaleSetting{Category: k, Locale: v})
			} else {
				x.rep.add(model.SeverityWarning, c.pos(), fmt.Sprintf("i18n.extraLocaleSettings.%s: not a string nixarch can read; set it by hand", k))
			}
		}
	}
	if n := x.at("boot.kernelParams"); n != nil {
		h.KernelParams = x.strings(n)
	}
	if n := x.at("boot.kernelModules"); n != nil {
		h.KernelModules = x.strings(n)
	}
	loader := x.at("boot.loader")
	for _, name := range []string{"systemd-boot", "grub", "refind", "limine", "generic-extlinux-compatible"} {
		if on, ok := x.boolean(x.at("boot.loader." + name + ".enable")); ok && on {
			h.Bootloader = name
		}
	}
	if loader != nil {
		x.use(loader)
		x.loaderNotes(loader, 0)
	}
}

func (x *extractor) loaderNotes(n *node, depth int) {
	if depth > maxTreeDepth {
		return
	}
	if n.leaf {
		if !strings.HasSuffix(dotted(n), ".enable") {
			x.rep.add(model.SeverityInfo, n.pos(), fmt.Sprintf("boot loader setting %s = %s: set up the boot loader by hand", dotted(n), eval.Print(n.value)))
		}
		return
	}
	for _, k := range names(n) {
		if c := x.child(n, k); c != nil {
			x.loaderNotes(c, depth+1)
		}
	}
}

func (x *extractor) users() {
	root := x.at("users.users")
	x.use(root)
	for _, name := range names(root) {
		n := x.child(root, name)
		if n == nil || n.leaf {
			continue
		}
		u := model.User{Name: name, Origin: x.origin(n)}
		get := func(k string) *node { return x.child(n, k) }
		if c := get("name"); c != nil {
			if s, ok := x.str(c); ok {
				u.Name = s
			}
		}
		if c := get("uid"); c != nil {
			u.UID, _ = x.integer(c)
		}
		if c := get("description"); c != nil {
			u.Description, _ = x.str(c)
		}
		if c := get("home"); c != nil {
			u.Home, _ = x.str(c)
		}
		if c := get("shell"); c != nil {
			u.Shell, _ = x.str(c)
		}
		if c := get("isSystemUser"); c != nil {
			u.System, _ = x.boolean(c)
		}
		if c := get("isNormalUser"); c != nil {
			x.boolean(c)
		}
		if c := get("group"); c != nil {
			if g, ok := x.str(c); ok {
				u.Groups = append(u.Groups, g)
			}
		}
		if c := get("extraGroups"); c != nil {
			u.Groups = append(u.Groups, x.strings(c)...)
		}
		if u.Shell == "" && !u.System {
			if c := x.at("users.defaultUserShell"); c != nil {
				u.Shell, _ = x.str(c)
			}
		}
		for _, k := range passwordOptions {
			if c := get(k); c != nil {
				x.use(c)
				x.rep.add(model.SeverityManual, c.pos(), fmt.Sprintf("the password of user %s (%s) is not copied: run passwd %s on the other side", u.Name, k, u.Name))
			}
		}
		if c := x.at("users.users." + name + ".openssh.authorizedKeys"); c != nil {
			x.use(c)
			x.rep.add(model.SeverityManual, c.pos(), fmt.Sprintf("SSH authorized keys of user %s: copy ~%s/.ssh/authorized_keys by hand", u.Name, u.Name))
		}
		for _, k := range []string{"createHome", "useDefaultShell"} {
			x.use(get(k))
		}
		x.packages(get("packages"), model.UserOwner(u.Name))
		x.sys.Users = append(x.sys.Users, u)
	}
	x.use(x.at("users.defaultUserShell"))
	if n := x.at("users.mutableUsers"); n != nil {
		x.use(n)
		x.rep.add(model.SeverityInfo, n.pos(), "users.mutableUsers: Arch users are always mutable")
	}
}

func (x *extractor) groups() {
	root := x.at("users.groups")
	x.use(root)
	for _, name := range names(root) {
		n := x.child(root, name)
		if n == nil {
			continue
		}
		g := model.Group{Name: name, Origin: x.origin(n)}
		if c := x.child(n, "gid"); c != nil {
			g.GID, _ = x.integer(c)
		}
		if c := x.child(n, "members"); c != nil {
			g.Members = x.strings(c)
		}
		if c := x.child(n, "name"); c != nil {
			g.Name, _ = x.str(c)
		}
		x.sys.Groups = append(x.sys.Groups, g)
	}
}

func (x *extractor) variables(p string, owner model.Owner) {
	root := x.at(p)
	x.use(root)
	for _, name := range names(root) {
		n := x.child(root, name)
		if n == nil {
			continue
		}
		x.use(n)
		x.condNotes(n, 0)
		var val string
		switch v := eval.Force(n.value).(type) {
		case *eval.List:
			val = strings.Join(x.strings(n), ":")
		case *eval.Null:
			continue
		default:
			pv, ok := x.plain(v, dotted(n), n.pos(), 0)
			if !ok {
				continue
			}
			switch pv := pv.(type) {
			case string:
				val = pv
			case []any, map[string]any:
				x.unknown(n, v)
				continue
			default:
				val = fmt.Sprint(pv)
			}
		}
		if why := secret.Variable(name, val); why != "" {
			x.secret(n.pos(), dotted(n), why)
			continue
		}
		x.sys.Environment = append(x.sys.Environment, model.Variable{Name: name, Value: val, Owner: owner, Origin: x.origin(n)})
	}
}

func (x *extractor) aliases(p, shell string, owner model.Owner) {
	root := x.at(p)
	x.use(root)
	for _, name := range names(root) {
		n := x.child(root, name)
		if n == nil {
			continue
		}
		if s, ok := x.str(n); ok {
			if why := secret.Content(s); why != "" {
				x.secret(n.pos(), dotted(n), why)
				continue
			}
			x.sys.Aliases = append(x.sys.Aliases, model.Alias{Name: name, Command: s, Shell: shell, Owner: owner, Origin: x.origin(n)})
		}
	}
}

func (x *extractor) etc() {
	root := x.at("environment.etc")
	x.use(root)
	for _, name := range names(root) {
		n := x.child(root, name)
		if n == nil || n.leaf {
			continue
		}
		if on, ok := x.boolean(x.child(n, "enable")); ok && !on {
			continue
		}
		f := model.EtcFile{Target: path.Join("/etc", name), Origin: x.origin(n)}
		if c := x.child(n, "target"); c != nil {
			if t, ok := x.str(c); ok {
				f.Target = path.Join("/etc", t)
			}
		}
		if c := x.child(n, "text"); c != nil {
			var ok bool
			if f.Content, ok = x.str(c); !ok {
				continue
			}
		} else if c := x.child(n, "source"); c != nil {
			x.use(c)
			var ok bool
			if f.Content, f.Source, ok = x.readSource(c.value, c.pos(), dotted(c)); !ok {
				continue
			}
		} else {
			x.use(n)
			if !n.kids["text"] && !n.kids["source"] {
				x.rep.add(model.SeverityWarning, n.pos(), dotted(n)+" has neither text nor source: left out")
			}
			continue
		}
		if f.Content == "" && f.Source == "" {
			x.rep.add(model.SeverityWarning, n.pos(), dotted(n)+" is empty: left out")
			continue
		}
		if x.secretFile(n, f.Target, f.Source, f.Content) {
			continue
		}
		if c := x.child(n, "mode"); c != nil {
			if s, ok := x.str(c); ok && s != "symlink" {
				if m, err := model.ParseFileMode(s); err == nil {
					f.Mode = m
				} else {
					x.rep.add(model.SeverityWarning, c.pos(), fmt.Sprintf("%s: %v", dotted(c), err))
				}
			}
		}
		for _, k := range []string{"user", "group", "uid", "gid"} {
			if c := x.child(n, k); c != nil {
				x.use(c)
				x.rep.add(model.SeverityInfo, c.pos(), fmt.Sprintf("%s: set the owner of %s by hand", dotted(c), f.Target))
			}
		}
		x.sys.EtcFiles = append(x.sys.EtcFiles, f)
	}
}

// shells are the programs whose shellAliases are aliases.
var shells = map[string]bool{"bash": true, "zsh": true, "fish": true}

func (x *extractor) services(p string, owner model.Owner) { x.optionSets(p, owner, false) }

func (x *extractor) programs(p string, owner model.Owner) { x.optionSets(p, owner, true) }

func (x *extractor) optionSets(p string, owner model.Owner, program bool) {
	root := x.at(p)
	if root == nil || root.leaf {
		return
	}
	for _, name := range names(root) {
		if n := x.child(root, name); n != nil {
			x.optionSet(n, owner, program, 0)
		}
	}
}

// optionSet reads services.NAME or programs.NAME. A set without enable
// whose children have one is a group (services.desktopManager.plasma6):
// each child is read on its own.
func (x *extractor) optionSet(n *node, owner model.Owner, program bool, depth int) {
	if n.leaf {
		return // left for the leftovers
	}
	if x.child(n, "enable") == nil && depth < 3 {
		if x.enableBelow(n, 3-depth) {
			for _, k := range names(n) {
				if c := x.child(n, k); c != nil {
					x.optionSet(c, owner, program, depth+1)
				}
			}
			return
		}
	}
	x.use(n)
	name := n.path[len(n.path)-1]
	skip := []string{"enable"}
	if program && shells[name] {
		x.aliases(dotted(n)+".shellAliases", name, owner)
		skip = append(skip, "shellAliases")
	}
	enabled := x.enabled(n)
	x.packageOption(n, owner)
	settings := x.settings(n, skip...)
	if program {
		x.sys.Programs = append(x.sys.Programs, model.Program{Name: dotted(n), Enabled: enabled, Settings: settings, Owner: owner, Origin: x.origin(n)})
		return
	}
	x.sys.Services = append(x.sys.Services, model.Service{Name: dotted(n), Enabled: enabled, Settings: settings, Owner: owner, Origin: x.origin(n)})
}

// alwaysOn are NixOS services without an enable option: they run when
// they are configured.
var alwaysOn = map[string]bool{
	"services.journald": true, "services.logind": true, "services.udev": true,
	"services.borgbackup": true, "services.restic": true, "services.btrbk": true,
	"services.getty": true,
}

// enableBelow reports whether a set under n, at most levels down, has
// an enable option (services.prometheus.exporters.node.enable).
func (x *extractor) enableBelow(n *node, levels int) bool {
	if levels <= 0 {
		return false
	}
	for _, k := range names(n) {
		if c := x.child(n, k); c != nil && !c.leaf && (x.child(c, "enable") != nil || x.enableBelow(c, levels-1)) {
			return true
		}
	}
	return false
}

// enabled reads NAME.enable; a condition that could not be decided is a
// finding, and so is an enable that cannot be known (imported as
// enabled, as an undecided mkIf is).
func (x *extractor) enabled(n *node) bool {
	c := x.child(n, "enable")
	if c == nil {
		if x.user == "" && alwaysOn[key(n)] {
			return true
		}
		b, ok := eval.Force(x.ms.node(append(slices.Clip(n.path), "enable")).value).(*eval.Bool)
		return ok && b.V
	}
	x.use(c)
	var on bool
	switch v := eval.Force(c.value).(type) {
	case *eval.Bool:
		on = v.V
	case *eval.Unknown:
		on = true
		x.rep.add(model.SeverityWarning, c.pos(), fmt.Sprintf("%s.enable could not be decided (%s): it is imported as enabled", dotted(n), x.why(v)))
	default:
		x.unknown(c, c.value)
	}
	for _, d := range c.defs {
		if len(d.conds) > 0 {
			x.rep.add(model.SeverityWarning, d.pos, fmt.Sprintf("%s is enabled only when %s, which nixarch could not decide: it is imported as enabled", dotted(n), condition(d.conds)))
			break
		}
	}
	return on
}

// packageOption adds NAME.package, when set, as a package.
func (x *extractor) packageOption(n *node, owner model.Owner) {
	if c := x.child(n, "package"); c != nil && c.leaf {
		for _, d := range c.defs {
			x.pkgValue(d.v, condition(d.conds), owner, c, 0)
		}
	}
}

// units reads systemd.services, systemd.timers and their user
// counterparts; suffix is the unit's.
func (x *extractor) units(p, suffix string, owner model.Owner) {
	root := x.at(p)
	if root == nil || root.leaf {
		return
	}
	x.use(root)
	for _, name := range names(root) {
		n := x.child(root, name)
		if n == nil || n.leaf {
			continue
		}
		enabled := true
		if c := x.child(n, "enable"); c != nil {
			enabled, _ = x.boolean(c)
		}
		x.sys.Services = append(x.sys.Services, model.Service{Name: dotted(n), Unit: name + suffix, Enabled: enabled,
			Settings: x.settings(n, "enable"), Owner: owner, Origin: x.origin(n)})
	}
}
