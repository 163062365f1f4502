// Package options says what NixOS options mean on Arch Linux, and which
// NixOS option an enabled systemd unit or an installed Arch package stands
// for.
//
// NixOS turns one line such as services.openssh.enable = true into a
// package, a systemd unit, users, groups and files. Arch asks for each of
// those by hand. Each row of the table names one option and the Action
// that gives the same result on Arch: packages from core and extra,
// packages from multilib or the AUR, pacman package groups, system and
// user units to enable, groups, kernel modules and parameters, files to
// write, and manual steps in plain words for what cannot be automated
// (bootloader installation, database initialisation, login shells).
//
// # Values
//
// Every row says what kind of value its option takes: bool, string, list
// or attrs (an attribute set such as nix.settings, described in words). A
// bool row without a template describes the option set to true, the
// enabling value of an .enable option; set to false it asks for nothing.
// String and list rows,
// and bool rows such as services.openssh.settings.PasswordAuthentication,
// write their value through the template {{value}} in file paths, file
// contents, kernel parameters and manual steps: a line holding {{value}}
// is repeated once per list element, and a bool is written "yes" or "no",
// the spelling of sshd_config and the other files such rows write.
// Option.Apply does the substitution.
//
// # Reverse lookups
//
// A row's "from" lists the units and packages whose presence on an Arch
// system implies the option. They are chosen by hand, not derived from
// the Action: the openssh package is installed on nearly every machine for
// its client, so only sshd.service implies services.openssh.enable.
//
// # Data
//
// The table is embedded from data/options.yaml and never read from disk
// at run time. Loading is strict: an unknown field, a value of the wrong
// type, a malformed name or a duplicate option is a *model.Error naming
// data/options.yaml:line:col. The tests check every package against the
// Arch core, extra and multilib names the mapping table embeds, and, when NIXARCH_NIXPKGS names a nixpkgs 24.11 tree and
// nix-instantiate is installed, every option path and its kind against the
// NixOS module system itself. docs/options.md is generated from the table
// with "go test ./mappings/options -update".
//
// A wrong row is worse than a missing one: a row goes in only when its
// package and unit names are known to be Arch's, and what is uncertain
// becomes a manual step or a note.
package options
