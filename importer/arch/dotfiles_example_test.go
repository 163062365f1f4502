package arch_test

import (
	"fmt"
	"testing/fstest"

	"github.com/nixarch/nixarch/importer/arch"
	"github.com/nixarch/nixarch/model"
)

func ExampleReadStow() {
	// A stow repository: one folder per package, each mirroring $HOME.
	repo := fstest.MapFS{
		"git/.config/git/config": {Data: []byte("[user]\n\tname = Alice\n[pull]\n\trebase = true\n")},
		"ssh/.ssh/id_ed25519":    {Data: []byte("a private key, never read")},
		"tmux/.tmux.conf":        {Data: []byte("set -g mouse on\n")},
	}
	sys := model.New(model.Source{Kind: model.SourceArch, Path: "/"})
	sys.Users = []model.User{{Name: "alice", UID: 1000, Home: "/home/alice"}}
	if err := arch.ReadStow(repo, "~/dotfiles", "", sys); err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range sys.Programs {
		fmt.Println(p.Owner, p.Name, p.Settings)
	}
	for _, d := range sys.Dotfiles {
		fmt.Println(d.Owner, "~/"+d.Target, "for", d.Program)
	}
	for _, f := range sys.Findings {
		fmt.Println(f.Severity, f.Message)
	}
	// Output:
	// user:alice programs.git map[extraConfig:map[pull:map[rebase:true]] userName:Alice]
	// user:alice ~/.tmux.conf for programs.tmux
	// manual ~/.ssh/id_ed25519 may hold a key, a token or history; it was not read: copy it by hand, safely
}
