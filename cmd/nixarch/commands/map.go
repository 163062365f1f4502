package commands

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/nixarch/nixarch/mappings"
)

func mapCommand(con *console) *cli.Command {
	return &cli.Command{
		Name:      "map",
		Usage:     "look up package names on the other side, with how they were matched",
		ArgsUsage: "NAME...",
		Description: "NAME is a nixpkgs attribute (--from nixos, the default) or an Arch package (--from arch).\n\n" +
			"Examples:\n" +
			"   nixarch map firefox ripgrep python3Packages.requests\n" +
			"   nixarch map --from arch neovim yay --format json",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "from", Usage: "the side NAME is from: nixos or arch", Value: "nixos"},
			&cli.StringFlag{Name: "format", Usage: "text or json", Value: "text"},
			&cli.BoolFlag{Name: "strict", Usage: "exit with status 3 if any NAME could not be mapped"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageErrorf("map needs at least one NAME").withHint("nixarch map firefox")
			}
			from := mappings.Distro(c.String("from"))
			if from != mappings.NixOS && from != mappings.Arch {
				return usageErrorf("--from must be nixos or arch, not %q", from)
			}
			format := c.String("format")
			if format != "text" && format != "json" {
				return usageErrorf("--format must be text or json, not %q", format)
			}
			table, err := mappings.Default()
			if err != nil {
				return err
			}
			results := make([]mapResult, c.NArg())
			unmapped := false
			for i, name := range c.Args().Slice() {
				r := table.Lookup(from, name)
				results[i] = mapResult{Name: name, From: from, Match: r.Match, Reason: r.Reason, Suggestions: r.Suggestions}
				unmapped = unmapped || r.Match == nil
			}
			if format == "json" {
				data, err := json.MarshalIndent(results, "", "  ")
				if err != nil {
					return err
				}
				fmt.Fprintf(con.stdout, "%s\n", data)
			} else {
				printMapText(con, results)
			}
			if c.Bool("strict") && unmapped {
				return errUnmapped
			}
			return nil
		},
	}
}

// mapResult is one line of "nixarch map" output; its JSON form is part of
// the command's interface.
type mapResult struct {
	Name        string          `json:"name"`
	From        mappings.Distro `json:"from"`
	Match       *mappings.Match `json:"match"`
	Reason      string          `json:"reason,omitempty"`
	Suggestions []string        `json:"suggestions,omitempty"`
}

func printMapText(con *console, results []mapResult) {
	tw := tabwriter.NewWriter(con.stdout, 0, 4, 2, ' ', 0)
	for _, r := range results {
		if m := r.Match; m != nil {
			fmt.Fprintf(tw, "%s\t→ %s\t%s\t%s, %s confidence\n", r.Name, m.Target, m.Repo, m.Method, m.Confidence)
			if con.verbose && m.Evidence != "" {
				fmt.Fprintf(tw, "\t  %s\t\t\n", m.Evidence)
			}
			continue
		}
		fmt.Fprintf(tw, "%s\t→ (unmapped)\t\t%s\n", r.Name, r.Reason)
		if len(r.Suggestions) > 0 {
			fmt.Fprintf(tw, "\t  check by hand: %s\t\t\n", strings.Join(r.Suggestions, ", "))
		}
	}
	tw.Flush()
}
