package arch_test

import (
	"strings"
	"testing"

	"github.com/nixarch/nixarch/exporter/arch"
	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/model"
)

// TestSecretsNotWritten checks that a model edited by hand to hold
// secrets writes none of them: setup.sh, /etc files, profile.d and
// system.yaml leave them out, and the report asks for each by hand.
func TestSecretsNotWritten(t *testing.T) {
	token := "ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5"
	key := "-----BEGIN OPENSSH PRIVATE " + "KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"
	at := func(line int) model.Origin { return model.Origin{File: "system.yaml", Line: line, Col: 5} }
	sys := model.New(model.Source{Kind: model.SourceNixOS, Path: "system.yaml"})
	sys.Environment = []model.Variable{
		{Name: "GITHUB_TOKEN", Value: token, Owner: model.OwnerSystem, Origin: at(1)},
		{Name: "DB_PASSWORD", Value: "hunter2", Owner: model.OwnerSystem, Origin: at(2)},
		{Name: "EDITOR", Value: "nvim", Owner: model.OwnerSystem, Origin: at(3)},
	}
	sys.Aliases = []model.Alias{{Name: "gh", Command: "GH_TOKEN=" + token + " gh", Owner: model.OwnerSystem, Origin: at(4)}}
	sys.EtcFiles = []model.EtcFile{
		{Target: "/etc/ssh/key", Content: key, Origin: at(5)},
		{Target: "/etc/ssh/ssh_host_ed25519_key", Content: "anything-secret", Origin: at(6)},
		{Target: "/etc/motd", Content: "hello\n", Origin: at(7)},
	}
	rep := report.Build(sys, nil, mappings.Arch, arch.ReportOptions(nil)...)
	files, err := arch.Render(sys, rep, arch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		for _, s := range []string{"ghp_", "hunter2", "PRIVATE KEY", "anything-secret"} {
			if strings.Contains(string(f.Content), s) {
				t.Errorf("%s holds %q", f.Path, s)
			}
		}
		if f.Path == arch.Script && (!strings.Contains(string(f.Content), "EDITOR") || !strings.Contains(string(f.Content), "hello")) {
			t.Errorf("setup.sh lost what is not a secret:\n%s", f.Content)
		}
		if f.Path == arch.Report {
			for _, want := range []string{
				"- [ ] secret environment variable GITHUB\\_TOKEN is not written (it holds an access token): carry it over by hand (`system.yaml:1:5`)",
				"- [ ] secret environment variable DB\\_PASSWORD is not written (its name says it holds a secret)",
				"- [ ] secret alias gh is not written (it holds an access token)",
				"- [ ] secret file /etc/ssh/key is not written (it holds a private key)",
				"- [ ] secret file /etc/ssh/ssh\\_host\\_ed25519\\_key is not written (it is an SSH host key)",
			} {
				if !strings.Contains(string(f.Content), want) {
					t.Errorf("REPORT.md has no %q:\n%s", want, f.Content)
				}
			}
		}
	}
}
