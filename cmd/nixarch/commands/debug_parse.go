package commands

import (
	"os"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v2"

	"github.com/nixarch/nixarch/nix/syntax"
)

func debugParseCommand(con *console) *cli.Command {
	return &cli.Command{
		Name:      "parse",
		Usage:     "print Nix files as 'nix-instantiate --parse' does",
		ArgsUsage: "FILE...",
		Description: "Prints one line per file, Nix's canonical form of it, as nix-instantiate --parse\n" +
			"(Nix 2.8) does. On a syntax error it prints file:line:col: message and stops.\n\n" +
			"Example:\n   nixarch debug parse configuration.nix",
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageErrorf("debug parse needs at least one FILE")
			}
			if os.Getenv("GOGC") == "" {
				// A short-lived process that reuses the memory of the
				// trees it prints: collect garbage seldom.
				debug.SetGCPercent(400)
			}
			return syntax.NewSession().PrintParseFiles(con.stdout, c.Args().Slice(), runtime.GOMAXPROCS(0))
		},
	}
}
