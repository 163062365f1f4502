package arch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nixarch/nixarch/model"
)

// MaxDotfileSize is the largest dotfile that is read, in bytes. A larger
// one gives a finding and is left out.
const MaxDotfileSize = 256 << 10

// MaxStowFiles is the most files read from one stow repository; the rest
// give one finding.
const MaxStowFiles = 1000

// maxLinks bounds how many symbolic links are followed to reach a dotfile.
const maxLinks = 8

// homeFiles is the allow-list of configuration files read from a user's
// home, relative to $HOME, with the home-manager module each configures.
// Nothing else in a home is ever opened: not keys, not tokens, not history.
var homeFiles = []struct{ target, program string }{
	{".gitconfig", "programs.git"},
	{".config/git/config", "programs.git"},
	{".config/git/ignore", "programs.git"},
	{".bashrc", "programs.bash"},
	{".zshrc", "programs.zsh"},
	{".config/fish/config.fish", "programs.fish"},
	{".config/starship.toml", "programs.starship"},
	{".config/alacritty/alacritty.toml", "programs.alacritty"},
	{".config/kitty/kitty.conf", "programs.kitty"},
	{".config/foot/foot.ini", "programs.foot"},
	{".config/wezterm/wezterm.lua", "programs.wezterm"},
	{".config/ghostty/config", "programs.ghostty"},
	{".tmux.conf", "programs.tmux"},
	{".config/tmux/tmux.conf", "programs.tmux"},
	{".config/nvim/init.lua", "programs.neovim"},
	{".config/nvim/init.vim", "programs.neovim"},
	{".vimrc", "programs.vim"},
	{".config/helix/config.toml", "programs.helix"},
	{".ssh/config", "programs.ssh"},
	{".inputrc", "programs.readline"},
	{".config/mpv/mpv.conf", "programs.mpv"},
	{".config/bat/config", "programs.bat"},
	{".config/lazygit/config.yml", "programs.lazygit"},
	{".config/zathura/zathurarc", "programs.zathura"},
	{".config/htop/htoprc", "programs.htop"},
	{".config/btop/btop.conf", "programs.btop"},
	{".config/dunst/dunstrc", "services.dunst"},
	{".config/mako/config", "services.mako"},
	{".config/rofi/config.rasi", "programs.rofi"},
	{".config/sway/config", "wayland.windowManager.sway"},
	{".config/hypr/hyprland.conf", "wayland.windowManager.hyprland"},
	{".config/waybar/config", "programs.waybar"},
	{".config/waybar/style.css", "programs.waybar"},
}

// programOf returns the home-manager module a target configures, or "".
func programOf(target string) string {
	for _, f := range homeFiles {
		if f.target == target {
			return f.program
		}
	}
	return ""
}

// secretDirs are folders of a home whose files are never opened, except
// the ones secretExceptions names.
var secretDirs = []string{".ssh", ".gnupg", ".aws", ".password-store", ".local/share/keyrings",
	".config/gh", ".config/hub", ".docker", ".kube", ".pki", ".mozilla", ".cache"}

// secretExceptions are files inside secretDirs that are configuration,
// not secrets.
var secretExceptions = []string{".ssh/config"}

// secretFiles are single files of a home that hold tokens, credentials or
// history and are never opened.
var secretFiles = []string{".netrc", ".git-credentials", ".pypirc", ".npmrc", ".config/gh/hosts.yml",
	".aws/credentials", ".docker/config.json", ".kube/config", ".local/share/fish/fish_history",
	".lesshst", ".viminfo", ".histfile", ".wget-hsts", ".Xauthority", ".ICEauthority"}

// IsSecretDotfile reports whether target, relative to $HOME, may hold a
// private key, a token, a credential or shell history. Such a file is
// never opened, wherever it is found.
func IsSecretDotfile(target string) bool {
	target = path.Clean(target)
	if slices.Contains(secretExceptions, target) {
		return false
	}
	if slices.Contains(secretFiles, target) {
		return true
	}
	for _, d := range secretDirs {
		if target == d || strings.HasPrefix(target, d+"/") {
			return true
		}
	}
	base := path.Base(target)
	switch {
	case strings.HasSuffix(base, "history") || strings.HasSuffix(base, "hist"):
		return true
	case strings.HasPrefix(base, "id_") || strings.HasSuffix(base, ".pem") || strings.HasSuffix(base, ".key") ||
		strings.HasSuffix(base, ".p12") || strings.HasSuffix(base, ".pfx") || strings.HasSuffix(base, ".kdbx"):
		return true
	case strings.HasPrefix(base, ".env") || strings.Contains(strings.ToLower(base), "secret") ||
		strings.Contains(strings.ToLower(base), "token") || strings.Contains(strings.ToLower(base), "credential"):
		return true
	}
	return false
}

// readHomes reads the allow-listed dotfiles of every regular user whose
// home is under the root.
func (r *rootReader) readHomes() {
	for _, u := range r.sys.Users {
		home := strings.Trim(path.Clean(u.Home), "/")
		if u.System || u.Home == "" || home == "" || home == "." {
			continue
		}
		d := &dotfileReader{fsys: r.fsys, sys: r.sys, owner: model.UserOwner(u.Name)}
		for _, f := range homeFiles {
			d.read(home, f.target, systemPath(home+"/"+f.target), false)
		}
		d.flush()
		d.noteSecrets(home)
		r.findings = append(r.findings, d.findings...)
	}
}

// ImportStow reads a GNU stow repository at dir into sys as dotfiles of
// user (empty: the only regular user of sys). Each top-level folder of dir
// is a package whose tree mirrors $HOME. Every file is read through an
// os.Root, so no link leads out of dir; secrets (IsSecretDotfile) are never
// opened and become findings.
func ImportStow(dir, user string, sys *model.System) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("dotfiles: %w", err)
	}
	defer root.Close()
	return ReadStow(root.FS(), dir, user, sys)
}

// ReadStow is ImportStow for a stow repository in fsys; dir names it in
// origins.
func ReadStow(fsys fs.FS, dir, user string, sys *model.System) error {
	if user == "" {
		var regular []string
		for _, u := range sys.Users {
			if !u.System {
				regular = append(regular, u.Name)
			}
		}
		if len(regular) != 1 {
			return fmt.Errorf("dotfiles %s: cannot tell whose they are: the system has %d regular users (%s)",
				dir, len(regular), strings.Join(regular, ", "))
		}
		user = regular[0]
	}
	packages, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return fmt.Errorf("dotfiles %s: %w", dir, err)
	}
	d := &dotfileReader{fsys: fsys, sys: sys, owner: model.UserOwner(user)}
	seen := map[string]string{}
	capped := false
	for _, p := range packages {
		if capped {
			break
		}
		if !p.IsDir() || stowIgnored(p.Name()) {
			continue
		}
		pkg := p.Name()
		err := fs.WalkDir(fsys, pkg, func(name string, e fs.DirEntry, err error) error {
			if err != nil {
				d.finding(model.SeverityWarning, model.Origin{File: filepath.Join(dir, name)}, "cannot read: %v", trimPathError(err))
				return nil
			}
			target := strings.TrimPrefix(strings.TrimPrefix(name, pkg), "/")
			if target == "" {
				return nil
			}
			if stowIgnored(path.Base(name)) {
				if e.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if e.IsDir() {
				if IsSecretDotfile(target) && !slices.ContainsFunc(secretExceptions, func(x string) bool { return strings.HasPrefix(x, target+"/") }) {
					d.finding(model.SeverityManual, model.Origin{File: filepath.Join(dir, name)},
						"~/%s may hold keys, tokens or history; it was not read: copy what you need by hand, safely", target)
					return fs.SkipDir
				}
				return nil
			}
			if len(seen) >= MaxStowFiles {
				capped = true
				d.finding(model.SeverityWarning, model.Origin{File: filepath.Join(dir, name)},
					"the repository has more than %d files; the rest were not read", MaxStowFiles)
				return fs.SkipAll
			}
			if other, ok := seen[target]; ok {
				d.finding(model.SeverityWarning, model.Origin{File: filepath.Join(dir, name)}, "~/%s is also in stow package %s; this copy is left out", target, other)
				return nil
			}
			seen[target] = pkg
			d.read(pkg, target, filepath.Join(dir, name), true)
			return nil
		})
		if err != nil {
			return fmt.Errorf("dotfiles %s: %w", dir, err)
		}
	}
	d.flush()
	sys.Findings = append(sys.Findings, d.findings...)
	sys.Source.Files = append(sys.Source.Files, dir)
	return nil
}

// stowIgnored are the names GNU stow ignores by default, and version
// control folders.
func stowIgnored(name string) bool {
	switch {
	case name == ".git" || name == ".hg" || name == ".svn" || name == "CVS" || name == ".stow-local-ignore":
		return true
	case strings.HasPrefix(name, "README") || strings.HasPrefix(name, "LICENSE") || strings.HasPrefix(name, "COPYING"):
		return true
	case strings.HasPrefix(name, ".#") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	}
	return false
}

// dotfileReader reads the dotfiles of one user.
type dotfileReader struct {
	fsys     fs.FS
	sys      *model.System
	owner    model.Owner
	findings []model.Finding
	pending  []pendingDotfile
}

func (d *dotfileReader) finding(sev model.Severity, o model.Origin, format string, args ...any) {
	d.findings = append(d.findings, model.Finding{Severity: sev, Message: fmt.Sprintf(format, args...), Origin: o})
}

// read reads the file target under base (a home, or a stow package) of
// fsys, named shown in origins, and adds it to the model: as settings
// where a translation is exact, else as a Dotfile. A missing file is
// skipped in silence unless mustExist.
func (d *dotfileReader) read(base, target, shown string, mustExist bool) {
	at := model.Origin{File: shown}
	if IsSecretDotfile(target) {
		d.finding(model.SeverityManual, at, "~/%s may hold a key, a token or history; it was not read: copy it by hand, safely", target)
		return
	}
	name, info, err := d.resolve(base + "/" + target)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !mustExist:
		return
	case err != nil:
		d.finding(model.SeverityWarning, at, "cannot read ~/%s: %v", target, trimPathError(err))
		return
	case info.IsDir():
		return
	case !info.Mode().IsRegular():
		d.finding(model.SeverityWarning, at, "~/%s is not a regular file; left out", target)
		return
	}
	data, err := readFile(d.fsys, name, MaxDotfileSize)
	if err != nil {
		d.finding(model.SeverityWarning, at, "cannot read ~/%s: %v", target, trimPathError(err))
		return
	}
	if !utf8.Valid(data) || slices.Contains(data, 0) {
		d.finding(model.SeverityWarning, at, "~/%s is not a text file; copy it by hand", target)
		return
	}
	mode := model.FileMode(0o644)
	if info.Mode().Perm()&0o111 != 0 {
		mode = 0o755
	}
	if strings.HasPrefix(target, ".ssh/") {
		mode = 0o600
	}
	d.pending = append(d.pending, pendingDotfile{target, string(data), mode, at})
}

// pendingDotfile is a file read and waiting for flush.
type pendingDotfile struct {
	target, text string
	mode         model.FileMode
	at           model.Origin
}

// flush adds the files read to the model once all of them are known, so
// that two files one home-manager module would write are not both
// linked: ~/.config/git/config goes first, and ~/.gitconfig becomes
// programs.git only when the former was not kept as a file. A target
// that the model has already (read from the home, then found again in a
// stow repository) is left out.
func (d *dotfileReader) flush() {
	slices.SortStableFunc(d.pending, func(a, b pendingDotfile) int {
		return cmpBool(a.target == ".config/git/config", b.target == ".config/git/config")
	})
	for _, p := range d.pending {
		if d.taken(p.target) {
			d.finding(model.SeverityInfo, p.at, "~/%s was read already; this copy is left out", p.target)
			continue
		}
		d.add(p.target, p.text, p.mode, p.at)
	}
	d.pending = nil
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

// taken reports whether the model holds target of the user already, as a
// dotfile or translated into a program or aliases.
func (d *dotfileReader) taken(target string) bool {
	suffix := "/" + target
	for _, f := range d.sys.Dotfiles {
		if f.Owner == d.owner && f.Target == target {
			return true
		}
	}
	for _, p := range d.sys.Programs {
		if p.Owner == d.owner && strings.HasSuffix(p.Origin.File, suffix) {
			return true
		}
	}
	for _, a := range d.sys.Aliases {
		if a.Owner == d.owner && strings.HasSuffix(a.Origin.File, suffix) {
			return true
		}
	}
	return false
}

// resolve follows symbolic links from name inside fsys, taking an
// absolute target as a path inside fsys, and returns the file's final name
// and information. A link to a secret is refused.
func (d *dotfileReader) resolve(name string) (string, fs.FileInfo, error) {
	for range maxLinks {
		info, err := fs.Lstat(d.fsys, name)
		if err != nil {
			return "", nil, err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return name, info, nil
		}
		target, err := fs.ReadLink(d.fsys, name)
		if err != nil {
			return "", nil, err
		}
		if path.IsAbs(target) {
			name = path.Clean(strings.TrimLeft(target, "/"))
		} else {
			name = path.Join(path.Dir(name), target)
		}
		if name == ".." || strings.HasPrefix(name, "../") || name == "." {
			return "", nil, errors.New("the link leads out of the root")
		}
		if rel, ok := homeRelative(name); ok && IsSecretDotfile(rel) || IsSecretDotfile(path.Base(name)) {
			return "", nil, errors.New("the link leads to a file that may hold secrets; not read")
		}
	}
	return "", nil, errors.New("too many levels of symbolic links")
}

// homeRelative returns name relative to the home it is in, for names
// under home/USER or root.
func homeRelative(name string) (string, bool) {
	if rest, ok := strings.CutPrefix(name, "home/"); ok {
		if _, rel, ok := strings.Cut(rest, "/"); ok {
			return rel, true
		}
	}
	if rel, ok := strings.CutPrefix(name, "root/"); ok {
		return rel, true
	}
	return "", false
}

// noteSecrets gives one manual step for the keys in a home's ~/.ssh and
// ~/.gnupg, found by listing the folders: no key is ever opened.
func (d *dotfileReader) noteSecrets(home string) {
	var keys []string
	if entries, err := fs.ReadDir(d.fsys, home+"/.ssh"); err == nil {
		for _, e := range entries {
			if n := e.Name(); strings.HasPrefix(n, "id_") && !strings.HasSuffix(n, ".pub") {
				keys = append(keys, "~/.ssh/"+n)
			}
		}
	}
	if _, err := fs.Stat(d.fsys, home+"/.gnupg"); err == nil {
		keys = append(keys, "~/.gnupg")
	}
	if len(keys) > 0 {
		d.finding(model.SeverityManual, model.Origin{File: systemPath(home)},
			"private keys were not copied (%s): move them to the new system by hand, safely", strings.Join(keys, ", "))
	}
}
