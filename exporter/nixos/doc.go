// Package nixos renders a model.System as a NixOS configuration: a
// configuration.nix module and the REPORT.md that says what it leaves out.
//
// Render is pure: it returns files in memory and an exporter.Writer writes
// them. The module lists every mapped package in environment.systemPackages
// by its nixpkgs attribute path (fonts, by Arch's names ttf-*, otf-*,
// *-fonts, in fonts.packages, where NixOS's fontconfig finds them; the
// Nerd Fonts as one nerdfonts.override), keeps every unmapped package in
// the list as a comment that says why and where it came from, and writes host settings,
// users and groups. A kernel whose package maps to a kernel package set
// (linux-zen → pkgs.linuxPackages_zen) becomes boot.kernelPackages, and a
// login shell nixarch knows becomes users.users.NAME.shell, with the
// programs.SHELL.enable that NixOS asks for zsh, fish and xonsh. Everything else in the model reaches REPORT.md through
// the report: importing this package registers with package report what
// the exporter writes, so report.Build for mappings.NixOS knows it.
//
// Names and strings are written so that they cannot change the meaning of
// the file: attribute names that are not plain identifiers are quoted,
// packages whose names the module's arguments or Nix's builtins would
// shadow inside "with pkgs;" are written as pkgs.NAME, strings are escaped,
// and comments are kept to one line.
package nixos
