package arch_test

import (
	"fmt"

	"github.com/nixarch/nixarch/exporter/arch"
	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/model"
)

func ExampleRender() {
	sys := model.New(model.Source{Kind: model.SourceNixOS, Path: "configuration.nix"})
	sys.Packages = []model.Package{{Name: "ripgrep"}, {Name: "git"}}
	sys.Services = []model.Service{{Name: "services.openssh", Enabled: true}}
	table, err := mappings.Default()
	if err != nil {
		panic(err)
	}
	rep := report.Build(sys, table, mappings.Arch)
	files, err := arch.Render(sys, rep, arch.Options{})
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		if f.Path == arch.PkgList {
			fmt.Print(string(f.Content))
		}
	}
	// Output:
	// git
	// openssh
	// ripgrep
}

func ExampleQuote() {
	q, _ := arch.Quote("it's $HOME")
	fmt.Println(q)
	// Output: 'it'\''s $HOME'
}
