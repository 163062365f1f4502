package arch_test

import (
	"fmt"
	"strings"

	"github.com/nixarch/nixarch/importer/arch"
)

func ExampleReadPackageList() {
	list := `# pacman -Qe, with an aconfmgr line mixed in
linux 6.6.8.arch1-1
vim 1:9.0.2167-1
AddPackage --foreign yay-bin # Yet another yogurt
CopyFile /etc/pacman.conf
Firefox
`
	pkgs, findings, err := arch.ReadPackageList("pkglist.txt", strings.NewReader(list), arch.ListOptions{})
	for _, p := range pkgs {
		fmt.Printf("%s: %s version=%q repo=%q\n", p.Origin, p.Name, p.Version, p.Repo)
	}
	for _, f := range findings {
		fmt.Printf("%s: %s: %s\n", f.Origin, f.Severity, f.Message)
	}
	fmt.Println(err)
	// Output:
	// pkglist.txt:2:1: linux version="6.6.8.arch1-1" repo=""
	// pkglist.txt:3:1: vim version="1:9.0.2167-1" repo=""
	// pkglist.txt:4:22: yay-bin version="" repo="foreign"
	// pkglist.txt:5:1: warning: aconfmgr CopyFile is not imported from a package list
	// pkglist.txt:6:1: invalid package name "Firefox": 'F' is not allowed (package names are lowercase)
}

func ExampleImportPackageLists() {
	// The output of pacman -Qqe, piped in.
	stdin := strings.NewReader("base\nvim\n")
	sys, err := arch.ImportPackageLists(stdin, arch.ListFile{Path: "-"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sys.Source.Kind, sys.Source.Path)
	for _, p := range sys.Packages {
		fmt.Println(p.Origin, p.Name)
	}
	// Output:
	// pkglist -
	// <stdin>:1:1 base
	// <stdin>:2:1 vim
}
