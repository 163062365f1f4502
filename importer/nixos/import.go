package nixos

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/nixarch/nixarch/model"
	"github.com/nixarch/nixarch/nix/eval"
	"github.com/nixarch/nixarch/nix/syntax"
)

// ErrHostRequired is returned (inside a *HostError) when a flake has
// several hosts and none was chosen.
var ErrHostRequired = errors.New("the flake has several hosts: choose one")

// ErrNoSuchHost is returned (inside a *HostError) when the chosen host is
// not in the flake.
var ErrNoSuchHost = errors.New("no such host")

// HostError says which hosts a flake has when the choice of one failed.
// It unwraps to ErrHostRequired or ErrNoSuchHost.
type HostError struct {
	Host  string // the host asked for, if any
	Hosts []Host
	Err   error
}

func (e *HostError) Error() string {
	names := make([]string, len(e.Hosts))
	for i, h := range e.Hosts {
		names[i] = h.Name
	}
	if e.Host != "" {
		return fmt.Sprintf("%v: %s (the flake has %s)", e.Err, e.Host, strings.Join(names, ", "))
	}
	return fmt.Sprintf("%v: %s", e.Err, strings.Join(names, ", "))
}

func (e *HostError) Unwrap() error { return e.Err }

// HostKind tells a NixOS host from a standalone home-manager configuration.
type HostKind string

// The kinds of hosts a flake may have.
const (
	HostNixOS       HostKind = "nixos"        // nixosConfigurations.NAME
	HostHomeManager HostKind = "home-manager" // homeConfigurations.NAME
)

// Host is a configuration a flake defines.
type Host struct {
	Name string
	Kind HostKind
}

// Options are the choices of Import.
type Options struct {
	// Host selects nixosConfigurations.HOST or homeConfigurations.HOST of a
	// flake. It may be empty when the flake has one configuration.
	Host string
}

// evalTime bounds the evaluation of one configuration.
const evalTime = 5 * time.Second

// importer holds what one import shares: the evaluator and the findings.
type importer struct {
	ev    *eval.Evaluator
	fsys  fs.FS
	rep   *reporter
	root  string // absolute slash path of the configuration's folder
	close func() error
}

// entry is a resolved SRC: the folder and the file to read.
type entry struct {
	dir   string // the folder as the user gave it
	file  string // the file's base name
	flake bool
}

func resolve(src string) (entry, error) {
	st, err := os.Stat(src)
	if err != nil {
		return entry{}, err
	}
	if st.IsDir() {
		for _, name := range []string{"flake.nix", "configuration.nix", "default.nix", "home.nix"} {
			if st, err := os.Stat(filepath.Join(src, name)); err == nil && st.Mode().IsRegular() {
				return entry{dir: src, file: name, flake: name == "flake.nix"}, nil
			}
		}
		return entry{}, fmt.Errorf("%s holds neither flake.nix nor configuration.nix", src)
	}
	base := filepath.Base(src)
	return entry{dir: filepath.Dir(src), file: base, flake: base == "flake.nix"}, nil
}

func newImporter(e entry) (*importer, error) {
	abs, err := filepath.Abs(e.dir)
	if err != nil {
		return nil, err
	}
	root := filepath.ToSlash(abs)
	// The folder is the root of everything the import reads: a link out
	// of it, or import ../x.nix, reads nothing (see doc.go).
	fsys, err := openConfig(abs)
	if err != nil {
		return nil, err
	}
	rep := newReporter(fsys, root, e.dir)
	return &importer{
		ev:    eval.New(eval.WithFS(fsys, root), eval.WithLimits(eval.Limits{Time: evalTime}), eval.WithReadHook(rep.read)),
		fsys:  fsys,
		rep:   rep,
		root:  root,
		close: fsys.Close,
	}, nil
}

func (imp *importer) path(base string) string { return path.Join(imp.root, base) }

// Import reads the NixOS configuration at src into a model: a
// configuration.nix (or any module file), a folder holding flake.nix or
// configuration.nix, or a flake.nix. What cannot be understood becomes
// findings; only an unreadable entry file, a syntax error in it or a
// wrong host is an error.
func Import(src string, opts Options) (*model.System, error) {
	e, err := resolve(src)
	if err != nil {
		return nil, fmt.Errorf("import nixos: %w", err)
	}
	imp, err := newImporter(e)
	if err != nil {
		return nil, fmt.Errorf("import nixos: %w", err)
	}
	defer imp.close()
	sys := model.New(model.Source{Kind: model.SourceNixOS, Path: src})
	if !e.flake {
		if opts.Host != "" {
			return nil, fmt.Errorf("import nixos: %s is not a flake, so it has no host %q", src, opts.Host)
		}
		file := imp.path(e.file)
		v, err := imp.ev.EvalFile(file)
		if err != nil {
			return nil, fmt.Errorf("import nixos: %w", imp.fileErr(err))
		}
		// the entry is imported like any module, so that a module
		// importing it back is a cycle, not a second copy
		entry := []eval.Value{&eval.Path{P: v.Pos(), Path: file}}
		if e.file == "home.nix" {
			// a standalone home-manager configuration without a flake
			imp.homeStandalone("", entry, nil, nil, syntax.Pos{Filename: file, Line: 1, Column: 1}, sys)
		} else {
			imp.nixos(entry, nil, nil, sys)
		}
		return imp.finish(sys), nil
	}
	fl, err := imp.flake(e.file)
	if err != nil {
		return nil, err
	}
	host, err := fl.choose(opts.Host)
	if err != nil {
		return nil, err
	}
	sys.Source.Host = host.Name
	if err := fl.build(host, sys); err != nil {
		return nil, err
	}
	return imp.finish(sys), nil
}

// ListHosts returns the hosts of the flake at src (a flake.nix or a
// folder holding one): NixOS hosts first, then home-manager
// configurations, each sorted by name. A configuration.nix has none.
func ListHosts(src string) ([]Host, error) {
	e, err := resolve(src)
	if err != nil {
		return nil, fmt.Errorf("import nixos: %w", err)
	}
	if !e.flake {
		return nil, nil
	}
	imp, err := newImporter(e)
	if err != nil {
		return nil, fmt.Errorf("import nixos: %w", err)
	}
	defer imp.close()
	fl, err := imp.flake(e.file)
	if err != nil {
		return nil, err
	}
	return fl.hosts, nil
}

// fileErr rewrites the paths in a parse or read error the way the user
// gave them.
func (imp *importer) fileErr(err error) error {
	var list syntax.ErrorList
	if errors.As(err, &list) {
		var out model.ErrorList
		for _, e := range list {
			out.Add(imp.rep.origin(e.Pos), e.Msg)
		}
		out.Sort()
		return out
	}
	return errors.New(strings.ReplaceAll(err.Error(), imp.root, imp.rep.shown))
}

// nixosDefaults are NixOS options nixarch knows to be true when nothing
// sets them (every other enable option is false).
var nixosDefaults = map[string]bool{
	"networking.firewall.enable": true,
	"networking.dhcpcd.enable":   true,
	"security.sudo.enable":       true,
	"services.nscd.enable":       true,
	"services.timesyncd.enable":  true,
	"documentation.enable":       true,
	"documentation.man.enable":   true,
	"documentation.nixos.enable": true,
}

// nixos evaluates modules as one NixOS system into sys. pkgs is the
// package universe a flake gives nixosSystem, or nil.
func (imp *importer) nixos(mods []eval.Value, args map[string]eval.Value, pkgs eval.Value, sys *model.System) {
	ms := newModuleSystem(imp.ev, imp.rep, args)
	ms.defaults = nixosDefaults
	if pkgs != nil {
		ms.basePkgs = pkgs
	}
	ms.load(mods)
	x := newExtractor(ms, sys, imp.fsys, "")
	x.system()
	x.optionSetsAnywhere(ms.node(nil), 0)
	x.notes()
	imp.homeManagerUsers(ms, sys)
	x.reportLeftovers(ms.node(nil), "NixOS")
}

func (imp *importer) finish(sys *model.System) *model.System {
	for _, f := range imp.rep.readList {
		if f != sys.Source.Path && !contains(sys.Source.Files, f) {
			sys.Source.Files = append(sys.Source.Files, f)
		}
	}
	sys.Findings = imp.rep.findings
	sort.SliceStable(sys.Findings, func(i, j int) bool {
		a, b := sys.Findings[i].Origin, sys.Findings[j].Origin
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return sys.Findings[i].Message < sys.Findings[j].Message
	})
	return sys
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
