package commands

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/nixarch/nixarch/internal/oracle"
)

// run runs Main in process and returns its exit code, stdout and stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(append([]string{"nixarch"}, args...), strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestNormalizeArgs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"import arch list.txt -o m.yaml", "import arch -o m.yaml list.txt"},
		{"import arch list.txt -o - --force", "import arch -o - --force list.txt"},
		{"import arch list.txt --output=m.yaml", "import arch --output=m.yaml list.txt"},
		{"export nixos m.yaml -o out --dry-run", "export nixos -o out --dry-run m.yaml"},
		{"migrate l.txt --quiet --to nixos -o out", "--quiet migrate --to nixos -o out l.txt"},
		{"map firefox git --from nixos", "map --from nixos firefox git"},
		{"map --format json -- -weird", "map --format json -- -weird"},
		{"import arch - -o -", "import arch -o - -"},
		{"report list.txt --foreign a.txt --foreign b.txt", "report --foreign a.txt --foreign b.txt list.txt"},
		{"import arch list.txt --bogus", "import arch --bogus list.txt"},
		{"frobnicate x -v", "frobnicate x -v"},
		{"-v frobnicate x", "-v frobnicate x"},
		{"export gentoo m.yaml -o x", "export gentoo m.yaml -o x"},
	}
	app := newApp(&console{})
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := strings.Join(normalizeArgs(app, append([]string{"nixarch"}, strings.Fields(tt.in)...))[1:], " ")
			if got != tt.want {
				t.Errorf("normalizeArgs(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "pkglist.txt")
	if err := os.WriteFile(list, []byte("git\nyay-nonexistent-package\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		err  string // a substring of stderr
	}{
		{"no command", nil, ExitUsage, "no command given"},
		{"unknown command", []string{"frobnicate"}, ExitUsage, `unknown command "frobnicate"`},
		{"unknown flag", []string{"version", "--bogus"}, ExitUsage, "flag provided but not defined: -bogus"},
		{"unknown global flag", []string{"--bogus"}, ExitUsage, "hint: run 'nixarch --help' for usage"},
		{"import without subcommand", []string{"import"}, ExitUsage, "import needs a subcommand"},
		{"missing file", []string{"import", "arch", filepath.Join(dir, "missing.txt")}, ExitError, "missing.txt"},
		{"quiet and verbose", []string{"-q", "-v", "version"}, ExitUsage, "cannot be used together"},
		{"export needs -o", []string{"export", "nixos", list}, ExitUsage, "needs an output folder: -o DIR"},
		{"migrate needs --to", []string{"migrate", list, "-o", dir}, ExitUsage, "migrate needs --to"},
		{"bad --to", []string{"migrate", list, "--to", "gentoo", "-o", dir}, ExitUsage, "--to must be arch or nixos"},
		{"bad --format", []string{"report", list, "--format", "xml"}, ExitUsage, "--format must be"},
		{"strict report with unmapped", []string{"report", list, "--strict"}, ExitUnmapped, ""},
		{"nixos import of a file that is not Nix", []string{"import", "nixos", list}, ExitError, "pkglist.txt:1:1: undefined variable 'git'"},
		{"version", []string{"version"}, ExitOK, ""},
		{"help", []string{"--help"}, ExitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.err) {
				t.Errorf("stderr does not mention %q:\n%s", tt.err, stderr)
			}
		})
	}
}

// TestHelpHasExamples checks that every command's --help shows an example.
func TestHelpHasExamples(t *testing.T) {
	app := newApp(&console{})
	var paths [][]string
	var walk func(prefix []string, cmds []*cli.Command)
	walk = func(prefix []string, cmds []*cli.Command) {
		for _, c := range cmds {
			p := append(append([]string{}, prefix...), c.Name)
			paths = append(paths, p)
			walk(p, c.Subcommands)
		}
	}
	walk(nil, app.Commands)
	for _, p := range paths {
		t.Run(strings.Join(p, " "), func(t *testing.T) {
			code, out, stderr := run(t, "", append(p, "--help")...)
			if code != ExitOK {
				t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
			}
			if !strings.Contains(out, "nixarch "+strings.Join(p, " ")) || !strings.Contains(out, "Example") {
				t.Errorf("help for %q has no example:\n%s", strings.Join(p, " "), out)
			}
		})
	}
}

func TestCompletionScriptsParse(t *testing.T) {
	shells := []struct {
		shell, program, pkg string
		check               []string
	}{
		{"bash", "bash", "bash", []string{"-n"}},
		{"zsh", "zsh", "zsh", []string{"-n"}},
		{"fish", "fish", "fish", []string{"--no-execute"}},
	}
	for _, sh := range shells {
		t.Run(sh.shell, func(t *testing.T) {
			code, out, stderr := run(t, "", "completion", sh.shell)
			if code != ExitOK {
				t.Fatalf("exit code %d: %s", code, stderr)
			}
			for _, word := range []string{"import", "migrate", "dry-run", "list-hosts"} {
				if !strings.Contains(out, word) {
					t.Errorf("%s completion does not mention %q", sh.shell, word)
				}
			}
			prog := oracle.Require(t, sh.program, sh.pkg)
			file := filepath.Join(t.TempDir(), "completion."+sh.shell)
			if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, errOut, err := oracle.Run(t, "", prog, append(sh.check, file)...); err != nil {
				t.Fatalf("%s %v rejects the script: %v\n%s\n%s", sh.program, sh.check, err, errOut, out)
			}
		})
	}
}
