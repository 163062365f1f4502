package nixos

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/model"
)

// TestLinksOutOfTheConfiguration checks that nothing outside the
// configuration's folder is read through a symbolic link, and that each
// such link is an error finding at the option that names it.
func TestLinksOutOfTheConfiguration(t *testing.T) {
	outside := t.TempDir()
	secretFile := filepath.Join(outside, "passwd")
	if err := os.WriteFile(secretFile, []byte("root:x:0:0:outside\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "sibling.nix"), []byte(`{ environment.variables.FROM_SIBLING = "outside"; }`), 0o644); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "cfg")
	files := map[string]string{
		"configuration.nix": `{ config, pkgs, ... }: {
  imports = [ ./mod.nix ../sibling.nix ];
  environment.etc."motd".text = builtins.readFile ./link;
  environment.etc."inside".source = ./inner;
  users.users.alice.isNormalUser = true;
  home-manager.users.alice = {
    home.file.".link".source = ./link;
    xdg.configFile."dots".source = ./dots;
  };
}`,
		"data.txt":     "inside\n",
		"dots/ok.conf": "ok\n",
	}
	writeIn(t, dir, files)
	if err := os.WriteFile(filepath.Join(parent, "sibling.nix"), []byte(`{ environment.variables.FROM_SIBLING = "outside"; }`), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"link":         secretFile,
		"mod.nix":      filepath.Join(outside, "sibling.nix"),
		"inner":        "data.txt",
		"dots/escape":  "../../sibling.nix",
		"dots/inside":  "../data.txt",
		"dots/abs":     secretFile,
		"dots/nowhere": "/nonexistent/nixarch-test",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	sys, err := Import(filepath.Join(dir, "configuration.nix"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := model.Encode(sys)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"root:x", "FROM_SIBLING", "outside\n"} {
		if strings.Contains(string(data), s) {
			t.Errorf("the model holds %q:\n%s", s, data)
		}
	}
	var targets []string
	for _, f := range sys.EtcFiles {
		targets = append(targets, f.Target+"="+strings.TrimSpace(f.Content))
	}
	for _, f := range sys.Dotfiles {
		targets = append(targets, f.Target+"="+strings.TrimSpace(f.Content))
	}
	if got := strings.Join(targets, " "); got != "/etc/inside=inside .config/dots/inside=inside .config/dots/ok.conf=ok" {
		t.Errorf("files: %s", got)
	}
	for _, want := range []struct {
		sev model.Severity
		at  string
		msg string
	}{
		{model.SeverityError, "configuration.nix:2:15", "cannot read module " + filepath.Join(dir, "mod.nix") + ": mod.nix points outside the configuration (" + filepath.Join(outside, "sibling.nix") + ")"},
		{model.SeverityError, "configuration.nix:2:25", "cannot read module " + filepath.Join(parent, "sibling.nix") + ": it is outside the configuration's folder " + dir + ", the only folder nixarch reads"},
		{model.SeverityError, "configuration.nix:3:33", "link points outside the configuration (" + secretFile + ")"},
		{model.SeverityError, "configuration.nix:7:32", `home.file.".link".source: ` + filepath.Join(dir, "link") + " points outside the configuration (" + secretFile + "): left out"},
		{model.SeverityError, "configuration.nix:8:36", "xdg.configFile.dots.source: " + filepath.Join(dir, "dots/abs") + " points outside the configuration"},
		{model.SeverityError, "configuration.nix:8:36", "xdg.configFile.dots.source: " + filepath.Join(dir, "dots/escape") + " points outside the configuration (" + filepath.Join(parent, "sibling.nix") + ")"},
		{model.SeverityError, "configuration.nix:8:36", "xdg.configFile.dots.source: " + filepath.Join(dir, "dots/nowhere") + " points outside the configuration (/nonexistent/nixarch-test)"},
	} {
		found := false
		for _, f := range sys.Findings {
			if f.Severity == want.sev && strings.HasSuffix(f.Origin.String(), "/"+want.at) && strings.Contains(f.Message, want.msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s finding at %s: %q in:\n%s", want.sev, want.at, want.msg, findingList(sys))
		}
	}
}
