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
			table, err := con.mappingTable()
			if err != nil {
				return err
			}
			results := make([]mapResult, c.NArg())
			unmapped := false
			for i, name := range c.Args().Slice() {
				results[i] = newMapResult(name, from, table.Lookup(from, name))
				unmapped = unmapped || results[i].Method == ""
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

// mapResult is one name of "nixarch map" output; its JSON form, an array
// of these in the order the names were given, is part of the command's
// interface. To is empty when the name is unmapped, and also when nothing
// needs installing (method "baseline", or a Setting that stands for the
// package); Method is empty only when unmapped.
type mapResult struct {
	Name        string          `json:"name"`
	From        mappings.Distro `json:"from"`
	To          []string        `json:"to"`
	Repo        string          `json:"repo"`
	Method      mappings.Method `json:"method"`
	Confidence  string          `json:"confidence"`
	Setting     string          `json:"setting,omitempty"`
	Suggestions []string        `json:"suggestions"`
	Reason      string          `json:"reason,omitempty"`
	Evidence    string          `json:"evidence,omitempty"`
}

func newMapResult(name string, from mappings.Distro, r mappings.Result) mapResult {
	out := mapResult{Name: name, From: from, To: []string{}, Suggestions: append([]string{}, r.Suggestions...), Reason: r.Reason}
	if len(out.Suggestions) > 3 {
		out.Suggestions = out.Suggestions[:3]
	}
	if m := r.Match; m != nil {
		if m.Target != "" {
			out.To = []string{m.Target}
		}
		out.Repo, out.Method, out.Confidence = m.Repo, m.Method, string(m.Confidence)
		out.Setting, out.Evidence = m.Setting, m.Evidence
	}
	return out
}

func printMapText(con *console, results []mapResult) {
	tw := tabwriter.NewWriter(con.stdout, 0, 4, 2, ' ', 0)
	for _, r := range results {
		if r.Method != "" {
			target := strings.Join(r.To, ", ")
			switch {
			case target != "":
			case r.Setting != "":
				target = "(a setting)"
			default:
				target = "(nothing to install)"
			}
			fmt.Fprintf(tw, "%s\t→ %s\t%s\t%s, %s confidence\n", r.Name, target, r.Repo, r.Method, r.Confidence)
			if r.Setting != "" {
				fmt.Fprintf(tw, "\t  set %s\t\t\n", r.Setting)
			}
			if con.verbose && r.Evidence != "" {
				fmt.Fprintf(tw, "\t  %s\t\t\n", r.Evidence)
			}
			continue
		}
		fmt.Fprintf(tw, "%s\t→ (unmapped)\t\t%s\n", r.Name, r.Reason)
		if len(r.Suggestions) > 0 {
			fmt.Fprintf(tw, "\t  closest: %s\t\t\n", strings.Join(r.Suggestions, ", "))
		}
	}
	tw.Flush()
}
