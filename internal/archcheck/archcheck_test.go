package archcheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/internal/oracle"
	"github.com/nixarch/nixarch/mappings"
)

// TestCheckFails gives each check a broken file and expects it to fail:
// a check that cannot fail proves nothing.
func TestCheckFails(t *testing.T) {
	for _, p := range []string{"pacman", "bash", "shellcheck", "stow", "git", "zsh", "fish"} {
		oracle.Require(t, p, p)
	}
	table, err := mappings.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"pkglist.txt":                             "git\nno-such-package-anywhere\n",
		"setup.sh":                                "#!/usr/bin/env bash\nif then\n",
		"dotfiles/install.sh":                     "#!/usr/bin/env bash\necho $1\n",
		"dotfiles/git/.config/git/config":         "[user\n\tname = x\n",
		"dotfiles/zsh/.zshrc":                     "if [[ x ]]; then\n",
		"dotfiles/fish/.config/fish/config.fish":  "if true\n",
		"dotfiles/session/.profile":               "case x in\n",
		"dotfiles/starship/.config/starship.toml": "a = = 1\n",
		"dotfiles/x/.config/x/x.json":             "{",
		"dotfiles/y/.config/y/y.yaml":             "a: [\n",
		"archinstall/user_configuration.json":     "{]",
		"system.yaml":                             "apiVersion: nixarch/v1\nkind: System\nwhat: 1\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A file in the scratch home that the zsh package would replace.
	scratch := t.TempDir()
	if err := os.MkdirAll(filepath.Join(scratch, "home"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(scratch, "home", ".zshrc"), []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	results := Check(dir, scratch, Tables{Packages: table})
	failed := map[string]bool{}
	for _, r := range Failed(results) {
		failed[r.Check+" "+r.Target] = true
	}
	for _, want := range []string{
		"official names pkglist.txt",
		"bash -n setup.sh", "shellcheck setup.sh", "setup.sh shows only setup.sh",
		"stow -n dotfiles/zsh", "shellcheck dotfiles/install.sh",
		"git config --list dotfiles/git/.config/git/config",
		"zsh -n dotfiles/zsh/.zshrc",
		"fish --no-execute dotfiles/fish/.config/fish/config.fish",
		"bash -n dotfiles/session/.profile",
		"parse toml dotfiles/starship/.config/starship.toml",
		"parse json dotfiles/x/.config/x/x.json",
		"parse yaml dotfiles/y/.config/y/y.yaml",
		"parse json archinstall/user_configuration.json",
		"parse model system.yaml",
	} {
		if !failed[want] {
			t.Errorf("%s did not fail", want)
		}
	}
	for _, r := range results {
		if r.Missing != "" {
			t.Errorf("%s", r)
		}
		if r.Err == nil && strings.HasPrefix(r.Check, "stow") && r.Target == "dotfiles/zsh" {
			t.Errorf("stow did not see the conflict")
		}
	}
}

// TestPacmanFromEveryName has pacman resolve a list from core, extra and
// multilib against the databases of every official name.
func TestPacmanFromEveryName(t *testing.T) {
	oracle.Require(t, "pacman", "pacman-package-manager")
	table, err := mappings.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pkglist.txt"), []byte("glibc\nneovim\nsteam\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := &checker{dir: dir, scratch: t.TempDir(), tables: Tables{Packages: table}}
	c.packages()
	if len(c.results) != 1 || c.results[0].Check != "pacman -Sp" || c.results[0].Err != nil {
		t.Errorf("results = %v", c.results)
	}
}
