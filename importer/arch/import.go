package arch

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/nixarch/nixarch/model"
)

// StdinName is the file name that origins and errors give to a list read
// from standard input, which is named "-" on the command line.
const StdinName = "<stdin>"

// ListFile names one package list for ImportPackageLists.
type ListFile struct {
	// Path is the list's file, or "-" for standard input.
	Path string
	// Foreign marks every package in the list as foreign, as
	// ListOptions.Foreign does.
	Foreign bool
}

// ImportPackageLists reads package lists into a new model.System whose
// Source is {Kind: model.SourcePkgList, Path: the first list, Files: the
// others}. A Path of "-" reads stdin, at most once.
//
// A package in more than one list is kept once, at its first line, so that
// "pacman -Qqe > all.txt; pacman -Qqm > foreign.txt" imports each package
// once. A later list may add what the first one lacked, the foreign mark
// and the version; every such repeat gives an info finding, or a warning
// when the versions differ (the first is kept).
//
// The errors of all lists are returned together as a model.ErrorList; on
// any error the System is nil.
func ImportPackageLists(stdin io.Reader, lists ...ListFile) (*model.System, error) {
	if len(lists) == 0 {
		return nil, errors.New("no package lists given")
	}
	source := model.Source{Kind: model.SourcePkgList, Path: lists[0].Path}
	for _, l := range lists[1:] {
		source.Files = append(source.Files, l.Path)
	}
	sys := model.New(source)
	seen := make(map[string]int) // package name to its index in sys.Packages
	var errs model.ErrorList
	stdinRead := false
	for _, l := range lists {
		if l.Path == "-" {
			if stdinRead {
				return nil, errors.New(`standard input ("-") is given as a package list more than once`)
			}
			stdinRead = true
		}
		pkgs, findings, err := readListFile(l, stdin)
		var list model.ErrorList
		switch {
		case errors.As(err, &list):
			errs = append(errs, list...)
		case err != nil:
			return nil, err
		}
		sys.Findings = append(sys.Findings, findings...)
		for _, p := range pkgs {
			if i, ok := seen[p.Name]; ok {
				sys.Findings = append(sys.Findings, mergePackage(&sys.Packages[i], p))
				continue
			}
			seen[p.Name] = len(sys.Packages)
			sys.Packages = append(sys.Packages, p)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return sys, nil
}

// readListFile reads the list l names, from stdin when its Path is "-".
func readListFile(l ListFile, stdin io.Reader) ([]model.Package, []model.Finding, error) {
	opts := ListOptions{Foreign: l.Foreign}
	if l.Path == "-" {
		return ReadPackageList(StdinName, stdin, opts)
	}
	f, err := os.Open(l.Path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return ReadPackageList(l.Path, f, opts)
}

// mergePackage merges into first what a later list says about the same
// package and returns the finding that tells the user: info when the later
// list only adds the foreign mark or a version, a warning when its version
// differs.
func mergePackage(first *model.Package, later model.Package) model.Finding {
	f := model.Finding{
		Severity: model.SeverityInfo,
		Message:  fmt.Sprintf("package %q is also listed at %s", later.Name, first.Origin),
		Origin:   later.Origin,
	}
	if later.Repo == model.RepoForeign && first.Repo != model.RepoForeign {
		first.Repo = model.RepoForeign
		f.Message += "; marked foreign here"
	}
	switch {
	case later.Version == "" || later.Version == first.Version:
	case first.Version == "":
		first.Version = later.Version
		f.Message += "; version " + later.Version + " taken from here"
	default:
		f.Severity = model.SeverityWarning
		f.Message += fmt.Sprintf("; version %s here differs, keeping %s", later.Version, first.Version)
	}
	return f
}
