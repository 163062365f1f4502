package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/nixarch/nixarch/mappings"
)

// ANSI colours for Text. They are applied to whole lines after the table
// is aligned, so they cannot disturb the alignment.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// Text writes r for a terminal: a summary, a table of all packages, then
// findings and manual steps. With color, unmapped packages and errors are
// red, warnings and low-confidence mappings yellow, manual steps cyan; all
// text from the model has control characters removed, so a package name
// cannot smuggle escape sequences to the terminal.
func (r *Report) Text(w io.Writer, color bool) error {
	var out bytes.Buffer
	paint := func(code, line string) string {
		if !color || code == "" {
			return line
		}
		return code + line + ansiReset
	}
	s := r.Summary
	fmt.Fprintln(&out, paint(ansiBold, "nixarch report: "+OneLine(describeSource(r.Source, plain))+" → "+OneLine(r.To)))
	fmt.Fprintf(&out, "%d packages: %d mapped, %d unmapped, %d from the AUR; %d options, %d dotfiles, %d findings\n",
		s.Packages, s.Mapped, s.Unmapped, s.AUR, s.Options, s.Dotfiles, s.Findings)

	if s.Packages > 0 {
		var rows []string
		var colors []string
		rows = append(rows, "PACKAGE\tTARGET\tREPO\tCONFIDENCE\tORIGIN\tNOTE")
		colors = append(colors, ansiBold)
		// Mapped and unmapped are listed together, by name, as the user
		// thinks of them.
		i, j := 0, 0
		for i < len(r.Packages) || j < len(r.Unmapped) {
			if j >= len(r.Unmapped) || (i < len(r.Packages) && r.Packages[i].From <= r.Unmapped[j].Name) {
				p := r.Packages[i]
				i++
				c := ""
				if p.Confidence == string(mappings.ConfidenceLow) {
					c = ansiYellow
				}
				rows = append(rows, cells(p.From, targetText(p), p.Repo, p.Confidence, p.Origin, p.Setting))
				colors = append(colors, c)
				continue
			}
			u := r.Unmapped[j]
			j++
			note := u.Reason
			if len(u.Suggestions) > 0 {
				note += "; did you mean " + strings.Join(u.Suggestions, ", ") + "?"
			}
			rows = append(rows, cells(u.Name, "-", "unmapped", "-", u.Origin, note))
			colors = append(colors, ansiRed)
		}
		var table bytes.Buffer
		tw := tabwriter.NewWriter(&table, 0, 4, 2, ' ', 0)
		for _, r := range rows {
			fmt.Fprintln(tw, r)
		}
		tw.Flush()
		out.WriteByte('\n')
		for k, l := range strings.Split(strings.TrimSuffix(table.String(), "\n"), "\n") {
			out.WriteString(paint(colors[k], strings.TrimRight(l, " ")) + "\n")
		}
	}

	if len(r.Findings) > 0 {
		fmt.Fprintln(&out, "\n"+paint(ansiBold, "Findings:"))
		for _, f := range r.Findings {
			c := map[string]string{"error": ansiRed, "warning": ansiYellow, "manual": ansiCyan}[f.Severity]
			fmt.Fprintln(&out, paint(c, "  "+OneLine(f.Severity)+": "+OneLine(f.Message)+at(f.Origin)))
		}
	}
	if len(r.Manual) > 0 {
		fmt.Fprintln(&out, "\n"+paint(ansiBold, "Manual steps:"))
		for _, m := range r.Manual {
			why := ""
			if m.Why != "" {
				why = ": " + OneLine(m.Why)
			}
			fmt.Fprintln(&out, paint(ansiCyan, "  - "+OneLine(m.Step)+at(m.Origin)+why))
		}
	}
	if _, err := w.Write(out.Bytes()); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// cells joins values as one tabwriter row; tabs inside values would start
// new columns, and oneLine turns them into spaces.
func cells(values ...string) string {
	for i, v := range values {
		values[i] = OneLine(v)
	}
	return strings.Join(values, "\t")
}

func at(origin string) string {
	if origin == "" {
		return ""
	}
	return " (" + OneLine(origin) + ")"
}

func plain(s string) string { return s }

// targetText is what a report shows as a package's target: the name to
// install, or what stands for it when there is none.
func targetText(p Package) string {
	switch {
	case p.To != "":
		return p.To
	case p.Setting != "":
		return "(a setting)"
	}
	return "(nothing to install)"
}
