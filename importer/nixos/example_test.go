package nixos_test

import (
	"fmt"

	"github.com/nixarch/nixarch/importer/nixos"
)

func ExampleImport() {
	sys, err := nixos.Import("testdata/split", nixos.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(sys.Host.Hostname)
	for _, p := range sys.Packages[:3] {
		fmt.Println(p.Name, p.Origin)
	}
	// Output:
	// desktop
	// coreutils testdata/split/configuration.nix:19:47
	// firefox testdata/split/modules/desktop.nix:7:45
	// vlc testdata/split/modules/desktop.nix:7:53
}

func ExampleListHosts() {
	hosts, err := nixos.ListHosts("testdata/multihost")
	if err != nil {
		panic(err)
	}
	for _, h := range hosts {
		fmt.Println(h.Name, h.Kind)
	}
	// Output:
	// box nixos
	// server nixos
}
