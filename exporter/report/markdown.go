package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Markdown renders r as the REPORT.md that exporters write: manual steps
// first, since they are what the user must act on, then unmapped packages,
// findings and the full lists. Text from the model is escaped so that it
// cannot change the document's structure.
func (r *Report) Markdown() []byte {
	var b bytes.Buffer
	b.WriteString("# nixarch report\n\n")
	fmt.Fprintf(&b, "Converted %s to %s.\n\n", describeSource(r.Source, mdCode), mdCode(r.To))

	b.WriteString("| Packages | Mapped | Unmapped | AUR | Options | Dotfiles | Findings |\n")
	b.WriteString("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	s := r.Summary
	fmt.Fprintf(&b, "| %d | %d | %d | %d | %d | %d | %d |\n", s.Packages, s.Mapped, s.Unmapped, s.AUR, s.Options, s.Dotfiles, s.Findings)

	section(&b, "Manual steps", len(r.Manual) == 0, func() {
		for _, m := range r.Manual {
			if m.Why == "" {
				fmt.Fprintf(&b, "- [ ] %s%s\n", mdText(m.Step), mdOrigin(m.Origin))
				continue
			}
			fmt.Fprintf(&b, "- [ ] %s — %s%s\n", mdText(m.Step), mdText(m.Why), mdOrigin(m.Origin))
		}
	})
	section(&b, "Unmapped packages", len(r.Unmapped) == 0, func() {
		table(&b, []string{"Package", "Origin", "Reason", "Suggestions"})
		for _, u := range r.Unmapped {
			sugg := make([]string, len(u.Suggestions))
			for i, s := range u.Suggestions {
				sugg[i] = mdCode(s)
			}
			row(&b, mdCode(u.Name), mdCode(u.Origin), mdText(u.Reason), strings.Join(sugg, ", "))
		}
	})
	section(&b, "Findings", len(r.Findings) == 0, func() {
		table(&b, []string{"Severity", "Message", "Origin"})
		for _, f := range r.Findings {
			row(&b, mdText(f.Severity), mdText(f.Message), mdCode(f.Origin))
		}
	})
	section(&b, "Packages", len(r.Packages) == 0, func() {
		table(&b, []string{"From", "To", "Repo", "Method", "Confidence", "Origin", "Evidence"})
		for _, p := range r.Packages {
			to := mdCode(p.To)
			if p.To == "" {
				to = mdText(targetText(p))
			}
			ev := p.Evidence
			if p.Setting != "" {
				ev = "set " + p.Setting + "; " + ev
			}
			row(&b, mdCode(p.From), to, mdText(p.Repo), mdText(p.Method), mdText(p.Confidence), mdCode(p.Origin), mdText(ev))
		}
	})
	section(&b, "Options", len(r.Options) == 0, func() {
		table(&b, []string{"Option", "Actions", "Origin"})
		for _, o := range r.Options {
			row(&b, mdCode(o.Option), mdText(strings.Join(o.Actions, ", ")), mdCode(o.Origin))
		}
	})
	section(&b, "Dotfiles", len(r.Dotfiles) == 0, func() {
		table(&b, []string{"Target", "From", "Origin"})
		for _, d := range r.Dotfiles {
			row(&b, mdCode(d.Target), mdCode(d.From), mdCode(d.Origin))
		}
	})
	return b.Bytes()
}

func section(b *bytes.Buffer, title string, empty bool, body func()) {
	fmt.Fprintf(b, "\n## %s\n\n", title)
	if empty {
		b.WriteString("None.\n")
		return
	}
	body()
}

func table(b *bytes.Buffer, head []string) {
	row(b, head...)
	b.WriteString("|" + strings.Repeat(" --- |", len(head)) + "\n")
}

func row(b *bytes.Buffer, cells ...string) {
	b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

// describeSource says where a report's system came from, with names
// formatted by code.
func describeSource(s Source, code func(string) string) string {
	d := s.Kind
	if d == "" {
		d = "an unknown source"
	}
	if s.Path != "" {
		d += " " + code(s.Path)
	}
	if s.Host != "" {
		d += " (host " + code(s.Host) + ")"
	}
	return d
}

// mdPunct is the ASCII punctuation that Markdown (CommonMark and GitHub
// tables) can give meaning to in the middle of a line; a backslash before
// it makes it literal. Characters that matter only at the start of a line
// (#, -, +, 1.) need nothing, since mdText never starts a line.
const mdPunct = "\\`*_[]<>|&~"

// mdText escapes free text for a Markdown paragraph or table cell.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range OneLine(s) {
		if r < 0x80 && strings.ContainsRune(mdPunct, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCode writes s as a code span, fenced with more backticks than any run
// inside it. Pipes are escaped even there, since GitHub splits table cells
// before it parses spans.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ReplaceAll(OneLine(s), "|", `\|`)
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

func mdOrigin(o string) string {
	if o == "" {
		return ""
	}
	return " (" + mdCode(o) + ")"
}

// JSON renders r with two-space indentation and a trailing newline. Empty
// lists are written as [].
func (r *Report) JSON() ([]byte, error) {
	n := r.normalized()
	b, err := json.MarshalIndent(&n, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode report: %w", err)
	}
	return append(b, '\n'), nil
}
