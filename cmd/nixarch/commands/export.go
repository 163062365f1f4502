package commands

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/nixarch/nixarch/exporter"
	"github.com/nixarch/nixarch/exporter/arch"
	"github.com/nixarch/nixarch/exporter/nixos"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/model"
)

func exportCommand(con *console) *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write a nixarch model as an Arch or NixOS configuration",
		Description: "Examples:\n" +
			"   nixarch export nixos model.yaml -o out\n" +
			"   nixarch export arch model.yaml -o out --dry-run",
		Subcommands: []*cli.Command{
			exportTargetCommand(con, mappings.NixOS),
			exportTargetCommand(con, mappings.Arch),
		},
	}
}

func exportTargetCommand(con *console, to mappings.Distro) *cli.Command {
	what := map[mappings.Distro]string{
		mappings.NixOS: "configuration.nix and REPORT.md",
		mappings.Arch:  "pacman and AUR lists, setup.sh, dotfiles and REPORT.md",
	}[to]
	return &cli.Command{
		Name:      string(to),
		Usage:     "write " + what,
		ArgsUsage: "MODEL",
		Description: fmt.Sprintf("MODEL is a file written by 'nixarch import' ('-' reads standard input).\n"+
			"A non-empty output folder is replaced only with --force.\n\n"+
			"Examples:\n"+
			"   nixarch export %[1]s model.yaml -o out\n"+
			"   nixarch export %[1]s model.yaml -o out --dry-run", to),
		Flags: []cli.Flag{
			outputFlag("write into folder `DIR` (required)"),
			forceFlag,
			dryRunFlag,
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErrorf("export %s needs exactly one MODEL, got %d", to, c.NArg()).withHint("nixarch export %s --help", to)
			}
			dir, err := requiredOutput(c)
			if err != nil {
				return err
			}
			var sys *model.System
			if path := c.Args().First(); path == "-" {
				sys, err = model.Read("-", con.stdin)
			} else {
				sys, err = model.ReadFile(path)
			}
			if err != nil {
				return err
			}
			return export(con, sys, to, dir, c.Bool("force"), c.Bool("dry-run"))
		},
	}
}

// export maps sys to the target distribution, renders the output files and
// writes them into dir, or only says what it would write with dryRun.
func export(con *console, sys *model.System, to mappings.Distro, dir string, force, dryRun bool) error {
	if to == mappings.Arch && sys.Source.Kind != model.SourceNixOS {
		return fmt.Errorf("the model describes an Arch system already; export it to nixos instead")
	}
	if to == mappings.NixOS && sys.Source.Kind == model.SourceNixOS {
		return fmt.Errorf("the model describes a NixOS system already; export it to arch instead")
	}
	rep, err := con.buildReport(sys, to)
	if err != nil {
		return err
	}
	var files []exporter.File
	if to == mappings.Arch {
		// Dotfiles go in through arch.Options.Extra once package dotfiles renders them.
		files, err = arch.Render(sys, rep, arch.Options{Generator: "nixarch " + Version()})
	} else {
		files, err = nixos.Render(sys, rep, nixos.Options{Generator: "nixarch " + Version()})
	}
	if err != nil {
		return err
	}
	if err := writer(con, force, dryRun).WriteTree(dir, files); err != nil {
		return withOutputHint(err)
	}
	if !dryRun {
		con.infof("wrote %d files to %s: %d packages mapped, %d unmapped (see %s/REPORT.md)",
			len(files), dir, rep.Summary.Mapped, rep.Summary.Unmapped, dir)
	}
	return nil
}
