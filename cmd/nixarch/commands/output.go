package commands

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/nixarch/nixarch/exporter"
	"github.com/nixarch/nixarch/model"
)

// writeModel encodes sys and writes it to path, or to stdout when path is
// "" or "-". An existing file is replaced only with force.
func writeModel(con *console, sys *model.System, path string, force bool) error {
	data, err := model.Encode(sys)
	if err != nil {
		return fmt.Errorf("encode model: %w", err)
	}
	if path == "" || path == "-" {
		_, err := con.stdout.Write(data)
		return err
	}
	if err := exporter.WriteFile(path, data, 0o644, exporter.Options{Force: force}); err != nil {
		return withOutputHint(err)
	}
	con.infof("wrote %s (%d packages, %d findings)", path, len(sys.Packages), len(sys.Findings))
	return nil
}

// writer returns the write interface for an export: the real one, or the
// dry-run one that prints its plan to stdout.
func writer(con *console, force, dryRun bool) exporter.Writer {
	opts := exporter.Options{Force: force}
	if dryRun {
		return exporter.NewDryRunWriter(con.stdout, opts)
	}
	return exporter.NewRealWriter(opts)
}

func withOutputHint(err error) error {
	if errors.Is(err, exporter.ErrNotEmpty) || errors.Is(err, exporter.ErrExists) {
		return withHint(err, "pass --force to replace it, or choose another output with -o")
	}
	return err
}

// requiredOutput returns the -o DIR of a command that writes a folder.
func requiredOutput(c *cli.Context) (string, error) {
	dir := c.String("output")
	if dir == "" || dir == "-" {
		return "", usageErrorf("%s needs an output folder: -o DIR", c.Command.FullName())
	}
	return dir, nil
}
