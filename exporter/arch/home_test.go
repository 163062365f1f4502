package arch_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/dotfiles"
	"github.com/nixarch/nixarch/exporter/arch"
	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/model"
)

// TestHomeFromDotfiles checks that what the dotfiles repository carries
// for its user is not reported as left out: program settings, variables,
// aliases and user units; that the programs' packages are installed; and
// that another user's settings still are reported.
func TestHomeFromDotfiles(t *testing.T) {
	alice, bob := model.UserOwner("alice"), model.UserOwner("bob")
	sys := model.New(model.Source{Kind: model.SourceNixOS, Path: "flake.nix", Host: "laptop"})
	sys.Programs = []model.Program{
		{Name: "programs.alacritty", Enabled: true, Owner: alice, Origin: at("home.nix", 3),
			Settings: model.Settings{"settings": map[string]any{"font": map[string]any{"size": 11.0}}}},
		{Name: "programs.git", Enabled: true, Owner: alice, Origin: at("home.nix", 5),
			Settings: model.Settings{"userName": "Alice"}},
		{Name: "programs.direnv", Enabled: true, Owner: alice, Origin: at("home.nix", 7)},
		{Name: "programs.zsh", Enabled: true, Owner: alice, Origin: at("home.nix", 8)},
		{Name: "programs.tmux", Enabled: true, Owner: bob, Origin: at("bob.nix", 3),
			Settings: model.Settings{"mouse": true}},
	}
	sys.Services = []model.Service{{Name: "systemd.user.services.sync", Enabled: true, Owner: alice, Origin: at("home.nix", 9),
		Settings: model.Settings{"Service": map[string]any{"ExecStart": "/usr/bin/true"}, "Install": map[string]any{"WantedBy": []any{"default.target"}}}}}
	sys.Environment = []model.Variable{{Name: "EDITOR", Value: "nvim", Owner: alice, Origin: at("home.nix", 10)}}
	sys.Aliases = []model.Alias{{Name: "g", Command: "git", Owner: alice, Origin: at("home.nix", 11)}}

	home, err := dotfiles.RenderWith(sys, dotfiles.Options{User: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	table := fakeMapper{"alacritty": to("alacritty", "extra"), "git": to("git", "extra"), "direnv": to("direnv", "extra"), "zsh": to("zsh", "extra")}
	rep := report.Build(sys, table, mappings.Arch, arch.ReportOptions(home)...)
	files, err := arch.Render(sys, rep, arch.Options{Dotfiles: home})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Path] = string(f.Content)
	}
	if want := "alacritty\ndirenv\ngit\nstow\ntmux\nzsh\n"; got[arch.PkgList] != want {
		t.Errorf("pkglist.txt:\n%s\nwant\n%s", got[arch.PkgList], want)
	}
	for _, path := range []string{"dotfiles/alacritty/.config/alacritty/alacritty.toml", "dotfiles/systemd/.config/systemd/user/sync.service", "dotfiles/install.sh"} {
		if _, ok := got[path]; !ok {
			t.Errorf("no %s", path)
		}
	}
	md := got[arch.Report]
	for _, bad := range []string{"programs.alacritty.enable has no", "settings of programs.git", "programs.direnv.enable: nixarch", "direnv hook", "systemd.user.services.sync.enable",
		"variable EDITOR of user alice", "alias g of user alice"} {
		if strings.Contains(md, bad) {
			t.Errorf("REPORT.md says %q, though the dotfiles repository has it", bad)
		}
	}
	for _, want := range []string{"settings of programs.tmux with no Arch translation, to carry over by hand: mouse", "`~alice/.config/alacritty/alacritty.toml`"} {
		if !strings.Contains(md, want) {
			t.Errorf("REPORT.md does not say %q:\n%s", want, md)
		}
	}
	full, err := arch.FullReport(sys, rep, arch.Options{Dotfiles: home})
	if err != nil {
		t.Fatal(err)
	}
	if string(full.Markdown()) != md {
		t.Error("FullReport differs from REPORT.md")
	}
}

// TestHomeInstall runs setup.sh --apply with a dotfiles repository: it
// installs stow, copies the repository into the user's home, links it as
// the user, and on a second run leaves the copy alone.
func TestHomeInstall(t *testing.T) {
	sys := model.New(model.Source{Kind: model.SourceNixOS, Path: "flake.nix", Host: "laptop"})
	sys.Users = []model.User{{Name: "alice", Home: "/srv/alice", Origin: at("configuration.nix", 2)}}
	sys.Programs = []model.Program{{Name: "programs.git", Enabled: true, Owner: model.UserOwner("alice"), Origin: at("home.nix", 5),
		Settings: model.Settings{"userName": "Alice"}}}
	home, err := dotfiles.RenderWith(sys, dotfiles.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep := report.Build(sys, fakeMapper{"git": to("git", "extra")}, mappings.Arch, arch.ReportOptions(home)...)
	files, err := arch.Render(sys, rep, arch.Options{Dotfiles: home})
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Content
	}
	sb := newSandbox(t, byPath, "")
	// useradd -m makes the home folder; the stub does not.
	if err := os.MkdirAll(filepath.Join(sb.root, "srv/alice"), 0o755); err != nil {
		t.Fatal(err)
	}
	out, calls, err := sb.run(t, nil, "--apply")
	if err != nil {
		t.Fatalf("setup.sh --apply: %v\n%s", err, out)
	}
	want := []string{
		"pacman -S --needed - < git stow",
		"useradd -m -d /srv/alice alice",
		"chown -R -- alice: " + sb.root + "/srv/alice/dotfiles",
		"runuser -u alice -- env HOME=/srv/alice /srv/alice/dotfiles/install.sh",
	}
	if strings.Join(calls, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls:\n%s\nwant\n%s", strings.Join(calls, "\n"), strings.Join(want, "\n"))
	}
	if _, err := os.Stat(filepath.Join(sb.root, "srv/alice/dotfiles/git/.config/git/config")); err != nil {
		t.Errorf("the repository was not copied: %v", err)
	}
	out, calls, err = sb.run(t, nil, "--apply")
	if err != nil || slices.ContainsFunc(calls, func(c string) bool { return strings.HasPrefix(c, "runuser") }) || !strings.Contains(out, "/srv/alice/dotfiles exists already") {
		t.Errorf("second run: %v\n%s\ncalls %q", err, out, calls)
	}
}
