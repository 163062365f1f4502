package dotfiles

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/nixarch/nixarch/model"
)

// Layout is the shape of the repository Render writes.
type Layout string

// The layouts.
const (
	// LayoutStow gives one GNU stow package per program and an install.sh
	// that links them into $HOME.
	LayoutStow Layout = "stow"
	// LayoutChezmoi gives a chezmoi source folder (dot_config/git/config).
	LayoutChezmoi Layout = "chezmoi"
)

// File is one file of the rendered repository. It mirrors exporter.File
// without importing it, so that the arrows keep pointing down: exporters
// import dotfiles, never the other way round.
type File struct {
	// Path is slash-separated and relative to the repository's root.
	Path string
	// Mode holds the permission bits: 0644, 0600 or 0755; or
	// fs.ModeSymlink|0777 for a symbolic link.
	Mode fs.FileMode
	// Content is the file's bytes, or a link's target: a relative path to
	// a file of the same package.
	Content []byte
}

// linkMode is the mode of a File that is a symbolic link.
const linkMode = fs.ModeSymlink | fs.ModePerm

// PackageInfo describes one stow package (or, for chezmoi, one group of
// files): the files it puts in $HOME and where they came from.
type PackageInfo struct {
	// Name is the stow package, such as "git".
	Name string
	// Targets are the files' paths relative to $HOME, sorted.
	Targets []string
	// Sources name the options the files were rendered from, such as
	// "programs.git" or "home.file", with their origins, sorted.
	Sources []Source
}

// Source is one option set or file entry a package was rendered from.
type Source struct {
	What   string
	Origin model.Origin
}

// Result is a rendered dotfiles repository.
type Result struct {
	// User is the user whose home the repository describes.
	User string
	// Files are sorted by Path.
	Files []File
	// Findings are what could not be rendered, what was guessed and what
	// must be done by hand, sorted by origin.
	Findings []model.Finding
	// Packages are sorted by Name.
	Packages []PackageInfo
	// Targets are the files put in $HOME, one each, sorted by Path.
	Targets []Target
	// Programs are the nixpkgs packages of the rendered programs, which
	// home-manager installs along with their files, sorted by Option.
	Programs []ProgramPackage
}

// ProgramPackage is the package an enabled home-manager module installs.
type ProgramPackage struct {
	// Option is the module's option set, such as "programs.alacritty".
	Option string
	// Attr is the nixpkgs attribute of its package, such as "alacritty".
	Attr   string
	Origin model.Origin
}

// Target is one file the repository puts in $HOME.
type Target struct {
	// Path is relative to $HOME, slash-separated.
	Path string
	// Package is the stow package that holds it.
	Package string
	// What is the option it was rendered from, such as "programs.git".
	What   string
	Origin model.Origin
}

// Options tune RenderWith.
type Options struct {
	// Layout is LayoutStow when empty.
	Layout Layout
	// User selects whose home to render. When empty, the only user who owns
	// programs, dotfiles, variables or aliases is taken.
	User string
	// BaseDir is the folder that relative home.file sources are read from
	// (the model file's folder). When empty, sources are not read and each
	// one becomes a finding.
	BaseDir string
}

// ErrNoUser is returned when no user owns anything to render.
var ErrNoUser = errors.New("no user owns programs, dotfiles, variables or aliases")

// ErrSeveralUsers is returned when Options.User is empty and more than one
// user owns something to render.
var ErrSeveralUsers = errors.New("several users own dotfiles; choose one")

// ErrLayout is returned for a layout this package does not know.
var ErrLayout = errors.New("unknown dotfiles layout")

// Render renders the dotfiles of the only user in sys with layout. See
// RenderWith.
func Render(sys *model.System, layout Layout) (*Result, error) {
	return RenderWith(sys, Options{Layout: layout})
}

// RenderWith renders one user's home-manager programs, home files, session
// variables, shell aliases and user services into a dotfiles repository.
// Bad input, such as a target outside $HOME, is reported as a
// model.ErrorList naming every place; no partial result is returned then.
func RenderWith(sys *model.System, opts Options) (*Result, error) {
	if opts.Layout == "" {
		opts.Layout = LayoutStow
	}
	if opts.Layout != LayoutStow && opts.Layout != LayoutChezmoi {
		return nil, fmt.Errorf("%w %q (want %q or %q)", ErrLayout, opts.Layout, LayoutStow, LayoutChezmoi)
	}
	user, err := pickUser(sys, opts.User)
	if err != nil {
		return nil, err
	}
	r := newRenderer(sys, user, opts)
	r.renderAll()
	if err := r.errs.Err(); err != nil {
		return nil, err
	}
	res := &Result{User: user, Findings: r.sortedFindings()}
	res.Packages = r.packages()
	for _, f := range r.files {
		res.Targets = append(res.Targets, Target{Path: f.target, Package: f.pkg, What: f.what, Origin: f.origin})
	}
	slices.SortFunc(res.Targets, func(a, b Target) int { return cmp.Compare(a.Path, b.Path) })
	res.Programs = r.programPackages()
	switch opts.Layout {
	case LayoutStow:
		res.Files = stowFiles(r.files, res.Packages, res.Findings)
	case LayoutChezmoi:
		res.Files = chezmoiFiles(r.files, res.Packages, res.Findings)
	}
	slices.SortFunc(res.Files, func(a, b File) int { return cmp.Compare(a.Path, b.Path) })
	return res, nil
}

// pickUser returns want, or the only user who owns something to render.
func pickUser(sys *model.System, want string) (string, error) {
	if want != "" {
		return want, nil
	}
	names := sys.HomeOwners()
	for _, sv := range sys.Services {
		if name, ok := sv.Owner.User(); ok && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	switch len(names) {
	case 0:
		return "", ErrNoUser
	case 1:
		return names[0], nil
	}
	return "", fmt.Errorf("%w: %s", ErrSeveralUsers, strings.Join(names, ", "))
}
