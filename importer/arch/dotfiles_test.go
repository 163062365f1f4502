package arch

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nixarch/nixarch/model"
)

// secretPaths are files of alice's home that must never be opened.
var secretPaths = []string{
	"home/alice/.ssh/id_ed25519",
	"home/alice/.ssh/id_ed25519.pub",
	"home/alice/.gnupg/private-keys-v1.d/ABCD.key",
	"home/alice/.config/gh/hosts.yml",
	"home/alice/.netrc",
	"home/alice/.aws/credentials",
	"home/alice/.bash_history",
	"home/alice/.zsh_history",
	"home/alice/.local/share/fish/fish_history",
}

const testGitconfig = `# mine
[user]
	name = Alice Liddell
	email = alice@example.org
[alias]
	co = checkout
	lg = log --graph --oneline
[core]
	editor = nvim
	autocrlf = input ; a comment
[url "git@github.com:"]
	insteadOf = https://github.com/
[pull]
	rebase = true
`

const testStarship = `"$schema" = 'https://starship.rs/config-schema.json'
add_newline = false
command_timeout = 500
scan_timeout = 2.5

[character]
success_symbol = "[➜](bold green)"

[[battery.display]]
threshold = 10
style = "bold red"
`

const testSSHConfig = `Host gh
  HostName github.com
  User git
  IdentityFile ~/.ssh/id_ed25519
  IdentitiesOnly yes

Host *
  ServerAliveInterval 60
`

const testBashrc = `# ~/.bashrc
[[ $- != *i* ]] && return
alias ls='ls --color=auto'
alias gs="git status"
alias x='echo "$HOME"'
alias dup='one'
alias dup='two'
alias tricky="echo $HOME"
PS1='[\u@\h \W]\$ '
`

// homeRoot is an Arch root whose user alice has dotfiles, secrets beside
// them and links that try to reach the secrets.
func homeRoot() fstest.MapFS {
	fsys := fstest.MapFS{
		"var/lib/pacman/local/ALPM_DB_VERSION": file("9\n"),
		"etc/passwd": file("root:x:0:0::/root:/usr/bin/bash\n" +
			"alice:x:1000:1000:Alice:/home/alice:/usr/bin/zsh\n"),
		"home/alice/.gitconfig":                       file(testGitconfig),
		"home/alice/.config/starship.toml":            file(testStarship),
		"home/alice/.ssh/config":                      file(testSSHConfig),
		"home/alice/.bashrc":                          file(testBashrc),
		"home/alice/.inputrc":                         file("set editing-mode vi\n"),
		"home/alice/.config/kitty/kitty.conf":         file("include theme.conf\nfont_size 11\n"),
		"home/alice/.config/mpv/mpv.conf":             file("bin\x00ary"),
		"home/alice/.config/alacritty/alacritty.toml": file(strings.Repeat("# big\n", MaxDotfileSize/6+1)),
		// A link to a key is refused, and a link out of the root stays in it.
		"home/alice/.tmux.conf":               symlink("/home/alice/.ssh/id_ed25519"),
		"home/alice/.config/nvim/init.lua":    symlink("../../../../../../etc/passwd"),
		"home/alice/.vimrc":                   symlink("dotfiles/vim/.vimrc"),
		"home/alice/dotfiles/vim/.vimrc":      file("set number\n"),
		"home/alice/.config/fish/config.fish": symlink(".../id_ed25519"),
	}
	for _, p := range secretPaths {
		fsys[p] = file("SECRET-" + p + "\n")
	}
	return fsys
}

func TestReadHomesNeverOpensSecrets(t *testing.T) {
	t.Parallel()
	rec := &recordingFS{FS: homeRoot()}
	sys, err := ImportFS(rec, nil, "/")
	if err != nil {
		t.Fatal(err)
	}
	if err := sys.Validate(); err != nil {
		t.Fatalf("the model does not validate: %v", err)
	}
	for _, name := range rec.opened {
		if slices.Contains(secretPaths, name) || strings.Contains(name, "id_ed25519") {
			t.Errorf("%s was opened", name)
		}
	}
	out, err := model.Encode(sys)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "SECRET") {
		t.Errorf("a secret reached the model:\n%s", out)
	}

	var dotfiles []string
	for _, d := range sys.Dotfiles {
		dotfiles = append(dotfiles, d.Target+" "+d.Program+" "+d.Mode.String()+" @"+d.Origin.String())
	}
	compare(t, "dotfiles", dotfiles, []string{
		".bashrc programs.bash 0644 @/home/alice/.bashrc",
		".config/kitty/kitty.conf programs.kitty 0644 @/home/alice/.config/kitty/kitty.conf",
		".vimrc programs.vim 0644 @/home/alice/.vimrc",
		".inputrc programs.readline 0644 @/home/alice/.inputrc",
	})
	var programs []string
	for _, p := range sys.Programs {
		programs = append(programs, p.Name+" "+string(p.Owner)+" @"+p.Origin.String())
	}
	compare(t, "programs", programs, []string{
		"programs.git user:alice @/home/alice/.gitconfig",
		"programs.starship user:alice @/home/alice/.config/starship.toml",
		"programs.ssh user:alice @/home/alice/.ssh/config",
	})
	var aliases []string
	for _, a := range sys.Aliases {
		aliases = append(aliases, a.Name+"="+a.Command+" "+a.Shell+" @"+a.Origin.String())
	}
	compare(t, "aliases", aliases, []string{
		"ls=ls --color=auto bash @/home/alice/.bashrc:3:1",
		"gs=git status bash @/home/alice/.bashrc:4:1",
		`x=echo "$HOME" bash @/home/alice/.bashrc:5:1`,
	})
	for _, d := range sys.Dotfiles {
		if d.Target == ".bashrc" && (strings.Contains(d.Content, "alias ls") || !strings.Contains(d.Content, "alias dup='two'") || !strings.Contains(d.Content, "alias tricky")) {
			t.Errorf(".bashrc kept as:\n%s", d.Content)
		}
	}
	var findings []string
	for _, f := range sys.Findings {
		findings = append(findings, f.Origin.String()+": "+f.Message)
	}
	for _, want := range []string{
		"/home/alice/.config/mpv/mpv.conf: ~/.config/mpv/mpv.conf is not a text file",
		"/home/alice/.config/alacritty/alacritty.toml: cannot read ~/.config/alacritty/alacritty.toml: file is too large",
		"/home/alice/.tmux.conf: cannot read ~/.tmux.conf: the link leads to a file that may hold secrets",
		"/home/alice/.config/nvim/init.lua: cannot read ~/.config/nvim/init.lua: the link leads out of the root",
	} {
		if !slices.ContainsFunc(findings, func(f string) bool { return strings.HasPrefix(f, want) }) {
			t.Errorf("no finding %q in\n%s", want, strings.Join(findings, "\n"))
		}
	}
}

func TestGitSettings(t *testing.T) {
	t.Parallel()
	got, why := gitSettings(testGitconfig)
	want := model.Settings{
		"userName":  "Alice Liddell",
		"userEmail": "alice@example.org",
		"aliases":   map[string]any{"co": "checkout", "lg": "log --graph --oneline"},
		"extraConfig": map[string]any{
			"core": map[string]any{"editor": "nvim", "autocrlf": "input"},
			"url":  map[string]any{"git@github.com:": map[string]any{"insteadOf": "https://github.com/"}},
			"pull": map[string]any{"rebase": "true"},
		},
	}
	if why != "" || !reflect.DeepEqual(got, want) {
		t.Errorf("gitSettings = %v (%s), want %v", got, why, want)
	}
	for _, c := range []struct{ name, text, why string }{
		{"include", "[include]\n\tpath = ~/.gitconfig.local\n", "includes"},
		{"includeIf", "[includeIf \"gitdir:~/work/\"]\n\tpath = ~/.work\n", "includes"},
		{"bare key", "[core]\n\tbare\n", "without a value"},
		{"continued", "[alias]\n\tx = a \\\n b\n", "does not translate exactly"},
		{"escape", "[alias]\n\tx = \"a\\qb\"\n", "does not translate exactly"},
		{"multi", "[remote \"o\"]\n\tfetch = a\n\tfetch = b\n", "several values"},
		{"token", "[github]\n\ttoken = abc\n", "secret"},
		{"credential", "[credential]\n\thelper = store\n", "secret"},
		{"old subsection", "[branch.main]\n\tremote = o\n", "section header"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if s, why := gitSettings(c.text); s != nil || !strings.Contains(why, c.why) {
				t.Errorf("gitSettings = %v, %q; want nil and %q", s, why, c.why)
			}
		})
	}
}

func TestSSHSettings(t *testing.T) {
	t.Parallel()
	got, why := sshSettings(testSSHConfig)
	want := model.Settings{"matchBlocks": map[string]any{
		"gh": map[string]any{"hostname": "github.com", "user": "git", "identityFile": "~/.ssh/id_ed25519", "identitiesOnly": true},
		"*":  map[string]any{"serverAliveInterval": int64(60)},
	}}
	if why != "" || !reflect.DeepEqual(got, want) {
		t.Errorf("sshSettings = %v (%s), want %v", got, why, want)
	}
	for _, text := range []string{
		"Host *\n  User a\nHost b\n  User c\n",
		"Host *.example.org\n  User a\n",
		"Host a b\n  User a\n",
		"User a\nHost b\n",
		"Match host a\n  User b\n",
		"Include ~/.ssh/conf.d/*\n",
		"Host a\n  LocalForward 8080 localhost:80\n",
		"Host a\n  User b\n  User c\n",
		"Host a\n  ProxyCommand \"nc %h %p\"\n",
	} {
		if s, why := sshSettings(text); s != nil || why == "" {
			t.Errorf("sshSettings(%q) = %v, %q; want the file kept", text, s, why)
		}
	}
}

func TestTOMLSettingsKeepsDates(t *testing.T) {
	t.Parallel()
	if s, why := tomlSettings("when = 2024-01-01\n"); s != nil || !strings.Contains(why, "date") {
		t.Errorf("tomlSettings = %v, %q", s, why)
	}
	if s, why := tomlSettings("x = inf\n"); s != nil || !strings.Contains(why, "infinite") {
		t.Errorf("tomlSettings = %v, %q", s, why)
	}
	if s, why := tomlSettings("x = [\n"); s != nil || !strings.Contains(why, "not valid TOML") {
		t.Errorf("tomlSettings = %v, %q", s, why)
	}
}

func TestImportStow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("git/.gitconfig", testGitconfig)
	write("ssh/.ssh/config", testSSHConfig)
	write("ssh/.ssh/id_rsa", "SECRET")
	write("gnupg/.gnupg/private-keys-v1.d/x.key", "SECRET")
	write("scripts/.local/bin/hello", "#!/bin/sh\necho hi\n")
	write("scripts/.local/bin/deploy", "#!/bin/sh\nGITHUB_TOKEN=ghp_"+"SECRETaB3dE5gH7jK9mN1pQ3sT5vX7zA9 gh release\n")
	write("misc/.config/app/key.txt", "-----BEGIN OPENSSH PRIVATE "+"KEY-----\nSECRET\n")
	if err := os.Chmod(filepath.Join(dir, "scripts/.local/bin/hello"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("README.md", "not a package\n")
	write(".git/config", "not a package\n")
	write("git/README.md", "ignored by stow\n")
	if err := os.Symlink("/etc/shadow", filepath.Join(dir, "git/.inputrc")); err != nil {
		t.Fatal(err)
	}

	sys := model.New(model.Source{Kind: model.SourceArch, Path: "/"})
	sys.Users = []model.User{{Name: "alice", UID: 1000, Home: "/home/alice"}}
	if err := ImportStow(dir, "", sys); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range sys.Programs {
		got = append(got, p.Name+" "+string(p.Owner))
	}
	for _, d := range sys.Dotfiles {
		got = append(got, d.Target+" "+d.Mode.String())
	}
	compare(t, "items", got, []string{
		"programs.git user:alice",
		"programs.ssh user:alice",
		".local/bin/hello 0755",
	})
	out, _ := model.Encode(sys)
	if strings.Contains(string(out), "SECRET") {
		t.Errorf("a secret reached the model:\n%s", out)
	}
	var findings []string
	for _, f := range sys.Findings {
		findings = append(findings, f.Message)
	}
	joined := strings.Join(findings, "\n")
	for _, want := range []string{"~/.ssh/id_rsa may hold a key", "~/.gnupg may hold keys", "cannot read ~/.inputrc",
		"~/.local/bin/deploy is not copied (it holds an access token)", "~/.config/app/key.txt is not copied (it holds a private key)"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no finding %q in\n%s", want, joined)
		}
	}

	two := model.New(model.Source{})
	two.Users = []model.User{{Name: "a"}, {Name: "b"}}
	if err := ImportStow(dir, "", two); err == nil || !strings.Contains(err.Error(), "2 regular users") {
		t.Errorf("error = %v", err)
	}
}

// TestTwoGitConfigs checks that programs.git, which writes
// ~/.config/git/config, never comes with that file kept as well.
func TestTwoGitConfigs(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, xdg string
		want      []string
	}{
		{"both translate", "[core]\n\teditor = vi\n", []string{"program programs.git /home/alice/.config/git/config", "file .gitconfig"}},
		{"xdg kept", "[include]\n\tpath = x\n", []string{"file .config/git/config", "file .gitconfig"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"var/lib/pacman/local/ALPM_DB_VERSION": file("9\n"),
				"etc/passwd":                           file("alice:x:1000:1000::/home/alice:/bin/bash\n"),
				"home/alice/.gitconfig":                file(testGitconfig),
				"home/alice/.config/git/config":        file(c.xdg),
			}
			sys, err := ImportFS(fsys, nil, "/")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range sys.Programs {
				got = append(got, "program "+p.Name+" "+p.Origin.File)
			}
			for _, d := range sys.Dotfiles {
				got = append(got, "file "+d.Target)
			}
			compare(t, "items", got, c.want)
		})
	}
}

// TestStowAfterHome checks that a file read from the home is not taken
// again from a stow repository (where it is often linked from).
func TestStowAfterHome(t *testing.T) {
	t.Parallel()
	sys, err := ImportFS(homeRoot(), nil, "/")
	if err != nil {
		t.Fatal(err)
	}
	before := len(sys.Programs) + len(sys.Dotfiles)
	stow := fstest.MapFS{
		"git/.gitconfig":             file(testGitconfig),
		"readline/.inputrc":          file("set bell-style none\n"),
		"foot/.config/foot/foot.ini": file("font=monospace:size=11\n"),
	}
	if err := ReadStow(stow, "dots", "", sys); err != nil {
		t.Fatal(err)
	}
	if got := len(sys.Programs) + len(sys.Dotfiles); got != before+1 {
		t.Errorf("%d items after the stow repository, want %d", got, before+1)
	}
	n := 0
	for _, f := range sys.Findings {
		if strings.Contains(f.Message, "was read already") {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d findings say a file was read already, want 2", n)
	}
}

// TestDotfilesGolden compares the model of homeRoot with
// testdata/dotfiles/home.yaml.golden; go test -update rewrites it.
func TestDotfilesGolden(t *testing.T) {
	sys, err := ImportFS(homeRoot(), nil, "/")
	if err != nil {
		t.Fatal(err)
	}
	got, err := model.Encode(sys)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "dotfiles", "home.yaml.golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("the model differs from %s (check, then run go test -update):\n%s", golden, got)
	}
}

func TestStowBounded(t *testing.T) {
	t.Parallel()
	repo := fstest.MapFS{}
	for _, pkg := range []string{"a", "b"} {
		for i := range MaxStowFiles {
			repo[fmt.Sprintf("%s/.config/%s/%d", pkg, pkg, i)] = file("x\n")
		}
	}
	sys := model.New(model.Source{})
	sys.Users = []model.User{{Name: "alice"}}
	if err := ReadStow(repo, "dots", "", sys); err != nil {
		t.Fatal(err)
	}
	if len(sys.Dotfiles) != MaxStowFiles || len(sys.Findings) != 1 || !strings.Contains(sys.Findings[0].Message, "more than 1000 files") {
		t.Errorf("%d dotfiles, findings %v", len(sys.Dotfiles), sys.Findings)
	}
}
