package commands

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/nixarch/nixarch/dotfiles"
	"github.com/nixarch/nixarch/exporter"
	"github.com/nixarch/nixarch/exporter/arch"
	"github.com/nixarch/nixarch/exporter/nixos"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/model"
)

func exportCommand(con *console) *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write a nixarch model as an Arch or NixOS configuration",
		Description: "Examples:\n" +
			"   nixarch export nixos model.yaml -o out\n" +
			"   nixarch export arch model.yaml -o out --dry-run",
		Subcommands: []*cli.Command{
			exportTargetCommand(con, mappings.NixOS),
			exportTargetCommand(con, mappings.Arch),
		},
	}
}

func exportTargetCommand(con *console, to mappings.Distro) *cli.Command {
	what := map[mappings.Distro]string{
		mappings.NixOS: "configuration.nix and REPORT.md",
		mappings.Arch:  "pacman and AUR lists, setup.sh, dotfiles and REPORT.md",
	}[to]
	return &cli.Command{
		Name:      string(to),
		Usage:     "write " + what,
		ArgsUsage: "MODEL",
		Description: fmt.Sprintf("MODEL is a file written by 'nixarch import' ('-' reads standard input).\n"+
			"A non-empty output folder is replaced only with --force.\n\n"+
			"Examples:\n"+
			"   nixarch export %[1]s model.yaml -o out\n"+
			"   nixarch export %[1]s model.yaml -o out --dry-run", to),
		Flags: append([]cli.Flag{
			outputFlag("write into folder `DIR` (required)"),
			forceFlag,
			dryRunFlag,
		}, dotfilesFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErrorf("export %s needs exactly one MODEL, got %d", to, c.NArg()).withHint("nixarch export %s --help", to)
			}
			dir, err := requiredOutput(c)
			if err != nil {
				return err
			}
			var sys *model.System
			if path := c.Args().First(); path == "-" {
				sys, err = model.Read("-", con.stdin)
			} else {
				sys, err = model.ReadFile(path)
			}
			if err != nil {
				return err
			}
			return export(con, newExportJob(c, sys, to, dir, modelDir(c.Args().First())))
		},
	}
}

// exportJob is one export: what to write, where, and how.
type exportJob struct {
	sys           *model.System
	to            mappings.Distro
	dir           string
	force, dryRun bool
	// layout and user choose the dotfiles repository (Arch only); baseDir
	// is where relative home.file sources are read from.
	layout  dotfiles.Layout
	user    string
	baseDir string
}

// newExportJob reads the flags every exporting command shares.
func newExportJob(c *cli.Context, sys *model.System, to mappings.Distro, dir, baseDir string) *exportJob {
	return &exportJob{sys: sys, to: to, dir: dir, force: c.Bool("force"), dryRun: c.Bool("dry-run"),
		layout: dotfiles.Layout(c.String("layout")), user: c.String("user"), baseDir: baseDir}
}

// dotfilesFlags are the flags for the dotfiles repository of an Arch export.
func dotfilesFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "layout", Usage: "the dotfiles repository's layout (Arch): stow or chezmoi", Value: string(dotfiles.LayoutStow)},
		&cli.StringFlag{Name: "user", Usage: "whose home-manager settings become dotfiles, when several users have some (Arch)"},
	}
}

// export maps the model to the target distribution, renders the output
// files and writes them into the job's folder, or only says what it would
// write with dryRun.
func export(con *console, job *exportJob) error {
	sys, to := job.sys, job.to
	if job.layout != dotfiles.LayoutStow && job.layout != dotfiles.LayoutChezmoi {
		return usageErrorf("--layout must be %s or %s, not %q", dotfiles.LayoutStow, dotfiles.LayoutChezmoi, job.layout)
	}
	if to == mappings.Arch && sys.Source.Kind != model.SourceNixOS {
		return fmt.Errorf("the model describes an Arch system already; export it to nixos instead")
	}
	if to == mappings.NixOS && sys.Source.Kind == model.SourceNixOS {
		return fmt.Errorf("the model describes a NixOS system already; export it to arch instead")
	}
	var home *dotfiles.Result
	if to == mappings.Arch {
		var err error
		if home, err = archDotfiles(con, sys, job.layout, job.user, job.baseDir); err != nil {
			return err
		}
	}
	rep, err := con.buildReport(sys, to, arch.ReportOptions(home)...)
	if err != nil {
		return err
	}
	var files []exporter.File
	if to == mappings.Arch {
		files, err = arch.Render(sys, rep, arch.Options{Generator: "nixarch " + Version(), Dotfiles: home})
	} else {
		files, err = nixos.Render(sys, rep, nixos.Options{Generator: "nixarch " + Version()})
	}
	if err != nil {
		return err
	}
	if err := writer(con, job.force, job.dryRun).WriteTree(job.dir, files); err != nil {
		return withOutputHint(err)
	}
	if !job.dryRun {
		con.infof("wrote %d files to %s: %d packages mapped, %d unmapped (see %s/REPORT.md)",
			len(files), job.dir, rep.Summary.Mapped, rep.Summary.Unmapped, job.dir)
	}
	return nil
}

// archDotfiles renders the dotfiles repository of an Arch export: nil
// when no user has home-manager settings.
func archDotfiles(con *console, sys *model.System, layout dotfiles.Layout, user, baseDir string) (*dotfiles.Result, error) {
	if layout == "" {
		layout = dotfiles.LayoutStow
	}
	if layout != dotfiles.LayoutStow && layout != dotfiles.LayoutChezmoi {
		return nil, usageErrorf("--layout must be %s or %s, not %q", dotfiles.LayoutStow, dotfiles.LayoutChezmoi, layout)
	}
	res, err := dotfiles.RenderWith(sys, dotfiles.Options{Layout: layout, User: user, BaseDir: baseDir})
	switch {
	case errors.Is(err, dotfiles.ErrNoUser):
		con.debugf("no user has home-manager settings: no dotfiles repository")
		return nil, nil
	case errors.Is(err, dotfiles.ErrSeveralUsers):
		return nil, withHint(err, "choose whose dotfiles to write with --user NAME")
	case err != nil:
		return nil, err
	}
	con.debugf("dotfiles of %s: %d files in %d packages", res.User, len(res.Files), len(res.Packages))
	return res, nil
}

// modelDir is the folder of a model file, where relative sources in it are
// read from; empty for standard input.
func modelDir(path string) string {
	if path == "-" {
		return ""
	}
	return filepath.Dir(path)
}
