package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/cmd/nixarch/commands"
	"github.com/nixarch/nixarch/importer/nixos"
	"github.com/nixarch/nixarch/internal/oracle"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/mappings/options"
	"github.com/nixarch/nixarch/model"
)

// TestRoundTrip takes every NixOS fixture (the configurations and flakes
// under importer/nixos/testdata, and examples/nixos) round the whole
// circle, each step through the nixarch command in process:
//
//  1. nixarch import nixos FIXTURE: the first model;
//  2. nixarch migrate FIXTURE --to arch: the Arch folder;
//  3. an Arch root made by the real pacman: a fake package for every name
//     of pkglist.txt in a sync database made by repo-add (core, extra or
//     multilib as the mapping table says; a package group becomes a group
//     of member packages), and the names of aur.txt installed with
//     pacman -U as foreign packages; then the folder's setup.sh --apply,
//     with NIXARCH_ROOT set and stubs for the commands that change the
//     system (see roundTripStubs), the real pacman and the real GNU stow;
//  4. nixarch import arch --root ROOT;
//  5. nixarch export nixos of that model;
//  6. nixarch import nixos of that output: the last model, which must
//     have no error findings.
//
// The first and the last model must agree on the Arch packages their
// packages and kernel map to, the enabled services and programs (option
// names, with the settings' nested X.enable = true), the users (name,
// groups, login shell) and the host settings (hostname, time zone,
// default locale, keymap). Every difference is an error that names the
// fixture and the item, unless roundTripLosses lists it with its reason.
func TestRoundTrip(t *testing.T) {
	tools := roundTripTools{
		pacman:  oracle.Require(t, "pacman", "pacman-package-manager"),
		repoAdd: oracle.Require(t, "repo-add", "pacman-package-manager"),
		bsdtar:  oracle.Require(t, "bsdtar", "libarchive-tools"),
		bash:    oracle.Require(t, "bash", "bash"),
	}
	oracle.Require(t, "stow", "stow")
	table, err := mappings.Default()
	if err != nil {
		t.Fatal(err)
	}
	// The user's mapping overrides must not change what the test sees.
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("NO_COLOR", "1")

	opts, err := options.Default()
	if err != nil {
		t.Fatal(err)
	}
	rt := &roundTrip{tools: tools, table: table, options: opts, built: map[string]string{}, inDB: map[string]string{}, pkgDir: t.TempDir()}
	for _, r := range table.Rows() {
		if r.Group {
			rt.groups = append(rt.groups, r.Arch...)
		}
	}
	// Work folders do not take the subtest's name: a # in a path would
	// read as SRC#HOST.
	// NIXARCH_ROUNDTRIP_KEEP=DIR keeps them in DIR, to look at.
	workRoot := t.TempDir()
	if keep := os.Getenv("NIXARCH_ROUNDTRIP_KEEP"); keep != "" {
		workRoot = keep
	}
	used := map[roundTripLoss]bool{}
	cases := roundTripCases(t)
	compared := 0 // fixtures that came round and were compared
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.skip != "" {
				t.Skip(c.skip)
			}
			if c.err != nil {
				t.Fatalf("%s: %v", c.name, c.err)
			}
			work, err := os.MkdirTemp(workRoot, strings.NewReplacer("/", "-", "#", "-").Replace(c.name)+".")
			if err != nil {
				t.Fatal(err)
			}
			diffs := rt.run(t, c, work)
			compared++
			for _, d := range diffs {
				if d.because != "" {
					t.Logf("%s: %s (%s)", c.name, d, d.because)
					continue
				}
				if loss, ok := allowed(c.name, d); ok {
					used[loss] = true
					t.Logf("%s: %s (allowed: %s)", c.name, d, loss.reason)
					continue
				}
				t.Errorf("%s: %s", c.name, d)
			}
		})
	}
	// A loss that no fixture has any more comes off the list, so that it
	// cannot hide a regression later. That is known only when every
	// fixture came round: not under -run, not when one failed on the way.
	runnable := 0
	for _, c := range cases {
		if c.skip == "" {
			runnable++
		}
	}
	if compared == runnable {
		for _, l := range roundTripLosses {
			if !used[l] {
				t.Errorf("roundTripLosses: %s %q of fixture %q no longer happens: take it off the list", l.kind, l.item, l.fixture)
			}
		}
	}
}

// roundTripLoss is a difference the round trip cannot avoid, and that
// the Arch or the NixOS REPORT.md says: something one side has no place
// for. fixture "" means every fixture. In item, <name> stands for one
// name (a unit's), and (USER) for the user of a home-manager item.
type roundTripLoss struct {
	fixture, kind, item, reason string
}

// roundTripLosses are the known, honest losses, each with its reason.
// An entry that no fixture needs any more is an error: take it off.
var roundTripLosses = []roundTripLoss{
	// Packages.
	{"", "package", "stow", "the Arch export installs GNU stow to link its dotfiles repository; Arch cannot say why a package was installed"},
	{"", "package", "coreutils", "Arch's coreutils maps to a package NixOS installs by default: nothing to install (\"provided by default\")"},
	{"", "package", "strace", "NixOS installs strace by default (environment.defaultPackages): the Arch package maps to nothing to install"},
	{"", "package", "bash", "home-manager's programs.bash stands for bash, which Arch's base system and NixOS have by default: nothing to install"},
	{"", "package", "sudo", "security.sudo is on by default on NixOS; on Arch it is the sudo package, which maps to NixOS's default: nothing to install"},
	{"", "option", "security.sudo", "as package sudo: NixOS enables sudo by default, so the Arch package maps to no setting"},

	// Users.
	{"", "user", "root", "root is not a regular user: NixOS and Arch both have it, and the Arch importer reads regular users (UID 1000-59999) only"},

	// What the two sides say differently.
	{"", "option", "networking.firewall", "Arch has no firewall of its own: setup.sh enables nftables.service, which reads back as networking.nftables.enable (NixOS's firewall stays on by default); open ports are a manual step in the Arch REPORT.md"},
	{"", "option", "networking.nftables", "the other half of networking.firewall: nftables.service is what Arch has for it"},
	{"dev-workstation", "option", "services.postgresql", "the fixture installs PostgreSQL 16's programs (lib.getBin postgresql_16) without the server; Arch's postgresql package is client and server in one, and reads back as services.postgresql"},
	{"", "option", "services.pipewire.wireplumber", "Arch enables WirePlumber with PipeWire, which reads back as services.pipewire.wireplumber.enable, NixOS's default with PipeWire"},

	// NixOS options with no Arch translation: the Arch REPORT.md says so
	// ("no Arch translation", "to carry over by hand").
	{"", "option", "boot.swraid", "no Arch translation in the option table (Arch REPORT.md warning)"},
	{"", "option", "documentation", "no Arch translation in the option table (Arch REPORT.md warning)"},
	{"", "option", "documentation.dev", "a setting of documentation with no Arch translation (Arch REPORT.md warning)"},
	{"", "option", "programs.nix-ld", "NixOS only: no Arch translation (Arch REPORT.md warning)"},
	{"", "option", "services.adguardhome", "no Arch translation in the option table (Arch REPORT.md warning)"},
	{"", "option", "services.borgbackup", "no Arch translation in the option table (Arch REPORT.md warning)"},
	{"", "option", "services.home-assistant", "no Arch translation in the option table (Arch REPORT.md warning)"},
	{"", "option", "services.journald", "no Arch translation for the option itself; its extraConfig becomes /etc/systemd/journald.conf.d/50-nixarch.conf, which the Arch importer does not read"},
	{"", "option", "services.nextcloud", "no Arch translation in the option table (Arch REPORT.md)"},
	{"", "option", "services.restic", "no Arch translation in the option table (Arch REPORT.md)"},
	{"", "option", "system.autoUpgrade", "Arch upgrades are not meant to run unattended: a manual step in the Arch REPORT.md"},
	{"", "option", "virtualisation.docker.autoPrune", "a setting of virtualisation.docker with no Arch translation (Arch REPORT.md warning)"},
	{"", "option", "programs.zsh.autosuggestions", "a setting of programs.zsh with no Arch translation (Arch REPORT.md warning)"},
	{"", "option", "programs.zsh.syntaxHighlighting", "a setting of programs.zsh with no Arch translation (Arch REPORT.md warning)"},
	{"", "option", "programs.zsh.ohMyZsh", "a setting of programs.zsh with no Arch translation (Arch REPORT.md warning)"},
	{"", "option", "programs.git.lfs", "a setting of programs.git with no Arch translation (Arch REPORT.md warning); git-lfs comes back as a package"},
	{"", "option", "xdg.portal.wlr", "a setting of xdg.portal with no Arch translation (Arch REPORT.md warning)"},
	{"", "option", "services.displayManager.sddm.wayland", "a setting of sddm with no Arch translation (Arch REPORT.md warning)"},
	{"", "option", "boot.plymouth", "on Arch a package, a kernel parameter and an initramfs hook: setup.sh edits neither the boot loader nor mkinitcpio.conf (manual steps in the Arch REPORT.md); plymouth comes back as a package"},
	{"", "option", "hardware.nvidia.modesetting", "on Arch it is kernel parameters, and setup.sh never edits the bootloader's configuration (a manual step in the Arch REPORT.md)"},

	// Units of the user's own: setup.sh writes and enables them, but the
	// Arch importer reads which units are enabled, not their files, and
	// the NixOS REPORT.md asks to enable a unit no option stands for by
	// hand.
	{"", "option", "systemd.services.<name>", "a unit of the configuration's own: its file is written on Arch, but not read back (NixOS REPORT.md: enable it by hand)"},
	{"", "option", "systemd.timers.<name>", "a timer of the configuration's own: as systemd.services"},
	{"", "option", "systemd.user.services.<name>", "a user unit of the configuration's own: the Arch export writes it, enabling it is a manual step"},
	{"", "option", "systemd.user.services.<name> (USER)", "a user unit of home-manager's: the dotfiles repository holds it, enabling it is a manual step, and the Arch importer does not read unit files"},

	// home-manager programs. On Arch each becomes its package and the
	// files it writes, in the dotfiles repository; the Arch importer
	// translates back only the files whose translation is exact (git,
	// starship, alacritty, kitty, ssh, aliases) and links the others with
	// home.file, which programs.X.enable would write anew.
	{"", "option", "programs.zsh (USER)", "~/.zshrc comes back as a file home.file links"},
	{"", "option", "programs.zsh.autosuggestion (USER)", "a setting inside ~/.zshrc, which comes back as a file"},
	{"", "option", "programs.zsh.syntaxHighlighting (USER)", "a setting inside ~/.zshrc, which comes back as a file"},
	{"", "option", "programs.bash (USER)", "~/.bashrc comes back as a file home.file links"},
	{"", "option", "programs.fish (USER)", "~/.config/fish/config.fish comes back as a file home.file links"},
	{"", "option", "programs.tmux (USER)", "~/.config/tmux/tmux.conf comes back as a file home.file links"},
	{"", "option", "programs.neovim (USER)", "~/.config/nvim/init.lua comes back as a file home.file links"},
	{"", "option", "programs.direnv (USER)", "the package and a hook in the shell's rc file, which comes back as a file"},
	{"", "option", "programs.fzf (USER)", "the package and a hook in the shell's rc file, which comes back as a file"},
	{"", "option", "programs.zoxide (USER)", "the package and a hook in the shell's rc file, which comes back as a file"},
	{"", "option", "programs.eza (USER)", "the package and aliases in the shell's rc file, which comes back as a file"},
	{"", "option", "programs.helix (USER)", "the package alone: the option has no Arch translation (Arch REPORT.md)"},
	{"", "option", "programs.bat (USER)", "the package alone: programs.bat.enable has no Arch translation (Arch REPORT.md warning)"},
	{"", "option", "programs.git.lfs (USER)", "the lfs filter comes back inside programs.git's settings, git-lfs as a package"},
	{"", "option", "programs.home-manager (USER)", "home-manager managing itself has no meaning on Arch (Arch REPORT.md warning)"},
	{"", "option", "services.syncthing (USER)", "no dotfiles renderer for this user service: the Arch export installs syncthing only (Arch REPORT.md warning)"},
	{"", "option", "services.kdeconnect (USER)", "no dotfiles renderer and no Arch package for it (Arch REPORT.md warnings)"},
	{"", "option", "xdg (USER)", "no dotfiles renderer for this module (Arch REPORT.md warning)"},
	{"", "option", "xdg.userDirs (USER)", "a setting of xdg, which has no dotfiles renderer (Arch REPORT.md warning)"},
	{"", "option", "catppuccin (USER)", "a module of a flake input nixarch leaves out (Arch REPORT.md warning)"},
}

// allowed returns the loss that d is, if any.
func allowed(fixture string, d roundTripDiff) (roundTripLoss, bool) {
	for _, l := range roundTripLosses {
		if (l.fixture == "" || l.fixture == fixture) && l.kind == d.kind && lossItem(l.item).MatchString(d.item) {
			return l, true
		}
	}
	return roundTripLoss{}, false
}

// lossItem turns an item of roundTripLosses into a regular expression.
func lossItem(item string) *regexp.Regexp {
	re := regexp.QuoteMeta(item)
	re = strings.ReplaceAll(re, "<name>", `[^ .]+`)
	re = strings.ReplaceAll(re, `\(USER\)`, `\([^ )]+\)`)
	return regexp.MustCompile("^" + re + "$")
}

// roundTripDiff is one item that the first and the last model do not
// agree on. because, when set, says why the difference is what the
// option table means it to be.
type roundTripDiff struct {
	kind, item, what string
	because          string
}

func (d roundTripDiff) String() string { return d.kind + " " + d.item + ": " + d.what }

type roundTripCase struct {
	name, src, host string
	skip            string // why the fixture is not a NixOS system
	err             error
}

// roundTripCases lists every NixOS configuration under
// importer/nixos/testdata, each host of a flake, and examples/nixos.
func roundTripCases(t *testing.T) []roundTripCase {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("..", "importer", "nixos", "testdata", "*"))
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, filepath.Join("..", "examples", "nixos"))
	var cases []roundTripCase
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		name := filepath.Base(dir)
		if filepath.Base(filepath.Dir(dir)) == "examples" {
			name = "examples/" + name
		}
		if !slices.ContainsFunc([]string{"flake.nix", "configuration.nix", "default.nix"}, func(f string) bool {
			_, err := os.Stat(filepath.Join(dir, f))
			return err == nil
		}) {
			cases = append(cases, roundTripCase{name: name, skip: "neither flake.nix nor configuration.nix: a standalone home-manager configuration, not a NixOS system"})
			continue
		}
		// What nixarch import nixos DIR --list-hosts prints, with the kind.
		hosts, err := nixos.ListHosts(dir)
		if err != nil {
			cases = append(cases, roundTripCase{name: name, err: fmt.Errorf("nixarch import nixos %s --list-hosts: %w", dir, err)})
			continue
		}
		if len(hosts) == 0 {
			cases = append(cases, roundTripCase{name: name, src: dir})
			continue
		}
		for _, h := range hosts {
			c := roundTripCase{name: name + "#" + h.Name, src: dir, host: h.Name}
			if h.Kind != nixos.HostNixOS {
				c.skip = fmt.Sprintf("%s is a standalone %s configuration, not a NixOS system", h.Name, h.Kind)
			}
			cases = append(cases, c)
		}
	}
	return cases
}

type roundTripTools struct {
	pacman, repoAdd, bsdtar, bash string
}

type roundTrip struct {
	tools   roundTripTools
	table   *mappings.Table
	options *options.Table
	groups  []string          // the Arch package groups the mapping table knows
	pkgDir  string            // built packages and the sync databases, shared by the fixtures
	built   map[string]string // package file by name
	inDB    map[string]string // repository by package name
}

// nixarch runs the nixarch command in process and fails t when it exits
// with an error.
func nixarch(t *testing.T, name string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := commands.Main(append([]string{"nixarch"}, args...), nil, &stdout, &stderr); code != 0 {
		t.Fatalf("%s: nixarch %s exited %d:\n%s%s", name, strings.Join(args, " "), code, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// run goes round the circle for one fixture and returns the differences.
func (rt *roundTrip) run(t *testing.T, c roundTripCase, work string) []roundTripDiff {
	hostArgs := func(args ...string) []string {
		if c.host != "" {
			args = append(args, "--host", c.host)
		}
		return args
	}
	firstFile := filepath.Join(work, "first.yaml")
	nixarch(t, c.name, hostArgs("import", "nixos", c.src, "-o", firstFile)...)
	first, err := model.ReadFile(firstFile)
	if err != nil {
		t.Fatal(err)
	}
	archOut := filepath.Join(work, "arch")
	migrate := hostArgs("migrate", c.src, "--to", "arch", "-o", archOut)
	if users := first.HomeOwners(); len(users) > 1 {
		// The Arch export has one dotfiles repository: the first user's.
		migrate = append(migrate, "--user", users[0])
	}
	nixarch(t, c.name, migrate...)

	root := rt.buildRoot(t, c.name, work, archOut)
	rt.setup(t, c.name, work, archOut, root)

	archModel := filepath.Join(work, "arch.yaml")
	nixarch(t, c.name, "import", "arch", "--root", root, "-o", archModel)
	nixosOut := filepath.Join(work, "nixos")
	nixarch(t, c.name, "export", "nixos", archModel, "-o", nixosOut)
	lastFile := filepath.Join(work, "last.yaml")
	nixarch(t, c.name, "import", "nixos", nixosOut, "-o", lastFile)

	last, err := model.ReadFile(lastFile)
	if err != nil {
		t.Fatal(err)
	}
	// What nixarch writes for NixOS imports cleanly: no error findings.
	for _, f := range last.Findings {
		if f.Severity == model.SeverityError {
			t.Errorf("%s: the NixOS output does not import cleanly: %s: %s", c.name, f.Origin, f.Message)
		}
	}
	return rt.compare(first, last)
}

// readNames reads a package list: one name a line, # comments.
func readNames(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range strings.Split(string(data), "\n") {
		if l, _, _ = strings.Cut(l, "#"); strings.TrimSpace(l) != "" {
			names = append(names, strings.TrimSpace(l))
		}
	}
	return names
}

// shellBinaries are the login shells of Arch packages: a fake package of
// one ships its program, which chsh checks for.
var shellBinaries = map[string]string{
	"zsh": "zsh", "fish": "fish", "nushell": "nu", "tcsh": "tcsh", "dash": "dash", "elvish": "elvish", "xonsh": "xonsh", "mksh": "mksh",
}

// A fake package's version: every package has the same.
const rtVersion = "1.0-1"

// pkg builds the package name (in groups) once and returns its file.
func (rt *roundTrip) pkg(t *testing.T, name string, groups ...string) string {
	t.Helper()
	if f, ok := rt.built[name]; ok {
		return f
	}
	build := filepath.Join(rt.pkgDir, "build", name)
	info := fmt.Sprintf("pkgname = %s\npkgbase = %s\npkgver = %s\npkgdesc = %s, for the round trip test\nurl = https://example.org\nbuilddate = 1700000000\npackager = nixarch tests\nsize = 12\narch = any\nlicense = MIT\n",
		name, name, rtVersion, name)
	for _, g := range groups {
		info += "group = " + g + "\n"
	}
	rtWrite(t, filepath.Join(build, ".PKGINFO"), info)
	rtWrite(t, filepath.Join(build, "usr/share/doc", name, "README"), name+" is a test package\n")
	if bin, ok := shellBinaries[name]; ok {
		rtWriteMode(t, filepath.Join(build, "usr/bin", bin), "#!/bin/sh\n", 0o755)
	}
	file := filepath.Join(rt.pkgDir, name+"-"+rtVersion+"-any.pkg.tar.gz")
	rtRun(t, build, nil, rt.tools.bsdtar, "-czf", file, ".PKGINFO", "usr")
	rt.built[name] = file
	return file
}

// pacmanArgs are the options that point the real pacman at the test's
// root, and keep its cache, log, keyring and hooks there.
func pacmanArgs(root, conf, cache string) []string {
	return []string{
		"--root", root, "--dbpath", filepath.Join(root, "var/lib/pacman"), "--config", conf,
		"--cachedir", cache, "--logfile", filepath.Join(root, "var/log/pacman.log"),
		"--gpgdir", filepath.Join(root, "etc/pacman.d/gnupg"), "--hookdir", filepath.Join(root, "etc/pacman.d/hooks"),
		"--noconfirm", "--color", "never", "--noscriptlet",
	}
}

// buildRoot makes the Arch root that setup.sh runs against: the sync
// databases that hold pkglist.txt's names, the foreign packages of
// aur.txt installed, and the files of a fresh Arch install that setup.sh
// and the importer read. It returns the root.
//
// The sync databases are shared by the fixtures and grow with each, as
// repo-add takes a while for every package: a database that also holds
// other fixtures' packages changes nothing here, as only the names of
// pkglist.txt are installed.
func (rt *roundTrip) buildRoot(t *testing.T, name, work, archOut string) string {
	t.Helper()
	root := filepath.Join(work, "root")
	add := map[string][]string{}
	need := func(repo, pkg string, groups ...string) {
		file := rt.pkg(t, pkg, groups...)
		if rt.inDB[pkg] == "" {
			rt.inDB[pkg] = repo
			add[repo] = append(add[repo], file)
		} else if rt.inDB[pkg] != repo {
			t.Fatalf("%s: %s is in %s and %s", name, pkg, rt.inDB[pkg], repo)
		}
	}
	for _, n := range readNames(t, filepath.Join(archOut, "pkglist.txt")) {
		if slices.Contains(rt.groups, n) {
			// pacman -S GROUP installs its members; the importer sees
			// those, and the group in the sync database.
			for _, m := range []string{n + "-rt-member1", n + "-rt-member2"} {
				need("extra", m, n)
			}
			continue
		}
		repo, ok := rt.table.IsOfficialArch(n)
		if !ok {
			t.Errorf("%s: pkglist.txt names %s, which the mapping table does not know as an official Arch package", name, n)
			repo = "extra"
		}
		need(repo, n)
	}
	repos := []string{"core", "extra", "multilib"}
	for _, repo := range repos {
		db := filepath.Join(rt.pkgDir, repo+".db.tar.gz")
		switch _, err := os.Stat(db); {
		case len(add[repo]) > 0:
			rtRun(t, rt.pkgDir, nil, rt.tools.repoAdd, append([]string{"--quiet", db}, add[repo]...)...)
		case os.IsNotExist(err):
			// repo-add makes no database without a package: an empty
			// tar archive is an empty database.
			rtRun(t, rt.pkgDir, nil, rt.tools.bsdtar, "-czf", db, "--files-from", "/dev/null")
		}
		data, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		rtWrite(t, filepath.Join(root, "var/lib/pacman/sync", repo+".db"), string(data))
	}
	if err := os.MkdirAll(filepath.Join(root, "var/lib/pacman/local"), 0o755); err != nil {
		t.Fatal(err)
	}
	// The root's own pacman.conf, as Arch ships it with multilib on; the
	// test's adds what pacman needs to work on a folder.
	var conf, testConf strings.Builder
	conf.WriteString("[options]\nHoldPkg = pacman glibc\nArchitecture = auto\nSigLevel = Required DatabaseOptional\nLocalFileSigLevel = Optional\n")
	testConf.WriteString("[options]\nArchitecture = auto\nSigLevel = Never\nLocalFileSigLevel = Never\n")
	for _, repo := range repos {
		fmt.Fprintf(&conf, "\n[%s]\nInclude = /etc/pacman.d/mirrorlist\n", repo)
		fmt.Fprintf(&testConf, "\n[%s]\nServer = file://%s\n", repo, rt.pkgDir)
	}
	rtWrite(t, filepath.Join(root, "etc/pacman.conf"), conf.String())
	rtWrite(t, filepath.Join(work, "pacman.conf"), testConf.String())
	rtWrite(t, filepath.Join(root, "etc/pacman.d/mirrorlist"), "Server = https://geo.mirror.pkgbuild.com/$repo/os/$arch\n")
	// The accounts of a fresh install (the filesystem package's, trimmed).
	rtWrite(t, filepath.Join(root, "etc/passwd"), "root:x:0:0::/root:/usr/bin/bash\nbin:x:1:1::/:/usr/bin/nologin\ndaemon:x:2:2::/:/usr/bin/nologin\nmail:x:8:12::/var/spool/mail:/usr/bin/nologin\nftp:x:14:11::/srv/ftp:/usr/bin/nologin\nhttp:x:33:33::/srv/http:/usr/bin/nologin\nnobody:x:65534:65534:Kernel Overflow User:/:/usr/bin/nologin\ndbus:x:81:81:System Message Bus:/:/usr/bin/nologin\n")
	rtWrite(t, filepath.Join(root, "etc/group"), "root:x:0:root\nsys:x:3:bin\nmem:x:8:\nftp:x:11:\nmail:x:12:\nlog:x:19:\nsmmsp:x:25:\nproc:x:26:\ngames:x:50:\nlock:x:54:\nnetwork:x:90:\nfloppy:x:94:\nscanner:x:96:\npower:x:98:\nnobody:x:65534:\nadm:x:999:daemon\nwheel:x:998:\nutmp:x:997:\naudio:x:996:\ndisk:x:995:\ninput:x:994:\nkmem:x:993:\nkvm:x:992:\nlp:x:991:\noptical:x:990:\nrender:x:989:\nsgx:x:988:\nstorage:x:987:\ntty:x:5:\nuucp:x:986:\nvideo:x:985:\nusers:x:984:\nhttp:x:33:\ndbus:x:81:\n")
	rtWrite(t, filepath.Join(root, "etc/shells"), "/bin/sh\n/bin/bash\n/usr/bin/sh\n/usr/bin/bash\n")
	rtWrite(t, filepath.Join(root, "etc/locale.gen"), "# Configuration file for locale-gen\n#\n#de_DE.UTF-8 UTF-8  \n#en_GB.UTF-8 UTF-8  \n#en_US.UTF-8 UTF-8  \n#en_US ISO-8859-1  \n")

	// AUR packages: built and installed by hand, as an AUR helper does;
	// no sync database has them.
	if aur := readNames(t, filepath.Join(archOut, "aur.txt")); len(aur) > 0 {
		var files []string
		for _, n := range aur {
			if repo := rt.inDB[n]; repo != "" {
				// It would read as a package of the shared database.
				t.Fatalf("%s: aur.txt names %s, which another fixture's pkglist.txt has in %s", name, n, repo)
			}
			files = append(files, rt.pkg(t, n))
		}
		args := append(pacmanArgs(root, filepath.Join(work, "pacman.conf"), rt.pkgDir), "-U")
		rtRun(t, "", nil, rt.tools.pacman, append(args, files...)...)
	}
	return root
}

// roundTripStubs are the commands setup.sh --apply runs that would change
// the machine running the test. Each does to the test's root ($RT_ROOT)
// what the real command does to /, and logs its call to $RT_LOG.
var roundTripStubs = map[string]string{
	// The real pacman, on the root; stdin is passed through for -S -.
	"pacman": `exec "$RT_PACMAN" --root "$RT_ROOT" --dbpath "$RT_ROOT/var/lib/pacman" --config "$RT_PACMAN_CONF" \
	--cachedir "$RT_CACHE" --logfile "$RT_ROOT/var/log/pacman.log" --gpgdir "$RT_ROOT/etc/pacman.d/gnupg" \
	--hookdir "$RT_ROOT/etc/pacman.d/hooks" --noconfirm --color never --noscriptlet "$@"
`,
	// id -u is root's; id -u NAME looks NAME up in the root.
	"id": `if [ "$#" -eq 0 ] || [ "$*" = -u ]; then
	echo 0
	exit 0
fi
uid=$(awk -F: -v n="${!#}" '$1 == n { print $3 }' "$RT_ROOT/etc/passwd")
if [ -z "$uid" ]; then
	echo "id: '${!#}': no such user" >&2
	exit 1
fi
echo "$uid"
`,
	// useradd [-m] [-u UID] [-c COMMENT] [-d HOME] [-s SHELL] NAME, as
	// Arch's: a private group, /bin/bash, the home made with -m.
	"useradd": `uid= comment= home= shell=/bin/bash make=0
while [ "$#" -gt 1 ]; do
	case $1 in
	-m) make=1; shift ;;
	-u) uid=$2; shift 2 ;;
	-c) comment=$2; shift 2 ;;
	-d) home=$2; shift 2 ;;
	-s) shell=$2; shift 2 ;;
	*) echo "useradd stub: unknown option $1" >&2; exit 2 ;;
	esac
done
name=$1 passwd=$RT_ROOT/etc/passwd group=$RT_ROOT/etc/group
case $name$comment in *:* | *$'\n'*) echo "useradd: invalid field" >&2; exit 3 ;; esac
if awk -F: -v n="$name" '$1 == n { f = 1 } END { exit !f }' "$passwd"; then
	echo "useradd: user '$name' already exists" >&2
	exit 9
fi
taken() { awk -F: -v id="$2" '$3 == id { f = 1 } END { exit !f }' "$1"; }
if [ -z "$uid" ]; then
	uid=1000
	while taken "$passwd" "$uid"; do uid=$((uid + 1)); done
fi
gid=$uid
while taken "$group" "$gid"; do gid=$((gid + 1)); done
home=${home:-/home/$name}
printf '%s:x:%s:%s:%s:%s:%s\n' "$name" "$uid" "$gid" "$comment" "$home" "$shell" >>"$passwd"
printf '%s:x:%s:\n' "$name" "$gid" >>"$group"
if [ "$make" -eq 1 ]; then mkdir -p -- "$RT_ROOT$home"; fi
`,
	// groupadd -f [-g GID] NAME: -f succeeds when the group exists.
	"groupadd": `gid= force=0
while [ "$#" -gt 1 ]; do
	case $1 in
	-f) force=1; shift ;;
	-g) gid=$2; shift 2 ;;
	*) echo "groupadd stub: unknown option $1" >&2; exit 2 ;;
	esac
done
name=$1 group=$RT_ROOT/etc/group
if awk -F: -v n="$name" '$1 == n { f = 1 } END { exit !f }' "$group"; then
	[ "$force" -eq 1 ] && exit 0
	echo "groupadd: group '$name' already exists" >&2
	exit 9
fi
taken() { awk -F: -v id="$1" '$3 == id { f = 1 } END { exit !f }' "$group"; }
if [ -z "$gid" ] || taken "$gid"; then
	gid=1000
	while taken "$gid"; do gid=$((gid + 1)); done
fi
printf '%s:x:%s:\n' "$name" "$gid" >>"$group"
`,
	// usermod -aG GROUP,... NAME: every group must exist.
	"usermod": `[ "$1" = -aG ] && [ "$#" -eq 3 ] || { echo "usermod stub: want -aG GROUPS NAME, got $*" >&2; exit 2; }
group=$RT_ROOT/etc/group
IFS=, read -ra groups <<<"$2"
for g in "${groups[@]}"; do
	if ! awk -F: -v n="$g" '$1 == n { f = 1 } END { exit !f }' "$group"; then
		echo "usermod: group '$g' does not exist" >&2
		exit 6
	fi
	awk -F: -v OFS=: -v g="$g" -v u="$3" '$1 == g {
		n = split($4, m, ","); for (i = 1; i <= n; i++) if (m[i] == u) { print; next }
		$4 = ($4 == "" ? u : $4 "," u)
	} { print }' "$group" >"$group.new"
	mv -f "$group.new" "$group"
done
`,
	// chsh -s SHELL NAME. The real one refuses a shell that /etc/shells
	// does not list, where a shell's package adds it (its install
	// scriptlet, which the test does not run): here, a shell is one of
	// /etc/shells or a program in the root.
	"chsh": `[ "$1" = -s ] && [ "$#" -eq 3 ] || { echo "chsh stub: want -s SHELL NAME, got $*" >&2; exit 2; }
if ! grep -qxF -- "$2" "$RT_ROOT/etc/shells" && ! [ -x "$RT_ROOT$2" ]; then
	echo "chsh: $2 is an invalid shell" >&2
	exit 1
fi
passwd=$RT_ROOT/etc/passwd
awk -F: -v n="$3" '$1 == n { f = 1 } END { exit !f }' "$passwd" || { echo "chsh: user '$3' does not exist" >&2; exit 1; }
awk -F: -v OFS=: -v n="$3" -v s="$2" '$1 == n { $7 = s } { print }' "$passwd" >"$passwd.new"
mv -f "$passwd.new" "$passwd"
`,
	// systemctl [--global] enable UNIT...: links each unit into the
	// .wants folder of the targets its [Install] section names (or the
	// usual target for its type; a display manager, which packages give
	// only an alias, as display-manager.service), as systemctl does.
	"systemctl": `scope=system
if [ "${1:-}" = --global ]; then scope=user; shift; fi
verb=${1:-}
shift || true
case $verb in
enable) ;;
daemon-reload | start | restart | reload | is-enabled | is-active) exit 0 ;;
*) echo "systemctl stub: unsupported: $verb $*" >&2; exit 2 ;;
esac
for unit in "$@"; do
	file=
	template=$unit
	case $unit in *@?*.*) template=${unit%%@*}@.${unit##*.} ;; esac
	for dir in /etc/systemd/$scope /usr/lib/systemd/$scope; do
		for u in "$unit" "$template"; do
			if [ -z "$file" ] && [ -f "$RT_ROOT$dir/$u" ]; then file=$dir/$u; fi
		done
	done
	targets=
	if [ -n "$file" ]; then
		targets=$(awk '/^\[/ { s = $0; next } s == "[Install]" && /^(WantedBy|RequiredBy)=/ { sub(/^[^=]*=/, ""); print }' "$RT_ROOT$file")
	else
		file=/usr/lib/systemd/$scope/$template
	fi
	# Display managers have no WantedBy=, only Alias=display-manager.service.
	case $scope/$unit in
	system/gdm.service | system/sddm.service | system/lightdm.service | system/greetd.service | system/ly.service | system/lxdm.service)
		if [ -z "$targets" ]; then
			mkdir -p -- "$RT_ROOT/etc/systemd/system"
			ln -sfn -- "$file" "$RT_ROOT/etc/systemd/system/display-manager.service"
			continue
		fi
		;;
	esac
	if [ -z "$targets" ]; then
		case $scope/$unit in
		*.socket) targets=sockets.target ;;
		*.timer) targets=timers.target ;;
		*.path) targets=paths.target ;;
		user/*) targets=default.target ;;
		*) targets=multi-user.target ;;
		esac
	fi
	for target in $targets; do
		mkdir -p -- "$RT_ROOT/etc/systemd/$scope/$target.wants"
		ln -sfn -- "$file" "$RT_ROOT/etc/systemd/$scope/$target.wants/$unit"
	done
done
`,
	// runuser -u USER -- [env VAR=VALUE...] PROGRAM ARGS: runs PROGRAM with
	// HOME and an absolute PROGRAM taken inside the root.
	"runuser": `[ "$1" = -u ] && [ "$3" = -- ] || { echo "runuser stub: want -u USER -- COMMAND, got $*" >&2; exit 2; }
shift 3
cmd=()
if [ "$1" = env ]; then
	cmd=(env)
	shift
	while [[ $1 == *=* ]]; do
		case $1 in
		HOME=/*) cmd+=("HOME=$RT_ROOT${1#HOME=}") ;;
		*) cmd+=("$1") ;;
		esac
		shift
	done
fi
prog=$1
shift
case $prog in /*) prog=$RT_ROOT$prog ;; esac
exec "${cmd[@]}" "$prog" "$@"
`,
}

// roundTripNoOps change nothing the round trip reads: they are logged only.
var roundTripNoOps = []string{"locale-gen", "hostnamectl", "timedatectl", "localectl", "passwd", "chown", "sudo", "chpasswd", "mkinitcpio"}

// setup runs archOut's setup.sh --apply against root with the stubs.
func (rt *roundTrip) setup(t *testing.T, name, work, archOut, root string) {
	t.Helper()
	bin := filepath.Join(work, "bin")
	logFile := filepath.Join(work, "calls.log")
	const head = "#!/usr/bin/env bash\nset -euo pipefail\nprintf '%s\\n' \"$(basename \"$0\")${*:+ $*}\" >>\"$RT_LOG\"\n"
	for stub, body := range roundTripStubs {
		rtWriteMode(t, filepath.Join(bin, stub), head+body, 0o755)
	}
	for _, stub := range roundTripNoOps {
		rtWriteMode(t, filepath.Join(bin, stub), head, 0o755)
	}
	env := append(os.Environ(),
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"NIXARCH_ROOT="+root,
		"RT_ROOT="+root,
		"RT_LOG="+logFile,
		"RT_PACMAN="+rt.tools.pacman,
		"RT_PACMAN_CONF="+filepath.Join(work, "pacman.conf"),
		"RT_CACHE="+rt.pkgDir,
		"HOME="+filepath.Join(work, "home-of-root"),
		"SUDO_USER=",
		"LC_ALL=C",
	)
	cmd := exec.Command(rt.tools.bash, filepath.Join(archOut, "setup.sh"), "--apply")
	cmd.Dir = work
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		calls, _ := os.ReadFile(logFile)
		t.Fatalf("%s: setup.sh --apply: %v\n%s\n--- calls ---\n%s", name, err, out, calls)
	}
}

// compare returns what the first and the last model do not agree on.
func (rt *roundTrip) compare(first, last *model.System) []roundTripDiff {
	var diffs []roundTripDiff
	set := func(kind string, a, b []string) {
		for _, x := range a {
			if !slices.Contains(b, x) {
				diffs = append(diffs, roundTripDiff{kind, x, "lost on the way (in the first model, not in the last)", ""})
			}
		}
		for _, x := range b {
			if !slices.Contains(a, x) {
				diffs = append(diffs, roundTripDiff{kind, x, "appeared on the way (in the last model, not in the first)", ""})
			}
		}
	}
	firstOpts, lastOpts := enabledOptions(first), enabledOptions(last)
	lastPkgs := rt.archPackages(last, lastOpts)
	set("package", rt.archPackages(first, firstOpts), lastPkgs)
	for _, o := range firstOpts {
		if slices.Contains(lastOpts, o) {
			continue
		}
		d := roundTripDiff{kind: "option", item: o, what: "lost on the way (in the first model, not in the last)"}
		if pkgs, manual, ok := rt.packagesAndSteps(o); ok && !slices.ContainsFunc(pkgs, func(p string) bool { return !slices.Contains(lastPkgs, p) }) {
			// The option is its packages on Arch, and they came back:
			// nothing is lost, or only what the Arch REPORT.md asks the
			// user to do by hand.
			d.because = "on Arch it is the packages " + strings.Join(pkgs, ", ") + ", which came back"
			if len(manual) > 0 {
				d.because += ", and manual steps in the Arch REPORT.md (" + strings.Join(manual, " ") + ")"
			}
		}
		diffs = append(diffs, d)
	}
	for _, o := range lastOpts {
		if !slices.Contains(firstOpts, o) {
			diffs = append(diffs, roundTripDiff{"option", o, "appeared on the way (in the last model, not in the first)", ""})
		}
	}

	a, b := userMap(first), userMap(last)
	for _, name := range sortedKeys(a, b) {
		ua, inA := a[name]
		ub, inB := b[name]
		switch {
		case !inB:
			diffs = append(diffs, roundTripDiff{"user", name, "lost on the way", ""})
		case !inA:
			diffs = append(diffs, roundTripDiff{"user", name, "appeared on the way", ""})
		default:
			if ua.shell != ub.shell {
				diffs = append(diffs, roundTripDiff{"user", name + " shell", fmt.Sprintf("%q became %q", ua.shell, ub.shell), ""})
			}
			for _, g := range ua.groups {
				if !slices.Contains(ub.groups, g) {
					diffs = append(diffs, roundTripDiff{"user", name + " group " + g, "lost on the way", ""})
				}
			}
			for _, g := range ub.groups {
				if !slices.Contains(ua.groups, g) {
					diffs = append(diffs, roundTripDiff{"user", name + " group " + g, "appeared on the way", ""})
				}
			}
		}
	}

	for _, h := range []struct{ item, a, b string }{
		{"hostname", first.Host.Hostname, last.Host.Hostname},
		{"timezone", first.Host.Timezone, last.Host.Timezone},
		{"default locale", first.Host.DefaultLocale, last.Host.DefaultLocale},
		{"keymap", first.Host.Keymap, last.Host.Keymap},
	} {
		if h.a != h.b {
			diffs = append(diffs, roundTripDiff{"host", h.item, fmt.Sprintf("%q became %q", h.a, h.b), ""})
		}
	}
	return diffs
}

// archPackages maps a NixOS model's packages and kernel to Arch names, as
// a sorted set. Names that map to nothing installable are left out. The
// packages that the option table installs on Arch for the model's enabled
// options are in the set too: Arch cannot tell a package installed for a
// service (openssh for services.openssh) from one installed by name, so
// it comes back as both, and NixOS installs it with the option anyway.
func (rt *roundTrip) archPackages(sys *model.System, enabled []string) []string {
	names := make([]string, 0, len(sys.Packages)+1)
	for _, p := range sys.Packages {
		names = append(names, p.Name)
	}
	if sys.Host.Kernel != "" {
		names = append(names, sys.Host.Kernel)
	}
	// A user's login shell is installed with the user, on both sides.
	for _, u := range sys.Users {
		if u.Shell != "" && !u.System && !slices.Contains(defaultShells, u.Shell) {
			names = append(names, filepath.Base(u.Shell))
		}
	}
	var out []string
	for _, n := range names {
		if r := rt.table.Lookup(mappings.NixOS, n); r.Match != nil && r.Match.Target != "" {
			out = append(out, r.Match.Target)
		}
	}
	// A user's home-manager program or service installs the package of
	// its name, as on Arch the dotfiles' packages do.
	for _, p := range slices.Concat(programItems(sys.Programs), serviceItems(sys.Services)) {
		attr, ok := strings.CutPrefix(p.name, "programs.")
		if !ok {
			attr, ok = strings.CutPrefix(p.name, "services.")
		}
		if !ok || !p.enabled || !strings.HasPrefix(string(p.owner), "user:") {
			continue
		}
		if r := rt.table.Lookup(mappings.NixOS, attr); r.Match != nil && r.Match.Target != "" {
			out = append(out, r.Match.Target)
		}
	}
	for _, o := range enabled {
		if _, user := strings.CutSuffix(o, ")"); user {
			continue // a home-manager option: the table has NixOS options
		}
		if row, ok := rt.options.ForNixOS(o + ".enable"); ok {
			out = append(out, row.Arch.Packages...)
			out = append(out, row.Arch.Multilib...)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// packagesAndSteps returns the Arch translation of a NixOS option (a
// system one, "services.x") whose translation is packages to install and
// perhaps manual steps; ok is false for any other, and for a
// home-manager option.
func (rt *roundTrip) packagesAndSteps(option string) (pkgs, manual []string, ok bool) {
	if strings.HasSuffix(option, ")") {
		return nil, nil, false
	}
	row, ok := rt.options.ForNixOS(option + ".enable")
	if !ok {
		return nil, nil, false
	}
	a := row.Arch
	if len(a.AUR)+len(a.PackageGroups)+len(a.Units)+len(a.UserUnits)+len(a.Groups)+len(a.KernelModules)+len(a.KernelParams)+len(a.Files) > 0 {
		return nil, nil, false
	}
	pkgs = slices.Concat(a.Packages, a.Multilib)
	return pkgs, a.Manual, len(pkgs) > 0
}

// enabledOptions returns the option sets of a model's enabled services
// and programs, and those of its settings that are enabled (X.enable =
// true inside them), as a sorted set. A user's own (home-manager) item is
// marked with the user.
func enabledOptions(sys *model.System) []string {
	var out []string
	add := func(name string, owner model.Owner, settings model.Settings) {
		suffix := ""
		if u, ok := strings.CutPrefix(string(owner), "user:"); ok {
			suffix = " (" + u + ")"
		}
		var walk func(prefix string, s map[string]any)
		walk = func(prefix string, s map[string]any) {
			for k, v := range s {
				switch v := v.(type) {
				case bool:
					if k == "enable" && v {
						out = append(out, prefix+suffix)
					}
				case map[string]any:
					walk(prefix+"."+k, v)
				case model.Settings:
					walk(prefix+"."+k, v)
				}
			}
		}
		out = append(out, name+suffix)
		walk(name, settings)
	}
	for _, s := range sys.Services {
		if s.Enabled {
			add(s.Name, s.Owner, s.Settings)
		}
	}
	for _, p := range sys.Programs {
		if p.Enabled {
			add(p.Name, p.Owner, p.Settings)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// rtItem is a service or a program.
type rtItem struct {
	name    string
	enabled bool
	owner   model.Owner
}

func programItems(ps []model.Program) []rtItem {
	var out []rtItem
	for _, p := range ps {
		out = append(out, rtItem{p.Name, p.Enabled, p.Owner})
	}
	return out
}

func serviceItems(ss []model.Service) []rtItem {
	var out []rtItem
	for _, s := range ss {
		out = append(out, rtItem{s.Name, s.Enabled, s.Owner})
	}
	return out
}

type rtUser struct {
	shell  string
	groups []string
}

// defaultShells are the names of NixOS's default login shell, which a
// user without a shell setting has: bashInteractive.
var defaultShells = []string{"", "bash", "bashInteractive", "sh"}

// userMap returns a model's regular users by name, with the base name of
// the login shell (a nixpkgs attribute on NixOS; "bash" for the default)
// and the sorted groups, those that list the user as a member included.
func userMap(sys *model.System) map[string]rtUser {
	m := map[string]rtUser{}
	for _, u := range sys.Users {
		if u.System {
			continue
		}
		shell := filepath.Base(u.Shell)
		if slices.Contains(defaultShells, u.Shell) {
			shell = "bash"
		}
		groups := slices.Clone(u.Groups)
		for _, g := range sys.Groups {
			if slices.Contains(g.Members, u.Name) {
				groups = append(groups, g.Name)
			}
		}
		sort.Strings(groups)
		m[u.Name] = rtUser{shell: shell, groups: slices.Compact(groups)}
	}
	return m
}

func sortedKeys(maps ...map[string]rtUser) []string {
	var keys []string
	for _, m := range maps {
		for k := range m {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

func rtWrite(t *testing.T, path, content string) { rtWriteMode(t, path, content, 0o644) }

func rtWriteMode(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
}

func rtRun(t *testing.T, dir string, env []string, program string, args ...string) string {
	t.Helper()
	cmd := exec.Command(program, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "LC_ALL=C"), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", program, strings.Join(args, " "), err, out, stderr.String())
	}
	return string(out)
}
