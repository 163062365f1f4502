package commands

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/mappings/options"
	"github.com/nixarch/nixarch/model"
)

// userMappingsFile is the override file read when it exists, below
// $XDG_CONFIG_HOME (or ~/.config).
const userMappingsFile = "nixarch/mappings.yaml"

// mappingTable returns the embedded mapping table with the user's
// overrides layered over it: first the file in the config folder, then
// each --mappings file, later ones winning.
func (c *console) mappingTable() (*mappings.Table, error) {
	var files []string
	if f := userMappingsPath(); f != "" {
		if _, err := os.Stat(f); err == nil {
			files = append(files, f)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	files = append(files, c.mappingFiles...)
	for _, f := range files {
		c.debugf("mapping overrides from %s", f)
	}
	return mappings.DefaultWithOverrides(files...)
}

func userMappingsPath() string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, userMappingsFile)
}

// buildReport maps sys to the target distribution through the mapping
// table (with the user's overrides) and the option table.
func (c *console) buildReport(sys *model.System, to mappings.Distro, extra ...report.BuildOption) (*report.Report, error) {
	table, err := c.mappingTable()
	if err != nil {
		return nil, err
	}
	opts, err := options.Default()
	if err != nil {
		return nil, err
	}
	return report.Build(sys, table, to, append([]report.BuildOption{report.WithOptionTable(opts)}, extra...)...), nil
}
