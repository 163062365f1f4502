package exporter

import (
	"fmt"
	"io"
	"path/filepath"
)

// NewDryRunWriter returns a Writer that makes the same checks as the real
// one, so it fails with the same errors, and then prints one line per
// action to plan instead of writing:
//
//	would create out/
//	would write out/configuration.nix (812 bytes, 0644)
//	would replace out/REPORT.md (2048 bytes, 0644)
func NewDryRunWriter(plan io.Writer, opts Options) Writer {
	return &dryRunWriter{out: plan, opts: opts}
}

type dryRunWriter struct {
	out  io.Writer
	opts Options
}

// WriteTree checks the tree and the folder and prints the plan.
func (w *dryRunWriter) WriteTree(dir string, files []File) error {
	p, err := makePlan(dir, files, w.opts)
	if err != nil {
		return err
	}
	var lines []string
	for _, d := range p.parents {
		lines = append(lines, "would create "+d+string(filepath.Separator))
	}
	if p.fresh && !p.dirExists {
		lines = append(lines, "would create "+p.dir+string(filepath.Separator))
	}
	for _, d := range p.newDirs {
		lines = append(lines, "would create "+p.osPath(d)+string(filepath.Separator))
	}
	for _, f := range p.files {
		verb := "write"
		if p.replace[f.Path] {
			verb = "replace"
		}
		if f.IsLink() {
			lines = append(lines, fmt.Sprintf("would %s %s (a link to %s)", verb, p.osPath(f.Path), f.Content))
			continue
		}
		lines = append(lines, fmt.Sprintf("would %s %s (%d bytes, %04o)", verb, p.osPath(f.Path), len(f.Content), uint32(f.Mode)))
	}
	for _, l := range lines {
		if _, err := fmt.Fprintln(w.out, l); err != nil {
			return fmt.Errorf("print dry-run plan: %w", err)
		}
	}
	return nil
}
