// Package testmodel holds the systems and the fake mapper that the
// exporter tests share, so every renderer is tested against the same
// inputs.
package testmodel

import (
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/model"
)

// Mapper is a mappings.Mapper backed by a table keyed by source name.
// Names missing from the table are unmapped with reason "not in test table".
type Mapper map[string]mappings.Result

// Lookup returns the table's result for name.
func (m Mapper) Lookup(from mappings.Distro, name string) mappings.Result {
	if r, ok := m[name]; ok {
		return r
	}
	return mappings.Result{Reason: "not in test table"}
}

// To returns a high-confidence result that maps to target in repo.
func To(target, repo string) mappings.Result {
	return mappings.Result{Match: &mappings.Match{From: mappings.Arch, Target: target, Repo: repo,
		Method: "table", Confidence: "high", Evidence: "test table"}}
}

// Unmapped returns a result without a match.
func Unmapped(reason string, suggestions ...string) mappings.Result {
	return mappings.Result{Reason: reason, Suggestions: suggestions}
}

func at(file string, line int) model.Origin { return model.Origin{File: file, Line: line, Col: 1} }

// Table is the fake mapping table for the systems below.
var Table = Mapper{
	"firefox":         To("firefox", "nixpkgs"),
	"git":             To("git", "nixpkgs"),
	"python-requests": To("python3Packages.requests", "nixpkgs"),
	"neovim":          {Match: &mappings.Match{Target: "neovim", Repo: "nixpkgs", Method: "project", Confidence: "low", Evidence: "same upstream project"}},
	"yay":             Unmapped("AUR helper; NixOS installs from nixpkgs, not the AUR", "nix"),
	"1password":       To("1password", "nixpkgs"),
	"config-tool":     To("config", "nixpkgs"),
	"lib-thing":       To("lib.thing", "nixpkgs"),
	"pkgs":            To("pkgs", "nixpkgs"),
	"map":             To("map", "nixpkgs"),
	"if":              To("if", "nixpkgs"),
	"pyfoo":           To("python3Packages.1foo", "nixpkgs"),
	"with-or":         To("with.or", "nixpkgs"),
	"dashes":          To("hello-world_2'", "nixpkgs"),
	"curpos":          To("__curPos", "nixpkgs"),
	"evil": Unmapped("line one\n  ]; networking.firewall.enable = false; # \r\u2028${builtins.exec} \"q\" \\ */\x1b[31m",
		"a|b", "c`d"),
}

// Empty is a system with nothing in it.
func Empty() *model.System {
	return model.New(model.Source{Kind: model.SourcePkgList, Path: "pkglist.txt"})
}

// Typical is an Arch system with a bit of everything.
func Typical() *model.System {
	s := model.New(model.Source{Kind: model.SourceArch, Path: "/", Host: "", Files: []string{"pkglist.txt"}})
	s.Packages = []model.Package{
		{Name: "yay", Repo: "foreign", Origin: at("pkglist.txt", 7)},
		{Name: "firefox", Repo: "extra", Origin: at("pkglist.txt", 2)},
		{Name: "git", Repo: "extra", Origin: at("pkglist.txt", 3)},
		{Name: "python-requests", Repo: "extra", Origin: at("pkglist.txt", 5)},
		{Name: "neovim", Repo: "extra", Origin: at("pkglist.txt", 4)},
		{Name: "glibc", Repo: "core", Dependency: true, Origin: at("pkglist.txt", 10)},
		{Name: "1password", Repo: "foreign", Origin: at("foreign.txt", 1)},
	}
	s.Services = []model.Service{
		{Name: "sshd.service", Enabled: true, Unit: "sshd.service", Settings: model.Settings{"PermitRootLogin": "no", "Port": int64(22)}, Origin: at("/etc/systemd/system/multi-user.target.wants/sshd.service", 0)},
	}
	s.Programs = []model.Program{{Name: "programs.git", Enabled: true, Owner: model.UserOwner("alice"), Origin: at("/home/alice/.gitconfig", 1)}}
	s.Users = []model.User{
		{Name: "alice", UID: 1000, Description: "Alice", Home: "/home/alice", Shell: "/usr/bin/zsh", Groups: []string{"wheel"}, Origin: at("/etc/passwd", 20)},
		{Name: "http", UID: 33, System: true, Home: "/srv/http", Shell: "/usr/bin/nologin", Origin: at("/etc/passwd", 5)},
	}
	s.Environment = []model.Variable{{Name: "EDITOR", Value: "nvim", Origin: at("/etc/environment", 1)}}
	s.Aliases = []model.Alias{{Name: "ll", Command: "ls -l", Shell: "bash", Owner: model.UserOwner("alice"), Origin: at("/home/alice/.bashrc", 9)}}
	s.EtcFiles = []model.EtcFile{{Target: "hosts", Source: "etc/hosts", Origin: at("/etc/hosts", 0)}}
	s.Dotfiles = []model.Dotfile{{Owner: model.UserOwner("alice"), Target: ".zshrc", Program: "zsh", Source: "home/alice/.zshrc", Origin: at("/home/alice/.zshrc", 0)}}
	s.Findings = []model.Finding{
		{Severity: model.SeverityWarning, Message: "/etc/ssh/ssh_host_ed25519_key holds a secret and was not copied", Origin: at("/etc/ssh/ssh_host_ed25519_key", 0)},
		{Severity: model.SeverityInfo, Message: "pacman.conf enables multilib", Origin: at("/etc/pacman.conf", 92)},
	}
	return s
}

// Hostile has targets that need quoting or pkgs. in Nix, and reasons that
// try to break out of comments, Markdown tables and terminals.
func Hostile() *model.System {
	s := model.New(model.Source{Kind: model.SourcePkgList, Path: "lists/pkg\nlist.txt"})
	for i, name := range []string{"1password", "config-tool", "lib-thing", "pkgs", "map", "if", "pyfoo", "with-or", "dashes", "curpos", "evil", "firefox"} {
		s.Packages = append(s.Packages, model.Package{Name: name, Origin: at("pkglist.txt", i+1)})
	}
	s.Packages = append(s.Packages, model.Package{Name: "bad\nname ]; x = 1; #", Origin: at("pkglist.txt", 99)})
	return s
}

// HostAndUsers has every host setting and several kinds of users and
// groups, with text that needs escaping in Nix strings.
func HostAndUsers() *model.System {
	s := model.New(model.Source{Kind: model.SourceArch, Path: "/mnt"})
	s.Host = model.Host{
		Hostname: "workstation", Timezone: "Europe/Berlin", DefaultLocale: "en_US.UTF-8",
		LocaleSettings: []model.LocaleSetting{{Category: "LC_TIME", Locale: "de_DE.UTF-8"}},
		Locales:        []string{"en_US.UTF-8 UTF-8", "de_DE.UTF-8 UTF-8"}, Keymap: "de-latin1",
		Kernel: "linux-lts", KernelParams: []string{"quiet", "splash", `acpi_osi="Windows 2020"`},
		KernelModules: []string{"kvm-intel"}, Bootloader: "systemd-boot", Origin: at("/etc/hostname", 1),
	}
	s.Users = []model.User{
		{Name: "alice", UID: 1000, Description: `Alice "Al" ${HOME} \ Smith`, Home: "/home/alice", Shell: "/usr/bin/zsh", Groups: []string{"wheel", "audio", "media"}, Origin: at("/etc/passwd", 20)},
		{Name: "bob", Home: "/srv/bob", Shell: "/bin/bash", Origin: at("/etc/passwd", 21)},
		{Name: "john.doe", UID: 1002, Shell: "/usr/bin/fish", Description: "line1\nline2", Origin: at("/etc/passwd", 22)},
		{Name: "carol", Origin: at("/etc/passwd", 23)},
		{Name: "http", UID: 33, System: true, Shell: "/usr/bin/nologin", Origin: at("/etc/passwd", 5)},
	}
	s.Groups = []model.Group{
		{Name: "media", GID: 1001, Members: []string{"bob", "alice"}, Origin: at("/etc/group", 30)},
		{Name: "in", Origin: at("/etc/group", 31)},
	}
	s.Packages = []model.Package{{Name: "git", Origin: at("pkglist.txt", 1)}}
	return s
}

// NixOS is a NixOS system converted to NixOS, so packages map to
// themselves; it has a conditional and a user's package.
func NixOS() *model.System {
	s := model.New(model.Source{Kind: model.SourceNixOS, Path: "configuration.nix", Host: "laptop"})
	s.Packages = []model.Package{
		{Name: "ripgrep", Repo: "nixpkgs", Origin: model.Origin{File: "configuration.nix", Line: 12, Col: 5}},
		{Name: "steam", Repo: "nixpkgs", Condition: "config.hardware.graphics.enable", Origin: model.Origin{File: "configuration.nix", Line: 13, Col: 5}},
		{Name: "htop", Repo: "nixpkgs", Owner: model.UserOwner("alice"), Origin: model.Origin{File: "home.nix", Line: 3, Col: 7}},
	}
	return s
}
