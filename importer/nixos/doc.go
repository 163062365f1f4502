// Package nixos reads NixOS configurations — a configuration.nix, a
// folder holding one, or a flake — into nixarch's intermediate model.
//
// Import evaluates the configuration with the lazy partial evaluator of
// package eval and runs the part of the NixOS module system that real
// configurations use:
//
//   - Modules are functions or sets with imports, options and config (a
//     set without config or options is all config). Imports are followed
//     recursively, each file once; an import that closes a cycle is a
//     finding at the import, a missing file or a syntax error in an
//     imported module a positioned finding, and the module is left out.
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
//     (model.Package.Condition, or a finding for an enabled service).
//   - Options declared with mkOption (and mkEnableOption) give their
//     default when nothing defines them. A NixOS option that nothing sets
//     reads as Unknown, except NAME.enable, which is false.
//   - specialArgs (flakes) and home-manager's extraSpecialArgs are module
//     arguments.
//
// A flake.nix is evaluated with symbolic inputs: an input whose name or
// URL says nixpkgs has lib.nixosSystem, which records its argument
// instead of building a system, legacyPackages.SYSTEM and import of it
// give the symbolic pkgs; a home-manager input has
// lib.homeManagerConfiguration, which records its argument, and
// nixosModules.home-manager, an empty module (home-manager.users is read
// by this package). Any other input is Unknown. So nixosConfigurations
// written through helper functions are found as well. ListHosts lists
// nixosConfigurations and homeConfigurations; with several and no host
// chosen, Import returns a *HostError.
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
// services.desktopManager.plasma6) become Services and Programs named by
// their option path, Enabled from enable, and Settings the other defined
// options as plain data (packages as their attribute path). Host, users
// (a shell package gives its attribute name, such as zsh), groups,
// environment variables, shell aliases, /etc files, home.file and
// xdg.configFile/dataFile dotfiles (a source file inside the
// configuration is read into the model) and systemd.services /
// systemd.user.services are read too.
//
// Password options, secret managers (sops, agenix) and string settings
// whose name says password, secret, token or key become manual findings,
// never values. Hardware options (fileSystems, boot.initrd, hardware…)
// are info findings. Every other option that is set is a finding with its
// position: nothing is dropped in silence.
//
// Origins are the positions of the definitions, with file names as the
// user gave the source.
//
// nix/eval is used as it is; two things are done on this side of it: the
// symbolic flake inputs are written in Nix and evaluated with
// EvalString, and a nixpkgs input's outPath is the Unknown that the
// evaluator's import turns into pkgs (the one it gives for <nixpkgs>).
package nixos
