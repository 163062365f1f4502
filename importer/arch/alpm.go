//go:build alpm

package arch

import (
	"fmt"
	"os"
	"path/filepath"

	alpm "github.com/Jguer/go-alpm/v2"

	"github.com/nixarch/nixarch/model"
)

// DefaultBackend is the backend ImportRoot uses when RootOptions.Backend
// is empty. This build has the alpm tag, so it is libalpm.
const DefaultBackend = BackendALPM

func init() { openALPM = newALPMDatabase }

// alpmDatabase is the Database that asks libalpm (through go-alpm), the
// library pacman itself uses.
type alpmDatabase struct {
	root   string
	handle *alpm.Handle
}

// newALPMDatabase opens the pacman databases of the Arch root dir with
// libalpm, which reads them in place and takes no lock.
func newALPMDatabase(dir string) (Database, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open root: %w", err)
	}
	defer root.Close()
	if err := checkLocalDir(root.FS()); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	h, err := alpm.Initialize(abs, filepath.Join(abs, filepath.FromSlash(dbPath)))
	if err != nil {
		return nil, fmt.Errorf("libalpm: %w", err)
	}
	return &alpmDatabase{root: abs, handle: h}, nil
}

func (db *alpmDatabase) Close() error {
	if db.handle == nil {
		return nil
	}
	err := db.handle.Release()
	db.handle = nil
	return err
}

func (db *alpmDatabase) Local() ([]DBPackage, []model.Finding, error) {
	local, err := db.handle.LocalDB()
	if err != nil {
		return nil, nil, fmt.Errorf("libalpm: local database: %w", err)
	}
	var pkgs []DBPackage
	_ = local.PkgCache().ForEach(func(p alpm.IPackage) error {
		pkgs = append(pkgs, alpmPackage(p, systemPath(localPath+"/"+p.Name()+"-"+p.Version()+"/desc")))
		return nil
	})
	pkgs, findings := sortPackages(pkgs)
	return pkgs, findings, nil
}

func (db *alpmDatabase) Sync() ([]SyncDB, []model.Finding, error) {
	root, err := os.OpenRoot(db.root)
	if err != nil {
		return nil, nil, fmt.Errorf("open root: %w", err)
	}
	defer root.Close()
	names, findings, err := syncDBNames(root.FS())
	if err != nil {
		return nil, nil, err
	}
	var dbs []SyncDB
	for _, name := range names {
		file := systemPath(syncPath + "/" + name + ".db")
		// Signatures are not checked: the databases are only read, and a
		// mounted system's keyring is not this machine's.
		sdb, err := db.handle.RegisterSyncDB(name, 0)
		if err != nil {
			findings = append(findings, model.Finding{
				Severity: model.SeverityError,
				Message:  fmt.Sprintf("sync database %s is left out: libalpm: %v", name, err),
				Origin:   model.Origin{File: file},
			})
			continue
		}
		var pkgs []DBPackage
		_ = sdb.PkgCache().ForEach(func(p alpm.IPackage) error {
			pkgs = append(pkgs, alpmPackage(p, file+"/"+p.Name()+"-"+p.Version()+"/desc"))
			return nil
		})
		pkgs, dups := sortPackages(pkgs)
		findings = append(findings, dups...)
		dbs = append(dbs, SyncDB{Name: name, Packages: pkgs, Origin: model.Origin{File: file}})
	}
	return dbs, findings, nil
}

// alpmPackage converts a libalpm package. libalpm does not say on which
// line of desc the name is, so the origin is the file alone.
func alpmPackage(p alpm.IPackage, file string) DBPackage {
	return DBPackage{
		Name:       p.Name(),
		Version:    p.Version(),
		Desc:       p.Description(),
		Arch:       p.Architecture(),
		Groups:     nilIfEmpty(p.Groups().Slice()),
		Provides:   dependStrings(p.Provides()),
		Depends:    dependStrings(p.Depends()),
		Dependency: p.Reason() == alpm.PkgReasonDepend,
		Origin:     model.Origin{File: file},
	}
}

func dependStrings(l alpm.IDependList) []string {
	var out []string
	for _, d := range l.Slice() {
		out = append(out, d.String())
	}
	return out
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}
