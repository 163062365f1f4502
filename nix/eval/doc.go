// Package eval is a lazy partial evaluator for the Nix language, over the
// trees of package syntax. It evaluates NixOS configurations far enough
// to see what they ask for (packages, services, files, options) without
// nixpkgs, a store or the network.
//
// # Values
//
// A Value is one of the pointer types of this package; Kind tells which.
// Besides Nix's own kinds (Null, Bool, Int, Float, String, Path, List,
// Attrs, Function) there are:
//
//   - Unknown: what cannot be known statically (builtins.getEnv, the
//     fetchers, <nixpkgs/…> search paths, currentSystem unless
//     WithSystem is given, files outside the root of WithFS, config in
//     a module). It carries a reason and a position and spreads through
//     operations: Unknown + 1, [ a ] ++ Unknown, Unknown.a.b (with the
//     path "a.b"), f Unknown when f is strict, are Unknown. An if whose
//     condition is Unknown gives an Unknown whose Alternatives are the
//     two branches, lazily; binary operators and attribute selection
//     distribute over alternatives (a few levels deep), so
//     [ a ] ++ optional Unknown b is Unknown with the alternatives
//     [ a b ] and [ a ]; other operations give a plain Unknown. An
//     assert on an Unknown condition holds. && and || decide when the
//     known side decides.
//   - Package, Script: the symbolic package universe, see Pkgs.
//   - Tagged: the module-system constructors of lib (mkIf, mkMerge,
//     mkOverride and so mkDefault/mkForce, mkOrder and so
//     mkBefore/mkAfter, mkOption, mkPackageOption, literalExpression,
//     types.*), left for the module system to interpret.
//   - Error: throw, abort, failed asserts, type errors, missing
//     attributes and infinite recursion, with the position where they
//     happened. Errors are values, so an error that is never forced does
//     nothing (let x = throw "no"; in 1 is 1). tryEval catches throw and
//     assert, as Nix does.
//
// Every value carries the syntax.Pos of the expression that made it.
// Values inside lists and sets may be *Thunk; Force evaluates a value to
// weak head normal form, each thunk once, and reports a thunk that needs
// itself as infinite recursion (an Error), never a Go stack overflow.
// ForceDeep forces everything, as deepSeq does. Print prints a value the
// way nix-instantiate --eval --strict does (tests compare the two on
// hundreds of expressions).
//
// # Evaluator
//
// New makes an Evaluator; WithFS gives it files (import, readFile,
// pathExists, readDir: a folder's default.nix is imported; each file is
// evaluated once, and an import cycle is infinite recursion),
// WithLimits bounds nesting depth, steps and wall time (exceeding one
// gives an Unknown naming the limit; the step and time limits stop the
// whole evaluator, whose further results are then that Unknown), and
// WithSystem sets builtins.currentSystem. EvalFile returns a syntax
// error as an error and everything else in the value. For a NixOS
// module, Apply the function to ModuleArgs.
//
// # pkgs and lib
//
// Pkgs answers every attribute with a Package of that attribute path
// (pkgs.firefox, pkgs.kdePackages.kate, and with pkgs; [ git ]), so only
// names used as values become packages. pkgs.lib is Lib. Packages
// understand withPackages (python3.withPackages (ps: [ ps.requests ])
// is the Package python3 with the member python3Packages.requests),
// override and overrideAttrs (a note), and interpolation: "${pkgs.foo}"
// is a placeholder store path recorded in String.Refs. The writers
// (writeShellScriptBin, writeText, writeTextFile…) give Script values;
// callPackage ./path { } gives a Package whose Local is the path.
// import <nixpkgs> { } is pkgs; other <…> paths are Unknown. Flake
// inputs in ModuleArgs are Unknown.
//
// Lib is a subset of nixpkgs' lib written in Nix (lib.nix, embedded),
// with strings, lists, attrsets, modules, options and trivial holding
// the same functions.
//
// # Differences from Nix
//
// Paths are not copied to the store: "${./x}" is the absolute path.
// builtins.match and split use Go's regexp in POSIX mode (leftmost
// longest), falling back to Perl syntax for what POSIX mode rejects;
// back-references are not supported. Derivations are symbolic Packages,
// so their attributes (name, meta, …) are Unknown. Strings and lists are
// bounded to 16 MiB bytes or elements. «repeated» is printed for a set
// or list met before, by identity, which matches Nix 2.8 for values
// reached through variables.
package eval
