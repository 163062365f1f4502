package eval

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func evalPrint(t *testing.T, ev *Evaluator, src string) (Value, string) {
	t.Helper()
	v, err := ev.EvalString("/test/default.nix", src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return v, Print(v)
}

func TestEval(t *testing.T) {
	tests := []struct{ src, want string }{
		// Laziness: errors in unused places do nothing.
		{`let x = throw "no"; in 1`, `1`},
		{`let x = abort "no"; in 1`, `1`},
		{`{ a = throw "no"; }.b or 2`, `2`},
		{`builtins.length [ (throw "a") (abort "b") ]`, `2`},
		{`(x: 1) (throw "no")`, `1`},
		{`({ a, b ? throw "no" }: a) { a = 1; }`, `1`},
		{`if true then 1 else throw "no"`, `1`},
		{`builtins.head (map (x: 1 / x) [ 1 0 ])`, `1`},
		{`builtins.attrNames { a = throw "x"; b = abort "y"; }`, `[ "a" "b" ]`},
		// Errors are values with positions.
		{`throw "bad"`, `«error: bad»`},
		{`let x = x; in x`, `«error: infinite recursion encountered»`},
		{`assert 1 == 2; 3`, `«error: assertion '(1 == 2)' failed»`},
		{`{ }.a`, `«error: attribute 'a' missing»`},
		{`builtins.tryEval (throw "x")`, `{ success = false; value = false; }`},
		// Unknown spreads.
		{`builtins.getEnv "HOME"`, `«unknown (builtins.getEnv)»`},
		{`builtins.getEnv "HOME" + "/x"`, `«unknown (builtins.getEnv)»`},
		{`1 + builtins.currentSystem`, `«unknown (builtins.currentSystem)»`},
		{`[ 1 ] ++ builtins.getEnv "X"`, `«unknown (builtins.getEnv): [ 1 ] ++ «unknown (builtins.getEnv)»»`},
		{`(builtins.fetchGit { url = "x"; }).outPath`, `«unknown (builtins.fetchGit).outPath»`},
		{`(builtins.fetchTarball "x").a.b`, `«unknown (builtins.fetchTarball).a.b»`},
		{`import <nixpkgs/nixos> { }`, `«unknown (search path <nixpkgs/nixos>)»`},
		{`let u = builtins.getEnv "X"; in if u == "" then 1 else 2`, `«unknown (builtins.getEnv) | 1 | 2»`},
		{`let u = builtins.getEnv "X"; in [ 0 ] ++ (if u == "" then [ 1 ] else [ ])`, `«unknown (builtins.getEnv): [ 0 ] ++ «unknown (builtins.getEnv) | [ 1 ] | [ ]»»`},
		{`let u = builtins.getEnv "X" == ""; in (if u then { a = 1; } else { a = 2; }).a`, `«unknown (builtins.getEnv).a | 1 | 2»`},
		{`let u = builtins.getEnv "X" == ""; in builtins.length (if u then [ 1 ] else [ ])`, `«unknown (builtins.getEnv)»`},
		{`let u = builtins.getEnv "X" == ""; in !(if u then true else false) && true`, `«unknown (builtins.getEnv)»`},
		{`let u = builtins.getEnv "X" == ""; in -(if u then 1 else 2)`, `«unknown (builtins.getEnv)»`},
		{`let u = builtins.getEnv "X" == ""; in (if u then 1 else 2) + 10`, `«unknown (builtins.getEnv) | 11 | 12»`},
		{`false || builtins.getEnv "X" == "y"`, `«unknown (builtins.getEnv)»`},
		{`builtins.getEnv "X" == "y" || true`, `true`},
		{`builtins.getEnv "X" == "y" && false`, `false`},
		{`"${builtins.getEnv "HOME"}/x"`, `«unknown (builtins.getEnv)»`},
		{`{ ${builtins.getEnv "X"} = 1; a = 2; }.b`, `«unknown (builtins.getEnv).b»`},
		{`builtins.map (x: x) (builtins.getEnv "X")`, `«unknown (builtins.getEnv)»`},
		{`with builtins.getEnv "X"; foo`, `«unknown (builtins.getEnv).foo»`},
		{`builtins.fetchurl "x" ? a`, `«unknown (builtins.fetchurl).a»`},
		{`let f = { a, b }: b; in f (builtins.getEnv "X")`, `«unknown (builtins.getEnv).b»`},
		// A dynamic name inside a path is evaluated with the set that holds it.
		{`let x = throw "lazy"; s = { a.b = 1; a.${x} = 2; c = 3; }; in [ s.c (builtins.tryEval s.a).success ({ a.${"k"}.d = 1; a.e = 2; }).a ]`,
			`[ 3 false { e = 2; k = { d = 1; }; } ]`},
		{`let s = { a = { b = 1; }; a.${"c"} = 2; }; in s.a`, `{ b = 1; c = 2; }`},
		// ++ keeps the known parts of a list; list functions go through them.
		{`let u = builtins.getEnv "X" == ""; in builtins.map (x: x + 1) ([ 1 ] ++ (if u then [ 2 ] else [ ]))`,
			`«unknown (builtins.getEnv): [ 2 ] ++ «unknown (builtins.getEnv) | [ 3 ] | [ ]»»`},
		{`let u = builtins.getEnv "X" == ""; in builtins.concatLists [ [ 1 ] (if u then [ 2 ] else [ ]) [ 3 ] ]`,
			`«unknown (builtins.getEnv): [ 1 ] ++ «unknown (builtins.getEnv) | [ 2 ] | [ ]» ++ [ 3 ]»`},
		{`let u = builtins.getEnv "X" == ""; in builtins.filter (x: x > 1) ([ 1 2 ] ++ (if u then [ 0 3 ] else [ ]))`,
			`«unknown (builtins.getEnv): [ 2 ] ++ «unknown (builtins.getEnv) | [ 3 ] | [ ]»»`},
		{`let u = builtins.getEnv "X" == ""; in [ (builtins.isList ([ 1 ] ++ builtins.getEnv "Y")) (builtins.typeOf (if u then [ ] else [ 1 ])) (builtins.isAttrs (if u then 1 else { })) ]`,
			`[ true "list" «unknown (builtins.getEnv)» ]`},
		{`let u = builtins.getEnv "X" == ""; in [ (builtins.elem 2 ([ 1 2 ] ++ (if u then [ 3 ] else [ ]))) (builtins.elem 3 ([ 1 2 ] ++ (if u then [ 3 ] else [ ]))) ]`,
			`[ true «unknown (builtins.getEnv)» ]`},
		{`let lib = (import <nixpkgs> { }).lib; u = builtins.getEnv "X" == ""; in lib.flatten [ 1 (lib.optionals u [ 2 ]) [ 3 ] ]`,
			`«unknown (builtins.getEnv): [ 1 ] ++ «unknown (builtins.getEnv) | [ 2 ] | [ ]» ++ [ 3 ]»`},
		// // with an Unknown keeps what is known.
		{`let lib = (import <nixpkgs> { }).lib; u = builtins.getEnv "X" == ""; in { a = 1; b = 2; } // lib.optionalAttrs u { b = 3; c = 4; }`,
			`{ a = 1; b = «unknown (builtins.getEnv) | 3 | 2»; c = «mkIf «unknown (builtins.getEnv)» 4»; }`},
		{`let u = builtins.getEnv "X" == ""; in (if u then { a = 1; } else { b = 2; }) // { c = 3; }`,
			`{ a = «mkIf «unknown (builtins.getEnv)» 1»; b = «mkIf «unknown (builtins.getEnv)» 2»; c = 3; }`},
		{`(builtins.fromJSON (builtins.getEnv "X")) // { c = 3; }`, `{ c = 3; «and attributes of unknown (builtins.getEnv)» }`},
		{`{ c = 3; } // builtins.fromJSON (builtins.getEnv "X")`, `«unknown (builtins.getEnv)»`},
		// pkgs is symbolic.
		{`let pkgs = import <nixpkgs> { }; in pkgs.firefox`, `«package firefox»`},
		{`let pkgs = import <nixpkgs> { }; in with pkgs; [ firefox git kdePackages.kate ]`,
			`[ «package firefox» «package git» «package kdePackages.kate» »]`},
		{`let pkgs = import <nixpkgs> { }; in pkgs.python3.withPackages (ps: [ ps.requests ])`,
			`«package python3 with python3Packages.requests»`},
		{`let pkgs = import <nixpkgs> { }; in "${pkgs.foo}/bin/foo"`,
			`"/nix/store/00000000000000000000000000000000-foo/bin/foo"`},
		{`let pkgs = import <nixpkgs> { }; in (pkgs.hello.overrideAttrs (o: { })).override { }`,
			`«package hello +overrideAttrs +override»`},
		{`let pkgs = import <nixpkgs> { }; in pkgs.lib.mkIf true 1`, `«mkIf true 1»`},
		{`let pkgs = import <nixpkgs> { }; in pkgs.lib.getExe pkgs.ripgrep`,
			`"/nix/store/00000000000000000000000000000000-ripgrep/bin/ripgrep"`},
		{`let pkgs = import <nixpkgs> { }; in pkgs.writeText "a" "b"`, `«writeText "a" "b"»`},
		// lib.
		{`let lib = (import <nixpkgs> { }).lib; in with lib; [ (mkDefault 1) (mkForce 2) (mkBefore [ 3 ]) (mkOrder 10 4) (mkOverride 5 6) ]`,
			`[ «mkOverride 1000 1» «mkOverride 50 2» «mkOrder 500 [ 3 ]» «mkOrder 10 4» «mkOverride 5 6» ]`},
		{`let lib = (import <nixpkgs> { }).lib; in lib.types.listOf lib.types.str`, `«type types.listOf «type types.str»»`},
		{`let lib = (import <nixpkgs> { }).lib; in lib.recursiveUpdate { a = { b = 1; c = 2; }; } { a = { b = 3; }; d = 4; }`,
			`{ a = { b = 3; c = 2; }; d = 4; }`},
		{`let lib = (import <nixpkgs> { }).lib; in with lib; [ (flatten [ 1 [ 2 [ 3 ] ] ]) (unique [ 1 2 1 ]) (hasPrefix "ab" "abc") (hasSuffix "bc" "abc") ]`,
			`[ [ 1 2 3 ] [ 1 2 ] true true ]`},
		{`let lib = (import <nixpkgs> { }).lib; in with lib; [ (optional true 1) (optionals false [ 2 ]) (optionalAttrs true { a = 1; }) (optionalString false "x") ]`,
			`[ [ 1 ] [ ] { a = 1; } "" ]`},
		{`let lib = (import <nixpkgs> { }).lib; in with lib; [ (genAttrs [ "a" "b" ] (n: n + n)) (mapAttrsToList (n: v: n + v) { x = "1"; }) (filterAttrs (n: v: v > 1) { a = 1; b = 2; }) ]`,
			`[ { a = "aa"; b = "bb"; } [ "x1" ] { b = 2; } ]`},
		{`let lib = (import <nixpkgs> { }).lib; in with lib; [ (attrByPath [ "a" "b" ] 0 { a.b = 1; }) (attrByPath [ "a" "c" ] 0 { a.b = 1; }) (concatMapStringsSep "," toString [ 1 2 ]) ]`,
			`[ 1 0 "1,2" ]`},
		{`let lib = (import <nixpkgs> { }).lib; in with lib; [ (strings.toUpper "abc") (lists.last [ 1 2 ]) (attrsets.attrNames { z = 1; }) (splitString "." "a.b.c") (lib.makeBinPath [ "/x" ]) ]`,
			`[ "ABC" 2 [ "z" ] [ "a" "b" "c" ] "/x/bin" ]`},
		// Paths resolve against the file.
		{`./a/../b`, `/test/b`},
		{`./. + "/c"`, `/test/c`},
		{`"${./x}"`, `"/test/x"`},
		// Pipes.
		{`[ 1 2 ] |> map (x: x + 1)`, `[ 2 3 ]`},
		{`builtins.length <| [ 1 ]`, `1`},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, got := evalPrint(t, New(), tt.src)
			want := strings.ReplaceAll(tt.want, " »]", " ]")
			if got != want {
				t.Errorf("got  %.500s\nwant %s", got, want)
			}
		})
	}
}

func TestPositions(t *testing.T) {
	tests := []struct{ src, pos string }{
		{"let x = x;\nin x", "/test/default.nix:1:9"},
		{"1 +\n  throw \"x\"", "/test/default.nix:2:3"},
		{"{ a = 1; }\n  .b", "/test/default.nix:2:4"},
		{"let\n  u = builtins.getEnv \"X\";\nin u + 1", "/test/default.nix:2:7"},
		{"let pkgs = import <nixpkgs> { };\nin pkgs.git", "/test/default.nix:2:4"},
		{"let pkgs = import <nixpkgs> { };\nin with pkgs;\n  [ git ]", "/test/default.nix:3:5"},
	}
	for _, tt := range tests {
		v, _ := evalPrint(t, New(), tt.src)
		if l, ok := v.(*List); ok {
			v = Force(l.Elems[0])
		}
		if got := v.Pos().String(); got != tt.pos {
			t.Errorf("%q: %s at %s, want %s", tt.src, Print(v), got, tt.pos)
		}
	}
}

func TestLimits(t *testing.T) {
	tests := []struct {
		src    string
		limits Limits
		reason string
	}{
		{`let f = x: f x; in f 1`, Limits{}, "depth"},
		{`let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 1000000`, Limits{}, "depth"},
		{`let f = n: if n == 0 then 0 else f (n - 1); in f 100000000`, Limits{Steps: 100000}, "limit"},
		{`builtins.length (builtins.genList (x: x) 1000000000000)`, Limits{Steps: 1000}, "step"},
		{`builtins.foldl' (a: b: a + b) 0 (builtins.genList (x: x) 100000000)`, Limits{Time: 50 * time.Millisecond}, ""},
		{`let x = { a = x; }; in x`, Limits{Depth: 50}, "ok"},
	}
	for _, tt := range tests {
		start := time.Now()
		ev := New(WithLimits(tt.limits))
		v, got := evalPrint(t, ev, tt.src)
		v = ev.ForceDeep(v)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: took %v", tt.src, d)
		}
		switch tt.reason {
		case "ok":
			continue
		case "":
			if _, ok := v.(*Unknown); !ok {
				t.Errorf("%s = %.300s, want a limit", tt.src, got)
			}
		default:
			u, ok := v.(*Unknown)
			if !ok || !strings.Contains(u.Reason, tt.reason) {
				t.Errorf("%s = %.300s, want %s limit", tt.src, got, tt.reason)
			}
		}
	}
}

func TestImportCycle(t *testing.T) {
	fsys := mapFS{
		"a.nix":           "import ./b.nix",
		"b.nix":           "import ./a.nix",
		"c.nix":           "{ x = import ./d.nix; y = import ./d.nix; }",
		"d.nix":           "[ 1 ]",
		"dir/default.nix": "import ./.. + 0",
		"e.nix":           "import ./dir",
		"bad.nix":         "{ a = ; }",
		"f.nix":           "let b = import ./bad.nix; in [ 1 ]",
		"g.nix":           "import ./bad.nix",
		"h.nix":           "builtins.readFile ./d.nix",
		"i.nix":           "[ (builtins.pathExists ./d.nix) (builtins.pathExists ./zz) (builtins.pathExists /elsewhere) ]",
	}
	ev := New(WithFS(fsys, "/cfg"))
	for name, want := range map[string]string{
		"a.nix": "«error: infinite recursion encountered»",
		"c.nix": "{ x = [ 1 ]; y = «repeated»; }",
		"f.nix": "[ 1 ]",
		"g.nix": "«error: syntax error: syntax error, unexpected ';'»",
		"h.nix": `"[ 1 ]"`,
		"i.nix": "[ true false «unknown (existence of /elsewhere)» ]",
	} {
		v, err := ev.EvalFile("/cfg/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if got := Print(v); got != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}
	if _, err := ev.EvalFile("/cfg/bad.nix"); err == nil {
		t.Error("bad.nix: no syntax error")
	}
}

// TestDeepData builds deeply nested data and uses it in every recursive
// operation: the limits must stop each without overflowing the stack.
func TestDeepData(t *testing.T) {
	nest := `let nest = n: builtins.foldl' (acc: i: [ acc ]) [ ] (builtins.genList (i: i) n); d = nest 30000; in `
	for _, op := range []string{
		`toString d`, `d == d`, `d < d`, `builtins.toJSON d`, `builtins.deepSeq d 1`, `d`,
		`let a = nest 30000; b = nest 30000; in a == b`,
		`let a = nest 30000; b = nest 30000; in a < b`,
	} {
		ev := New()
		v, _ := evalPrint(t, ev, nest+op)
		t.Logf("%s: %.100s", op, Print(ev.ForceDeep(v)))
	}
}

// TestPackagesAndOverlays covers the package universe: overlays applied
// by import <nixpkgs> { overlays; }, extend and ApplyOverlays,
// callPackage of files and functions, and the helpers that name what a
// package holds.
func TestPackagesAndOverlays(t *testing.T) {
	fsys := mapFS{
		"pkgs/tool/default.nix": `{ stdenv, lib, greeting ? "hi" }: stdenv.mkDerivation { pname = "tool-${greeting}"; version = "1"; }`,
		"pkgs/script.nix":       `{ writeShellScriptBin, curl, city }: writeShellScriptBin "weather" "${curl}/bin/curl wttr.in/${city}"`,
		"pkgs/broken.nix":       `{ stdenv }: stdenv.mkDerivation {`,
		"overlay.nix":           `final: prev: { tool = final.callPackage ./pkgs/tool { }; htop = prev.htop.overrideAttrs (o: { }); }`,
		"default.nix":           `let pkgs = import <nixpkgs> { overlays = [ (import ./overlay.nix) ]; }; in [ pkgs.tool pkgs.htop pkgs.git ]`,
		"script.nix":            `let pkgs = import <nixpkgs> { }; in pkgs.callPackage ./pkgs/script.nix { city = "Oslo"; }`,
		"broken.nix":            `let pkgs = import <nixpkgs> { }; in pkgs.callPackage ./pkgs/broken.nix { }`,
		"inline.nix":            `let pkgs = import <nixpkgs> { }; in pkgs.callPackage ({ writeShellApplication, jq }: writeShellApplication { name = "q"; text = "jq ."; }) { }`,
		"inline-drv.nix":        `let pkgs = import <nixpkgs> { }; in pkgs.callPackage ({ stdenv }: stdenv.mkDerivation { name = "inline-thing"; }) { }`,
		"greeting.nix":          `let pkgs = import <nixpkgs> { }; in pkgs.callPackage ./pkgs/tool { greeting = "hej"; }`,
		"extend.nix":            `let pkgs = (import <nixpkgs> { }).extend (final: prev: { vim = prev.neovim; }); in [ pkgs.vim pkgs.emacs ]`,
		"compose.nix":           `let pkgs = import <nixpkgs> { }; lib = pkgs.lib; o = lib.composeManyExtensions [ (f: p: { a = p.b; }) (f: p: { c = p.a; }) ]; in (pkgs.extend o).c`,
		"stable.nix":            `let pkgs = import <nixpkgs> { overlays = [ (final: prev: { stable = import <nixpkgs> { }; }) ]; }; in pkgs.stable.libreoffice`,
		"texlive.nix":           `let pkgs = import <nixpkgs> { }; in pkgs.texlive.combine { inherit (pkgs.texlive) scheme-small latexmk; }`,
		"vscode.nix":            `let pkgs = import <nixpkgs> { }; in pkgs.vscode-with-extensions.override { vscodeExtensions = [ pkgs.vscode-extensions.golang.go ]; }`,
		"ghc.nix":               `let pkgs = import <nixpkgs> { }; in pkgs.haskellPackages.ghcWithPackages (hs: [ hs.lens ])`,
		"lua.nix":               `let pkgs = import <nixpkgs> { }; in pkgs.lua5_4.withPackages (lp: [ lp.luafilesystem ])`,
		"nerdfonts.nix":         `let pkgs = import <nixpkgs> { }; in with pkgs; [ (nerdfonts.override { fonts = [ "FiraCode" "JetBrainsMono" ]; }) (nerdfonts.override { fonts = [ (builtins.getEnv "F") ]; }) (nerdfonts.overrideAttrs { }) ]`,
		"prio.nix":              `let pkgs = import <nixpkgs> { }; in with pkgs.lib; [ (hiPrio pkgs.gcc) (lowPrio pkgs.clang) (getName "hello-2.12") ]`,
		"update.nix":            `let pkgs = import <nixpkgs> { }; in (pkgs // { mine = 1; }).mine`,
		"files/a.nix":           `1`,
		"files/sub/b.nix":       `2`,
		"list.nix":              `let lib = (import <nixpkgs> { }).lib; in map baseNameOf (lib.filesystem.listFilesRecursive ./files)`,
	}
	ev := New(WithFS(fsys, "/cfg"))
	for name, want := range map[string]string{
		"default.nix":    `[ «package /cfg/pkgs/tool tool-hi» «package htop +overrideAttrs» «package git» ]`,
		"script.nix":     `«writeShellScriptBin "weather" "/nix/store/00000000000000000000000000000000-curl/bin/curl wttr.in/Oslo"»`,
		"broken.nix":     `«package /cfg/pkgs/broken.nix broken»`,
		"inline.nix":     `«writeShellApplication "q" "jq ."»`,
		"inline-drv.nix": `«package /cfg/inline-drv.nix inline-thing +inline»`,
		"greeting.nix":   `«package /cfg/pkgs/tool tool-hej»`,
		"extend.nix":     `[ «package neovim» «package emacs» ]`,
		"compose.nix":    `«package b»`,
		"stable.nix":     `«package libreoffice»`,
		"texlive.nix":    `«package texlive with texlive.latexmk texlive.scheme-small»`,
		"vscode.nix":     `«package vscode-with-extensions with vscode-extensions.golang.go +override»`,
		"ghc.nix":        `«package ghc with haskellPackages.lens»`,
		"lua.nix":        `«package lua5_4 with lua54Packages.luafilesystem»`,
		// Only a list of plain strings names the fonts a bundle keeps.
		"nerdfonts.nix": `[ «package nerdfonts only FiraCode JetBrainsMono +override» «package nerdfonts +override» «package nerdfonts +overrideAttrs» ]`,
		"prio.nix":      `[ «package gcc» «package clang» "hello" ]`,
		"update.nix":    `1`,
		"list.nix":      `[ "a.nix" "b.nix" ]`,
	} {
		v, err := ev.EvalFile("/cfg/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if got := Print(v); got != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}

	// The overlay's package answers where it is referred to and records
	// where the overlay defines it; an overlay that is not a function is
	// recorded as unread.
	v, _ := ev.EvalFile("/cfg/default.nix")
	tool := Force(Force(v).(*List).Elems[0]).(*Package)
	if tool.P.String() != "/cfg/default.nix:1:78" || tool.Def.String() != "/cfg/overlay.nix:1:23" {
		t.Errorf("tool at %s defined at %s", tool.P, tool.Def)
	}
	u := Force(ev.ApplyOverlays(ev.Pkgs(), []Value{&Unknown{Reason: "flake input x"}, &Int{V: 1}})).(*Package)
	if len(u.Unread) != 2 || !u.Universe() {
		t.Errorf("unread overlays: %s", Print(u))
	}
}

// TestReadHook checks that WithReadHook names each file read once.
func TestReadHook(t *testing.T) {
	var read []string
	ev := New(WithFS(mapFS{"a.nix": "import ./b.nix + builtins.readFile ./c.txt", "b.nix": `"b"`, "c.txt": "c"}, "/cfg"),
		WithReadHook(func(p string) { read = append(read, p) }))
	v, err := ev.EvalFile("/cfg/a.nix")
	if err != nil || Print(v) != `"bc"` {
		t.Fatalf("%s %v", Print(v), err)
	}
	ev.EvalFile("/cfg/a.nix")
	if strings.Join(read, " ") != "/cfg/a.nix /cfg/b.nix /cfg/c.txt" {
		t.Errorf("read %v", read)
	}
}

// TestConditionSites checks where the Unknown of an undecided if says its
// condition is written: the if's own condition, or the argument of a lib
// function such as optionals.
func TestConditionSites(t *testing.T) {
	ev := New()
	src := "let lib = (import <nixpkgs> { }).lib; u = builtins.getEnv \"X\" == \"\"; in [\n" +
		"  (if u then 1 else 2)\n" +
		"  (lib.optionals u [ 3 ])\n" +
		"]"
	v, err := ev.EvalString("/test/default.nix", src)
	if err != nil {
		t.Fatal(err)
	}
	l := Force(v).(*List)
	for i, want := range []string{"/test/default.nix:2:7-2:14", "/test/default.nix:3:18-"} {
		u := Force(l.Elems[i]).(*Unknown)
		got := ""
		if u.Cond != nil {
			got = u.Cond.At.String() + "-"
			if u.Cond.End.IsValid() {
				got += strconv.Itoa(u.Cond.End.Line) + ":" + strconv.Itoa(u.Cond.End.Column)
			}
		}
		if got != want {
			t.Errorf("element %d: condition at %q, want %q", i, got, want)
		}
	}
	c := Force(l.Elems[1]).(*Unknown).Condition(true)
	if c.Cond == nil || !c.Cond.Not || len(c.Alternatives) != 0 {
		t.Errorf("negated condition: %+v", c)
	}
}
