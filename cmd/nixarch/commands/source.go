package commands

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nixarch/nixarch/importer/arch"
	"github.com/nixarch/nixarch/importer/nixos"
	"github.com/nixarch/nixarch/importer/nixos/nixeval"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/model"
)

// sourceKind is what a SRC argument holds.
type sourceKind string

const (
	sourceModel   sourceKind = "model"   // a nixarch model file (YAML)
	sourceNixOS   sourceKind = "nixos"   // configuration.nix, a folder or a flake
	sourcePkgList sourceKind = "pkglist" // an Arch package list
	sourceArch    sourceKind = "arch"    // an Arch root folder
)

// maxModelSniff is how much of a file is read to tell a model from a list.
const maxModelSniff = 4096

// source is a parsed SRC argument.
type source struct {
	path    string // as given; "-" is stdin
	host    string // from SRC#HOST or --host
	kind    sourceKind
	foreign []string     // extra foreign package lists (Arch lists only)
	backend arch.Backend // the pacman database reader (Arch roots only)
	// dotfiles is a GNU stow repository read as the dotfiles of an Arch
	// source's only regular user (--dotfiles).
	dotfiles string
	// eval asks a real Nix which packages a NixOS source installs and
	// adds where that differs from the static reading (--eval).
	eval bool
}

// parseSource splits SRC#HOST and decides what SRC is. from is the value of
// --from ("", "nixos" or "arch").
func parseSource(arg, host, from string) (*source, error) {
	src := &source{path: arg, host: host}
	if p, h, ok := strings.Cut(arg, "#"); ok && p != "" {
		if host != "" && h != host {
			return nil, usageErrorf("host given twice: %q in %s and --host %q", h, arg, host)
		}
		src.path, src.host = p, h
	}
	if from != "" && from != "nixos" && from != "arch" {
		return nil, usageErrorf("--from must be nixos or arch, not %q", from)
	}
	if src.path == "-" {
		src.kind = sourcePkgList
		if from == "nixos" {
			return nil, usageErrorf("a NixOS configuration cannot be read from standard input")
		}
		return src, nil
	}
	st, err := os.Stat(src.path)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	switch {
	case st.IsDir():
		src.kind = sourceNixOS
		if from == "arch" || isArchRoot(src.path) {
			src.kind = sourceArch
		}
	case from == "nixos" || strings.HasSuffix(src.path, ".nix"):
		src.kind = sourceNixOS
	default:
		isModel, err := sniffModel(src.path)
		if err != nil {
			return nil, err
		}
		src.kind = sourcePkgList
		if isModel {
			src.kind = sourceModel
		}
	}
	if src.host != "" && src.kind != sourceNixOS {
		return nil, usageErrorf("--host applies to NixOS configurations and flakes; %s is %s", src.path, src.kind.describe())
	}
	return src, nil
}

func (k sourceKind) describe() string {
	switch k {
	case sourceModel:
		return "a nixarch model"
	case sourceNixOS:
		return "a NixOS configuration"
	case sourcePkgList:
		return "an Arch package list"
	case sourceArch:
		return "an Arch root folder"
	}
	return string(k)
}

// side is the distribution the source describes.
func (s *source) side(sys *model.System) mappings.Distro {
	if sys != nil && sys.Source.Kind == model.SourceNixOS {
		return mappings.NixOS
	}
	return mappings.Arch
}

func isArchRoot(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, "var/lib/pacman/local"))
	return err == nil && st.IsDir()
}

// sniffModel reports whether the file at path starts like a nixarch model.
func sniffModel(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("source: %w", err)
	}
	defer f.Close()
	head := make([]byte, maxModelSniff)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, fmt.Errorf("source: %w", err)
	}
	for _, line := range bytes.Split(head[:n], []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' || bytes.Equal(line, []byte("---")) {
			continue
		}
		return bytes.HasPrefix(line, []byte("apiVersion:")) || bytes.HasPrefix(line, []byte("kind:")), nil
	}
	return false, nil
}

// load reads the source into a model.
func (s *source) load(con *console) (*model.System, error) {
	sys, err := s.loadKind(con)
	if err == nil && s.eval {
		err = s.evalWithNix(con, sys)
	}
	if err != nil || s.dotfiles == "" {
		return sys, err
	}
	if sys.Source.Kind != model.SourceArch && sys.Source.Kind != model.SourcePkgList {
		return nil, usageErrorf("--dotfiles reads a stow repository for an Arch source; %s is not one", s.path)
	}
	if err := arch.ImportStow(s.dotfiles, "", sys); err != nil {
		return nil, err
	}
	return sys, nil
}

func (s *source) loadKind(con *console) (*model.System, error) {
	switch s.kind {
	case sourceModel:
		return model.ReadFile(s.path)
	case sourcePkgList:
		lists := []arch.ListFile{{Path: s.path}}
		for _, f := range s.foreign {
			lists = append(lists, arch.ListFile{Path: f, Foreign: true})
		}
		sys, err := arch.ImportPackageLists(con.stdin, lists...)
		if err != nil {
			return nil, err
		}
		con.debugf("read %d packages from %s", len(sys.Packages), strings.Join(append([]string{s.path}, s.foreign...), ", "))
		return sys, nil
	case sourceNixOS:
		sys, err := nixos.Import(s.path, nixos.Options{Host: s.host})
		var hostErr *nixos.HostError
		if errors.As(err, &hostErr) {
			e := usageErrorf("%v", err)
			for _, h := range hostErr.Hosts {
				e = e.withHint("%s#%s (%s)", s.path, h.Name, h.Kind)
			}
			return nil, e.withHint("choose one with SRC#HOST or --host HOST")
		}
		if err != nil {
			return nil, err
		}
		con.debugf("read %d packages, %d services, %d programs, %d findings from %s", len(sys.Packages), len(sys.Services), len(sys.Programs), len(sys.Findings), s.path)
		return sys, nil
	case sourceArch:
		sys, err := arch.ImportRoot(s.path, arch.RootOptions{Backend: s.backend})
		if errors.Is(err, arch.ErrNotArchRoot) {
			return nil, withHint(err, "give the folder where an Arch system is mounted (it holds var/lib/pacman/local), or a package list")
		}
		if err != nil {
			return nil, err
		}
		con.debugf("read %d packages, %d services, %d users from %s", len(sys.Packages), len(sys.Services), len(sys.Users), s.path)
		return sys, nil
	}
	return nil, fmt.Errorf("unknown source kind %q", s.kind)
}

// evalWithNix runs Nix on a NixOS source and adds findings for where the
// packages it installs differ from what the static import read.
func (s *source) evalWithNix(con *console, sys *model.System) error {
	if s.kind != sourceNixOS {
		return usageErrorf("--eval evaluates NixOS configurations with Nix; %s is not one", s.path)
	}
	cfg := nixeval.Config{Path: s.path, Host: sys.Source.Host}
	hosts, err := nixos.ListHosts(s.path)
	if err != nil {
		return err
	}
	for _, h := range hosts {
		cfg.Flake = true
		if h.Name == sys.Source.Host {
			cfg.Home = h.Kind == nixos.HostHomeManager
		}
	}
	if st, err := os.Stat(cfg.Path); cfg.Flake && err == nil && !st.IsDir() {
		cfg.Path = filepath.Dir(cfg.Path) // the flake's folder
	} else if !cfg.Flake && err == nil && st.IsDir() {
		cfg.Path = filepath.Join(cfg.Path, "configuration.nix") // as the importer reads a folder
	}
	program, _ := nixeval.Command(cfg)
	progress := func(d time.Duration) {
		if con.color(con.stderr) || con.verbose {
			fmt.Fprintf(con.stderr, "%s is evaluating %s (%s)\n", program, s.path, d)
		}
	}
	con.debugf("running %s on %s", program, s.path)
	defs, err := nixeval.Packages(context.Background(), cfg, progress)
	if errors.Is(err, nixeval.ErrNoNix) {
		return withHint(err, "--eval needs Nix; without --eval nixarch reads the configuration without it")
	}
	if err != nil {
		return err
	}
	sys.Findings = append(sys.Findings, nixeval.Compare(sys, defs, "--eval ("+program+")")...)
	return nil
}
