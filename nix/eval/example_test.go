package eval_test

import (
	"fmt"
	"testing/fstest"

	"github.com/nixarch/nixarch/nix/eval"
)

func Example() {
	fsys := fstest.MapFS{"configuration.nix": {Data: []byte(`{ config, pkgs, lib, ... }: {
  environment.systemPackages = with pkgs; [ firefox kdePackages.kate ];
  services.openssh.enable = lib.mkDefault true;
  networking.hostName = builtins.getEnv "HOST";
}`)}}
	ev := eval.New(eval.WithFS(fsys, "/etc/nixos"))
	module, err := ev.EvalFile("/etc/nixos/configuration.nix")
	if err != nil {
		panic(err)
	}
	cfg := ev.Apply(module.Pos(), module, ev.ModuleArgs(&eval.Unknown{Reason: "config"}))
	for _, p := range ev.Select(cfg, "environment", "systemPackages").(*eval.List).Elems {
		p := eval.Force(p).(*eval.Package)
		fmt.Println(p.Attr, p.Pos())
	}
	fmt.Println(eval.Print(ev.Select(cfg, "services")))
	fmt.Println(eval.Print(ev.Select(cfg, "networking", "hostName")))
	// Output:
	// firefox /etc/nixos/configuration.nix:2:45
	// kdePackages.kate /etc/nixos/configuration.nix:2:53
	// { openssh = { enable = «mkOverride 1000 true»; }; }
	// «unknown (builtins.getEnv)»
}

func ExamplePrint() {
	v, err := eval.New().EvalString("/x.nix", `rec { a = [ 1 2.5 "s" ]; b = builtins.length a; }`)
	if err != nil {
		panic(err)
	}
	fmt.Println(eval.Print(v))
	// Output: { a = [ 1 2.5 "s" ]; b = 3; }
}
