package arch

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/nixarch/nixarch/model"
)

// The places of pacman's databases inside an Arch root, as paths of an
// fs.FS (no leading slash).
const (
	dbPath    = "var/lib/pacman"
	localPath = dbPath + "/local"
	syncPath  = dbPath + "/sync"
)

// ErrNotArchRoot is returned, wrapped, by ImportRoot and the Database
// constructors when a folder has no pacman local database
// (var/lib/pacman/local), so it is not the root of an Arch system.
var ErrNotArchRoot = errors.New("not an Arch Linux root")

// A Database reads the pacman databases of one Arch root. There are two
// implementations: NewGoDatabase, in pure Go, and, when nixarch is built
// with the alpm tag, one that asks libalpm. Both return the same packages
// in the same order, so that ImportRoot gives the same model with either.
type Database interface {
	// Local returns the installed packages, sorted by name. A package that
	// cannot be read is left out and reported in the returned findings.
	Local() ([]DBPackage, []model.Finding, error)
	// Sync returns the sync databases, the first one that has a package
	// being the repository it is installed from: the order of the sections
	// of etc/pacman.conf, then databases it does not name, by name.
	Sync() ([]SyncDB, []model.Finding, error)
	// Close releases what the Database holds.
	Close() error
}

// DBPackage is one package of a pacman database, local or sync: the parts
// of its desc entry that nixarch uses.
type DBPackage struct {
	Name     string
	Version  string
	Desc     string
	Arch     string
	Groups   []string
	Provides []string
	Depends  []string
	// Dependency is true when the package was installed as a dependency
	// (%REASON% 1). It is always false in a sync database.
	Dependency bool
	// Origin is the desc entry, as a path inside the Arch system, and the
	// line of the package's name where the backend knows it.
	Origin model.Origin
}

// SyncDB is one sync database: a repository such as core, extra or
// multilib, read from var/lib/pacman/sync/NAME.db.
type SyncDB struct {
	Name     string
	Packages []DBPackage // sorted by name
	Origin   model.Origin
}

// systemPath turns a path of an fs.FS rooted at an Arch root into the
// absolute path inside that system, which origins name.
func systemPath(name string) string { return "/" + name }

// syncDBNames lists the sync databases under var/lib/pacman/sync, the
// NAME of every NAME.db, in the order pacman uses them: the repository
// sections of etc/pacman.conf first, in that file's order, then the others
// by name. Both backends use it, so they agree on which repository has a
// package that several have.
func syncDBNames(fsys fs.FS) ([]string, []model.Finding, error) {
	entries, err := fs.ReadDir(fsys, syncPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, []model.Finding{{
			Severity: model.SeverityWarning,
			Message:  "no sync databases: every package is taken as foreign; run pacman -Sy on the system first",
			Origin:   model.Origin{File: systemPath(syncPath)},
		}}, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("list sync databases: %w", err)
	}
	var found []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".db"); ok && name != "" && !e.IsDir() {
			found = append(found, name)
		}
	}
	order, findings := pacmanConfRepos(fsys)
	var names []string
	for _, name := range order {
		if slices.Contains(found, name) && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	for _, name := range found { // already sorted by ReadDir
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names, findings, nil
}

// pacmanConfRepos returns the names of the repository sections of
// etc/pacman.conf, in order. Include lines are not followed: the sections
// themselves are in pacman.conf.
func pacmanConfRepos(fsys fs.FS) ([]string, []model.Finding) {
	const name = "etc/pacman.conf"
	var repos []string
	_, findings := readLines(fsys, name, func(line string, _ int) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			if s := strings.TrimSpace(line[1 : len(line)-1]); s != "options" && s != "" {
				repos = append(repos, s)
			}
		}
	})
	return repos, findings
}

// checkLocalDir checks that fsys is an Arch root: that it has a pacman
// local database.
func checkLocalDir(fsys fs.FS) error {
	info, err := fs.Stat(fsys, localPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%w: it has no pacman local database, %s", ErrNotArchRoot, systemPath(localPath))
	case err != nil:
		return fmt.Errorf("%w: %s: %w", ErrNotArchRoot, systemPath(localPath), trimPathError(err))
	case !info.IsDir():
		return fmt.Errorf("%w: %s is not a directory", ErrNotArchRoot, systemPath(localPath))
	}
	return nil
}
