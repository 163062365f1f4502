package commands

import (
	"github.com/urfave/cli/v2"

	"github.com/nixarch/nixarch/mappings"
)

func migrateCommand(con *console) *cli.Command {
	return &cli.Command{
		Name:      "migrate",
		Usage:     "import a system and export it for the other distribution in one step",
		ArgsUsage: "SRC[#HOST]",
		Description: "SRC is a NixOS configuration, flake or folder, an Arch package list, or a nixarch model.\n" +
			"The output folder gets the new configuration and REPORT.md.\n\n" +
			"Examples:\n" +
			"   nixarch migrate pkglist.txt --to nixos -o out\n" +
			"   nixarch migrate pkglist.txt --foreign aur.txt --to nixos -o out --dry-run\n" +
			"   nixarch migrate ~/flake#laptop --to arch -o out",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "to", Usage: "the target: arch or nixos (required)"},
			&cli.StringFlag{Name: "from", Usage: "what SRC is, when it cannot be told: nixos or arch"},
			outputFlag("write into folder `DIR` (required)"),
			hostFlag,
			foreignFlag(),
			stowDotfilesFlag(),
			evalFlag,
			forceFlag,
			dryRunFlag,
		}, dotfilesFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErrorf("migrate needs exactly one SRC, got %d", c.NArg()).withHint("nixarch migrate --help")
			}
			if !c.IsSet("to") {
				return usageErrorf("migrate needs --to arch or --to nixos")
			}
			to, err := parseTarget(c.String("to"))
			if err != nil {
				return err
			}
			dir, err := requiredOutput(c)
			if err != nil {
				return err
			}
			src, err := parseSource(c.Args().First(), c.String("host"), c.String("from"))
			if err != nil {
				return err
			}
			if err := src.setForeign(c.StringSlice("foreign")); err != nil {
				return err
			}
			src.dotfiles, src.eval = c.String("dotfiles"), c.Bool("eval")
			sys, err := src.load(con)
			if err != nil {
				return err
			}
			if src.side(sys) == to {
				return usageErrorf("%s already describes %s; --to must be the other side", src.path, to)
			}
			return export(con, newExportJob(c, sys, to, dir, modelDir(src.path)))
		},
	}
}

func parseTarget(s string) (mappings.Distro, error) {
	switch d := mappings.Distro(s); d {
	case mappings.NixOS, mappings.Arch:
		return d, nil
	}
	return "", usageErrorf("--to must be arch or nixos, not %q", s)
}

// setForeign attaches --foreign lists, which only Arch package lists take.
func (s *source) setForeign(lists []string) error {
	if len(lists) == 0 {
		return nil
	}
	if s.kind != sourcePkgList {
		return usageErrorf("--foreign adds to an Arch package list; %s is %s", s.path, s.kind.describe())
	}
	s.foreign = lists
	return nil
}
