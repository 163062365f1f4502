package syntax

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Small tree builders for the tables.
func id(name string) *Ident           { return &Ident{Name: name} }
func num(v int64) *Int                { return &Int{Value: v} }
func str(parts ...StringPart) *String { return &String{Parts: parts} }
func lit(s string) StringPart         { return StringPart{Text: s} }
func interp(x Expr) StringPart        { return StringPart{Interp: x} }
func bin(x Expr, op Token, y Expr) *Binary {
	return &Binary{X: x, Op: op, Y: y}
}
func app(fn Expr, args ...Expr) Expr { return NewApply(fn, args...) }
func name(s string) AttrName         { return AttrName{Name: s} }
func attr(path []AttrName, v Expr) *Attribute {
	return &Attribute{Path: path, Value: v}
}
func names(ss ...string) []AttrName {
	var out []AttrName
	for _, s := range ss {
		out = append(out, name(s))
	}
	return out
}

// equalTrees compares trees, ignoring positions, literal spellings and
// unexported fields.
func equalTrees(a, b reflect.Value) bool {
	if a.Kind() != b.Kind() {
		return false
	}
	switch a.Kind() {
	case reflect.Interface, reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		if a.Elem().Type() != b.Elem().Type() {
			return false
		}
		return equalTrees(a.Elem(), b.Elem())
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !equalTrees(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		if a.Type() == reflect.TypeOf(Pos{}) {
			return true
		}
		for i := 0; i < a.NumField(); i++ {
			f := a.Type().Field(i)
			if !f.IsExported() || f.Name == "Lit" {
				continue
			}
			if !equalTrees(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	}
	return a.Interface() == b.Interface()
}

var treeTests = []struct {
	src  string
	want Expr
}{
	{"x", id("x")},
	{"42", num(42)},
	{`"a${b}c"`, str(lit("a"), interp(id("b")), lit("c"))},
	{"''\n  a\n    b\n''", &String{Indented: true, Parts: []StringPart{lit("a\n  b\n")}}},
	{"a + b * c", bin(id("a"), PLUS, bin(id("b"), STAR, id("c")))},
	{"a - b - c", bin(bin(id("a"), MINUS, id("b")), MINUS, id("c"))},
	{"a ++ b ++ c", bin(id("a"), CONCAT, bin(id("b"), CONCAT, id("c")))},
	{"a -> b -> c", bin(id("a"), IMPL, bin(id("b"), IMPL, id("c")))},
	{"!a + b", &Unary{Op: NOT, X: bin(id("a"), PLUS, id("b"))}},
	{"!a == b", bin(&Unary{Op: NOT, X: id("a")}, EQ, id("b"))},
	{"-a b", &Unary{Op: MINUS, X: app(id("a"), id("b"))}},
	{"f a b", app(id("f"), id("a"), id("b"))},
	{"a.b.c or d", &Select{X: id("a"), Path: names("b", "c"), Default: id("d")}},
	{"a ? b.c", &HasAttr{X: id("a"), Path: names("b", "c")}},
	{"map or", app(id("map"), id("or"))},
	{"x: x", &Lambda{Arg: "x", Body: id("x")}},
	{"{ a, b ? 1, ... } @ args: a", &Lambda{Arg: "args", Formals: &Formals{List: []*Formal{{Name: "a"}, {Name: "b", Default: num(1)}}, Ellipsis: true}, Body: id("a")}},
	{"{ a.b = 1; inherit c; }", &AttrSet{Bindings: []Binding{attr(names("a", "b"), num(1)), &Inherit{Names: names("c")}}}},
	{"let a = 1; in a", &Let{Bindings: []Binding{attr(names("a"), num(1))}, Body: id("a")}},
	{"[ 1 (f x) ]", &List{Elems: []Expr{num(1), &Paren{X: app(id("f"), id("x"))}}}},
	{"a |> f |> g", bin(bin(id("a"), PIPE_INTO, id("f")), PIPE_INTO, id("g"))},
	{"g <| f <| a", bin(id("g"), PIPE_FROM, bin(id("f"), PIPE_FROM, id("a")))},
	{"a + b |> f", bin(bin(id("a"), PLUS, id("b")), PIPE_INTO, id("f"))},
}

func TestParseTrees(t *testing.T) {
	for _, tt := range treeTests {
		got, err := ParseFile("t.nix", []byte(tt.src), NoScopeCheck())
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if !equalTrees(reflect.ValueOf(got), reflect.ValueOf(tt.want)) {
			t.Errorf("%q: got %s, want %s", tt.src, Canonical(got), Canonical(tt.want))
		}
		checkPositions(t, tt.src, got)
	}
}

// The pipe operators are Nix 2.24's; their trees mean application.
var pipeTests = []struct{ src, want string }{
	{"a |> f", "(f a)"},
	{"a |> f |> g", "(g (f a))"},
	{"a |> f b", "(f b a)"},
	{"f <| a", "(f a)"},
	{"g <| f <| a", "(g (f a))"},
	{"f b <| a", "(f b a)"},
	{"a + b |> f", "(f (a + b))"},
	{"x: x |> f", "(x: (f x))"},
}

func TestPipeOperators(t *testing.T) {
	for _, tt := range pipeTests {
		e, err := ParseFile("t.nix", []byte(tt.src), NoScopeCheck())
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if got := Canonical(e); got != tt.want {
			t.Errorf("%q: got %s, want %s", tt.src, got, tt.want)
		}
	}
	for _, src := range []string{"a |> f <| b", "f <| a |> g"} {
		if _, err := ParseFile("t.nix", []byte(src), NoScopeCheck()); err == nil {
			t.Errorf("%q: no error for mixed pipes", src)
		}
	}
	if _, err := ParseFile("t.nix", []byte("a |> f"), PipeOperators(false), NoScopeCheck()); err == nil {
		t.Errorf("pipes parsed with PipeOperators(false)")
	}
}

var errorTests = []struct{ src, want string }{
	{"{ a = 1;", "t.nix:1:8: syntax error, unexpected end of file"},
	{"a == b == c", "t.nix:1:8: syntax error, unexpected '=='"},
	{"{ a = 1; a = 2; }", "t.nix:1:10: attribute 'a' already defined at t.nix:1:3"},
	{"{ a, a }: a", "t.nix:1:6: duplicate formal function argument 'a'"},
	{"x", "t.nix:1:1: undefined variable 'x'"},
	{"./a/ ", "t.nix:1:5: path has a trailing slash"},
	{"99999999999999999999", "t.nix:1:1: invalid integer '99999999999999999999'"},
	{"let ${a} = 1; in 1", "t.nix:1:1: dynamic attributes not allowed in let"},
	{strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000), "expression nested too deeply"},
	{strings.Repeat("[", 10000), "expression nested too deeply"},
	{strings.Repeat("-", 10000) + "1", "expression nested too deeply"},
}

func TestParseErrors(t *testing.T) {
	for _, tt := range errorTests {
		e, err := ParseFile("t.nix", []byte(tt.src))
		var list ErrorList
		if !errors.As(err, &list) {
			t.Errorf("%.20q: got %v, want an ErrorList", tt.src, err)
			continue
		}
		if !strings.Contains(list[0].Error(), tt.want) {
			t.Errorf("%.20q: got %v, want %s", tt.src, list[0], tt.want)
		}
		_ = e // a partial tree, possibly nil
	}
	if (ErrorList{}).Err() != nil {
		t.Error("empty ErrorList.Err() is not nil")
	}
}

// checkPositions walks the tree and checks that each node's position
// points at its text and that line and column agree with the offset.
func checkPositions(t *testing.T, src string, e Expr) {
	t.Helper()
	Inspect(e, func(n Node) bool {
		p := n.Pos()
		if !p.IsValid() {
			return true
		}
		if p.Offset < 0 || p.Offset > len(src) {
			t.Errorf("%T at %v: offset %d out of range", n, p, p.Offset)
			return false
		}
		line, col := 1, 1
		for i := 0; i < p.Offset; i++ {
			switch src[i] {
			case '\n':
				line, col = line+1, 1
			case '\r':
				if i+1 < len(src) && src[i+1] == '\n' {
					i++
				}
				line, col = line+1, 1
			default:
				col++
			}
		}
		if line != p.Line || col != p.Column {
			t.Errorf("%T at offset %d: position %d:%d, want %d:%d", n, p.Offset, p.Line, p.Column, line, col)
		}
		at := src[p.Offset:]
		var want string
		switch n := n.(type) {
		case *Ident:
			if n.Name != "or" || strings.HasPrefix(at, "or") {
				want = n.Name
			}
		case *Int:
			want = n.Lit
		case *Float:
			want = n.Lit
		case *URL:
			want = n.Value
		case *List:
			want = "["
		case *Paren:
			want = "("
		case *Let, *LegacyLet:
			want = "let"
		case *With:
			want = "with"
		case *Assert:
			want = "assert"
		case *If:
			want = "if"
		case *Inherit:
			want = "inherit"
		case *AttrSet:
			want = "{"
			if n.Rec {
				want = "rec"
			}
		case *String:
			want = `"`
			if n.Indented {
				want = "''"
			}
		}
		if !strings.HasPrefix(at, want) {
			t.Errorf("%T at %v: source there is %.10q, want %q", n, p, at, want)
		}
		return true
	})
}

func corpusSources(t testing.TB) map[string][]byte {
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.nix"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = src
	}
	return out
}

func TestCorpusPositions(t *testing.T) {
	for f, src := range corpusSources(t) {
		e, _ := ParseFile(f, src)
		if e != nil {
			checkPositions(t, string(src), e)
		}
	}
}

// roundTrip checks that Format's output parses to the same canonical form.
func roundTrip(t testing.TB, filename string, src []byte) {
	e, err := ParseFile(filename, src, NoScopeCheck())
	if err != nil {
		return
	}
	want := semantic(e)
	out := Format(e)
	e2, err := ParseFile(filename, out, NoScopeCheck())
	if err != nil {
		t.Fatalf("%s: formatted output does not parse: %v\n%s", filename, err, out)
	}
	if got := semantic(e2); got != want {
		t.Fatalf("%s: round trip changed the tree\nsource: %q\nformatted: %s\n got %s\nwant %s", filename, src, out, got, want)
	}
}

func TestFormatRoundTrip(t *testing.T) {
	dir := *corpusFlag
	if dir == "" {
		for f, src := range corpusSources(t) {
			roundTrip(t, f, src)
		}
		return
	}
	for _, f := range nixFiles(t, dir) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, f, src)
	}
}

func TestBuilders(t *testing.T) {
	e := NewLambda([]string{"config", "pkgs"}, true, NewAttrSet(
		NewAttributeComment("unmapped: foo (from pkglist.txt:3:1)", "services.openssh.enable", NewBool(true)),
		NewAttribute("environment.systemPackages", NewWith(NewIdent("pkgs"), NewList(
			NewSelect(NewIdent("pkgs"), "vim"),
			NewCommented("unmapped: bar", NewIdent("git")),
		))),
		NewAttribute(`users.users."alice.b".home`, NewString("/home/a\"${b}")),
		NewAttribute("x", NewInt(-3)),
		NewAttribute("text", NewIndentedString("line 1\n  line 2 ''quoted'' ${x}\n")),
		NewInherit(NewIdent("pkgs"), "lib"),
	))
	out := string(Format(e))
	want := `{ config, pkgs, ... }: {
  # unmapped: foo (from pkglist.txt:3:1)
  services.openssh.enable = true;
  environment.systemPackages = with pkgs; [
    pkgs.vim
    # unmapped: bar
    git
  ];
  users.users."alice.b".home = "/home/a\"\${b}";
  x = -3;
  text = ''
    line 1
      line 2 '''quoted''' ''${x}
  '';
  inherit (pkgs) lib;
}
`
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	back, err := ParseFile("b.nix", []byte(out), NoScopeCheck())
	if err != nil {
		t.Fatal(err)
	}
	if semantic(back) != semantic(e) {
		t.Errorf("canonical forms differ:\n%s\n%s", Canonical(back), Canonical(e))
	}
}
