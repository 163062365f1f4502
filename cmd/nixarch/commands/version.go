package commands

import (
	"fmt"
	"runtime"

	"github.com/urfave/cli/v2"
)

func versionCommand(con *console) *cli.Command {
	return &cli.Command{
		Name:        "version",
		Usage:       "print nixarch's version",
		Description: "Example:\n   nixarch version",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf("version takes no arguments")
			}
			fmt.Fprintf(con.stdout, "nixarch %s (%s, %s/%s)\n", Version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}
