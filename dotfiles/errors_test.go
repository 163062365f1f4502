package dotfiles

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/model"
)

func alice(dotfiles ...model.Dotfile) *model.System {
	sys := model.New(model.Source{Kind: model.SourceNixOS, Path: "home.nix"})
	for i := range dotfiles {
		dotfiles[i].Owner = model.UserOwner("alice")
		if dotfiles[i].Origin.IsZero() {
			dotfiles[i].Origin = model.Origin{File: "home.nix", Line: 10 + i, Col: 3}
		}
	}
	sys.Dotfiles = dotfiles
	return sys
}

func TestBadTargets(t *testing.T) {
	for _, target := range []string{"/etc/passwd", "../escape", "a/../../escape", "~/../x", ".", ".stow-local-ignore"} {
		t.Run(target, func(t *testing.T) {
			_, err := Render(alice(model.Dotfile{Target: target, Content: "x"}), LayoutStow)
			var list model.ErrorList
			if !errors.As(err, &list) || len(list) != 1 || list[0].Origin.Line != 10 {
				t.Fatalf("err = %v, want one positioned error", err)
			}
			if !strings.HasPrefix(err.Error(), "home.nix:10:3: home.file: ") {
				t.Errorf("err = %q", err)
			}
		})
	}
}

func TestCollisions(t *testing.T) {
	sys := alice(model.Dotfile{Target: ".config/git/config", Content: "x"}, model.Dotfile{Target: ".vimrc", Content: "a"},
		model.Dotfile{Target: ".vimrc/inside", Content: "b"})
	sys.Programs = []model.Program{{Name: "programs.git", Enabled: true, Owner: model.UserOwner("alice"),
		Settings: model.Settings{"userName": "A"}, Origin: model.Origin{File: "home.nix", Line: 1, Col: 1}}}
	_, err := Render(sys, LayoutStow)
	if err == nil || !strings.Contains(err.Error(), "~/.config/git/config is also written by") || !strings.Contains(err.Error(), "needs ~/.vimrc to be a folder") {
		t.Fatalf("err = %v", err)
	}
}

func TestSourceSymlinks(t *testing.T) {
	base := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.txt")
	must(t, os.WriteFile(outside, []byte("outside\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(base, "real"), []byte("real\n"), 0o644))
	must(t, os.Symlink(outside, filepath.Join(base, "out")))
	must(t, os.Symlink("real", filepath.Join(base, "in")))
	must(t, os.MkdirAll(filepath.Join(base, "dir"), 0o755))
	must(t, os.Symlink(outside, filepath.Join(base, "dir", "out")))
	must(t, os.Symlink("../../"+filepath.Base(filepath.Dir(outside)), filepath.Join(base, "dir2")))

	ok, err := RenderWith(alice(model.Dotfile{Target: ".in", Source: "in"}), Options{BaseDir: base})
	if err != nil || string(fileAt(ok, "home/.in")) != "real\n" {
		t.Fatalf("a link inside the base folder: %v", err)
	}
	for _, src := range []string{"out", "dir", "../" + filepath.Base(filepath.Dir(outside)) + "/secret.txt"} {
		_, err := RenderWith(alice(model.Dotfile{Target: ".x", Source: src}), Options{BaseDir: base})
		var list model.ErrorList
		if !errors.As(err, &list) || list[0].Origin.Line != 10 {
			t.Errorf("source %s: err = %v, want a positioned error", src, err)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func fileAt(res *Result, path string) []byte {
	for _, f := range res.Files {
		if f.Path == path {
			return f.Content
		}
	}
	return nil
}

func TestSecrets(t *testing.T) {
	sys := alice(
		model.Dotfile{Target: ".ssh/id_rsa", Content: "x"},
		model.Dotfile{Target: ".config/key", Content: "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n"},
		model.Dotfile{Target: ".config/a", Source: "/run/secrets/a"},
		model.Dotfile{Target: ".config/b", Source: "/run/agenix/b"},
		model.Dotfile{Target: ".ssh/id_rsa.pub", Content: "ssh-rsa AAAA"},
	)
	sys.Environment = []model.Variable{{Name: "OPENAI_API_KEY", Value: "sk-1", Owner: model.UserOwner("alice")},
		{Name: "GH", Value: "ghp_0123456789abcdefghijklmnopqrstuvwxyz", Owner: model.UserOwner("alice")}}
	sys.Aliases = []model.Alias{{Name: "gh", Command: "GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz gh", Owner: model.UserOwner("alice")}}
	sys.Programs = []model.Program{{Name: "programs.git", Enabled: true, Owner: model.UserOwner("alice"), Settings: model.Settings{
		"extraConfig": map[string]any{"hub": map[string]any{"oauth": "ghp_0123456789abcdefghijklmnopqrstuvwxyz"}},
		"aliases":     map[string]any{"x": "!curl -H 'Authorization: token ghp_0123456789abcdefghijklmnopqrstuvwxyz'"}}}}
	sys.Programs = append(sys.Programs, model.Program{Name: "programs.zsh", Enabled: true, Owner: model.UserOwner("alice")},
		model.Program{Name: "programs.starship", Enabled: true, Owner: model.UserOwner("alice"), Settings: model.Settings{
			"settings": map[string]any{"custom": map[string]any{"x": map[string]any{"command": "echo xoxb-0123456789-abcdef"}}}}})
	res, err := Render(sys, LayoutStow)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if strings.Contains(string(f.Content), "PRIVATE KEY-----") || strings.Contains(string(f.Content), "sk-1") ||
			strings.Contains(string(f.Content), "ghp_") || strings.Contains(string(f.Content), "xoxb-") ||
			strings.HasSuffix(f.Path, "id_rsa") || strings.HasSuffix(f.Path, ".config/a") || strings.HasSuffix(f.Path, ".config/b") {
			t.Errorf("%s was written", f.Path)
		}
	}
	if fileAt(res, "home/.ssh/id_rsa.pub") == nil {
		t.Error("the public key is missing")
	}
	manual := 0
	for _, f := range res.Findings {
		if f.Severity == model.SeverityManual {
			manual++
		}
	}
	if manual != 10 {
		t.Errorf("%d manual findings, want 10: %v", manual, res.Findings)
	}
}

func TestUsers(t *testing.T) {
	sys := alice(model.Dotfile{Target: ".a", Content: "a"})
	sys.Aliases = []model.Alias{{Name: "x", Command: "y", Owner: model.UserOwner("bob")}}
	if _, err := Render(sys, LayoutStow); !errors.Is(err, ErrSeveralUsers) {
		t.Errorf("err = %v, want ErrSeveralUsers", err)
	}
	res, err := RenderWith(sys, Options{User: "bob"})
	if err != nil || res.User != "bob" || fileAt(res, "home/.a") != nil {
		t.Errorf("User: bob: %v", err)
	}
	if _, err := Render(model.New(model.Source{}), LayoutStow); !errors.Is(err, ErrNoUser) {
		t.Errorf("err = %v, want ErrNoUser", err)
	}
	if _, err := Render(sys, "yadm"); !errors.Is(err, ErrLayout) {
		t.Errorf("err = %v, want ErrLayout", err)
	}
}

func TestArchPaths(t *testing.T) {
	const h = "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-"
	for _, c := range []struct{ in, want, sev string }{
		{h + "git-2.47/bin/git", "/usr/bin/git", "info"},
		{"exec " + h + "foo-1/bin/foo --flag", "exec /usr/bin/foo --flag", "info"},
		{h + "theme/share/themes/x", "/usr/share/themes/x", "info"},
		{h + "source", h + "source", "warning"},
		{h + "x/etc/foo", h + "x/etc/foo", "warning"},
		{"${pkgs.ripgrep}/bin/rg", "/usr/bin/rg", "info"},
		{"${lib.getExe pkgs.delta}", "/usr/bin/delta", "info"},
		{"${pkgs.foo}", "${pkgs.foo}", "warning"},
		{"/run/current-system/sw/bin/zsh", "/usr/bin/zsh", "info"},
		{"/etc/profiles/per-user/alice/bin/fish", "/usr/bin/fish", "info"},
		{"$HOME/.nix-profile/share/x", "/usr/share/x", "info"},
		{"/usr/bin/plain ${HOME}", "/usr/bin/plain ${HOME}", ""},
	} {
		r := newRenderer(model.New(model.Source{}), "alice", Options{})
		got := r.archPaths(c.in, "opt", model.Origin{File: "f.nix", Line: 1})
		if got != c.want {
			t.Errorf("archPaths(%q) = %q, want %q", c.in, got, c.want)
		}
		sev := ""
		if len(r.findings) > 0 {
			sev = string(r.findings[0].Severity)
			if r.findings[0].Origin.File != "f.nix" {
				t.Errorf("archPaths(%q): finding without origin", c.in)
			}
		}
		if sev != c.sev {
			t.Errorf("archPaths(%q): finding %q, want %q", c.in, sev, c.sev)
		}
	}
}

func TestChezmoiPath(t *testing.T) {
	for _, c := range []struct {
		target string
		mode   os.FileMode
		want   string
	}{
		{".config/git/config", 0o644, "dot_config/git/config"},
		{".ssh/config", 0o600, "private_dot_ssh/private_config"},
		{".local/bin/hello", 0o755, "dot_local/bin/executable_hello"},
		{".local/bin/.hidden", 0o700, "dot_local/bin/private_executable_dot_hidden"},
		{"run_me", 0o644, "literal_run_me"},
		{"x.tmpl", 0o644, "x.tmpl.literal"},
		{".gnupg/gpg.conf", 0o600, "private_dot_gnupg/private_gpg.conf"},
	} {
		if got := chezmoiPath(c.target, c.mode); got != c.want {
			t.Errorf("chezmoiPath(%q, %o) = %q, want %q", c.target, c.mode, got, c.want)
		}
	}
}

func TestModulesRegistered(t *testing.T) {
	want := []string{"gtk", "programs.alacritty", "programs.bash", "programs.bat", "programs.btop", "programs.delta", "programs.direnv",
		"programs.eza", "programs.fish", "programs.foot", "programs.fzf", "programs.gh", "programs.ghostty", "programs.git", "programs.gpg",
		"programs.helix", "programs.htop", "programs.kitty", "programs.lazygit", "programs.mpv", "programs.neovim", "programs.readline",
		"programs.rofi", "programs.ssh", "programs.starship", "programs.tmux", "programs.vim", "programs.waybar", "programs.wezterm",
		"programs.zathura", "programs.zoxide", "programs.zsh", "services.dunst", "services.mako",
		"wayland.windowManager.hyprland", "wayland.windowManager.sway", "xsession.windowManager.i3"}
	if got := Modules(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Modules() = %v", got)
	}
	// Every stow package name is one install.sh can pass as a plain word.
	for _, m := range modules {
		if !validPackage(m.pkg) {
			t.Errorf("%s: package %q", m.name, m.pkg)
		}
	}
}

// chezmoiTarget undoes chezmoiPath, as chezmoi reads a source path.
func chezmoiTarget(p string) (string, os.FileMode) {
	parts := strings.Split(p, "/")
	mode := os.FileMode(0o644)
	for i, part := range parts {
		last := i == len(parts)-1
		if rest, ok := strings.CutPrefix(part, "symlink_"); ok && last {
			part, mode = rest, linkMode
		}
		if rest, ok := strings.CutPrefix(part, "private_"); ok {
			part = rest
			if last {
				mode &^= 0o044
			}
		}
		if rest, ok := strings.CutPrefix(part, "executable_"); ok && last {
			part = rest
			mode |= 0o111 & (mode | mode>>2)
			mode |= 0o100
		}
		if rest, ok := strings.CutPrefix(part, "literal_"); ok {
			part = rest
		} else if rest, ok := strings.CutPrefix(part, "dot_"); ok {
			part = "." + rest
		}
		if last {
			part = strings.TrimSuffix(part, ".literal")
		}
		parts[i] = part
	}
	return strings.Join(parts, "/"), mode
}

// TestChezmoiTargets checks that chezmoi would put every file where stow
// puts it.
func TestChezmoiTargets(t *testing.T) {
	for _, name := range cases {
		stow := render(t, name+".yaml", LayoutStow)
		cz := render(t, name+".yaml", LayoutChezmoi)
		want := map[string]bool{}
		for _, p := range stow.Packages {
			for _, target := range p.Targets {
				want[target] = true
			}
		}
		for _, f := range cz.Files {
			if f.Path == "README.md" && name != "typical" || f.Path == "README.nixarch.md" || f.Path == ".chezmoiignore" {
				continue
			}
			target, _ := chezmoiTarget(f.Path)
			if !want[target] {
				t.Errorf("%s: chezmoi source %s gives ~/%s, which stow does not have", name, f.Path, target)
			}
			delete(want, target)
		}
		for target := range want {
			t.Errorf("%s: chezmoi has no source for ~/%s", name, target)
		}
	}
}
