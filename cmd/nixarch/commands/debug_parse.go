package commands

import (
	"github.com/urfave/cli/v2"
)

func debugParseCommand(con *console) *cli.Command {
	return &cli.Command{
		Name:        "parse",
		Usage:       "print Nix files as 'nix-instantiate --parse' does",
		ArgsUsage:   "FILE...",
		Description: "Example:\n   nixarch debug parse configuration.nix",
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageErrorf("debug parse needs at least one FILE")
			}
			return errNotYet("the Nix parser")
		},
	}
}
