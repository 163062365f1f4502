package dotfiles

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nixarch/nixarch/internal/oracle"
	"gopkg.in/yaml.v3"
)

// TestModulesParse checks every rendered file with a real parser: TOML
// with BurntSushi/toml, JSON with encoding/json, INI with Python's
// configparser, ~/.ssh/config with ssh -G, tmux.conf with tmux, gpg.conf
// with gpg, ~/.vimrc with vim, shell files with their shells, and stow on
// every package.
func TestModulesParse(t *testing.T) {
	res := render(t, "modules.yaml", LayoutStow)
	dir := writeRepo(t, res)
	checkShells(t, dir)
	checkStow(t, dir, res)

	for _, f := range res.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		switch {
		case strings.HasSuffix(f.Path, ".toml"):
			var v map[string]any
			if _, err := toml.DecodeFile(p, &v); err != nil {
				t.Errorf("%s: %v\n%s", f.Path, err, f.Content)
			}
		case strings.HasSuffix(f.Path, ".yml"):
			var v map[string]any
			if err := yaml.Unmarshal(f.Content, &v); err != nil || len(v) == 0 {
				t.Errorf("%s: %v\n%s", f.Path, err, f.Content)
			}
		case f.Path == "waybar/.config/waybar/config":
			var v []map[string]any
			if err := json.Unmarshal(f.Content, &v); err != nil || len(v) != 1 || v[0]["layer"] != "top" {
				t.Errorf("%s: %v %v", f.Path, err, v)
			}
		}
	}

	var star struct {
		AddNewline bool `toml:"add_newline"`
		Character  struct {
			Success string `toml:"success_symbol"`
		}
	}
	if _, err := toml.DecodeFile(filepath.Join(dir, "starship/.config/starship.toml"), &star); err != nil || star.AddNewline || star.Character.Success != "[➜](bold green)" {
		t.Errorf("starship.toml = %+v, %v", star, err)
	}
	var ala struct {
		Terminal struct{ Shell struct{ Program string } }
		Keyboard struct{ Bindings []map[string]string }
	}
	if _, err := toml.DecodeFile(filepath.Join(dir, "alacritty/.config/alacritty/alacritty.toml"), &ala); err != nil ||
		ala.Terminal.Shell.Program != "/usr/bin/zsh" || len(ala.Keyboard.Bindings) != 1 {
		t.Errorf("alacritty.toml = %+v, %v", ala, err)
	}

	var lg struct {
		Git struct{ Paging struct{ Pager string } }
	}
	if err := yaml.Unmarshal(fileAt(res, "lazygit/.config/lazygit/config.yml"), &lg); err != nil || lg.Git.Paging.Pager != "delta --dark --paging=never" {
		t.Errorf("lazygit config.yml = %+v, %v", lg, err)
	}

	t.Run("ini", func(t *testing.T) {
		py := oracle.Require(t, "python3", "python3")
		for _, f := range []string{"foot/.config/foot/foot.ini", "dunst/.config/dunst/dunstrc", "gtk/.config/gtk-3.0/settings.ini"} {
			script := "import configparser,sys\nc=configparser.ConfigParser(interpolation=None)\nc.read_file(open(sys.argv[1]))\nprint(sorted(c.sections()))"
			out, errOut, err := oracle.Run(t, dir, py, "-c", script, f)
			if err != nil {
				t.Errorf("configparser %s: %v\n%s", f, err, errOut)
			}
			t.Logf("%s: %s", f, out)
		}
	})
	t.Run("ssh", func(t *testing.T) {
		ssh := oracle.Require(t, "ssh", "openssh-client")
		cfg := filepath.Join(dir, "ssh/.ssh/config")
		for host, want := range map[string][]string{
			"github.com": {"user git", "identityfile ~/.ssh/id_ed25519", "identitiesonly yes", "serveraliveinterval 60"},
			"jump":       {"hostname 10.0.0.1", "port 2222", "user admin", "proxyjump bastion", "stricthostkeychecking false", "localforward 8080 [localhost]:80"},
		} {
			out, errOut, err := oracle.Run(t, dir, ssh, "-G", "-F", cfg, host)
			if err != nil {
				t.Fatalf("ssh -G %s: %v\n%s", host, err, errOut)
			}
			for _, w := range want {
				if !strings.Contains(out, "\n"+w+"\n") {
					t.Errorf("ssh -G %s: no %q in\n%s", host, w, out)
				}
			}
		}
	})
	t.Run("tmux", func(t *testing.T) {
		tmux := oracle.Require(t, "tmux", "tmux")
		sock := "nixarch-test-" + filepath.Base(dir)
		out, errOut, err := oracle.Run(t, dir, tmux, "-L", sock, "-f", filepath.Join(dir, "tmux/.config/tmux/tmux.conf"),
			"start-server", ";", "show-options", "-g", "prefix", ";", "show-options", "-g", "base-index", ";", "show-options", "-g", "mouse", ";", "kill-server")
		if err != nil || out != "prefix C-a\nbase-index 1\nmouse on\n" {
			t.Errorf("tmux read the config as %q (%v)\n%s", out, err, errOut)
		}
	})
	t.Run("vim", func(t *testing.T) {
		vim := oracle.Require(t, "vim", "vim")
		vimrc := filepath.Join(dir, "vim/.vimrc")
		// -Es exits 1 when any line of the vimrc gave an error.
		args := []string{"-Es", "-N", "-u", vimrc, "-i", "NONE"}
		for _, opt := range []string{"tabstop", "shiftwidth", "expandtab", "number", "background", "mouse", "modeline", "undodir"} {
			args = append(args, "-c", "set "+opt+"?")
		}
		out, errOut, err := runEnv(t, dir, []string{"HOME=" + t.TempDir()}, vim, append(args, "-c", "qa!")...)
		want := "tabstop=4 shiftwidth=4 expandtab number background=dark mouse=a nomodeline undodir=~/.vim/undo//,~/My Files/undo"
		if got := strings.Join(strings.Fields(out), " "); err != nil || got != want {
			t.Errorf("vim read ~/.vimrc as %q (%v)\n%s", out, err, errOut)
		}
	})
	t.Run("gpg", func(t *testing.T) {
		gpg := oracle.Require(t, "gpg", "gnupg")
		home := t.TempDir()
		_, errOut, err := oracle.Run(t, dir, gpg, "--homedir", home, "--options", filepath.Join(dir, "gpg/.gnupg/gpg.conf"), "--gpgconf-test")
		if err != nil || strings.Contains(errOut, "invalid") {
			t.Errorf("gpg --gpgconf-test: %v\n%s", err, errOut)
		}
	})
	if unit := string(fileAt(res, "systemd/.config/systemd/user/backup.service")); !strings.Contains(unit, "\nExecStart=/usr/bin/restic backup /home/bob\n") ||
		!strings.Contains(unit, "\nWantedBy=default.target\n") {
		t.Errorf("backup.service = %q", unit)
	}
	// The unit is enabled as home-manager enables it: a relative link in
	// default.target.wants that resolves to the unit inside the package.
	unit, err1 := os.Stat(filepath.Join(dir, "systemd/.config/systemd/user/backup.service"))
	wants, err2 := os.Stat(filepath.Join(dir, "systemd/.config/systemd/user/default.target.wants/backup.service"))
	if err1 != nil || err2 != nil || !os.SameFile(unit, wants) {
		t.Errorf("default.target.wants/backup.service does not lead to the unit: %v %v", err1, err2)
	}
	if info, err := os.Stat(filepath.Join(dir, "ssh/.ssh/config")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("~/.ssh/config mode = %v, %v; want 0600", info.Mode(), err)
	}
}
