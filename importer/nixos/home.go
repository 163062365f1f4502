package nixos

import (
	"fmt"
	"path"

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
	x.units("systemd.user.services", x.owner)
	for _, p := range homeNotes {
		x.use(x.at(p))
	}
	for _, t := range secretTrees {
		if n := x.at(t); n != nil {
			x.use(n)
			x.rep.add(model.SeverityManual, n.pos(), fmt.Sprintf("secrets of user %s managed by %s are not copied: set them up by hand", x.user, t))
		}
	}
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
			var ok bool
			if f.Content, f.Source, ok = x.readSource(c.value, c.pos(), dotted(c)); !ok {
				continue
			}
		default:
			x.rep.add(model.SeverityWarning, n.pos(), dotted(n)+" has neither text nor source: left out")
			continue
		}
		if f.Content == "" && f.Source == "" {
			x.rep.add(model.SeverityWarning, n.pos(), dotted(n)+" is empty: left out")
			continue
		}
		if c := x.child(n, "executable"); c != nil {
			if on, ok := x.boolean(c); ok && on {
				f.Mode = 0o755
			}
		}
		for _, k := range []string{"recursive", "onChange", "force"} {
			if c := x.child(n, k); c != nil {
				x.use(c)
				x.rep.add(model.SeverityInfo, c.pos(), fmt.Sprintf("%s = %s is not carried over", dotted(c), eval.Print(c.value)))
			}
		}
		x.sys.Dotfiles = append(x.sys.Dotfiles, f)
	}
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
		imp.homeUser(name, append(mods, shared...), args, sys)
	}
}

// homeUser evaluates modules as the home-manager configuration of user.
func (imp *importer) homeUser(user string, mods []eval.Value, args map[string]eval.Value, sys *model.System) {
	ms := newModuleSystem(imp.ev, imp.rep, args)
	for _, m := range mods {
		ms.add(m, "", posOr(m.Pos(), eval.Force(m).Pos()), nil)
	}
	ms.finish()
	x := newExtractor(ms, sys, imp.fsys, user)
	x.home()
	x.leftovers(ms.node(nil), 0, "home-manager")
}
