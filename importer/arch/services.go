package arch

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/nixarch/nixarch/model"
)

// readServices reads the units systemctl enable linked into a target's
// .wants folder: system units under /etc/systemd/system, user units
// enabled for every user (systemctl --global enable) under
// /etc/systemd/user, and each user's under ~/.config/systemd/user. A unit
// wanted by several targets is one service, at its first link. A unit
// enabled under another name, an alias its [Install] section asks for
// (gdm.service as /etc/systemd/system/display-manager.service), is read
// from the alias link.
func (r *rootReader) readServices() {
	r.readWants("etc/systemd/system", model.OwnerSystem)
	r.readWants("etc/systemd/user", model.OwnerSystem)
	homes, err := fs.ReadDir(r.fsys, "home")
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			r.findings = append(r.findings, unreadable("home", err))
		}
		return
	}
	for _, h := range homes {
		if h.IsDir() {
			home := "home/" + h.Name()
			r.readWants(home+"/.config/systemd/user", model.UserOwner(r.userOf(home)))
		}
	}
}

// unitTypes are the suffixes of systemd unit names.
var unitTypes = []string{".service", ".socket", ".timer", ".path", ".target", ".mount", ".automount", ".swap", ".slice", ".scope", ".device"}

func (r *rootReader) readWants(dir string, owner model.Owner) {
	targets, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			r.findings = append(r.findings, unreadable(dir, err))
		}
		return
	}
	seen := make(map[string]bool)
	for _, t := range targets {
		if !t.IsDir() || !strings.HasSuffix(t.Name(), ".wants") {
			continue
		}
		wants := path.Join(dir, t.Name())
		units, err := fs.ReadDir(r.fsys, wants)
		if err != nil {
			r.findings = append(r.findings, unreadable(wants, err))
			continue
		}
		for _, u := range units {
			unit := u.Name()
			if seen[unit] || !slices.Contains(unitTypes, path.Ext(unit)) {
				continue
			}
			seen[unit] = true
			r.sys.Services = append(r.sys.Services, model.Service{
				Name:    unit,
				Enabled: true,
				Unit:    unit,
				Owner:   owner,
				Origin:  model.Origin{File: systemPath(path.Join(wants, unit))},
			})
		}
	}
	// Aliases after the .wants links, which name a unit that has both.
	for _, t := range targets {
		if t.Type()&fs.ModeSymlink != 0 {
			r.readAlias(dir, t.Name(), owner, seen)
		}
	}
}

// readAlias reads a link in a unit folder: when it names a unit by
// another name, as systemctl enable links the Alias= of a unit's [Install]
// section, the unit it links to is enabled. A link to /dev/null masks a
// unit, and a link under the unit's own name (systemctl link) does not
// enable it: neither is a service.
func (r *rootReader) readAlias(dir, name string, owner model.Owner, seen map[string]bool) {
	if !slices.Contains(unitTypes, path.Ext(name)) {
		return
	}
	link := path.Join(dir, name)
	target, err := fs.ReadLink(r.fsys, link)
	if err != nil {
		r.findings = append(r.findings, unreadable(link, err))
		return
	}
	unit := path.Base(target)
	if target == "/dev/null" || unit == name || path.Ext(unit) != path.Ext(name) || seen[unit] {
		return
	}
	seen[unit] = true
	r.sys.Services = append(r.sys.Services, model.Service{
		Name:    unit,
		Enabled: true,
		Unit:    unit,
		Owner:   owner,
		Origin:  model.Origin{File: systemPath(link)},
	})
}
