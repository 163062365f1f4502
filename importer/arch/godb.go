package arch

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/nixarch/nixarch/model"
)

// goDatabase is the pure-Go Database: it reads the desc files of the
// local database and the sync databases' archives itself.
type goDatabase struct {
	fsys fs.FS
}

// NewGoDatabase returns the pure-Go Database of the Arch root fsys, whose
// paths are relative to the root ("var/lib/pacman/local"). It fails with
// ErrNotArchRoot when fsys has no local database.
func NewGoDatabase(fsys fs.FS) (Database, error) {
	if err := checkLocalDir(fsys); err != nil {
		return nil, err
	}
	return &goDatabase{fsys: fsys}, nil
}

func (db *goDatabase) Close() error { return nil }

// Local reads every NAME-VERSION/desc under var/lib/pacman/local.
func (db *goDatabase) Local() ([]DBPackage, []model.Finding, error) {
	entries, err := fs.ReadDir(db.fsys, localPath)
	if err != nil {
		return nil, nil, fmt.Errorf("read local database: %w", err)
	}
	findings := checkDBVersion(db.fsys, len(entries) > 1)
	var pkgs []DBPackage
	for _, e := range entries {
		if !e.IsDir() {
			continue // ALPM_DB_VERSION
		}
		if len(pkgs) == MaxPackages {
			return nil, nil, fmt.Errorf("read local database: more than %d packages", MaxPackages)
		}
		dir := path.Join(localPath, e.Name())
		name := path.Join(dir, "desc")
		data, err := readFile(db.fsys, name, MaxDescSize)
		if err != nil {
			findings = append(findings, model.Finding{
				Severity: model.SeverityError,
				Message:  fmt.Sprintf("package entry %s is left out: %v", e.Name(), trimPathError(err)),
				Origin:   model.Origin{File: systemPath(name)},
			})
			continue
		}
		p, errs := parseDesc(systemPath(name), data)
		findings = append(findings, errorFindings(errs)...)
		if !usable(p) {
			findings = append(findings, model.Finding{
				Severity: model.SeverityError,
				Message:  fmt.Sprintf("package entry %s is left out: its desc has no valid %%NAME%% and %%VERSION%%", e.Name()),
				Origin:   model.Origin{File: systemPath(name)},
			})
			continue
		}
		if e.Name() != p.Name+"-"+p.Version {
			findings = append(findings, model.Finding{
				Severity: model.SeverityWarning,
				Message:  fmt.Sprintf("folder %s does not match the package it holds, %s %s", e.Name(), p.Name, p.Version),
				Origin:   p.Origin,
			})
		}
		pkgs = append(pkgs, p)
	}
	pkgs, dups := sortPackages(pkgs)
	return pkgs, append(findings, dups...), nil
}

// usable reports whether a package read from a desc entry has a valid name
// and version, without which it cannot be used.
func usable(p DBPackage) bool { return checkName(p.Name) == "" && checkVersion(p.Version) == "" }

// sortPackages sorts pkgs by name and drops repeated names, with a finding
// for each.
func sortPackages(pkgs []DBPackage) ([]DBPackage, []model.Finding) {
	slices.SortStableFunc(pkgs, func(a, b DBPackage) int { return strings.Compare(a.Name, b.Name) })
	var findings []model.Finding
	out := pkgs[:0]
	for i, p := range pkgs {
		if i > 0 && p.Name == out[len(out)-1].Name {
			findings = append(findings, model.Finding{
				Severity: model.SeverityError,
				Message:  fmt.Sprintf("package %s is in the database twice (also at %s); the second is left out", p.Name, out[len(out)-1].Origin),
				Origin:   p.Origin,
			})
			continue
		}
		out = append(out, p)
	}
	return out, findings
}

// The local database format that libalpm 13 and later read.
const localDBVersion = "9"

// checkDBVersion warns when the local database's ALPM_DB_VERSION file is
// missing or names another format, which libalpm refuses to read.
func checkDBVersion(fsys fs.FS, hasPackages bool) []model.Finding {
	name := path.Join(localPath, "ALPM_DB_VERSION")
	data, err := readFile(fsys, name, 64)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !hasPackages:
		return nil
	case err != nil:
		return []model.Finding{{
			Severity: model.SeverityWarning,
			Message:  fmt.Sprintf("cannot read the local database version: %v; pacman needs format %s (run pacman-db-upgrade)", trimPathError(err), localDBVersion),
			Origin:   model.Origin{File: systemPath(name)},
		}}
	}
	if v := strings.TrimSpace(string(data)); v != localDBVersion {
		return []model.Finding{{
			Severity: model.SeverityWarning,
			Message:  fmt.Sprintf("local database format is %q, want %s; it may be read wrongly (run pacman-db-upgrade)", v, localDBVersion),
			Origin:   model.Origin{File: systemPath(name), Line: 1, Col: 1},
		}}
	}
	return nil
}

// Sync reads every var/lib/pacman/sync/NAME.db archive.
func (db *goDatabase) Sync() ([]SyncDB, []model.Finding, error) {
	names, findings, err := syncDBNames(db.fsys)
	if err != nil {
		return nil, nil, err
	}
	var dbs []SyncDB
	for _, name := range names {
		file := path.Join(syncPath, name+".db")
		pkgs, more, err := readSyncDB(db.fsys, file)
		findings = append(findings, more...)
		if err != nil {
			findings = append(findings, model.Finding{
				Severity: model.SeverityError,
				Message:  fmt.Sprintf("sync database %s is left out: %v", name, err),
				Origin:   model.Origin{File: systemPath(file)},
			})
			continue
		}
		dbs = append(dbs, SyncDB{Name: name, Packages: pkgs, Origin: model.Origin{File: systemPath(file)}})
	}
	return dbs, findings, nil
}
