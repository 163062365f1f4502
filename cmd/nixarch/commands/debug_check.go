package commands

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/nixarch/nixarch/internal/archcheck"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/mappings/options"
)

// debugCheckArchCommand checks an Arch output folder with the programs
// that will read it; make demo runs it on its output.
func debugCheckArchCommand(con *console) *cli.Command {
	return &cli.Command{
		Name:      "check-arch",
		Usage:     "check an Arch output folder with pacman, bash, shellcheck, stow, git, zsh, fish and parsers",
		ArgsUsage: "DIR",
		Description: "Runs each check that a program on PATH allows and says which were skipped.\n" +
			"Exits with status 1 when a check fails.\n\n" +
			"Example:\n   nixarch debug check-arch out",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErrorf("check-arch needs exactly one DIR, got %d", c.NArg())
			}
			dir := c.Args().First()
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return fmt.Errorf("%s is not a folder", dir)
			}
			pkgs, err := mappings.Default()
			if err != nil {
				return err
			}
			opts, err := options.Default()
			if err != nil {
				return err
			}
			scratch, err := os.MkdirTemp("", "nixarch-check-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(scratch)
			results := archcheck.Check(dir, scratch, archcheck.Tables{Packages: pkgs, Options: opts})
			for _, r := range results {
				fmt.Fprintln(con.stdout, r)
			}
			if failed := archcheck.Failed(results); len(failed) > 0 {
				return fmt.Errorf("%d of %d checks failed", len(failed), len(results))
			}
			return nil
		},
	}
}
