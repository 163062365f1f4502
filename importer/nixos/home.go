package nixos

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/nixarch/nixarch/model"
	"github.com/nixarch/nixarch/nix/eval"
)

// homeNotes are home-manager options that are understood and have no
// place in the model.
var homeNotes = []string{"home.username", "home.homeDirectory", "home.stateVersion", "programs.home-manager", "nixpkgs.config"}

// home reads one user's home-manager configuration.
func (x *extractor) home() {
	x.packages(x.at("home.packages"), x.owner)
	x.variables("home.sessionVariables", x.owner)
	x.aliases("home.shellAliases", "", x.owner)
	x.files("home.file", "")
	x.files("xdg.configFile", ".config/")
	x.files("xdg.dataFile", ".local/share/")
	x.services("services", x.owner)
	x.programs("programs", x.owner)
	x.units("systemd.user.services", ".service", x.owner)
	x.units("systemd.user.timers", ".timer", x.owner)
	for _, p := range homeNotes {
		x.use(x.at(p))
	}
	x.overlayNotes()
	x.secretNotes(fmt.Sprintf("secrets of user %s", x.user))
	x.optionSetsAnywhere(x.ms.node(nil), 0)
}

// files reads home.file-style options into dotfiles under prefix.
func (x *extractor) files(p, prefix string) {
	root := x.at(p)
	x.use(root)
	for _, name := range names(root) {
		n := x.child(root, name)
		if n == nil || n.leaf {
			continue
		}
		if on, ok := x.boolean(x.child(n, "enable")); ok && !on {
			continue
		}
		f := model.Dotfile{Owner: x.owner, Target: path.Clean(prefix + name), Origin: x.origin(n)}
		if c := x.child(n, "target"); c != nil {
			if t, ok := x.str(c); ok {
				f.Target = path.Clean(prefix + t)
			}
		}
		switch {
		case x.child(n, "text") != nil:
			c := x.child(n, "text")
			var ok bool
			if f.Content, ok = x.str(c); !ok {
				continue
			}
		case x.child(n, "source") != nil:
			c := x.child(n, "source")
			x.use(c)
			if files := x.readFolder(c); files != nil {
				x.folderDotfiles(n, f, files)
				continue
			}
			var ok bool
			if f.Content, f.Source, ok = x.readSource(c.value, c.pos(), dotted(c)); !ok {
				continue
			}
		default:
			if !n.kids["text"] && !n.kids["source"] {
				x.rep.add(model.SeverityWarning, n.pos(), dotted(n)+" has neither text nor source: left out")
			}
			continue
		}
		if f.Content == "" && f.Source == "" {
			x.rep.add(model.SeverityWarning, n.pos(), dotted(n)+" is empty: left out")
			continue
		}
		if x.secretFile(n, "~/"+f.Target, f.Source, f.Content) {
			continue
		}
		if c := x.child(n, "executable"); c != nil {
			if on, ok := x.boolean(c); ok && on {
				f.Mode = 0o755
			}
		}
		x.fileNotes(n)
		x.sys.Dotfiles = append(x.sys.Dotfiles, f)
	}
}

// fileNotes reports the settings of a home.file entry that are not
// carried over.
func (x *extractor) fileNotes(n *node) {
	for _, k := range []string{"onChange", "force"} {
		if c := x.child(n, k); c != nil {
			x.use(c)
			x.rep.add(model.SeverityInfo, c.pos(), fmt.Sprintf("%s = %s is not carried over", dotted(c), eval.Print(c.value)))
		}
	}
	x.use(x.child(n, "recursive"))
}

// maxFolderFiles bounds the files read from one source folder.
const maxFolderFiles = 500

// readFolder returns the regular files under a source that is a folder
// of the configuration (sorted, relative to it), or nil when the source
// is not such a folder. A link in it to a file of the configuration is
// one of its files; a link that leads out of the configuration is an
// error finding at c, and a link to a folder a warning.
func (x *extractor) readFolder(c *node) []string {
	p, ok := eval.Force(c.value).(*eval.Path)
	if !ok || x.fsys == nil {
		return nil
	}
	rel, inside := strings.CutPrefix(p.Path, strings.TrimSuffix(x.rep.root, "/")+"/")
	if !inside {
		return nil
	}
	if st, err := fs.Stat(x.fsys, rel); err != nil || !st.IsDir() {
		return nil
	}
	files := []string{}
	_ = fs.WalkDir(x.fsys, rel, func(q string, d fs.DirEntry, err error) error {
		if err != nil || len(files) >= maxFolderFiles {
			return fs.SkipDir
		}
		name := strings.TrimPrefix(q, rel+"/")
		switch {
		case d.Type().IsRegular():
			files = append(files, name)
		case d.Type()&fs.ModeSymlink != 0:
			st, err := fs.Stat(x.fsys, q)
			switch {
			case x.escape(posOr(p.P, c.pos()), dotted(c), path.Join(p.Path, name), err):
			case err != nil:
				x.rep.add(model.SeverityWarning, c.pos(), fmt.Sprintf("%s: %s: %v: left out", dotted(c), x.rep.file(path.Join(p.Path, name)), errors.Unwrap(err)))
			case st.Mode().IsRegular():
				files = append(files, name)
			default:
				x.rep.add(model.SeverityWarning, c.pos(), fmt.Sprintf("%s: %s is a link to a folder, which is not followed: copy it by hand", dotted(c), x.rep.file(path.Join(p.Path, name))))
			}
		}
		return nil
	})
	return files
}

// folderDotfiles adds one dotfile per file of a source folder (home-manager
// links the folder, or each file with recursive = true: the files are the
// same either way).
func (x *extractor) folderDotfiles(n *node, f model.Dotfile, files []string) {
	c := x.child(n, "source")
	dir := eval.Force(c.value).(*eval.Path).Path
	if len(files) >= maxFolderFiles {
		x.rep.add(model.SeverityWarning, c.pos(), fmt.Sprintf("%s: %s holds more than %d files: the rest are left out", dotted(c), x.rep.file(dir), maxFolderFiles))
	}
	x.fileNotes(n)
	for _, name := range files {
		g := f
		g.Target = path.Join(f.Target, name)
		var ok bool
		if g.Content, g.Source, ok = x.readSource(&eval.Path{P: c.pos(), Path: path.Join(dir, name)}, c.pos(), dotted(c)); !ok {
			continue
		}
		if x.secretFile(n, "~/"+g.Target, g.Source, g.Content) {
			continue
		}
		if x.executable(path.Join(dir, name)) {
			g.Mode = 0o755
		}
		x.sys.Dotfiles = append(x.sys.Dotfiles, g)
	}
}

// executable reports whether the configuration's file p has an execute
// bit.
func (x *extractor) executable(p string) bool {
	rel, inside := strings.CutPrefix(p, strings.TrimSuffix(x.rep.root, "/")+"/")
	if !inside {
		return false
	}
	st, err := fs.Stat(x.fsys, rel)
	return err == nil && st.Mode()&0o111 != 0
}

// homeManagerUsers evaluates home-manager.users.NAME of a NixOS system
// as each user's own module system.
func (imp *importer) homeManagerUsers(nixos *moduleSystem, sys *model.System) {
	root := nixos.node([]string{"home-manager", "users"})
	if root.leaf {
		return
	}
	var shared []eval.Value
	if n := nixos.node([]string{"home-manager", "sharedModules"}); n.leaf {
		for _, d := range n.defs {
			if l, ok := d.v.(*eval.List); ok {
				shared = append(shared, l.Elems...)
			}
		}
	}
	args := map[string]eval.Value{"osConfig": nixos.node(nil).value, "nixosConfig": nixos.node(nil).value}
	if n := nixos.node([]string{"home-manager", "extraSpecialArgs"}); !n.leaf {
		for k := range n.kids {
			args[k] = nixos.node([]string{"home-manager", "extraSpecialArgs", k}).value
		}
	}
	for _, name := range names(root) {
		n := nixos.node([]string{"home-manager", "users", name})
		var mods []eval.Value
		for _, d := range n.defs {
			mods = append(mods, d.v)
		}
		imp.homeUser(name, append(mods, shared...), args, nixos.modulePkgs(), sys)
	}
}

// homeUser evaluates modules as the home-manager configuration of user.
// pkgs is the package universe before home-manager's nixpkgs.overlays,
// or nil for the evaluator's.
func (imp *importer) homeUser(user string, mods []eval.Value, args map[string]eval.Value, pkgs eval.Value, sys *model.System) {
	ms := newModuleSystem(imp.ev, imp.rep, args)
	if pkgs != nil {
		ms.basePkgs = pkgs
	}
	ms.load(mods)
	x := newExtractor(ms, sys, imp.fsys, user)
	x.home()
	x.reportLeftovers(ms.node(nil), "home-manager")
}
