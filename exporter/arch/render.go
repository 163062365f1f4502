package arch

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/nixarch/nixarch/dotfiles"
	"github.com/nixarch/nixarch/exporter"
	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/mappings/options"
	"github.com/nixarch/nixarch/model"
)

// Options controls Render.
type Options struct {
	// Generator names the program in the header comment of setup.sh, such
	// as "nixarch 0.1.0". Empty means "nixarch".
	Generator string
	// Options is the table that translates NixOS options. Nil means
	// options.Default().
	Options *options.Table
	// Extra are further files to put in the output, such as the dotfiles/
	// folder that package dotfiles renders. They must not collide with the
	// files Render writes itself.
	Extra []exporter.File
	// Dotfiles is the user's dotfiles repository from package dotfiles, or
	// nil. Render puts its files under dotfiles/, setup.sh links them, and
	// the plan leaves that user's program settings and user units to it.
	Dotfiles *dotfiles.Result
}

// DotfilesDir is the folder of the output that holds the dotfiles
// repository.
const DotfilesDir = "dotfiles"

// ReportOptions are the report.Build options that say what an export with
// the dotfiles repository res writes besides the registered sections: the
// user's variables, aliases, programs, user services and home files, and
// the renderer's findings. res may be nil.
func ReportOptions(res *dotfiles.Result) []report.BuildOption {
	if res == nil {
		return nil
	}
	owner := model.UserOwner(res.User)
	var files []report.RenderedDotfile
	for _, t := range res.Targets {
		files = append(files, report.RenderedDotfile{Target: t.Path, From: t.What, Origin: t.Origin})
	}
	var pkgs []model.Package
	for _, p := range res.Programs {
		pkgs = append(pkgs, model.Package{Name: p.Attr, Repo: "nixpkgs", Owner: owner, Origin: p.Origin})
	}
	return []report.BuildOption{
		report.WithDotfiles(owner, files...),
		report.WithPackages(pkgs...),
		report.ExportsFor(owner, report.SectionEnvironment, report.SectionAliases, report.SectionPrograms,
			report.SectionServices, report.SectionDotfiles),
		report.WithFindings(res.Findings...),
	}
}

// homeOf returns the user of the dotfiles repository, and the option
// sets whose package it installs.
func homeOf(opts Options) (string, map[string]bool) {
	if opts.Dotfiles == nil {
		return "", nil
	}
	installed := map[string]bool{}
	for _, p := range opts.Dotfiles.Programs {
		installed[p.Option] = true
	}
	return opts.Dotfiles.User, installed
}

// The files Render writes, besides Options.Extra.
const (
	PkgList = "pkglist.txt" // official packages, one name a line, for pacman -S --needed -
	AURList = "aur.txt"     // AUR packages, one name a line
	Script  = "setup.sh"    // does the rest; shows it unless run with --apply
	Report  = "REPORT.md"
	JSON    = "report.json"
	Model   = "system.yaml"
)

// Sections are the parts of the model, besides packages, that Render
// writes into setup.sh. They are registered with package report for
// mappings.Arch.
var Sections = []report.Section{
	report.SectionHost, report.SectionUsers, report.SectionGroups, report.SectionServices,
	report.SectionPrograms, report.SectionEtcFiles,
}

func init() {
	report.Register(mappings.Arch,
		report.Exports(Sections...),
		// setup.sh writes the system's variables and aliases to /etc/profile.d.
		report.ExportsFor(model.OwnerSystem, report.SectionEnvironment, report.SectionAliases),
		report.ExportsFor("", report.SectionEnvironment, report.SectionAliases),
		report.WithManualSteps(report.ManualStep{
			Step: "read setup.sh, run ./setup.sh to see what it would do, then run sudo ./setup.sh --apply",
			Why:  "it installs packages and changes users, units and files under /etc",
		}, report.ManualStep{
			Step: "on a machine not yet installed, archinstall --config " + ArchinstallConfig + " installs Arch with this host's settings, kernel, packages and services; it asks for disks, users and passwords",
			Why:  "the file holds no disk layout and no credentials",
		}),
	)
}

// Render returns the files that set up an Arch system like sys: the
// package lists, setup.sh, REPORT.md, report.json and system.yaml, then
// opts.Extra. rep must be sys's report from report.Build for mappings.Arch.
// REPORT.md and report.json are rep with what Render found on the way
// added: options it could not translate, and steps for the user.
func Render(sys *model.System, rep *report.Report, opts Options) ([]exporter.File, error) {
	if sys == nil || rep == nil {
		return nil, errors.New("render arch setup: no system or no report")
	}
	if rep.To != string(mappings.Arch) {
		return nil, fmt.Errorf("render arch setup: report is for %q, not arch", rep.To)
	}
	for _, s := range Sections {
		if !rep.Exported(s) {
			return nil, fmt.Errorf("render arch setup: report does not know that %s are exported; build it with report.Build", s)
		}
	}
	table := opts.Options
	if table == nil {
		var err error
		if table, err = options.Default(); err != nil {
			return nil, fmt.Errorf("render arch setup: %w", err)
		}
	}
	sys, secrets := withoutSecrets(sys)
	p, err := newPlan(sys, rep, table, opts)
	if err != nil {
		return nil, fmt.Errorf("render arch setup: %w", err)
	}
	p.secrets(secrets)
	sh, err := renderScript(p, sys, opts)
	if err != nil {
		return nil, fmt.Errorf("render arch setup: %w", err)
	}
	full := withPlan(rep, p)
	js, err := full.JSON()
	if err != nil {
		return nil, fmt.Errorf("render arch setup: %w", err)
	}
	yml, err := model.Encode(sys)
	if err != nil {
		return nil, fmt.Errorf("render arch setup: %w", err)
	}
	install, err := archinstall(p, sys)
	if err != nil {
		return nil, fmt.Errorf("render arch setup: %w", err)
	}
	files := []exporter.File{
		{Path: PkgList, Mode: exporter.DefaultFileMode, Content: nameList(p.official)},
		{Path: AURList, Mode: exporter.DefaultFileMode, Content: nameList(p.aur)},
		{Path: Script, Mode: exporter.ExecutableMode, Content: sh},
		{Path: Report, Mode: exporter.DefaultFileMode, Content: full.Markdown()},
		{Path: JSON, Mode: exporter.DefaultFileMode, Content: js},
		{Path: Model, Mode: exporter.DefaultFileMode, Content: yml},
		{Path: ArchinstallConfig, Mode: exporter.DefaultFileMode, Content: install},
	}
	if opts.Dotfiles != nil {
		for _, f := range opts.Dotfiles.Files {
			files = append(files, exporter.File{Path: DotfilesDir + "/" + f.Path, Mode: f.Mode, Content: f.Content})
		}
	}
	for _, f := range opts.Extra {
		if slices.ContainsFunc(files, func(g exporter.File) bool { return g.Path == f.Path }) {
			return nil, fmt.Errorf("render arch setup: extra file %s would replace one Render writes", f.Path)
		}
		files = append(files, f)
	}
	return files, nil
}

// FullReport returns rep with what Render adds to it: findings for
// options that have no Arch translation and for what setup.sh leaves
// out, and the steps the user must do by hand. It is what REPORT.md and
// report.json hold, for callers such as "nixarch report --to arch" that
// show a report without rendering. rep is not changed.
func FullReport(sys *model.System, rep *report.Report, opts Options) (*report.Report, error) {
	if sys == nil || rep == nil {
		return nil, errors.New("arch report: no system or no report")
	}
	table := opts.Options
	if table == nil {
		var err error
		if table, err = options.Default(); err != nil {
			return nil, fmt.Errorf("arch report: %w", err)
		}
	}
	sys, secrets := withoutSecrets(sys)
	p, err := newPlan(sys, rep, table, opts)
	if err != nil {
		return nil, fmt.Errorf("arch report: %w", err)
	}
	p.secrets(secrets)
	return withPlan(rep, p), nil
}

// nameList writes a package list as pacman reads it from standard input:
// names only, one a line. pacman takes every line as a target, so the
// list has no comments.
func nameList(names map[string]bool) []byte {
	var b strings.Builder
	for _, n := range sortedKeys(names) {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// withPlan returns a copy of rep with the plan's findings and manual steps
// added. rep is not changed.
func withPlan(rep *report.Report, p *plan) *report.Report {
	c := *rep
	c.Findings = slices.Concat(rep.Findings, p.findings)
	// The report lists the most serious findings first; keep it so.
	slices.SortStableFunc(c.Findings, func(x, y report.Finding) int { return severityRank[x.Severity] - severityRank[y.Severity] })
	c.Manual = slices.Concat(rep.Manual, p.manual)
	c.Summary.Findings = len(c.Findings)
	return &c
}

// severityRank orders findings as package report does.
var severityRank = map[string]int{
	string(model.SeverityError):   0,
	string(model.SeverityWarning): 1,
	string(model.SeverityManual):  2,
	string(model.SeverityInfo):    3,
}

func generator(opts Options) string {
	if opts.Generator == "" {
		return "nixarch"
	}
	return opts.Generator
}
