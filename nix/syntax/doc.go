// Package syntax is the Nix language front end of nixarch: a lexer and
// parser for the whole Nix language, a canonical printer that reproduces
// nix-instantiate --parse of Nix 2.8 byte for byte, a pretty printer for
// generated code, tree builders and a walker.
//
// ParseFile returns the tree, possibly partial, and an ErrorList sorted
// by position. Besides syntax errors it reports what Nix reports while
// parsing: duplicate attributes (with Nix's merging of a.b = …; a.c = …;),
// duplicate formals, dynamic attributes in let and inherit, and
// undefined variables outside with.
//
// PrintCanonical and Canonical print a tree the way Nix 2.8's
// Expr::show does. A Session shares one symbol table between files, as
// one nix-instantiate process does; Session.PrintParseFiles is
// nix-instantiate --parse FILE… (what nixarch debug parse prints), and
// Session.PrintParse does one file.
//
// One thing is not reproduced exactly: Nix 2.8 prints the bindings of a
// let and the formals of a lambda in the order of the heap addresses of
// their symbols. This package models that order as the order in which
// Nix's parser creates symbols, after the symbols Nix creates at
// start-up (measured with nix-instantiate). Where glibc's malloc reuses
// freed memory for a symbol, Nix's order differs; the trees are the same.
//
// Format pretty-prints trees, including comments attached to bindings
// and list elements, for exporters writing .nix files; NewAttrSet,
// NewAttribute, NewList and the other New functions build such trees.
package syntax
