package commands

import (
	"github.com/urfave/cli/v2"

	"github.com/nixarch/nixarch/dotfiles"
	"github.com/nixarch/nixarch/exporter/arch"
	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/mappings"
)

func reportCommand(con *console) *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "say what would map, what would not and what must be done by hand; writes nothing",
		ArgsUsage: "SRC[#HOST]",
		Description: "SRC is a NixOS configuration, flake or folder, an Arch package list, or a nixarch model.\n" +
			"--strict exits with status 3 when anything could not be mapped.\n\n" +
			"Examples:\n" +
			"   nixarch report pkglist.txt\n" +
			"   nixarch report pkglist.txt --format json | jq .summary\n" +
			"   nixarch report ~/flake#laptop --to arch --format markdown --strict",
		Flags: []cli.Flag{
			hostFlag,
			&cli.StringFlag{Name: "to", Usage: "the target: arch or nixos (default: the other side of SRC)"},
			&cli.StringFlag{Name: "from", Usage: "what SRC is, when it cannot be told: nixos or arch"},
			foreignFlag(),
			stowDotfilesFlag(),
			evalFlag,
			&cli.StringFlag{Name: "format", Usage: "text, markdown or json", Value: "text"},
			&cli.BoolFlag{Name: "strict", Usage: "exit with status 3 if anything could not be mapped"},
			&cli.StringFlag{Name: "user", Usage: "whose home-manager settings the dotfiles part of the report covers, when several users have some (Arch)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErrorf("report needs exactly one SRC, got %d", c.NArg()).withHint("nixarch report --help")
			}
			format := c.String("format")
			if format != "text" && format != "markdown" && format != "json" {
				return usageErrorf("--format must be text, markdown or json, not %q", format)
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
			to := mappings.NixOS
			if src.side(sys) == mappings.NixOS {
				to = mappings.Arch
			}
			if c.IsSet("to") {
				if to, err = parseTarget(c.String("to")); err != nil {
					return err
				}
				if to == src.side(sys) {
					return usageErrorf("%s already describes %s; --to must be the other side", src.path, to)
				}
			}
			var home *dotfiles.Result
			if to == mappings.Arch {
				// The dotfiles repository an export would write, so that
				// the report says what migrate's REPORT.md says.
				if home, err = archDotfiles(con, sys, dotfiles.LayoutStow, c.String("user"), modelDir(src.path)); err != nil {
					return err
				}
			}
			rep, err := con.buildReport(sys, to, arch.ReportOptions(home)...)
			if err != nil {
				return err
			}
			if to == mappings.Arch {
				// What setup.sh would leave to the user, as REPORT.md says it.
				if rep, err = arch.FullReport(sys, rep, arch.Options{Dotfiles: home}); err != nil {
					return err
				}
			}
			if err := printReport(con, rep, format); err != nil {
				return err
			}
			if c.Bool("strict") && rep.HasUnmapped() {
				return errUnmapped
			}
			return nil
		},
	}
}

func printReport(con *console, rep *report.Report, format string) error {
	switch format {
	case "json":
		data, err := rep.JSON()
		if err != nil {
			return err
		}
		_, err = con.stdout.Write(data)
		return err
	case "markdown":
		_, err := con.stdout.Write(rep.Markdown())
		return err
	}
	return rep.Text(con.stdout, con.color(con.stdout))
}
