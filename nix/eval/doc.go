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
//     operations: Unknown + 1, Unknown.a.b (with the path "a.b"),
//     f Unknown when f is strict, are Unknown. An if whose condition is
//     Unknown gives an Unknown whose Alternatives are the two branches,
//     lazily, and whose Cond says where the condition is written (for
//     lib's optional, optionals, optionalAttrs and optionalString, where
//     the caller wrote the condition); binary operators and attribute
//     selection distribute over alternatives (a few levels deep); other
//     operations give a plain Unknown. ++ (and concatLists, concatMap)
//     with an Unknown operand gives an Unknown whose Parts are the
//     operands, so [ a ] ++ optional Unknown b ++ optionals Unknown2 c
//     keeps a known and b and c under their conditions; map, filter,
//     concatLists and concatMap go through Parts and Alternatives, and
//     isList and typeOf know the kind they share. { … } // Unknown whose
//     alternatives are sets is a set: names only one branch gives are a
//     mkIf of the branch's condition (Unknown.Condition); Unknown // { … }
//     is a set with the right side's names. An assert on an Unknown
//     condition holds. && and || decide when the known side decides.
//     A set's Missing and an Unknown's Sel, when set by a caller, answer
//     the selection of names the value does not have (a module system's
//     config answers with defaults).
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
// WithSystem sets builtins.currentSystem, WithReadHook reports each file
// read. A dynamic name inside an attribute path (a.${x} = 1) is
// evaluated when the set that holds it is forced, as Nix does, so a
// module may write users.users.${config.me} = …. EvalFile returns a syntax
// error as an error and everything else in the value. For a NixOS
// module, Apply the function to ModuleArgs.
//
// # pkgs and lib
//
// Pkgs answers every attribute with a Package of that attribute path
// (pkgs.firefox, pkgs.kdePackages.kate, and with pkgs; [ git ]), so only
// names used as values become packages. pkgs.lib is Lib. Packages
// understand withPackages (python3.withPackages (ps: [ ps.requests ])
// is the Package python3 with the member python3Packages.requests;
// haskellPackages.ghcWithPackages gives ghc), texlive.combine (texlive
// with the chosen members), override and overrideAttrs (a note; the
// packages listed in an override's arguments, such as vscodeExtensions,
// are members), and interpolation: "${pkgs.foo}" is a placeholder store
// path recorded in String.Refs. The writers (writeShellScriptBin,
// writeText, writeTextFile…) give Script values. callPackage calls a
// file or function with the names it asks for (those with a default
// only from the given arguments): a script is the Script, anything else
// a Package whose Local is the file, named by the derivation's pname or
// name, else by the file. import <nixpkgs> { } is pkgs, with the
// overlays it is given applied (ApplyOverlays; so do pkgs.extend and
// appendOverlays, and pkgs // { … }); other <…> paths are Unknown.
// Flake inputs in ModuleArgs are Unknown.
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
