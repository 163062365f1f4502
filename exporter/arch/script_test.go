package arch_test

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/exporter/arch"
	"github.com/nixarch/nixarch/internal/oracle"
)

// hostile are strings that break naive shell quoting.
var hostile = []string{
	"", "plain", "two words", "it's", `"double"`, "$(touch pwned)", "`touch pwned`", "${HOME}", "$HOME",
	`back\slash`, "new\nline", "tab\there", "*", "~", "-n", "--", "!x", "a;b|c&d", "'", "''", `'\''`,
	"\xff\xfe invalid UTF-8", "ünïcödé", "\r\n", "#comment", "x=y", "NIXARCH_EOF",
}

// TestQuote runs bash on every hostile string quoted, and checks that
// bash gets back exactly the string.
func TestQuote(t *testing.T) {
	bash := oracle.Require(t, "bash", "bash")
	var script strings.Builder
	script.WriteString("printf '%s\\0'")
	for _, s := range hostile {
		q, err := arch.Quote(s)
		if err != nil {
			t.Fatalf("Quote(%q): %v", s, err)
		}
		script.WriteString(" " + q)
	}
	dir := t.TempDir()
	cmd := exec.Command(bash, "-c", script.String())
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, script.String())
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	if !slices.Equal(got, hostile) {
		t.Errorf("bash read back\n%q\nwant\n%q", got, hostile)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("quoted words ran a command: %v", entries)
	}
	if _, err := arch.Quote("nul\x00byte"); err == nil {
		t.Error("Quote accepted a NUL byte")
	}
}

// writeExport renders sys and writes the files into a new folder.
func writeExport(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	for name, content := range files {
		mode := fs.FileMode(0o644)
		if name == arch.Script {
			mode = 0o755
		}
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, content, mode); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func exportOf(t *testing.T, name string) map[string][]byte {
	t.Helper()
	for _, c := range cases {
		if c.name == name {
			_, files := render(t, c.sys(), testTable)
			m := map[string][]byte{}
			for _, f := range files {
				m[f.Path] = f.Content
			}
			return m
		}
	}
	t.Fatalf("no case %s", name)
	return nil
}

// TestShellcheck checks every setup.sh with bash -n and shellcheck.
func TestShellcheck(t *testing.T) {
	bash := oracle.Require(t, "bash", "bash")
	shellcheck := oracle.Require(t, "shellcheck", "shellcheck")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeExport(t, exportOf(t, c.name))
			if _, stderr, err := oracle.Run(t, dir, bash, "-n", arch.Script); err != nil {
				t.Errorf("bash -n: %v\n%s", err, stderr)
			}
			if out, stderr, err := oracle.Run(t, dir, shellcheck, "--shell=bash", "--severity=style", arch.Script); err != nil {
				t.Errorf("shellcheck: %v\n%s%s", err, out, stderr)
			}
		})
	}
}

// stubs are the commands setup.sh may run that change the system. Each
// stub appends its name and arguments to $STUB_LOG, one call a line.
var stubs = []string{"pacman", "paru", "yay", "sudo", "systemctl", "useradd", "usermod", "groupadd", "chsh",
	"locale-gen", "hostnamectl", "timedatectl", "localectl", "passwd", "chown", "runuser"}

const stubScript = `#!/usr/bin/env bash
name=$(basename "$0")
line="$name${*:+ $*}"
if [ "${!#}" = - ]; then
	line="$line < $(tr '\n' ' ' | sed 's/ $//')"
fi
printf '%s\n' "$line" >>"$STUB_LOG"
if [ "$name" = useradd ]; then
	printf '%s\n' "${!#}" >>"$STUB_USERS"
fi
`

// idStub answers id -u for the fake root user and for the users useradd
// created.
const idStub = `#!/usr/bin/env bash
if [ "$#" -eq 0 ] || { [ "$#" -eq 1 ] && [ "$1" = -u ]; }; then
	echo "$FAKE_UID"
	exit 0
fi
grep -qxF -- "${!#}" "$STUB_USERS" 2>/dev/null && echo 1000
`

type sandbox struct {
	dir, out, root, log string
	env                 []string
}

// newSandbox writes the export, a fake root with Arch's locale.gen and
// pacman.conf, and the stubs.
func newSandbox(t *testing.T, files map[string][]byte, pacmanConf string) *sandbox {
	t.Helper()
	oracle.Require(t, "bash", "bash")
	sb := &sandbox{out: writeExport(t, files)}
	sb.dir = filepath.Dir(sb.out)
	sb.root = filepath.Join(sb.dir, "root")
	sb.log = filepath.Join(sb.dir, "calls.log")
	bin := filepath.Join(sb.dir, "bin")
	write := func(p, content string, mode fs.FileMode) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range stubs {
		write(filepath.Join(bin, s), stubScript, 0o755)
	}
	write(filepath.Join(bin, "id"), idStub, 0o755)
	write(filepath.Join(sb.root, "etc/locale.gen"), "# Configuration file for locale-gen\n#\n#de_DE.UTF-8 UTF-8  \n#de_DE ISO-8859-1  \n#en_US.UTF-8 UTF-8  \n#en_US ISO-8859-1  \n", 0o644)
	write(filepath.Join(sb.root, "etc/pacman.conf"), pacmanConf, 0o644)
	write(filepath.Join(sb.root, "etc/vconsole.conf"), "KEYMAP=us\n", 0o644)
	sb.env = append(os.Environ(),
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"HOME="+filepath.Join(sb.dir, "home"),
		"NIXARCH_ROOT="+sb.root,
		"STUB_LOG="+sb.log,
		"STUB_USERS="+filepath.Join(sb.dir, "users"),
		"FAKE_UID=0",
		"SUDO_USER=alice",
		"LC_ALL=C",
	)
	return sb
}

// run runs setup.sh with args and returns its output and the calls it
// made to the stubs, clearing the log.
func (sb *sandbox) run(t *testing.T, env []string, args ...string) (string, []string, error) {
	t.Helper()
	cmd := exec.Command("bash", append([]string{filepath.Join(sb.out, arch.Script)}, args...)...)
	cmd.Dir = sb.dir
	cmd.Env = append(slices.Clone(sb.env), env...)
	out, err := cmd.CombinedOutput()
	data, _ := os.ReadFile(sb.log)
	os.Remove(sb.log)
	var calls []string
	if len(data) > 0 {
		calls = strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	}
	return string(out), calls, err
}

// snapshot records every file, link and folder under dir with its content
// and mode.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		v := info.Mode().String()
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			v += " -> " + l
		case info.Mode().IsRegular():
			data, _ := os.ReadFile(p)
			v += " " + string(data)
		}
		m[p] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

const multilibConf = "[options]\nArchitecture = auto\n\n[core]\nInclude = /etc/pacman.d/mirrorlist\n\n[multilib]\nInclude = /etc/pacman.d/mirrorlist\n"

// TestScriptShowsOnly runs setup.sh without --apply: it prints and changes
// nothing, and calls none of the commands that would.
func TestScriptShowsOnly(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sb := newSandbox(t, exportOf(t, c.name), multilibConf)
			before := snapshot(t, sb.dir)
			out, calls, err := sb.run(t, nil)
			if err != nil {
				t.Fatalf("setup.sh: %v\n%s", err, out)
			}
			if len(calls) > 0 {
				t.Errorf("without --apply, setup.sh ran %q", calls)
			}
			if after := snapshot(t, sb.dir); !mapsEqual(before, after) {
				t.Errorf("without --apply, setup.sh changed files:\n%v", diffKeys(before, after))
			}
			if !strings.Contains(out, "Nothing was changed") {
				t.Errorf("output does not say nothing was changed:\n%s", out)
			}
			if c.name == "laptop" {
				for _, want := range []string{"+ pacman -S --needed - < ", "+  write /etc/hostname (mode 0644)", "+ systemctl enable sshd.service", "!  set a password for alice with: passwd alice"} {
					if !strings.Contains(out, want) {
						t.Errorf("output lacks %q:\n%s", want, out)
					}
				}
			}
		})
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func diffKeys(a, b map[string]string) []string {
	var out []string
	for k, v := range a {
		if b[k] != v {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k+" (new)")
		}
	}
	slices.Sort(out)
	return out
}

// TestScriptApply runs setup.sh --apply twice against the stubs and a fake
// root: the first run makes the expected calls and files, the second only
// repeats what is safe to repeat and changes no file.
func TestScriptApply(t *testing.T) {
	sb := newSandbox(t, exportOf(t, "laptop"), multilibConf)
	out, calls, err := sb.run(t, nil, "--apply")
	if err != nil {
		t.Fatalf("setup.sh --apply: %v\n%s", err, out)
	}
	want := []string{
		"pacman -S --needed - < docker firefox git lib32-pipewire openssh pipewire pipewire-pulse ripgrep steam wireplumber zsh",
		"sudo -u alice -- paru -S --needed visual-studio-code-bin",
		"locale-gen",
		"groupadd -f docker",
		"groupadd -f -g 1001 media",
		"groupadd -f networkmanager",
		"groupadd -f wheel",
		"useradd -m -u 1000 -c Alice \"Al\" O'Brien $(touch /tmp/pwned) `id` \\ ${HOME} second  line alice",
		"usermod -aG media,networkmanager,wheel alice",
		"chsh -s /usr/bin/zsh alice",
		"useradd -m -d /srv/bob bob",
		"usermod -aG media bob",
		"systemctl enable backup.timer",
		"systemctl enable docker.service",
		"systemctl enable sshd.service",
		"systemctl --global enable pipewire-pulse.socket",
		"systemctl --global enable pipewire.socket",
		"systemctl --global enable wireplumber.service",
	}
	if !slices.Equal(calls, want) {
		t.Errorf("calls:\n%s\nwant:\n%s", strings.Join(calls, "\n"), strings.Join(want, "\n"))
	}
	files := map[string]string{
		"etc/hostname":                  "laptop\n",
		"etc/locale.conf":               "LANG=en_US.UTF-8\nLC_TIME=de_DE.UTF-8\nLC_PAPER=fr_FR.UTF-8\n",
		"etc/vconsole.conf":             "KEYMAP=de-latin1\n",
		"etc/vconsole.conf.nixarch-bak": "KEYMAP=us\n",
		"etc/motd":                      "Welcome to $HOSTNAME, it's `date`\nNIXARCH_EOF\n'; rm -rf / #\n",
		"etc/issue.net":                 "no newline at the end",
		"etc/ssh/sshd_config.d/50-nixarch-rootlogin.conf": "PermitRootLogin no\n",
		"etc/ssh/sshd_config.d/50-nixarch-password.conf":  "PasswordAuthentication no\n",
		"etc/modules-load.d/nixarch.conf":                 "kvm-intel\n",
		"etc/systemd/system/backup.timer":                 "# Generated by nixarch from systemd.services.backup.startAt.\n\n[Timer]\nOnCalendar=Mon..Fri *-*-* 02:00:00\n\n[Install]\nWantedBy=timers.target\n",
		"usr/local/lib/nixarch/backup-script":             "#!/usr/bin/bash\nset -e\n/usr/bin/restic backup /home\nNIXARCH_EOF\n'; echo \"$HOME\"\n",
		"etc/locale.gen":                                  "# Configuration file for locale-gen\n#\nde_DE.UTF-8 UTF-8\n#de_DE ISO-8859-1  \nen_US.UTF-8 UTF-8\n#en_US ISO-8859-1  \nfr_FR.UTF-8 UTF-8\n",
	}
	for name, content := range files {
		data, err := os.ReadFile(filepath.Join(sb.root, name))
		if err != nil || string(data) != content {
			t.Errorf("%s = %q, %v; want %q", name, data, err, content)
		}
	}
	if info, err := os.Stat(filepath.Join(sb.root, "etc/issue.net")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("etc/issue.net: %v, %v; want mode 0600", info, err)
	}
	if l, err := os.Readlink(filepath.Join(sb.root, "etc/localtime")); err != nil || l != "/usr/share/zoneinfo/Europe/Berlin" {
		t.Errorf("etc/localtime -> %q, %v", l, err)
	}
	if _, err := os.Stat("/tmp/pwned"); err == nil {
		t.Error("a user's description ran a command")
	}
	// The profile script is what login shells read. (The unit's script is
	// the user's own shell code, hostile in this model, and not checked.)
	shellcheck := oracle.Require(t, "shellcheck", "shellcheck")
	profile := filepath.Join(sb.root, "etc/profile.d/nixarch.sh")
	if out, stderr, err := oracle.Run(t, sb.root, shellcheck, "--shell=sh", "--severity=style", profile); err != nil {
		t.Errorf("shellcheck %s: %v\n%s%s", profile, err, out, stderr)
	}
	cmd := exec.Command("bash", "-c", `. "$1"; printf '%s|%s\n' "$EDITOR" "$PATH_EXTRA"; alias ll say`, "bash", profile)
	cmd.Env = []string{"HOME=/home/x", "PATH=" + os.Getenv("PATH")}
	wantProfile := "nvim|/home/x/bin:\"quoted\" `x`\n" +
		"alias ll='ls -l'\n" +
		`alias say='echo '\''it'\'''\''s'\'' "$USER"'` + "\n"
	if out, err := cmd.Output(); err != nil || string(out) != wantProfile {
		t.Errorf("sourcing the profile script: %v\n%s\nwant\n%s", err, out, wantProfile)
	}

	before := snapshot(t, sb.root)
	out, calls, err = sb.run(t, nil, "--apply")
	if err != nil {
		t.Fatalf("second setup.sh --apply: %v\n%s", err, out)
	}
	for _, c := range calls {
		if strings.HasPrefix(c, "useradd ") {
			t.Errorf("second run created a user again: %s", c)
		}
	}
	if len(calls) != len(want)-2 {
		t.Errorf("second run made %d calls, want %d (all but useradd):\n%s", len(calls), len(want)-2, strings.Join(calls, "\n"))
	}
	if after := snapshot(t, sb.root); !mapsEqual(before, after) {
		t.Errorf("second run changed files: %v", diffKeys(before, after))
	}
	for _, want := range []string{"=  /etc/hostname is up to date", "=  locale en_US.UTF-8 UTF-8 is enabled in /etc/locale.gen", "!  user alice exists"} {
		if !strings.Contains(out, want) {
			t.Errorf("second run's output lacks %q:\n%s", want, out)
		}
	}
}

// TestScriptRefuses checks that --apply stops, before it changes
// anything, when not run as root and when [multilib] is needed but off.
func TestScriptRefuses(t *testing.T) {
	for _, c := range []struct {
		name, conf, uid, msg string
	}{
		{"not root", multilibConf, "1000", "run it as root"},
		{"no multilib", "[options]\n\n[core]\nInclude = /etc/pacman.d/mirrorlist\n#[multilib]\n#Include = /etc/pacman.d/mirrorlist\n", "0", "needs the [multilib] repository"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sb := newSandbox(t, exportOf(t, "laptop"), c.conf)
			before := snapshot(t, sb.dir)
			out, calls, err := sb.run(t, []string{"FAKE_UID=" + c.uid}, "--apply")
			if err == nil {
				t.Errorf("setup.sh --apply succeeded:\n%s", out)
			}
			if !strings.Contains(out, c.msg) {
				t.Errorf("output lacks %q:\n%s", c.msg, out)
			}
			if len(calls) > 0 {
				t.Errorf("setup.sh ran %q", calls)
			}
			if after := snapshot(t, sb.dir); !mapsEqual(before, after) {
				t.Errorf("setup.sh changed files: %v", diffKeys(before, after))
			}
		})
	}
}

func TestScriptUsage(t *testing.T) {
	sb := newSandbox(t, exportOf(t, "empty"), multilibConf)
	out, _, err := sb.run(t, nil, "--bogus")
	if err == nil || !strings.Contains(out, "usage: setup.sh [--apply]") {
		t.Errorf("setup.sh --bogus: %v\n%s", err, out)
	}
	if _, err := exec.LookPath("bash"); err == nil && !bytes.Contains(exportOf(t, "empty")[arch.Script], []byte("set -euo pipefail")) {
		t.Error("setup.sh does not set -euo pipefail")
	}
}
