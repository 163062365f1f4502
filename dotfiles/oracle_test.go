package dotfiles

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/internal/oracle"
	"github.com/nixarch/nixarch/model"
)

// gitList reads a git config file with git itself: key → values.
func gitList(t *testing.T, file string) map[string][]string {
	t.Helper()
	git := oracle.Require(t, "git", "git")
	out, errOut, err := oracle.Run(t, "", git, "config", "--file", file, "--null", "--list")
	if err != nil {
		data, _ := os.ReadFile(file)
		t.Fatalf("git config --list %s: %v\n%s\n--- file ---\n%s", file, err, errOut, data)
	}
	m := map[string][]string{}
	for _, e := range strings.Split(strings.TrimSuffix(out, "\x00"), "\x00") {
		k, v, _ := strings.Cut(e, "\n")
		m[k] = append(m[k], v)
	}
	return m
}

// checkShells runs every shell file of a stow repository through its
// shell's syntax check, and install.sh and the session file through
// shellcheck.
func checkShells(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		base := filepath.Base(p)
		var prog string
		var args []string
		switch {
		case strings.HasSuffix(base, ".fish"):
			prog, args = "fish", []string{"--no-execute", p}
		case base == ".zshrc" || base == ".zshenv" || base == ".zprofile" || base == ".zlogin" || base == ".zlogout":
			prog, args = "zsh", []string{"-n", p}
		case base == ".bashrc" || base == ".bash_profile" || base == ".profile" || base == ".bash_logout" || strings.HasSuffix(base, ".sh"):
			prog, args = "bash", []string{"-n", p}
		default:
			return nil
		}
		path := oracle.Require(t, prog, prog)
		if _, errOut, err := oracle.Run(t, dir, path, args...); err != nil {
			data, _ := os.ReadFile(p)
			t.Errorf("%s %s: %v\n%s\n--- file ---\n%s", prog, rel, err, errOut, data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sc := oracle.Require(t, "shellcheck", "shellcheck")
	if out, _, err := oracle.Run(t, dir, sc, "install.sh"); err != nil {
		t.Errorf("shellcheck install.sh: %v\n%s", err, out)
	}
	if session := filepath.Join(dir, "session", filepath.FromSlash(sessionFile)); fileExists(session) {
		if out, _, err := oracle.Run(t, dir, sc, "-s", "sh", session); err != nil {
			t.Errorf("shellcheck %s: %v\n%s", sessionFile, err, out)
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// checkStow dry-runs stow for every package into an empty home.
func checkStow(t *testing.T, dir string, res *Result) {
	t.Helper()
	stow := oracle.Require(t, "stow", "stow")
	home := t.TempDir()
	for _, p := range res.Packages {
		if _, errOut, err := oracle.Run(t, dir, stow, "-n", "--no-folding", "-t", home, "-d", dir, p.Name); err != nil {
			t.Errorf("stow -n %s: %v\n%s", p.Name, err, errOut)
		}
	}
	// And for real, all at once through install.sh, into a home of its own.
	bash := oracle.Require(t, "bash", "bash")
	home = t.TempDir()
	cmdOut, errOut, err := runEnv(t, dir, []string{"HOME=" + home}, bash, "install.sh")
	if err != nil {
		t.Fatalf("install.sh: %v\n%s%s", err, cmdOut, errOut)
	}
	for _, p := range res.Packages {
		for _, target := range p.Targets {
			if _, err := os.Stat(filepath.Join(home, filepath.FromSlash(target))); err != nil {
				t.Errorf("after install.sh: ~/%s: %v", target, err)
			}
		}
	}
}

func TestOracleTypical(t *testing.T) {
	res := render(t, "typical.yaml", LayoutStow)
	dir := writeRepo(t, res)
	checkShells(t, dir)
	checkStow(t, dir, res)

	got := gitList(t, filepath.Join(dir, "git/.config/git/config"))
	want := map[string]string{
		"user.name":              "Alice Liddell",
		"user.email":             "alice@example.org",
		"user.signingkey":        "0xDEADBEEF",
		"commit.gpgsign":         "true",
		"alias.lg":               "log --graph --pretty='%h %s'",
		"alias.amend":            "!git commit --amend --no-edit",
		"filter.lfs.process":     "git-lfs filter-process",
		"filter.lfs.required":    "true",
		"interactive.difffilter": "delta --color-only",
		"delta.navigate":         "true",
		"delta.decorations.commit-decoration-style": "bold yellow box",
		"url.git@github.com:.insteadof":             "https://github.com/",
		"credential.helper":                         "/usr/bin/git-credential-libsecret",
		"diff.pdf.textconv":                         "pdftotext",
		"includeif.gitdir:~/work/.path":             "~/work/.gitconfig",
		"include.path":                              "~/.config/git/local",
		"init.defaultbranch":                        "main",
	}
	for k, v := range want {
		if len(got[k]) != 1 || got[k][0] != v {
			t.Errorf("git config %s = %q, want %q", k, got[k], v)
		}
	}
	if _, ok := got["github.token"]; ok {
		t.Error("github.token was written")
	}
}

// runEnv runs program with extra environment variables.
func runEnv(t *testing.T, dir string, env []string, program string, args ...string) (string, string, error) {
	t.Helper()
	old := map[string]*string{}
	for _, e := range env {
		k, v, _ := strings.Cut(e, "=")
		if prev, ok := os.LookupEnv(k); ok {
			old[k] = &prev
		} else {
			old[k] = nil
		}
		t.Setenv(k, v)
	}
	return oracle.Run(t, dir, program, args...)
}

// hostile values that must survive quoting.
var hostile = []string{
	`it's "quoted"`,
	"two\nlines",
	`$HOME $(touch pwned) ` + "`touch pwned`" + ` ${PATH:-x} $`,
	`back\slash\\ and \n`,
	"tab\there; semi; # hash",
	`'`,
	`"`,
	`!bang !!`,
	"",
}

func hostileSystem() *model.System {
	sys := model.New(model.Source{Kind: model.SourceNixOS, Path: "home.nix"})
	owner := model.UserOwner("eve")
	for i, v := range hostile {
		name := "h" + itoa(i)
		sys.Aliases = append(sys.Aliases,
			model.Alias{Name: name, Command: v, Owner: owner, Shell: "bash"},
			model.Alias{Name: name, Command: v, Owner: owner, Shell: "zsh"},
			model.Alias{Name: name, Command: "printf %s " + fishQuote(v), Owner: owner, Shell: "fish"})
		sys.Environment = append(sys.Environment, model.Variable{Name: "H" + itoa(i), Value: v, Owner: owner})
	}
	aliases := map[string]any{}
	urls := map[string]any{}
	for i, v := range hostile {
		aliases["h"+itoa(i)] = v
		urls["sub"+itoa(i)+v] = map[string]any{"insteadOf": v}
	}
	sys.Programs = append(sys.Programs,
		model.Program{Name: "programs.bash", Enabled: true, Owner: owner},
		model.Program{Name: "programs.zsh", Enabled: true, Owner: owner},
		model.Program{Name: "programs.fish", Enabled: true, Owner: owner},
		model.Program{Name: "programs.git", Enabled: true, Owner: owner, Settings: model.Settings{
			"aliases": aliases, "userName": hostile[0], "extraConfig": map[string]any{"url": urls}}})
	return sys
}

// expand gives what a shell makes of a session variable value: only
// $NAME and ${NAME} expand.
func expand(v, home string) string {
	var b strings.Builder
	for _, s := range segments(v) {
		switch {
		case !s.isVar:
			b.WriteString(s.text)
		case s.text == "HOME":
			b.WriteString(home)
		default:
			b.WriteString(os.Getenv(s.text))
		}
	}
	return b.String()
}

func TestOracleHostile(t *testing.T) {
	res, err := Render(hostileSystem(), LayoutStow)
	if err != nil {
		t.Fatal(err)
	}
	dir := writeRepo(t, res)
	checkShells(t, dir)
	checkStow(t, dir, res)
	home := t.TempDir()
	t.Setenv("HOME", home)
	// With no user code in them, the bash files must be shellcheck-clean
	// (apart from the sourced files shellcheck cannot follow).
	sc := oracle.Require(t, "shellcheck", "shellcheck")
	if out, _, err := oracle.Run(t, dir, sc, "-s", "bash", "-e", "SC1090,SC1091", "bash/.bashrc", "bash/.profile", "bash/.bash_profile"); err != nil {
		t.Errorf("shellcheck: %v\n%s", err, out)
	}
	bashrc := filepath.Join(dir, "bash/.bashrc")
	zshrc := filepath.Join(dir, "zsh/.zshrc")
	fishrc := filepath.Join(dir, "fish/.config/fish/config.fish")
	session := filepath.Join(dir, "session", filepath.FromSlash(sessionFile))
	fishVars := filepath.Join(dir, "fish/.config/fish/conf.d/session-variables.fish")
	bash := oracle.Require(t, "bash", "bash")
	zsh := oracle.Require(t, "zsh", "zsh")
	fish := oracle.Require(t, "fish", "fish")
	gitVals := gitList(t, filepath.Join(dir, "git/.config/git/config"))
	for i, v := range hostile {
		name, vname := "h"+itoa(i), "H"+itoa(i)
		check := func(what, got string, err error, errOut, want string) {
			t.Helper()
			if err != nil {
				t.Errorf("%s %s: %v\n%s", what, name, err, errOut)
			} else if got != want {
				t.Errorf("%s %s = %q, want %q", what, name, got, want)
			}
		}
		out, errOut, err := oracle.Run(t, home, bash, "--norc", "--noprofile", "-i", "-c", `. "$1"; printf %s "${BASH_ALIASES[$2]}"`, "bash", bashrc, name)
		check("bash alias", out, err, errOut, v)
		out, errOut, err = oracle.Run(t, home, zsh, "-f", "-c", `source "$1"; print -rn -- "${aliases[$2]}"`, "zsh", zshrc, name)
		check("zsh alias", out, err, errOut, v)
		out, errOut, err = oracle.Run(t, home, fish, "--no-config", "-i", "-c", `source $argv[1]; `+name, fishrc)
		check("fish alias", out, err, errOut, v)
		want := expand(v, home)
		out, errOut, err = oracle.Run(t, home, bash, "--norc", "--noprofile", "-c", `. "$1"; printf %s "${!2}"`, "bash", session, vname)
		check("bash variable", out, err, errOut, want)
		out, errOut, err = oracle.Run(t, home, zsh, "-f", "-c", `emulate sh -c '. "$1"'; print -rn -- "${(P)2}"`, "zsh", session, vname)
		check("zsh variable", out, err, errOut, want)
		out, errOut, err = oracle.Run(t, home, fish, "--no-config", "-c", `source $argv[1]; printf %s "$`+vname+`"`, fishVars)
		check("fish variable", out, err, errOut, want)
		check("git alias", strings.Join(gitVals["alias."+name], "|"), nil, "", v)
		if !strings.ContainsAny(v, "\n") {
			check("git subsection", strings.Join(gitVals["url.sub"+itoa(i)+v+".insteadof"], "|"), nil, "", v)
		}
	}
	if fileExists(filepath.Join(home, "pwned")) {
		t.Error("a command substitution in a value ran")
	}
}

func TestOracleDeltaModule(t *testing.T) {
	owner := model.UserOwner("alice")
	sys := model.New(model.Source{Kind: model.SourceNixOS})
	sys.Programs = []model.Program{
		{Name: "programs.git", Enabled: true, Owner: owner, Settings: model.Settings{"settings": map[string]any{"user": map[string]any{"name": "A", "email": "a@b"}}}},
		{Name: "programs.delta", Enabled: true, Owner: owner, Settings: model.Settings{"enableGitIntegration": true, "options": map[string]any{"side-by-side": true}}},
		{Name: "programs.gh", Enabled: true, Owner: owner},
	}
	res, err := Render(sys, LayoutStow)
	if err != nil {
		t.Fatal(err)
	}
	dir := writeRepo(t, res)
	got := gitList(t, filepath.Join(dir, "git/.config/git/config"))
	for k, v := range map[string]string{"core.pager": "delta", "delta.side-by-side": "true", "user.name": "A", "user.email": "a@b"} {
		if len(got[k]) != 1 || got[k][0] != v {
			t.Errorf("git config %s = %q, want %q", k, got[k], v)
		}
	}
	if h := got["credential.https://github.com.helper"]; len(h) != 2 || h[0] != "" || h[1] != "!/usr/bin/gh auth git-credential" {
		t.Errorf("credential helper = %q", h)
	}
	if len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Message, "gh auth login") {
		t.Errorf("findings: %v", res.Findings)
	}
}
