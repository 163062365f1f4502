package model

import (
	"slices"
	"strings"
)

// APIVersion is the version of the model format written by this package.
const APIVersion = "nixarch/v1"

// KindSystem is the only kind of document this version knows.
const KindSystem = "System"

// System is a whole Linux system as nixarch understands it: where it was
// read from, host settings, packages, services, users, files and the
// findings the importer made on the way.
type System struct {
	APIVersion  string     `yaml:"apiVersion"`
	Kind        string     `yaml:"kind"`
	Source      Source     `yaml:"source"`
	Host        Host       `yaml:"host,omitempty"`
	Packages    []Package  `yaml:"packages,omitempty"`
	Services    []Service  `yaml:"services,omitempty"`
	Programs    []Program  `yaml:"programs,omitempty"`
	Users       []User     `yaml:"users,omitempty"`
	Groups      []Group    `yaml:"groups,omitempty"`
	Environment []Variable `yaml:"environment,omitempty"`
	Aliases     []Alias    `yaml:"aliases,omitempty"`
	EtcFiles    []EtcFile  `yaml:"etcFiles,omitempty"`
	Dotfiles    []Dotfile  `yaml:"dotfiles,omitempty"`
	Findings    []Finding  `yaml:"findings,omitempty"`
}

// New returns an empty System with APIVersion and Kind set.
func New(source Source) *System {
	return &System{APIVersion: APIVersion, Kind: KindSystem, Source: source}
}

// SourceKind names the kind of input a System was imported from.
type SourceKind string

// The source kinds.
const (
	SourceNixOS   SourceKind = "nixos"   // a configuration.nix, a folder or a flake
	SourceArch    SourceKind = "arch"    // a live or mounted Arch system
	SourcePkgList SourceKind = "pkglist" // Arch package lists only
)

// Source says where a System was read from.
type Source struct {
	Kind SourceKind `yaml:"kind"`
	// Path is the file or folder given on the command line, as given.
	Path string `yaml:"path,omitempty"`
	// Host is the flake host or home-manager configuration that was selected.
	Host string `yaml:"host,omitempty"`
	// Files lists every further input that was read, such as a separate
	// foreign package list, in the order read.
	Files []string `yaml:"files,omitempty"`
}

// Describe names the source in a sentence: its kind, path and host, as in
// "nixos /etc/nixos (host laptop)".
func (s Source) Describe() string {
	d := string(s.Kind)
	if d == "" {
		d = "an unknown source"
	}
	if s.Path != "" {
		d += " " + s.Path
	}
	if s.Host != "" {
		d += " (host " + s.Host + ")"
	}
	return d
}

// Host holds machine-wide settings.
type Host struct {
	Hostname      string   `yaml:"hostname,omitempty"`
	Timezone      string   `yaml:"timezone,omitempty"`
	DefaultLocale string   `yaml:"defaultLocale,omitempty"`
	Locales       []string `yaml:"locales,omitempty"`
	// LocaleSettings are locale categories set apart from DefaultLocale,
	// such as LC_TIME (NixOS i18n.extraLocaleSettings, Arch locale.conf).
	LocaleSettings []LocaleSetting `yaml:"localeSettings,omitempty"`
	Keymap         string          `yaml:"keymap,omitempty"`
	Kernel         string          `yaml:"kernel,omitempty"`
	KernelParams   []string        `yaml:"kernelParams,omitempty"`
	KernelModules  []string        `yaml:"kernelModules,omitempty"`
	Bootloader     string          `yaml:"bootloader,omitempty"`
	Origin         Origin          `yaml:"origin,omitempty"`
}

// LocaleSetting is one locale category and the locale it uses.
type LocaleSetting struct {
	// Category is an LC_ variable such as LC_TIME, or LANGUAGE.
	Category string `yaml:"category"`
	Locale   string `yaml:"locale"`
}

// Owner says whether an item belongs to the whole system or to one user.
// The zero value means the system.
type Owner string

// OwnerSystem is the owner of system-wide items.
const OwnerSystem Owner = "system"

// UserOwner returns the Owner for items that belong to user name.
func UserOwner(name string) Owner { return Owner("user:" + name) }

// User returns the name of the user o stands for, and whether it stands
// for one.
func (o Owner) User() (string, bool) {
	name, ok := strings.CutPrefix(string(o), "user:")
	return name, ok && name != ""
}

// HomeOwners returns, sorted, the users who own programs, dotfiles,
// environment variables or aliases: what a user's home configuration
// (home-manager's, or a dotfiles repository) holds.
func (s *System) HomeOwners() []string {
	var users []string
	add := func(o Owner) {
		if name, ok := o.User(); ok && !slices.Contains(users, name) {
			users = append(users, name)
		}
	}
	for _, p := range s.Programs {
		add(p.Owner)
	}
	for _, d := range s.Dotfiles {
		add(d.Owner)
	}
	for _, v := range s.Environment {
		add(v.Owner)
	}
	for _, a := range s.Aliases {
		add(a.Owner)
	}
	slices.Sort(users)
	return users
}

// Package is one package the system installs.
type Package struct {
	// Name is the package's name in the source system: an Arch package name
	// or a nixpkgs attribute path such as python3Packages.requests.
	Name string `yaml:"name"`
	// Project is a neutral upstream project id where one is known.
	Project string `yaml:"project,omitempty"`
	// Version is the installed version, where the source says it.
	Version string `yaml:"version,omitempty"`
	// Repo is where the package comes from in the source system: core,
	// extra, multilib, RepoForeign or nixpkgs; empty when unknown.
	Repo string `yaml:"repo,omitempty"`
	// Dependency is true for packages installed only as a dependency.
	Dependency bool `yaml:"dependency,omitempty"`
	// Condition is the source text of the condition the package was declared
	// under (a mkIf, optional or if), when it could not be decided.
	Condition string `yaml:"condition,omitempty"`
	Owner     Owner  `yaml:"owner,omitempty"`
	Origin    Origin `yaml:"origin,omitempty"`
}

// RepoForeign is the Repo of an Arch package that no sync repository has:
// one from the AUR or built locally.
const RepoForeign = "foreign"

// Service is a system or user service, named as its NixOS option set
// (services.openssh) or its systemd unit (sshd.service).
type Service struct {
	Name     string   `yaml:"name"`
	Enabled  bool     `yaml:"enabled"`
	Unit     string   `yaml:"unit,omitempty"`
	Settings Settings `yaml:"settings,omitempty"`
	Owner    Owner    `yaml:"owner,omitempty"`
	Origin   Origin   `yaml:"origin,omitempty"`
}

// Program is a program with settings, named as its NixOS or home-manager
// option set (programs.git).
type Program struct {
	Name     string   `yaml:"name"`
	Enabled  bool     `yaml:"enabled"`
	Settings Settings `yaml:"settings,omitempty"`
	Owner    Owner    `yaml:"owner,omitempty"`
	Origin   Origin   `yaml:"origin,omitempty"`
}

// User is a login account. It never holds a password or password hash.
type User struct {
	Name        string   `yaml:"name"`
	UID         int      `yaml:"uid,omitempty"`
	Description string   `yaml:"description,omitempty"`
	Home        string   `yaml:"home,omitempty"`
	Shell       string   `yaml:"shell,omitempty"`
	Groups      []string `yaml:"groups,omitempty"`
	System      bool     `yaml:"system,omitempty"`
	Origin      Origin   `yaml:"origin,omitempty"`
}

// Group is a group to create.
type Group struct {
	Name    string   `yaml:"name"`
	GID     int      `yaml:"gid,omitempty"`
	Members []string `yaml:"members,omitempty"`
	Origin  Origin   `yaml:"origin,omitempty"`
}

// Variable is an environment variable set for the system or for a user.
type Variable struct {
	Name   string `yaml:"name"`
	Value  string `yaml:"value"`
	Owner  Owner  `yaml:"owner,omitempty"`
	Origin Origin `yaml:"origin,omitempty"`
}

// Alias is a shell alias. Shell is empty when it applies to every shell.
type Alias struct {
	Name    string `yaml:"name"`
	Command string `yaml:"command"`
	Shell   string `yaml:"shell,omitempty"`
	Owner   Owner  `yaml:"owner,omitempty"`
	Origin  Origin `yaml:"origin,omitempty"`
}

// EtcFile is a file under /etc. Exactly one of Content and Source is set:
// Content holds the text, Source names a file to copy, relative to the
// model file's folder or absolute.
type EtcFile struct {
	Target  string   `yaml:"target"`
	Content string   `yaml:"content,omitempty"`
	Source  string   `yaml:"source,omitempty"`
	Mode    FileMode `yaml:"mode,omitempty"`
	Origin  Origin   `yaml:"origin,omitempty"`
}

// Dotfile is a file in a user's home. Target is relative to $HOME. Exactly
// one of Content and Source is set, as for EtcFile. Program names the
// program the file configures, where known.
type Dotfile struct {
	Owner   Owner    `yaml:"owner"`
	Target  string   `yaml:"target"`
	Program string   `yaml:"program,omitempty"`
	Content string   `yaml:"content,omitempty"`
	Source  string   `yaml:"source,omitempty"`
	Mode    FileMode `yaml:"mode,omitempty"`
	Origin  Origin   `yaml:"origin,omitempty"`
}

// Severity ranks a finding.
type Severity string

// The severities, from least to most serious.
const (
	SeverityInfo    Severity = "info"    // worth knowing, nothing to do
	SeverityWarning Severity = "warning" // something was lost or guessed
	SeverityError   Severity = "error"   // something could not be understood
	SeverityManual  Severity = "manual"  // a step the user must do by hand
)

// Finding is something an importer noticed: what it could not understand,
// what it left out on purpose (secrets), what must be done by hand.
type Finding struct {
	Severity Severity `yaml:"severity"`
	Message  string   `yaml:"message"`
	Origin   Origin   `yaml:"origin,omitempty"`
}
