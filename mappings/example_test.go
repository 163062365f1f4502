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
	r := t.Lookup(mappings.Arch, "hyperfine")
	fmt.Println(r.Match.Target, r.Match.Method, r.Match.Confidence)
	fmt.Println(r.Match.Evidence)

	r = t.Lookup(mappings.Arch, "python-requests")
	fmt.Println(r.Match.Target, r.Match.Method, r.Match.Confidence)

	// Nothing to install, and no loss: NixOS has it, or a setting stands for it.
	for _, name := range []string{"base", "pipewire-pulse"} {
		r = t.Lookup(mappings.Arch, name)
		fmt.Printf("%s: %v %s %q\n", name, r.Match.NothingToInstall(), r.Match.Method, r.Match.Setting)
	}

	r = t.Lookup(mappings.NixOS, "helm")
	fmt.Println(r.Match == nil, r.Reason)
	// Output:
	// hyperfine same-upstream-and-name high
	// same name (nixpkgs attribute hyperfine = Arch hyperfine); same upstream github.com/sharkdp/hyperfine (nixpkgs homepage, src; Arch url, source) and 1 more
	// python3Packages.requests ecosystem medium
	// base: true baseline ""
	// pipewire-pulse: true curated "services.pipewire.pulse.enable = true"
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

func ExampleParseOverrides() {
	rows, err := mappings.ParseOverrides("mappings.yaml", []byte(`
mappings:
  - arch: visual-studio-code-bin
    nixos: vscodium
    note: we use the free build
`))
	if err != nil {
		panic(err)
	}
	t, _ := mappings.Default()
	m := t.WithRows(rows).Lookup(mappings.Arch, "visual-studio-code-bin").Match
	fmt.Println(m.Target, m.Method, m.Evidence)

	_, err = mappings.ParseOverrides("mappings.yaml", []byte("mappings:\n  - arch: x\n    nixpgks: y\n"))
	fmt.Println(err)
	// Output:
	// vscodium user your override at mappings.yaml:3:5: we use the free build
	// mappings.yaml:3:5: unknown field "nixpgks" (want one of arch, nixos, repo, direction, confidence, setting, note)
}
