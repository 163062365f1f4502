package commands

import (
	"github.com/urfave/cli/v2"
)

func debugCommand(con *console) *cli.Command {
	return &cli.Command{
		Name:        "debug",
		Usage:       "tools for developing nixarch",
		Hidden:      true,
		Description: "Example:\n   nixarch debug parse configuration.nix",
		Subcommands: []*cli.Command{
			debugParseCommand(con),
			debugCheckArchCommand(con),
		},
	}
}
