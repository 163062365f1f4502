package eval

import (
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
		{`[ 1 ] ++ builtins.getEnv "X"`, `«unknown (builtins.getEnv)»`},
		{`(builtins.fetchGit { url = "x"; }).outPath`, `«unknown (builtins.fetchGit).outPath»`},
		{`(builtins.fetchTarball "x").a.b`, `«unknown (builtins.fetchTarball).a.b»`},
		{`import <nixpkgs/nixos> { }`, `«unknown (search path <nixpkgs/nixos>)»`},
		{`let u = builtins.getEnv "X"; in if u == "" then 1 else 2`, `«unknown (builtins.getEnv) | 1 | 2»`},
		{`let u = builtins.getEnv "X"; in [ 0 ] ++ (if u == "" then [ 1 ] else [ ])`, `«unknown (builtins.getEnv) | [ 0 1 ] | [ 0 ]»`},
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
