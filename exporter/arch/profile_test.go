package arch_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/internal/oracle"
	"github.com/nixarch/nixarch/model"
)

// TestFishProfile checks that a system whose user logs in with fish gets
// its variables and aliases in fish's conf.d too, in a file fish parses
// and that sets them, and that a value fish cannot read is reported.
func TestFishProfile(t *testing.T) {
	fish := oracle.Require(t, "fish", "fish")
	sys := model.New(model.Source{Kind: model.SourceNixOS, Path: "configuration.nix"})
	sys.Users = []model.User{{Name: "ann", Shell: "/run/current-system/sw/bin/fish", Origin: at("configuration.nix", 1)}}
	sys.Environment = []model.Variable{
		{Name: "EDITOR", Value: `it's "vi"`, Origin: at("configuration.nix", 2)},
		{Name: "CACHE", Value: "${HOME}/.cache", Origin: at("configuration.nix", 3)},
	}
	sys.Aliases = []model.Alias{
		{Name: "ll", Command: `ls -l 'a b'`, Origin: at("configuration.nix", 4)},
		{Name: "zonly", Command: "print -l", Shell: "zsh", Origin: at("configuration.nix", 5)},
	}
	_, files := render(t, sys, testTable)
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Content
	}
	sb := newSandbox(t, byPath, "")
	if out, _, err := sb.run(t, nil, "--apply"); err != nil {
		t.Fatalf("setup.sh --apply: %v\n%s", err, out)
	}
	conf := filepath.Join(sb.root, "etc/fish/conf.d/nixarch.fish")
	if _, stderr, err := oracle.Run(t, sb.root, fish, "--no-execute", conf); err != nil {
		t.Fatalf("fish --no-execute: %v\n%s", err, stderr)
	}
	out, stderr, err := oracle.Run(t, sb.root, fish, "--no-config", "-c", "source $argv[1]; printf '%s\\n' $EDITOR; functions ll | string match -e 'ls -l'; functions -q zonly; or echo no-zonly", conf)
	if err != nil {
		t.Fatalf("fish: %v\n%s", err, stderr)
	}
	if want := "it's \"vi\"\n"; !strings.HasPrefix(out, want) || !strings.Contains(out, "ls -l 'a b'") || !strings.Contains(out, "no-zonly") {
		t.Errorf("fish sees:\n%s", out)
	}
	data, err := os.ReadFile(filepath.Join(sb.root, "etc/profile.d/nixarch.sh"))
	if err != nil || !strings.Contains(string(data), "alias zonly='print -l'") {
		t.Errorf("profile.d: %v\n%s", err, data)
	}
	if md := string(byPath["REPORT.md"]); !strings.Contains(md, "environment variable CACHE: fish cannot read") {
		t.Errorf("REPORT.md does not report CACHE for fish:\n%s", md)
	}
}
