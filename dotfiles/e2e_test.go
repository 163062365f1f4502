package dotfiles

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/internal/oracle"
	"github.com/nixarch/nixarch/model"
)

// TestInstalledShells installs the typical repository with install.sh
// into an empty home and starts each shell the way a login does, then
// asks it for the aliases, functions and variables it should have.
func TestInstalledShells(t *testing.T) {
	bash := oracle.Require(t, "bash", "bash")
	zsh := oracle.Require(t, "zsh", "zsh")
	fish := oracle.Require(t, "fish", "fish")
	oracle.Require(t, "stow", "stow")
	res := render(t, "typical.yaml", LayoutStow)
	dir := writeRepo(t, res)
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, v := range []string{"XDG_CONFIG_HOME", "ZDOTDIR", "__NIXARCH_SESSION_VARS_SOURCED", "EDITOR", "PAGER"} {
		t.Setenv(v, "") // restored after the test
		os.Unsetenv(v)
	}
	if out, errOut, err := oracle.Run(t, dir, bash, "install.sh"); err != nil {
		t.Fatalf("install.sh: %v\n%s%s", err, out, errOut)
	}
	for _, c := range []struct {
		name    string
		program string
		args    []string
		want    string
	}{
		{"bash alias", bash, []string{"-l", "-i", "-c", `printf %s "${BASH_ALIASES[gs]}"`}, "git status"},
		{"bash variable", bash, []string{"-l", "-c", `printf %s "$EDITOR:$PAGER"`}, "nvim:less"},
		{"bash PATH", bash, []string{"-l", "-c", `[[ :$PATH: == *:$HOME/bin:* ]] && echo yes`}, "yes\n"},
		{"zsh alias", zsh, []string{"-i", "-c", `print -rn -- "${aliases[ll]}"`}, "eza -l"},
		{"zsh variable", zsh, []string{"-c", `print -rn -- "$EDITOR"`}, "nvim"},
		{"zsh history", zsh, []string{"-i", "-c", `print -rn -- "$HISTSIZE"`}, "100000"},
		{"fish abbr", fish, []string{"-i", "-c", `abbr --query gco; and echo yes`}, "yes\n"},
		{"fish function", fish, []string{"-c", `functions -q mkcd; and echo yes`}, "yes\n"},
		{"fish variable", fish, []string{"-c", `printf %s $EDITOR`}, "nvim"},
		{"git", "git", []string{"config", "--global", "user.name"}, "Alice Liddell\n"},
	} {
		out, errOut, err := oracle.Run(t, home, c.program, c.args...)
		if err != nil || !strings.HasSuffix(out, c.want) {
			t.Errorf("%s: got %q (%v), want %q\n%s", c.name, out, err, c.want, errOut)
		}
	}
	if _, err := os.Lstat(filepath.Join(home, ".config/git/config")); err != nil {
		t.Error(err)
	}
}

// TestInstalledZshDotDir checks programs.zsh.dotDir: ~/.zshenv sets
// ZDOTDIR and zsh then reads ~/.config/zsh/.zshrc.
func TestInstalledZshDotDir(t *testing.T) {
	zsh := oracle.Require(t, "zsh", "zsh")
	bash := oracle.Require(t, "bash", "bash")
	oracle.Require(t, "stow", "stow")
	owner := model.UserOwner("alice")
	sys := model.New(model.Source{Kind: model.SourceNixOS})
	sys.Programs = []model.Program{{Name: "programs.zsh", Enabled: true, Owner: owner, Settings: model.Settings{
		"dotDir": ".config/zsh", "shellAliases": map[string]any{"x": "echo 'x'"}, "history": map[string]any{"path": "$ZDOTDIR/history"}}}}
	res, err := Render(sys, LayoutStow)
	if err != nil {
		t.Fatal(err)
	}
	dir := writeRepo(t, res)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("ZDOTDIR", "")
	os.Unsetenv("ZDOTDIR")
	if out, errOut, err := oracle.Run(t, dir, bash, "install.sh"); err != nil {
		t.Fatalf("install.sh: %v\n%s%s", err, out, errOut)
	}
	out, errOut, err := oracle.Run(t, home, zsh, "-i", "-c", `print -rn -- "${aliases[x]}|$HISTFILE"`)
	if want := "echo 'x'|" + home + "/.config/zsh/history"; err != nil || out != want {
		t.Errorf("zsh: %q (%v), want %q\n%s", out, err, want, errOut)
	}
}
