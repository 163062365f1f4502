package commands

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/nixarch/nixarch/importer/arch"
	"github.com/nixarch/nixarch/importer/nixos"
)

func importCommand(con *console) *cli.Command {
	return &cli.Command{
		Name:  "import",
		Usage: "read a NixOS or Arch system into a nixarch model (YAML)",
		Description: "The model can be edited, then written with 'nixarch export'.\n\n" +
			"Examples:\n" +
			"   nixarch import arch pkglist.txt -o model.yaml\n" +
			"   nixarch import nixos /etc/nixos -o model.yaml",
		Subcommands: []*cli.Command{importNixOSCommand(con), importArchCommand(con)},
	}
}

func outputFlag(usage string) *cli.StringFlag {
	return &cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: usage}
}

var (
	forceFlag  = &cli.BoolFlag{Name: "force", Usage: "replace existing output"}
	dryRunFlag = &cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: "say what would be written, write nothing"}
	hostFlag   = &cli.StringFlag{Name: "host", Usage: "the flake host (nixosConfigurations.HOST) or home-manager configuration"}
	evalFlag   = &cli.BoolFlag{Name: "eval", Usage: "also ask Nix (nix eval, nix-instantiate) which packages a NixOS source installs, and report where that differs"}
)

func foreignFlag() *cli.StringSliceFlag {
	return &cli.StringSliceFlag{Name: "foreign", Usage: "a list of foreign (AUR or locally built) packages; may be repeated"}
}

func importNixOSCommand(con *console) *cli.Command {
	return &cli.Command{
		Name:      "nixos",
		Usage:     "read configuration.nix, a folder or a flake",
		ArgsUsage: "SRC[#HOST]",
		Description: "SRC is a configuration.nix, a folder holding one, or a flake; SRC#HOST selects a host.\n\n" +
			"Examples:\n" +
			"   nixarch import nixos /etc/nixos/configuration.nix -o model.yaml\n" +
			"   nixarch import nixos ~/flake#laptop -o model.yaml\n" +
			"   nixarch import nixos ~/flake --list-hosts\n" +
			"   nixarch import nixos ~/flake#laptop --eval -o model.yaml   # also ask Nix, when installed",
		Flags: []cli.Flag{
			hostFlag,
			&cli.BoolFlag{Name: "list-hosts", Usage: "print the hosts of a flake, one per line"},
			evalFlag,
			outputFlag("write the model to `FILE` (- for standard output, the default)"),
			forceFlag,
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErrorf("import nixos needs exactly one SRC, got %d", c.NArg()).withHint("nixarch import nixos --help")
			}
			src, err := parseSource(c.Args().First(), c.String("host"), "nixos")
			if err != nil {
				return err
			}
			if src.kind != sourceNixOS {
				return usageErrorf("%s is %s, not a NixOS configuration", src.path, src.kind.describe())
			}
			if c.Bool("list-hosts") {
				hosts, err := nixos.ListHosts(src.path)
				if err != nil {
					return err
				}
				for _, h := range hosts {
					fmt.Fprintln(con.stdout, h.Name)
				}
				return nil
			}
			src.eval = c.Bool("eval")
			sys, err := src.load(con)
			if err != nil {
				return err
			}
			return writeModel(con, sys, c.String("output"), c.Bool("force"))
		},
	}
}

func importArchCommand(con *console) *cli.Command {
	return &cli.Command{
		Name:      "arch",
		Usage:     "read a live or mounted Arch system, or Arch package lists",
		ArgsUsage: "[PKGLIST]",
		Description: "Without PKGLIST, reads the Arch system at --root (default /): the pacman database\n" +
			"(explicit and dependency packages, foreign ones, groups), /etc (hostname, locale,\n" +
			"keymap, timezone, boot loader and kernel parameters, enabled units, users and groups;\n" +
			"never /etc/shadow) and an allow-list of configuration files in each regular user's\n" +
			"home (~/.gitconfig, ~/.config/starship.toml, ~/.ssh/config …; never keys, tokens or\n" +
			"history). --dotfiles DIR reads a GNU stow repository as well.\n\n" +
			"PKGLIST holds one package per line: the output of 'pacman -Qqe', 'pacman -Qe'\n" +
			"(name and version) or an aconfmgr file (AddPackage [--foreign] NAME). Comments and\n" +
			"blank lines are ignored; '-' reads standard input. --foreign adds a list of AUR or\n" +
			"locally built packages ('pacman -Qqem').\n\n" +
			"Examples:\n" +
			"   nixarch import arch -o model.yaml\n" +
			"   nixarch import arch --root /mnt -o model.yaml\n" +
			"   nixarch import arch --dotfiles ~/dotfiles -o model.yaml\n" +
			"   pacman -Qqen > pkglist.txt; pacman -Qqem > aur.txt\n" +
			"   nixarch import arch pkglist.txt --foreign aur.txt -o model.yaml\n" +
			"   pacman -Qqe | nixarch import arch - -o -",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "root", Usage: "read the Arch system mounted at `DIR`", Value: "/"},
			&cli.StringFlag{Name: "backend", Usage: "how to read the pacman database: " + backendNames(), Value: string(arch.DefaultBackend)},
			foreignFlag(),
			stowDotfilesFlag(),
			outputFlag("write the model to `FILE` (- for standard output, the default)"),
			forceFlag,
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usageErrorf("import arch takes at most one PKGLIST, got %d", c.NArg()).withHint("pass further lists of AUR packages with --foreign")
			}
			var src *source
			if c.NArg() == 0 {
				if c.IsSet("foreign") {
					return usageErrorf("--foreign needs a PKGLIST of official packages too")
				}
				src = &source{path: c.String("root"), kind: sourceArch, backend: arch.Backend(c.String("backend"))}
			} else {
				if c.IsSet("root") {
					return usageErrorf("give either PKGLIST or --root, not both")
				}
				src = &source{path: c.Args().First(), kind: sourcePkgList, foreign: c.StringSlice("foreign")}
			}
			src.dotfiles = c.String("dotfiles")
			sys, err := src.load(con)
			if err != nil {
				return err
			}
			return writeModel(con, sys, c.String("output"), c.Bool("force"))
		},
	}
}

// stowDotfilesFlag reads a stow repository as an Arch source's dotfiles.
func stowDotfilesFlag() cli.Flag {
	return &cli.StringFlag{Name: "dotfiles", Usage: "also read the GNU stow repository `DIR` (one folder per package, each mirroring $HOME) as the dotfiles of the only regular user (Arch sources)"}
}

func backendNames() string {
	var names []string
	for _, b := range arch.Backends() {
		names = append(names, string(b))
	}
	return strings.Join(names, " or ")
}
