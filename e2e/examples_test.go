package e2e

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/cmd/nixarch/commands"
	"github.com/nixarch/nixarch/internal/archcheck"
	"github.com/nixarch/nixarch/internal/oracle"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/mappings/options"
)

// TestExampleToArch migrates the NixOS flake that ships in examples/ (what
// make demo runs) to an Arch output folder, and has every program that
// will read that folder check it: pacman, bash, shellcheck, stow, git,
// zsh, fish and the TOML, JSON and YAML parsers. It also checks that
// nixarch report says what the written REPORT.md says.
func TestExampleToArch(t *testing.T) {
	src := filepath.Join("..", "examples", "nixos")
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	if code := commands.Main([]string{"nixarch", "migrate", src, "--to", "arch", "-o", out}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("migrate exited %d:\n%s", code, stderr.String())
	}
	for _, f := range []string{"pkglist.txt", "aur.txt", "setup.sh", "REPORT.md", "report.json", "system.yaml",
		"archinstall/user_configuration.json", "dotfiles/install.sh", "dotfiles/README.md", "dotfiles/git/.config/git/config",
		"dotfiles/zsh/.zshrc", "dotfiles/systemd/.config/systemd/user/notes-sync.service",
		"dotfiles/systemd/.config/systemd/user/default.target.wants/notes-sync.service"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("the output lacks %s", f)
		}
	}

	pkgs, err := mappings.Default()
	if err != nil {
		t.Fatal(err)
	}
	opts, err := options.Default()
	if err != nil {
		t.Fatal(err)
	}
	results := archcheck.Check(out, t.TempDir(), archcheck.Tables{Packages: pkgs, Options: opts})
	for _, r := range results {
		switch {
		case r.Missing != "":
			// Skips loudly, or fails under CI.
			oracle.Require(t, r.Missing, r.Missing)
		case r.Err != nil:
			t.Errorf("%s", r)
		}
	}
	if len(results) < 20 {
		t.Errorf("only %d checks ran:\n%v", len(results), results)
	}

	stdout.Reset()
	if code := commands.Main([]string{"nixarch", "report", src, "--format", "markdown"}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("report exited %d:\n%s", code, stderr.String())
	}
	written, err := os.ReadFile(filepath.Join(out, "REPORT.md"))
	if err != nil {
		t.Fatal(err)
	}
	if stdout.String() != string(written) {
		t.Errorf("nixarch report differs from REPORT.md:\n%s", firstDiff(stdout.String(), string(written)))
	}
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n%s\n  vs\n%s", i+1, al[i], bl[i])
		}
	}
	return "one is a prefix of the other"
}

// BenchmarkMigrateExample measures nixarch migrate of the example flake to
// Arch, end to end in one process: import, mapping, dotfiles, rendering
// and writing the folder (the goal is under 100 ms).
func BenchmarkMigrateExample(b *testing.B) {
	src := filepath.Join("..", "examples", "nixos")
	dir := b.TempDir()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		out := filepath.Join(dir, fmt.Sprint(i))
		var stderr bytes.Buffer
		if code := commands.Main([]string{"nixarch", "migrate", src, "--to", "arch", "-o", out}, nil, io.Discard, &stderr); code != 0 {
			b.Fatalf("migrate exited %d:\n%s", code, stderr.String())
		}
	}
}

// BenchmarkMigrateProcess measures what a user waits for: one nixarch
// process (built once, outside the timer) migrating the largest NixOS
// fixture, classic-desktop (70 packages, home-manager for two users), to
// a new Arch folder, start to exit, mapping tables loaded cold each time.
// The goal is under 100 ms.
func BenchmarkMigrateProcess(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "nixarch")
	build := exec.Command("go", "build", "-o", bin, "../cmd/nixarch")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	src := filepath.Join("..", "importer", "nixos", "testdata", "classic-desktop")
	for i := 0; b.Loop(); i++ {
		cmd := exec.Command(bin, "migrate", src, "--to", "arch", "-o", filepath.Join(dir, fmt.Sprint(i)))
		cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("migrate: %v\n%s", err, out)
		}
	}
}
