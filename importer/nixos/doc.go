// Package nixos reads NixOS configurations — a configuration.nix, a
// folder holding one, or a flake — into nixarch's intermediate model.
//
// Import evaluates the configuration with the lazy partial evaluator of
// package eval and runs the part of the NixOS module system that real
// configurations use:
//
//   - Modules are functions or sets with imports, options and config (a
//     set without config or options is all config; so is a module that
//     is a mkIf, mkMerge or mkOverride). Imports are followed
//     recursively, each file once; an import that closes a cycle is a
//     finding at the import, a missing file or a syntax error in an
//     imported module a positioned finding, and the module is left out.
//     As lib/modules.nix does, the modules are the closure of the
//     imports, breadth first, without those disabledModules names and
//     what only they import; a disabledModules entry that names a module
//     of NixOS itself (a string, or one made from modulesPath) is an
//     info finding, since nixarch does not read NixOS's modules.
//   - Definitions are merged per option path by priority (plain 100,
//     mkDefault 1000, mkForce 50, mkOverride N, option defaults 1500) and,
//     for lists, by order (mkBefore, mkAfter, mkOrder); lists are
//     concatenated, sets merged recursively, and different values at the
//     same priority are a finding (the first is kept).
//   - config is a fixed point through laziness: a module's config
//     argument looks up the merged definitions of every module, path by
//     path, the first time it is read. mkIf, mkMerge and mkOverride are
//     pushed down unevaluated, as NixOS does, so that a module may read
//     config in the condition of its own definitions; recursion ends in
//     the evaluator's infinite-recursion error and its limits.
//   - A mkIf condition is decided where it can be. One that cannot keeps
//     the definition and records the condition's source text
//     (model.Package.Condition, or a finding for anything else that is
//     kept). So do if, optional, optionals, optionalAttrs and
//     optionalString on a condition nixarch cannot know (getEnv,
//     pathExists, …): the evaluator keeps both branches and where the
//     condition is written, ++ keeps the known parts of a list beside
//     the undecided ones, and { … } // optionalAttrs c { … } gives the
//     names of the right side as conditional definitions. An if whose
//     branches are sets is two conditional definitions.
//   - Options declared with mkOption (and mkEnableOption) give their
//     default when nothing defines them. A NixOS option that nothing sets
//     reads as Unknown, except NAME.enable, which is false, and the few
//     options whose NixOS default nixarch knows to be true
//     (networking.firewall.enable, …); config.a.b.c.enable reads false
//     however much of the path is unset.
//   - specialArgs (flakes) and home-manager's extraSpecialArgs are module
//     arguments.
//   - pkgs is the symbolic package universe with nixpkgs.overlays applied
//     (final: prev: { … }; the evaluator's ApplyOverlays): a name an
//     overlay defines answers with its definition, so a callPackage'd
//     local package, an override or a script in an overlay is reported
//     where the overlay writes it. An overlay that cannot be read (one
//     of a flake input) is a finding. A flake's pkgs given to nixosSystem
//     or homeManagerConfiguration (import nixpkgs { overlays = …; }) is
//     the universe the modules start from.
//
// A flake.nix is evaluated with symbolic inputs: an input whose name or
// URL says nixpkgs (github:NixOS/nixpkgs/…, nixpkgs/nixos-unstable, a
// fork's …/nixpkgs, a channel URL) has lib.nixosSystem, which records
// its argument instead of building a system, legacyPackages.SYSTEM and
// import of it give the symbolic pkgs; a home-manager input has
// lib.homeManagerConfiguration, which records its argument, and
// nixosModules.home-manager, an empty module (home-manager.users is read
// by this package); flake-utils has lib.eachSystem, eachDefaultSystem
// and friends, written in Nix; flake-parts has lib.mkFlake, whose module
// is evaluated as a module system of its own (with inputs, self,
// withSystem) and whose flake option is the outputs, its
// nixosConfigurations.NAME taken as defined. self is the flake's own
// outputs (with outPath, inputs and outputs). Any other input is
// Unknown. So nixosConfigurations written through helper functions, in
// a lib/ folder or in flake-parts modules are found as well. ListHosts
// lists nixosConfigurations and homeConfigurations; with several and no
// host chosen, Import returns a *HostError.
//
// A home.nix (or a folder holding one and neither flake.nix nor
// configuration.nix) is a standalone home-manager configuration without
// a flake; its user is home.username.
//
// home-manager, as a NixOS module (home-manager.users.NAME, with
// home-manager.sharedModules) or standalone, is evaluated as each
// user's own module system, with osConfig bound to the NixOS config.
//
// # What lands in the model
//
// Packages come from environment.systemPackages, fonts.packages,
// fonts.fonts, users.users.NAME.packages and home.packages (owner
// user:NAME), programs.NAME.package and services.NAME.package, with the
// members of withPackages calls. Package.Name is the nixpkgs attribute
// path. A script written with writeShellScriptBin and friends, a
// callPackage'd local package and an entry that cannot be evaluated are
// findings, not packages: the script is not written anywhere, the
// finding says to recreate it on the PATH.
//
// services.NAME and programs.NAME (and groups such as
// services.desktopManager.plasma6 or services.prometheus.exporters.node)
// become Services and Programs named by their option path, Enabled from
// enable, and Settings the other defined options as plain data (packages
// as their attribute path). A service without an enable option that
// runs when configured (services.journald, services.restic…) is enabled.
// Any other option set with an enable option (virtualisation.docker,
// networking.networkmanager, hardware.bluetooth, zramSwap, gtk,
// wayland.windowManager.hyprland…), and networking.firewall, which NixOS
// enables by default, becomes a Program named by its path, so that the
// mapping layer sees it. An enable that cannot be known is imported as
// enabled, with a finding. Host, users
// (a shell package gives its attribute name, such as zsh), groups,
// environment variables, shell aliases, /etc files, home.file and
// xdg.configFile/dataFile dotfiles (a source file inside the
// configuration is read into the model; a source folder gives one
// dotfile per file, executable when the file is), systemd.services,
// systemd.timers and their user counterparts are read too.
//
// Password options, secret managers (sops, agenix, naming the secrets
// they define), settings that refer to their secrets
// (config.sops.secrets.NAME.path) and string settings whose name says
// password, secret, token or key become manual findings, never values.
// So do environment and session variables, shell aliases, /etc files
// and home files that package secret finds to hold a secret (a private
// key, a token, a literal value under a name such as GITHUB_TOKEN, or a
// target or source such as ~/.ssh/id_ed25519): the item is left out of
// the model and the finding, at the option, says to carry it over by
// hand. Hardware options (fileSystems, boot.initrd, hardware…) are info
// findings. Every other option that is set is a finding with its
// position: nothing is dropped in silence.
//
// The import reads one folder and nothing outside it: the folder given on
// the command line, or the folder of the file given (for a flake, the
// folder of flake.nix). It is opened with os.Root, so a symbolic link
// that leads out of it (home.file.".link".source = ./link with link ->
// /etc/passwd, builtins.readFile ./link, a link inside a source folder,
// an imported module) reads nothing and is an error finding at the
// option or import that names it, with where the link leads; a link to
// a file inside the folder is followed. A module imported from outside
// the folder (import ../common.nix) is an error finding too: a
// configuration whose modules live beside its folder is imported from a
// folder that holds them all (a flake there, or a default.nix that
// imports the entry file).
//
// Origins are the positions of the definitions, with file names as the
// user gave the source; so are the paths in findings' messages.
// Source.Files lists every file the import read, in the order read.
//
// nix/eval does the evaluation; on this side of it, the symbolic flake
// inputs are written in Nix and evaluated with EvalString, a nixpkgs
// input's outPath is the Unknown that the evaluator's import turns into
// pkgs (the one it gives for <nixpkgs>), and the config a module gets is
// a set whose names nobody defines answer with the option's default
// (eval.Attrs.Missing, eval.Unknown.Sel).
package nixos
