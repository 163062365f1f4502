package arch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/nixarch/nixarch/model"
)

// Backend names a Database implementation.
type Backend string

// The backends. BackendGo is always built in; BackendALPM only with the
// build tag alpm (cgo and libalpm).
const (
	BackendGo   Backend = "go"
	BackendALPM Backend = "alpm"
)

// ErrBackendUnavailable is returned, wrapped, when a Backend is asked for
// that this build of nixarch does not have.
var ErrBackendUnavailable = errors.New("backend is not built in")

// openALPM opens the libalpm Database; it is nil unless the alpm tag is
// set.
var openALPM func(dir string) (Database, error)

// Backends returns the backends this build has, the default first.
func Backends() []Backend {
	if openALPM == nil {
		return []Backend{BackendGo}
	}
	return []Backend{DefaultBackend, otherBackend(DefaultBackend)}
}

func otherBackend(b Backend) Backend {
	if b == BackendGo {
		return BackendALPM
	}
	return BackendGo
}

// OpenDatabase opens the pacman databases of the Arch root dir with
// backend, or DefaultBackend when backend is empty.
func OpenDatabase(dir string, backend Backend) (Database, error) {
	switch backend {
	case "":
		return OpenDatabase(dir, DefaultBackend)
	case BackendGo:
		root, err := os.OpenRoot(dir)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrNotArchRoot, err)
		}
		db, err := NewGoDatabase(root.FS())
		if err != nil {
			root.Close()
			return nil, err
		}
		return &rootDatabase{db, root}, nil
	case BackendALPM:
		if openALPM == nil {
			return nil, fmt.Errorf("%w: %s (build nixarch with -tags alpm)", ErrBackendUnavailable, backend)
		}
		return openALPM(dir)
	}
	return nil, fmt.Errorf("unknown backend %q (want %q or %q)", backend, BackendGo, BackendALPM)
}

// rootDatabase closes the os.Root a Database reads through.
type rootDatabase struct {
	Database
	root *os.Root
}

func (db *rootDatabase) Close() error {
	return errors.Join(db.Database.Close(), db.root.Close())
}

// RootOptions controls ImportRoot.
type RootOptions struct {
	// Backend is the pacman database reader; empty means DefaultBackend.
	Backend Backend
	// Dotfiles is a GNU stow repository to read as the dotfiles of
	// DotfilesUser (empty: the only regular user); see ImportStow.
	Dotfiles     string
	DotfilesUser string
}

// ImportRoot reads the Arch system whose root folder is dir ("/" for the
// running system, or where one is mounted) into a new model.System with
// Source {Kind: arch, Path: dir}. See ImportFS for what is read.
//
// Every file is read through an os.Root, so no symbolic link inside dir
// can lead out of it: an absolute link is taken inside dir, never on the
// machine nixarch runs on.
func ImportRoot(dir string, opts RootOptions) (*model.System, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotArchRoot, err)
	}
	defer root.Close()
	fsys := root.FS()
	var db Database
	if opts.Backend == BackendGo || opts.Backend == "" && DefaultBackend == BackendGo {
		db, err = NewGoDatabase(fsys)
	} else {
		db, err = OpenDatabase(dir, opts.Backend)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	defer db.Close()
	sys, err := ImportFS(fsys, db, dir)
	if err == nil && opts.Dotfiles != "" {
		err = ImportStow(opts.Dotfiles, opts.DotfilesUser, sys)
	}
	if err != nil {
		return nil, err
	}
	return sys, nil
}

// ImportFS reads the Arch system whose root is fsys, its pacman databases
// through db (NewGoDatabase(fsys) when db is nil). sourcePath becomes the
// model's Source.Path. Paths of fsys are relative to the root: the local
// database is var/lib/pacman/local. Origins name paths inside the Arch
// system, absolute: "/etc/passwd:20:1".
//
// A missing optional file is skipped in silence; a file that is there but
// cannot be read, or a bad line, gives a finding, so that one broken file
// does not stop the import. The error is for a root that is not an Arch
// system (ErrNotArchRoot) or databases that cannot be read at all.
func ImportFS(fsys fs.FS, db Database, sourcePath string) (*model.System, error) {
	if err := checkLocalDir(fsys); err != nil {
		return nil, err
	}
	if db == nil {
		var err error
		if db, err = NewGoDatabase(fsys); err != nil {
			return nil, err
		}
	}
	local, findings, err := db.Local()
	if err != nil {
		return nil, err
	}
	syncs, more, err := db.Sync()
	if err != nil {
		return nil, err
	}
	r := &rootReader{fsys: fsys, sys: model.New(model.Source{Kind: model.SourceArch, Path: sourcePath})}
	r.findings = append(findings, more...)
	installed := r.readPackages(local, syncs)
	r.readHost(installed)
	r.readAccounts()
	r.readServices()
	r.readHomes()
	r.sys.Findings = r.findings
	return r.sys, nil
}

// readPackages turns the local database into packages: each has the Repo
// of the first sync database that has its name, or model.RepoForeign. It
// returns the set of installed names.
func (r *rootReader) readPackages(local []DBPackage, syncs []SyncDB) map[string]bool {
	repoOf := make(map[string]string)
	for _, db := range syncs {
		for _, p := range db.Packages {
			if _, ok := repoOf[p.Name]; !ok {
				repoOf[p.Name] = db.Name
			}
		}
	}
	installed := make(map[string]bool, len(local))
	explicit := make(map[string]bool, len(local))
	for _, p := range local {
		repo, ok := repoOf[p.Name]
		if !ok {
			repo = model.RepoForeign
		}
		installed[p.Name] = true
		explicit[p.Name] = !p.Dependency
		r.sys.Packages = append(r.sys.Packages, model.Package{
			Name:       p.Name,
			Version:    p.Version,
			Repo:       repo,
			Dependency: p.Dependency,
			Owner:      model.OwnerSystem,
			Origin:     p.Origin,
		})
	}
	groups, findings := wholeGroups(syncs, repoOf, explicit)
	r.findings = append(r.findings, findings...)
	// A whole group is also listed under its own name, as a package list
	// that says pacman -S GROUP does, so that the other side can map it
	// as one (gnome → the GNOME desktop option). Its members stay.
	for _, g := range groups {
		if installed[g.name] {
			continue // a package of the same name
		}
		r.sys.Packages = append(r.sys.Packages, model.Package{
			Name:    g.name,
			Project: GroupProject(g.name),
			Repo:    g.repo,
			Owner:   model.OwnerSystem,
			Origin:  g.origin,
		})
	}
	return installed
}

// GroupProject is the Project of the package that stands for a package
// group installed as a whole: "group:NAME", as the mapping table names
// the project of a group.
func GroupProject(name string) string { return "group:" + name }

// wholeGroup is a package group of the sync databases whose members are
// all installed explicitly.
type wholeGroup struct {
	name, repo string
	members    []string
	origin     model.Origin
}

// wholeGroups returns every package group of the sync databases with two
// or more members, all installed explicitly, with an info finding for
// each: the user most likely installed the group (pacman -S base-devel),
// and the other side may have a group or a single option for it. A member
// is counted in the repository it is installed from, as pacman -Sg does.
func wholeGroups(syncs []SyncDB, repoOf map[string]string, explicit map[string]bool) ([]wholeGroup, []model.Finding) {
	groups := make(map[string]*wholeGroup)
	var names []string
	for _, db := range syncs {
		for _, p := range db.Packages {
			if repoOf[p.Name] != db.Name {
				continue
			}
			for _, g := range p.Groups {
				if groups[g] == nil {
					groups[g] = &wholeGroup{name: g, repo: db.Name, origin: db.Origin}
					names = append(names, g)
				}
				groups[g].members = append(groups[g].members, p.Name)
			}
		}
	}
	slices.Sort(names)
	var whole []wholeGroup
	var findings []model.Finding
	for _, name := range names {
		g := groups[name]
		if len(g.members) > 1 && !slices.ContainsFunc(g.members, func(m string) bool { return !explicit[m] }) {
			slices.Sort(g.members)
			whole = append(whole, *g)
			findings = append(findings, model.Finding{
				Severity: model.SeverityInfo,
				Message: fmt.Sprintf("all %d packages of group %s are installed explicitly (pacman -S %s): %s",
					len(g.members), name, name, strings.Join(g.members, " ")),
				Origin: g.origin,
			})
		}
	}
	return whole, findings
}
