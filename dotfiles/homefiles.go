package dotfiles

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/nixarch/nixarch/internal/secret"
	"github.com/nixarch/nixarch/model"
)

// homeTarget checks a home.file target and returns it cleaned. Targets
// are relative to $HOME and must stay inside it.
func homeTarget(t string) (string, error) {
	t = strings.TrimPrefix(t, "~/")
	switch {
	case t == "":
		return "", errors.New("target is empty")
	case strings.HasPrefix(t, "/"):
		return "", fmt.Errorf("target %q is absolute; it must be relative to $HOME", t)
	case strings.ContainsRune(t, 0):
		return "", fmt.Errorf("target %q holds a NUL byte", t)
	case !utf8.ValidString(t):
		return "", fmt.Errorf("target %q is not valid UTF-8", t)
	}
	c := path.Clean(t)
	if c == "." || c == ".." || strings.HasPrefix(c, "../") {
		return "", fmt.Errorf("target %q leaves $HOME", t)
	}
	if path.Base(c) == ".stow-local-ignore" || path.Base(c) == ".stow-global-ignore" {
		return "", fmt.Errorf("target %q is a file stow reserves", t)
	}
	return c, nil
}

// pkgOf gives the stow package of a home file: its program's package when
// it names one, else "home".
func pkgOf(program string) string {
	if m, ok := modules[program]; ok {
		return m.pkg
	}
	if name, ok := strings.CutPrefix(program, "programs."); ok && validPackage(name) {
		return name
	}
	return "home"
}

// validPackage reports whether name is safe as a stow package and a word
// in install.sh.
func validPackage(name string) bool {
	if name == "" || name[0] == '-' || name[0] == '.' {
		return false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// renderHomeFiles writes home.file, xdg.configFile and xdg.dataFile
// entries: text, or a file or folder copied from Source.
func (r *renderer) renderHomeFiles() {
	for _, d := range r.sys.Dotfiles {
		if d.Owner != r.owner {
			continue
		}
		target, err := homeTarget(d.Target)
		if err != nil {
			r.errs.Add(d.Origin, "home.file: "+err.Error())
			continue
		}
		if why := secret.Path(target); why != "" {
			r.manual(d.Origin, "home.file ~/%s: %s is never written to a dotfiles repository; copy it by hand", target, why)
			continue
		}
		pkg := pkgOf(d.Program)
		mode := fs.FileMode(d.Mode) & 0o777
		if d.Source == "" {
			if why := secret.Content(d.Content); why != "" {
				r.manual(d.Origin, "home.file ~/%s: %s and is never written to a dotfiles repository; copy it by hand", target, why)
				continue
			}
			content := r.archPaths(d.Content, "home.file ~/"+target, d.Origin)
			r.add(pkg, target, mode, []byte(content), "home.file", d.Origin)
			continue
		}
		r.copySource(d, target, pkg, mode)
	}
}

// copySource reads d.Source, a file or a folder, from Options.BaseDir.
// Symbolic links that lead out of the source's folder are refused.
func (r *renderer) copySource(d model.Dotfile, target, pkg string, mode fs.FileMode) {
	src := d.Source
	if why := secret.Path(src); why != "" {
		r.manual(d.Origin, "home.file ~/%s: its source %s is %s and is never written to a dotfiles repository; copy it by hand", target, src, why)
		return
	}
	if strings.HasPrefix(src, "/nix/store/") {
		r.manual(d.Origin, "home.file ~/%s: its source %s is in the Nix store; copy the file into the repository by hand", target, src)
		return
	}
	if r.opts.BaseDir == "" && !filepath.IsAbs(src) {
		r.manual(d.Origin, "home.file ~/%s: its source %s was not read (no base folder given); copy it by hand", target, src)
		return
	}
	dir, name := r.opts.BaseDir, filepath.FromSlash(src)
	if filepath.IsAbs(src) {
		dir, name = filepath.Dir(src), filepath.Base(src)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		r.errs.Add(d.Origin, fmt.Sprintf("home.file ~/%s: %v", target, err))
		return
	}
	defer root.Close()
	fsys := root.FS()
	name = filepath.ToSlash(filepath.Clean(name))
	if !fs.ValidPath(name) {
		r.errs.Add(d.Origin, fmt.Sprintf("home.file ~/%s: source %q leaves %s", target, src, dir))
		return
	}
	info, err := fs.Stat(fsys, name)
	if err != nil {
		r.errs.Add(d.Origin, fmt.Sprintf("home.file ~/%s: source: %v", target, err))
		return
	}
	if !info.IsDir() {
		r.copyOne(fsys, name, target, pkg, mode, info, d)
		return
	}
	err = fs.WalkDir(fsys, name, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			return nil
		}
		info, err := fs.Stat(fsys, p)
		if err != nil {
			return err
		}
		if info.IsDir() {
			return fmt.Errorf("%s: a link to a folder inside a copied folder is not followed", p)
		}
		rel := strings.TrimPrefix(p, name+"/")
		t := path.Join(target, rel)
		if why := secret.Path(t); why != "" {
			r.manual(d.Origin, "home.file ~/%s: %s is never written to a dotfiles repository; copy it by hand", t, why)
			return nil
		}
		r.copyOne(fsys, p, t, pkg, mode, info, d)
		return nil
	})
	if err != nil {
		r.errs.Add(d.Origin, fmt.Sprintf("home.file ~/%s: source %s: %v", target, src, err))
	}
}

func (r *renderer) copyOne(fsys fs.FS, name, target, pkg string, mode fs.FileMode, info fs.FileInfo, d model.Dotfile) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		r.errs.Add(d.Origin, fmt.Sprintf("home.file ~/%s: source: %v", target, err))
		return
	}
	if why := secret.Content(string(data)); why != "" {
		r.manual(d.Origin, "home.file ~/%s: %s and is never written to a dotfiles repository; copy it by hand", target, why)
		return
	}
	if mode == 0 {
		mode = 0o644
		if info.Mode()&0o111 != 0 {
			mode = 0o755
		}
	}
	r.add(pkg, target, mode, data, "home.file", d.Origin)
}
