package dotfiles

import (
	"strings"
	"testing"

	"github.com/nixarch/nixarch/model"
)

// TestVimSettings checks what the golden file of programs.vim does not
// show: defaultEditor, and values home-manager would refuse.
func TestVimSettings(t *testing.T) {
	sys := alice()
	sys.Programs = []model.Program{{Name: "programs.vim", Enabled: true, Owner: model.UserOwner("alice"),
		Origin: model.Origin{File: "home.nix", Line: 3, Col: 3}, Settings: model.Settings{
			"defaultEditor": true,
			"plugins":       []any{"pkgs.vimPlugins.vim-sensible"},
			"settings": map[string]any{
				"mouse": "x", "tabstop": "four", "number": true, "colorcolumn": int64(80),
				"backupdir": "/tmp/a|b",
			},
		}}}
	res, err := Render(sys, LayoutStow)
	if err != nil {
		t.Fatal(err)
	}
	vimrc := string(fileAt(res, "vim/.vimrc"))
	for _, want := range []string{"\n\"   vim-sensible\n\n", "\nset backupdir=/tmp/a\\|b\n", "\nset number\n"} {
		if !strings.Contains(vimrc, want) {
			t.Errorf(".vimrc has no %q:\n%s", want, vimrc)
		}
	}
	if strings.Contains(vimrc, "mouse") || strings.Contains(vimrc, "tabstop") || strings.Contains(vimrc, "colorcolumn") {
		t.Errorf(".vimrc has a value home-manager refuses:\n%s", vimrc)
	}
	if session := string(fileAt(res, "session/"+sessionFile)); !strings.Contains(session, "\nexport EDITOR=\"vim\"\n") {
		t.Errorf("no EDITOR=vim in the session variables:\n%s", session)
	}
	var msgs []string
	for _, f := range res.Findings {
		msgs = append(msgs, string(f.Severity)+": "+f.Message)
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{
		`warning: programs.vim.settings.mouse: "x" is not one of n, v, i, c, h, a, r; left out`,
		`warning: programs.vim.settings.tabstop: want an integer, got the string "four"; left out`,
		"warning: programs.vim.settings.colorcolumn: unknown option for the dotfiles renderer; not written",
		"manual: programs.vim.plugins: 1 plugin came from nixpkgs",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no finding %q in\n%s", want, got)
		}
	}
}
