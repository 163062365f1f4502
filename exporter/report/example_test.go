package report_test

import (
	"os"

	"github.com/nixarch/nixarch/exporter/internal/testmodel"
	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/model"
)

func ExampleBuild() {
	sys := model.New(model.Source{Kind: model.SourcePkgList, Path: "pkglist.txt"})
	for i, name := range []string{"firefox", "yay"} {
		sys.Packages = append(sys.Packages, model.Package{Name: name, Origin: model.Origin{File: "pkglist.txt", Line: i + 1, Col: 1}})
	}
	sys.Users = []model.User{{Name: "alice", Origin: model.Origin{File: "/etc/passwd", Line: 20}}}

	// Real code passes mappings.Default(). No exporter is linked into this
	// example, so nothing is registered for NixOS and users are reported as
	// not exported.
	r := report.Build(sys, testmodel.Table, mappings.NixOS)
	r.Text(os.Stdout, false)
	// Output:
	// nixarch report: pkglist pkglist.txt → nixos
	// 2 packages: 1 mapped, 1 unmapped, 0 from the AUR; 0 options, 0 dotfiles, 1 findings
	//
	// PACKAGE  TARGET   REPO      CONFIDENCE  ORIGIN           NOTE
	// firefox  firefox  nixpkgs   high        pkglist.txt:1:1
	// yay      -        unmapped  -           pkglist.txt:2:1  AUR helper; NixOS installs from nixpkgs, not the AUR; did you mean nix?
	//
	// Findings:
	//   warning: not exported yet: user alice; carry it over by hand (/etc/passwd:20)
	//
	// Manual steps:
	//   - set a password with passwd alice (/etc/passwd:20): passwords are never copied
}
