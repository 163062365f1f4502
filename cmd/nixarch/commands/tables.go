package commands

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/importer/arch"
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
	table, err := mappings.DefaultWithOverrides(files...)
	if err != nil {
		return nil, err
	}
	pkgs, err := c.syncPackages()
	if err != nil {
		return nil, err
	}
	return table.WithSync(pkgs), nil
}

// syncPackages reads the pacman sync databases that Arch names are
// confirmed against: those of --arch-root, or of this machine when it is
// an Arch system that has them. Elsewhere there are none.
func (c *console) syncPackages() ([]mappings.SyncPackage, error) {
	root := c.archRoot
	if root == "" {
		if _, err := os.Stat("/etc/arch-release"); err != nil {
			return nil, nil
		}
		if dbs, _ := filepath.Glob("/var/lib/pacman/sync/*.db"); len(dbs) == 0 {
			return nil, nil
		}
		root = "/"
	}
	db, err := arch.OpenDatabase(root, "")
	if err != nil {
		return nil, withHint(err, "--arch-root names the Arch system whose sync databases confirm package names")
	}
	defer db.Close()
	dbs, findings, err := db.Sync()
	if err != nil {
		return nil, err
	}
	for _, f := range findings {
		c.warnf("%s: %s", f.Origin, f.Message)
	}
	var pkgs []mappings.SyncPackage
	for _, d := range dbs {
		for _, p := range d.Packages {
			pkgs = append(pkgs, mappings.SyncPackage{Name: p.Name, Repo: d.Name, Provides: p.Provides, Groups: p.Groups})
		}
	}
	if len(pkgs) == 0 {
		c.warnf("%s has no sync databases to confirm package names against: run pacman -Sy there first", root)
		return nil, nil
	}
	c.infof("confirming Arch package names against the sync databases of %s (%d packages)", root, len(pkgs))
	return pkgs, nil
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
