package mappings_test

import (
	"fmt"

	"github.com/nixarch/nixarch/mappings"
)

func ExampleTable_Lookup() {
	t, err := mappings.Default()
	if err != nil {
		panic(err)
	}
	r := t.Lookup(mappings.Arch, "neovim")
	fmt.Println(r.Match.Target, r.Match.Method, r.Match.Confidence)
	fmt.Println(r.Match.Evidence)

	r = t.Lookup(mappings.NixOS, "helm")
	fmt.Println(r.Match == nil, r.Reason)
	// Output:
	// neovim same-upstream-and-name high
	// same name (nixpkgs attribute neovim = Arch neovim), a wrapper of neovim-unwrapped; same upstream github.com/neovim/neovim (nixpkgs src of neovim-unwrapped; Arch source, nvchecker) and 1 more
	// true Arch has a package "helm" but its upstream (github.com/helm/helm) differs from nixpkgs' (tytel.org/helm)
}

func ExampleTable_IsOfficialArch() {
	t, _ := mappings.Default()
	fmt.Println(t.IsOfficialArch("glibc"))
	fmt.Println(t.IsOfficialArch("yay"))
	// Output:
	// core true
	//  false
}
