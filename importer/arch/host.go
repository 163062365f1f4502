package arch

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/nixarch/nixarch/model"
)

// A rootReader holds the state of reading one Arch root.
type rootReader struct {
	fsys     fs.FS
	sys      *model.System
	findings []model.Finding
	homes    map[string]string // a regular user's home folder to the user
}

func (r *rootReader) finding(sev model.Severity, origin model.Origin, format string, args ...any) {
	r.findings = append(r.findings, model.Finding{Severity: sev, Message: fmt.Sprintf(format, args...), Origin: origin})
}

// lines reads a configuration file line by line (see readLines), keeping
// its findings.
func (r *rootReader) lines(name string, fn func(line string, n int)) bool {
	ok, findings := readLines(r.fsys, name, fn)
	r.findings = append(r.findings, findings...)
	return ok
}

// origin is line n, column col, of the file name of the root.
func origin(name string, n, col int) model.Origin {
	return model.Origin{File: systemPath(name), Line: n, Col: col}
}

// content strips a comment line to nothing and trims spaces.
func content(line string) string {
	line = strings.TrimSpace(line)
	if strings.HasPrefix(line, "#") {
		return ""
	}
	return line
}

// assignment reads a shell-style KEY=VALUE line as the files under /etc
// that systemd and mkinitcpio read have them. VALUE may be quoted with '
// or " (no escapes); col is the 1-based column of the value.
func assignment(line string) (key, value string, col int, ok bool) {
	trimmed := strings.TrimLeft(line, " \t")
	trimmed = strings.TrimPrefix(trimmed, "export ")
	if content(trimmed) == "" {
		return "", "", 0, false
	}
	key, value, ok = strings.Cut(trimmed, "=")
	if !ok || key == "" || strings.ContainsAny(key, " \t") {
		return "", "", 0, false
	}
	col = len(line) - len(value) + 1
	value = strings.TrimRight(value, " \t")
	if value != "" && (value[0] == '"' || value[0] == '\'') {
		if end := strings.IndexByte(value[1:], value[0]); end >= 0 {
			if rest := strings.TrimLeft(value[end+2:], " \t"); rest == "" || rest[0] == '#' {
				return key, value[1 : end+1], col, true
			}
		}
		return key, value, col, true // not one quoted word: taken as it is
	}
	if i := strings.Index(value, " #"); i >= 0 {
		value = strings.TrimRight(value[:i], " \t")
	}
	return key, value, col, true
}

// readHost fills sys.Host from /etc and the installed packages.
// localeCategory is a variable of locale.conf besides LANG, as the
// model's host.localeSettings holds them.
var localeCategory = regexp.MustCompile(`^(LC_[A-Z]+|LANGUAGE)$`)

func (r *rootReader) readHost(installed map[string]bool) {
	h := &r.sys.Host
	r.lines("etc/hostname", func(line string, n int) {
		if s := content(line); s != "" && h.Hostname == "" {
			h.Hostname = s
			h.Origin = origin("etc/hostname", n, strings.Index(line, s)+1)
		}
	})
	r.lines("etc/locale.conf", func(line string, n int) {
		key, value, col, ok := assignment(line)
		switch {
		case !ok:
			if content(line) != "" {
				r.finding(model.SeverityWarning, origin("etc/locale.conf", n, 1), "expected VARIABLE=value, found %q", truncate(content(line), 40))
			}
		case key == "LANG":
			h.DefaultLocale = value
		case localeCategory.MatchString(key) && value != "":
			h.LocaleSettings = append(h.LocaleSettings, model.LocaleSetting{Category: key, Locale: value})
		default:
			r.finding(model.SeverityInfo, origin("etc/locale.conf", n, col), "%s=%s is not part of the model; set it by hand", key, value)
		}
	})
	r.lines("etc/locale.gen", func(line string, n int) {
		if s := content(line); s != "" {
			locale := strings.Fields(s)[0]
			if !slices.Contains(h.Locales, locale) {
				h.Locales = append(h.Locales, locale)
			}
		}
	})
	r.lines("etc/vconsole.conf", func(line string, n int) {
		key, value, col, ok := assignment(line)
		switch {
		case !ok:
		case key == "KEYMAP":
			h.Keymap = value
		default:
			r.finding(model.SeverityInfo, origin("etc/vconsole.conf", n, col), "console setting %s=%s is not part of the model; set it by hand", key, value)
		}
	})
	r.readTimezone()
	r.readModules()
	var kernels []string
	for _, k := range kernelPackages {
		if installed[k] {
			kernels = append(kernels, k)
		}
	}
	if len(kernels) > 0 {
		h.Kernel = kernels[0]
	}
	if len(kernels) > 1 {
		r.finding(model.SeverityInfo, model.Origin{File: systemPath(localPath)},
			"several kernels are installed (%s); %s is taken as the kernel", strings.Join(kernels, ", "), kernels[0])
	}
	r.readBoot()
	if h.Origin.IsZero() && (h.Timezone != "" || h.DefaultLocale != "" || h.Keymap != "") {
		h.Origin = model.Origin{File: "/etc"}
	}
}

// kernelPackages are Arch's kernels, the first installed one being the
// system's kernel.
var kernelPackages = []string{"linux", "linux-lts", "linux-zen", "linux-hardened", "linux-rt", "linux-rt-lts"}

// zoneinfo is where tzdata installs the time zones, which /etc/localtime
// links into.
const zoneinfo = "/usr/share/zoneinfo/"

// readTimezone reads the /etc/localtime link. The link is resolved inside
// the root, never on the machine nixarch runs on: a relative target is
// taken relative to /etc, an absolute one as a path inside the root.
func (r *rootReader) readTimezone() {
	const name = "etc/localtime"
	info, err := fs.Lstat(r.fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	var target string
	if err == nil && info.Mode()&fs.ModeSymlink != 0 {
		target, err = fs.ReadLink(r.fsys, name)
	}
	switch {
	case err == nil && target == "":
		r.finding(model.SeverityWarning, model.Origin{File: systemPath(name)},
			"/etc/localtime is not a symbolic link into %s, so the time zone is unknown; set it by hand", zoneinfo)
		return
	case err != nil:
		r.findings = append(r.findings, unreadable(name, err))
		return
	}
	resolved := target
	if !path.IsAbs(resolved) {
		resolved = path.Join("/etc", resolved)
	}
	resolved = path.Clean(resolved)
	zone, ok := strings.CutPrefix(resolved, zoneinfo)
	for _, prefix := range []string{"posix/", "right/"} {
		zone = strings.TrimPrefix(zone, prefix)
	}
	if !ok || zone == "" {
		r.finding(model.SeverityWarning, model.Origin{File: systemPath(name)},
			"/etc/localtime links to %s, which is not under %s; set the time zone by hand", target, zoneinfo)
		return
	}
	r.sys.Host.Timezone = zone
}

// readModules reads the kernel modules that systemd-modules-load loads at
// boot from /etc/modules-load.d/*.conf: one name a line, # and ; start
// comments.
func (r *rootReader) readModules() {
	const dir = "etc/modules-load.d"
	entries, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			r.findings = append(r.findings, unreadable(dir, err))
		}
		return
	}
	h := &r.sys.Host
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".conf") {
			continue
		}
		name := dir + "/" + e.Name()
		r.lines(name, func(line string, n int) {
			s := strings.TrimSpace(line)
			if s == "" || s[0] == '#' || s[0] == ';' {
				return
			}
			if strings.ContainsAny(s, " \t") {
				r.finding(model.SeverityWarning, origin(name, n, 1), "expected one module name, found %q", truncate(s, 40))
				return
			}
			if !slices.Contains(h.KernelModules, s) {
				h.KernelModules = append(h.KernelModules, s)
			}
		})
	}
}
