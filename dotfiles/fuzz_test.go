package dotfiles

import (
	"bytes"
	"io/fs"
	"testing"

	"github.com/nixarch/nixarch/model"
)

// FuzzRender renders a user with fuzzed names, values and a target, and
// checks that rendering never panics, is deterministic and never writes
// outside the repository.
func FuzzRender(f *testing.F) {
	for _, v := range hostile {
		f.Add("ll", v, "X", v, ".config/x", v)
	}
	f.Add("..", "cd ..", "PATH", "$HOME/bin:${PATH}", "../x", "")
	f.Add("a b", "x", "1X", "y", "/abs", "z")
	f.Fuzz(func(t *testing.T, alias, command, name, value, target, gitValue string) {
		owner := model.UserOwner("u")
		sys := model.New(model.Source{Kind: model.SourceNixOS})
		sys.Aliases = []model.Alias{{Name: alias, Command: command, Owner: owner}}
		sys.Environment = []model.Variable{{Name: name, Value: value, Owner: owner}}
		sys.Dotfiles = []model.Dotfile{{Target: target, Content: value, Owner: owner}}
		sys.Programs = []model.Program{
			{Name: "programs.git", Enabled: true, Owner: owner, Settings: model.Settings{
				"aliases": map[string]any{alias: gitValue}, "extraConfig": map[string]any{"url": map[string]any{gitValue: map[string]any{"insteadOf": value}}}}},
			{Name: "programs.zsh", Enabled: true, Owner: owner},
			{Name: "programs.fish", Enabled: true, Owner: owner, Settings: model.Settings{"functions": map[string]any{alias: command}}},
		}
		for _, layout := range []Layout{LayoutStow, LayoutChezmoi} {
			a, errA := Render(sys, layout)
			b, errB := Render(sys, layout)
			if (errA == nil) != (errB == nil) {
				t.Fatalf("errors differ: %v, %v", errA, errB)
			}
			if errA != nil {
				continue
			}
			if !bytes.Equal(dump(a), dump(b)) {
				t.Fatal("two renders differ")
			}
			for _, f := range a.Files {
				if !fs.ValidPath(f.Path) {
					t.Fatalf("file path %q leaves the repository", f.Path)
				}
			}
		}
	})
}
