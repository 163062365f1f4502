package syntax_test

import (
	"fmt"
	"os"

	"github.com/nixarch/nixarch/nix/syntax"
)

func ExampleParseFile() {
	src := []byte(`{ pkgs, ... }: { environment.systemPackages = [ pkgs.vim ]; }`)
	e, err := syntax.ParseFile("/etc/nixos/configuration.nix", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(syntax.Canonical(e))
	// Output:
	// ({ pkgs, ... }: { environment = { systemPackages = [ ((pkgs).vim) ]; }; })
}

func ExampleParseFile_errors() {
	_, err := syntax.ParseFile("bad.nix", []byte("{ a = 1; a = 2; b = ; }"))
	for _, e := range err.(syntax.ErrorList) {
		fmt.Println(e)
	}
	// Output:
	// bad.nix:1:10: attribute 'a' already defined at bad.nix:1:3
	// bad.nix:1:21: syntax error, unexpected ';'
}

func ExamplePrintParse() {
	err := syntax.PrintParse(os.Stdout, "/src/default.nix", []byte("let a = ./b.nix; in a + -1"))
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// (let a = /src/b.nix; in (a + (__sub 0 1)))
}

func ExampleInspect() {
	e, _ := syntax.ParseFile("f.nix", []byte("x: [ x.a x.b ]"))
	syntax.Inspect(e, func(n syntax.Node) bool {
		if s, ok := n.(*syntax.Select); ok {
			fmt.Println(s.Pos(), syntax.Canonical(s))
		}
		return true
	})
	// Output:
	// f.nix:1:6 (x).a
	// f.nix:1:10 (x).b
}

func ExampleFormat() {
	e := syntax.NewAttrSet(
		syntax.NewAttributeComment("unmapped: foo (from pkglist.txt:3:1)", "services.foo.enable", syntax.NewBool(true)),
		syntax.NewAttribute("environment.systemPackages", syntax.NewList(syntax.NewSelect(syntax.NewIdent("pkgs"), "vim"))),
	)
	os.Stdout.Write(syntax.Format(e))
	// Output:
	// {
	//   # unmapped: foo (from pkglist.txt:3:1)
	//   services.foo.enable = true;
	//   environment.systemPackages = [ pkgs.vim ];
	// }
}
