package arch

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/model"
)

// Quote returns s as one bash word that stands for exactly s: wrapped in
// single quotes, inside which bash gives no character a special meaning,
// with each single quote written as '\”. A word that needs no quotes is
// returned as it is. Bash cannot pass a NUL byte in an argument, so s
// with one is an error.
func Quote(s string) (string, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return "", fmt.Errorf("%q holds a NUL byte, which a shell word cannot hold", s)
	}
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("@%+=:,./_-", r))
	}) < 0 {
		return s, nil
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'", nil
}

// heredocDelimiter returns a delimiter for a quoted here-document that no
// line of content equals, so the content cannot end the document early.
func heredocDelimiter(content string) string {
	lines := map[string]bool{}
	for _, l := range strings.Split(content, "\n") {
		lines[l] = true
	}
	d := "NIXARCH_EOF"
	for i := 1; lines[d]; i++ {
		d = "NIXARCH_EOF_" + strconv.Itoa(i)
	}
	return d
}

// script collects setup.sh. The first value that cannot be quoted becomes
// err.
type script struct {
	b   strings.Builder
	err error
}

func (s *script) q(v string) string {
	out, err := Quote(v)
	if err != nil && s.err == nil {
		s.err = err
	}
	return out
}

// words quotes each of vs and joins them with spaces.
func (s *script) words(vs ...string) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = s.q(v)
	}
	return strings.Join(out, " ")
}

func (s *script) line(format string, args ...any) {
	fmt.Fprintf(&s.b, format, args...)
	s.b.WriteByte('\n')
}

// raw writes text as it is: the fixed parts of the script.
func (s *script) raw(text string) { s.b.WriteString(text) }

func (s *script) step(title string) {
	s.line("")
	s.line("step %s", s.q(title))
}

// note writes a line the script prints and does not act on.
func (s *script) note(text string) { s.line("note %s", s.q(text)) }

// header is the fixed start of setup.sh: options, the root check and the
// functions every step uses.
const header = `set -euo pipefail

usage() {
	cat <<'USAGE'
usage: setup.sh [--apply]

Without --apply, setup.sh shows what it would do and changes nothing.
With --apply, run as root, it does it. It is safe to run again.
NIXARCH_ROOT, when set, is put before every path under /etc that it
reads or writes.
USAGE
}

APPLY=0
case "${1:-}" in
--apply) APPLY=1 ;;
'') ;;
-h | --help)
	usage
	exit 0
	;;
*)
	usage >&2
	exit 2
	;;
esac
if [ "$#" -gt 1 ]; then
	usage >&2
	exit 2
fi

HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
ROOT=${NIXARCH_ROOT:-}

if [ "$APPLY" -eq 1 ] && [ "$(id -u)" -ne 0 ]; then
	echo "setup.sh: --apply changes the system (packages, users, units, /etc): run it as root, as in: sudo $0 --apply" >&2
	exit 1
fi
if [ "$APPLY" -eq 0 ]; then
	echo "Showing what setup.sh would do. Nothing is changed: run it as root with --apply to do it."
fi

# step prints the title of a group of commands.
step() {
	printf '\n== %s\n' "$1"
}

# note prints something the script does not do by itself.
note() {
	printf '!  %s\n' "$1"
}

# run prints a command, and runs it with --apply.
run() {
	printf '+'
	printf ' %q' "$@"
	printf '\n'
	if [ "$APPLY" -eq 1 ]; then
		"$@"
	fi
}

# run_from FILE COMMAND... prints COMMAND < FILE, and runs it with --apply.
run_from() {
	local file=$1
	shift
	printf '+'
	printf ' %q' "$@"
	printf ' < %q\n' "$file"
	if [ "$APPLY" -eq 1 ]; then
		"$@" <"$file"
	fi
}

# write_file PATH MODE [no-newline] writes standard input to $ROOT/PATH
# with --apply, when it differs from what is there. The first version it
# replaces is kept as PATH.nixarch-bak.
write_file() {
	local target=$ROOT$1 mode=$2 content
	content=$(
		cat
		printf x
	)
	content=${content%x}
	if [ "${3:-}" = no-newline ]; then
		content=${content%$'\n'}
	fi
	if [ -f "$target" ] && [ "$(
		cat -- "$target"
		printf x
	)" = "${content}x" ]; then
		printf '=  %s is up to date\n' "$1"
		return 0
	fi
	printf '+  write %s (mode %s)\n' "$1" "$mode"
	if [ "$APPLY" -eq 1 ]; then
		mkdir -p -- "$(dirname -- "$target")"
		if [ -e "$target" ] && [ ! -e "$target.nixarch-bak" ]; then
			cp -p -- "$target" "$target.nixarch-bak"
		fi
		printf '%s' "$content" >"$target.nixarch-new"
		chmod "$mode" "$target.nixarch-new"
		mv -f -- "$target.nixarch-new" "$target"
	fi
}

# enable_locale LINE uncomments LINE in /etc/locale.gen, or adds it, once.
enable_locale() {
	local file=$ROOT/etc/locale.gen
	if [ -f "$file" ] && L=$1 awk '{ sub(/[ \t]+$/, "") } $0 == ENVIRON["L"] { found = 1 } END { exit !found }' "$file"; then
		printf '=  locale %s is enabled in /etc/locale.gen\n' "$1"
		return 0
	fi
	printf '+  enable locale %s in /etc/locale.gen\n' "$1"
	if [ "$APPLY" -eq 1 ]; then
		mkdir -p -- "$ROOT/etc"
		touch -- "$file"
		L=$1 awk '
			{ line = $0; sub(/[ \t]+$/, "", line) }
			!done && (line == "#" ENVIRON["L"] || line == "# " ENVIRON["L"]) { print ENVIRON["L"]; done = 1; next }
			{ print }
			END { if (!done) print ENVIRON["L"] }
		' "$file" >"$file.nixarch-new"
		mv -f -- "$file.nixarch-new" "$file"
	fi
}

# has_names FILE reports whether a package list names anything.
has_names() {
	grep -q '[^[:space:]]' "$1"
}
`

func renderScript(p *plan, sys *model.System, opts Options) ([]byte, error) {
	s := &script{}
	s.line("#!/usr/bin/env bash")
	s.line("# Generated by %s from %s.", report.OneLine(generator(opts)), report.OneLine(sys.Source.Describe()))
	s.line("# Sets up this Arch Linux system like the source. Read it, and REPORT.md beside")
	s.line("# it, first. ./setup.sh shows what it would do; sudo ./setup.sh --apply does it.")
	s.line("#")
	s.line("# Single quotes hold text from the model as it is, $ and ` included, on purpose.")
	s.line("# shellcheck disable=SC2016")
	s.raw(header)

	s.packages(p)
	s.host(p)
	s.accounts(p)
	// Files first: units that setup.sh writes are enabled after.
	s.files(p)
	s.units(p)
	s.dotfiles(p, sys, opts)
	s.manual(p)

	s.line("")
	s.line(`if [ "$APPLY" -eq 0 ]; then`)
	s.line("\tprintf '\\nNothing was changed. Run as root with --apply to do the above.\\n'")
	s.line("else")
	s.line("\tprintf '\\nDone. Now do the steps marked ! by hand.\\n'")
	s.line("fi")
	if s.err != nil {
		return nil, s.err
	}
	return []byte(s.b.String()), nil
}

func (s *script) packages(p *plan) {
	s.step("Packages from the official repositories (pkglist.txt)")
	if p.multilib {
		s.line(`if ! grep -q '^[[:space:]]*\[multilib\]' "$ROOT/etc/pacman.conf" 2>/dev/null; then`)
		s.line("\tnote 'pkglist.txt needs the [multilib] repository: uncomment its two lines in /etc/pacman.conf, run pacman -Sy, then run setup.sh again'")
		s.line(`	if [ "$APPLY" -eq 1 ]; then`)
		s.line("\t\texit 1")
		s.line("\tfi")
		s.line("fi")
	}
	s.line(`if has_names "$HERE/pkglist.txt"; then`)
	s.line(`	run_from "$HERE/pkglist.txt" pacman -S --needed -`)
	s.line("fi")
	if len(p.aur) == 0 {
		return
	}
	s.step("Packages from the AUR (aur.txt)")
	s.line(`mapfile -t aur <"$HERE/aur.txt"`)
	s.line("helper=")
	s.line("for h in paru yay; do")
	s.line(`	if command -v "$h" >/dev/null 2>&1; then`)
	s.line(`		helper=$h`)
	s.line("\t\tbreak")
	s.line("\tfi")
	s.line("done")
	s.line(`if [ -z "$helper" ]; then`)
	s.line(`	note "no AUR helper found: install paru or yay (https://wiki.archlinux.org/title/AUR_helpers), then, as your user: paru -S --needed ${aur[*]}"`)
	s.line(`elif [ "$(id -u)" -ne 0 ]; then`)
	s.line(`	run "$helper" -S --needed "${aur[@]}"`)
	s.line(`elif [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then`)
	s.line(`	run sudo -u "$SUDO_USER" -- "$helper" -S --needed "${aur[@]}"`)
	s.line("else")
	s.line(`	note "AUR helpers do not run as root: as your user, run: $helper -S --needed ${aur[*]}"`)
	s.line("fi")
}

func (s *script) host(p *plan) {
	if p.hostname == "" && p.timezone == "" && len(p.locales) == 0 && p.lang == "" && p.keymap == "" {
		return
	}
	s.step("Host settings")
	if p.hostname != "" {
		s.heredoc("/etc/hostname", 0o644, p.hostname+"\n")
	}
	if p.timezone != "" {
		s.line("run ln -sfn %s \"$ROOT/etc/localtime\"", s.q("/usr/share/zoneinfo/"+p.timezone))
	}
	for _, l := range p.locales {
		s.line("enable_locale %s", s.q(l))
	}
	if len(p.locales) > 0 {
		s.line("run locale-gen")
	}
	if conf := p.localeConf(); conf != "" {
		s.heredoc("/etc/locale.conf", 0o644, conf)
	}
	if p.keymap != "" {
		s.heredoc("/etc/vconsole.conf", 0o644, "KEYMAP="+p.keymap+"\n")
	}
}

func (s *script) accounts(p *plan) {
	if len(p.groups) == 0 && len(p.users) == 0 {
		return
	}
	s.step("Groups and users")
	for _, g := range p.groups {
		if g.gid != 0 {
			s.line("run groupadd -f -g %d %s", g.gid, s.q(g.name))
			continue
		}
		s.line("run groupadd -f %s", s.q(g.name))
	}
	for _, u := range p.users {
		args := []string{"-m"}
		if u.uid != 0 {
			args = append(args, "-u", strconv.Itoa(u.uid))
		}
		if u.comment != "" {
			args = append(args, "-c", u.comment)
		}
		if u.home != "" {
			args = append(args, "-d", u.home)
		}
		args = append(args, u.name)
		s.line("if id -u %s >/dev/null 2>&1; then", s.q(u.name))
		s.line("\tnote %s", s.q("user "+u.name+" exists"))
		s.line("else")
		s.line("\trun useradd %s", s.words(args...))
		s.line("fi")
		if len(u.groups) > 0 {
			s.line("run usermod -aG %s %s", s.q(strings.Join(u.groups, ",")), s.q(u.name))
		}
		if u.shell != "" {
			s.line("run chsh -s %s %s", s.q(u.shell), s.q(u.name))
		}
	}
	for _, u := range p.users {
		s.note("set a password for " + u.name + " with: passwd " + u.name)
	}
}

func (s *script) units(p *plan) {
	if len(p.units) == 0 && len(p.userUnits) == 0 {
		return
	}
	s.step("Units")
	for _, u := range sortedKeys(p.units) {
		s.line("run systemctl enable %s", s.q(u))
	}
	// --global enables a user unit for every user, present and future,
	// without a running user manager (systemctl(1)).
	if len(p.userUnits) > 0 {
		s.line("# User units: --global enables them for every user, now and later, without a running user manager.")
	}
	for _, u := range sortedKeys(p.userUnits) {
		s.line("run systemctl --global enable %s", s.q(u))
	}
}

func (s *script) files(p *plan) {
	if len(p.files) == 0 && len(p.modules) == 0 {
		return
	}
	s.step("Files under /etc")
	paths := make([]string, 0, len(p.files))
	for path := range p.files {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		f := p.files[path]
		s.heredoc(path, f.mode, f.content)
	}
	if len(p.modules) > 0 {
		s.heredoc("/etc/modules-load.d/nixarch.conf", 0o644, strings.Join(sortedKeys(p.modules), "\n")+"\n")
	}
}

// heredoc writes content to path with write_file, through a quoted
// here-document.
func (s *script) heredoc(path string, mode model.FileMode, content string) {
	if mode == 0 {
		mode = 0o644
	}
	extra := ""
	body := content
	if !strings.HasSuffix(content, "\n") {
		extra, body = " no-newline", content+"\n"
	}
	d := heredocDelimiter(body)
	s.line("write_file %s %s%s <<'%s'", s.q(path), mode, extra, d)
	s.b.WriteString(body)
	s.line("%s", d)
}

// dotfiles copies the dotfiles repository into its user's home and links
// it there as that user, when the export has one.
func (s *script) dotfiles(p *plan, sys *model.System, opts Options) {
	s.line("")
	if opts.Dotfiles == nil {
		s.line("# Dotfiles are linked by their own script, when the export has one.")
		s.line(`if [ -x "$HERE/dotfiles/install.sh" ]; then`)
		s.line("\tstep 'Dotfiles'")
		s.line(`	note "as each user, link the dotfiles: (cd $HERE/dotfiles && ./install.sh)"`)
		s.line("fi")
		return
	}
	name := opts.Dotfiles.User
	home := "/home/" + name
	for _, u := range sys.Users {
		if u.Name == name && u.Home != "" {
			home = u.Home
		}
	}
	dir := home + "/" + DotfilesDir
	s.step("Dotfiles of " + name + " (dotfiles/)")
	s.line("# The repository is copied to %s, so that the links stay when this folder goes.", report.OneLine(dir))
	s.line(`if [ "$APPLY" -eq 1 ] && [ ! -d "$ROOT"%s ]; then`, s.q(home))
	s.line("\tnote %s", s.q(home+" does not exist: copy dotfiles/ there and run its install.sh as "+name+" by hand"))
	s.line(`elif [ -e "$ROOT"%s ]; then`, s.q(dir))
	s.line("\tnote %s", s.q(dir+" exists already: it is not replaced; compare it with dotfiles/ and link it by hand"))
	s.line("else")
	s.line("\trun cp -R -- \"$HERE/dotfiles\" \"$ROOT\"%s", s.q(dir))
	s.line("\trun chown -R -- %s \"$ROOT\"%s", s.q(name+":"), s.q(dir))
	if p.dotfilesInstall {
		s.line("\trun runuser -u %s -- env HOME=%s %s", s.q(name), s.q(home), s.q(dir+"/install.sh"))
	} else {
		s.line("\trun runuser -u %s -- env HOME=%s chezmoi apply --source %s", s.q(name), s.q(home), s.q(dir))
	}
	s.line("fi")
}

func (s *script) manual(p *plan) {
	if len(p.manual) == 0 && len(p.scriptOnly) == 0 {
		return
	}
	s.step("By hand (setup.sh does not do these; REPORT.md says why)")
	for _, m := range p.scriptOnly {
		s.note(m)
	}
	for _, m := range p.manual {
		s.note(report.OneLine(m.Step))
	}
}
