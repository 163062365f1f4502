package arch

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/internal/oracle"
)

// These tests use the real pacman and makepkg as oracles. Where they are
// missing a test is skipped, loudly, but on CI (CI=true) it fails, so that
// a runner without pacman cannot pass it in silence.

// TestPacmanQueryOutput builds a pacman database by hand, has the real
// pacman list it with -Q, -Qq, -Qe and -Qqe, and reads what it printed.
func TestPacmanQueryOutput(t *testing.T) {
	t.Parallel()
	pacman := oracle.Require(t, "pacman", "pacman-package-manager")
	installed := []struct {
		name, version string
		explicit      bool
	}{
		{"0ad", "a26-12", true},
		{"gcc@12", "12.3.0-1", false},
		{"lib32-glibc", "2.38-7", false},
		{"libc++", "17.0.6-1.1", true},
		{"linux", "6.6.8.arch1-1", true},
		{"mesa", "1:23.3.1-1", false},
		{"python-foo_bar", "0.1.0-3", true},
		{"x.org", "r123.abcdef0-2", true},
		{"yay-bin", "12.2.0-1", true},
	}
	dbpath := t.TempDir()
	local := filepath.Join(dbpath, "local")
	writeFile(t, filepath.Join(local, "ALPM_DB_VERSION"), "9\n")
	for _, p := range installed {
		reason := "1" // installed as a dependency
		if p.explicit {
			reason = "0"
		}
		desc := fmt.Sprintf("%%NAME%%\n%s\n\n%%VERSION%%\n%s\n\n%%REASON%%\n%s\n\n", p.name, p.version, reason)
		writeFile(t, filepath.Join(local, p.name+"-"+p.version, "desc"), desc)
	}
	config := filepath.Join(t.TempDir(), "pacman.conf")
	writeFile(t, config, "[options]\n")

	for _, flag := range []string{"-Q", "-Qq", "-Qe", "-Qqe"} {
		t.Run(flag, func(t *testing.T) {
			cmd := exec.Command(pacman, "--config", config, "--dbpath", dbpath, "--color", "never", flag)
			cmd.Env = append(os.Environ(), "LC_ALL=C")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("pacman %s: %v\n%s", flag, err, stderr.Bytes())
			}
			var want []string
			for _, p := range installed {
				if strings.Contains(flag, "e") && !p.explicit {
					continue
				}
				line := "pacman:" + fmt.Sprint(len(want)+1) + ":1 " + p.name
				if !strings.Contains(flag, "q") {
					line += " " + p.version
				}
				want = append(want, line)
			}
			pkgs, findings, err := ReadPackageList("pacman", bytes.NewReader(out), ListOptions{})
			if err != nil || len(findings) > 0 {
				t.Fatalf("reading pacman %s output:\n%s\nerror: %v\nfindings: %v", flag, out, err, findings)
			}
			compare(t, "packages", renderPackages(pkgs), want)
		})
	}
}

// TestNameRulesMatchMakepkg checks checkName against makepkg's own check
// of pkgname (libmakepkg/lint_pkgbuild/pkgname.sh) for every ASCII
// character at the start and inside a name. The rules must agree except
// that nixarch also rejects uppercase letters, which makepkg lets through.
func TestNameRulesMatchMakepkg(t *testing.T) {
	t.Parallel()
	bash := oracle.Require(t, "bash", "bash")
	oracle.Require(t, "makepkg", "pacman-package-manager") // it ships the lint script
	const lint = "/usr/share/makepkg/lint_pkgbuild/pkgname.sh"

	names := []string{"", "linux", "gcc@12", "libc++", "0ad", "x.org", "python-foo_bar", "é", "aé", "a b", "Firefox"}
	for c := byte(1); c < 0x80; c++ {
		names = append(names, string(c), string(c)+"a", "a"+string(c)+"b")
	}
	script := `LIBRARY=/usr/share/makepkg
source ` + lint + `
for name in "$@"; do
	if lint_one_pkgname pkgname "$name" >/dev/null 2>&1; then echo ok; else echo bad; fi
done`
	cmd := exec.Command(bash, append([]string{"-c", script, "bash"}, names...)...)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running makepkg's pkgname check: %v", err)
	}
	verdicts := strings.Fields(string(out))
	if len(verdicts) != len(names) {
		t.Fatalf("makepkg gave %d verdicts for %d names:\n%s", len(verdicts), len(names), out)
	}
	for i, name := range names {
		makepkgOK := verdicts[i] == "ok"
		ours := checkName(name)
		switch {
		case makepkgOK && ours == "":
		case !makepkgOK && ours != "":
		case makepkgOK && strings.ContainsAny(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
			// nixarch is stricter on purpose; see nameBytes.
		case makepkgOK:
			t.Errorf("makepkg accepts %q but nixarch says: %s", name, ours)
		default:
			t.Errorf("makepkg rejects %q but nixarch accepts it", name)
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
