package arch

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/nixarch/nixarch/model"
)

// The boot loaders Host.Bootloader names.
const (
	BootloaderSystemdBoot = "systemd-boot"
	BootloaderGRUB        = "grub"
)

// systemdBootDirs are the ESP mount points where systemd-boot keeps
// loader/loader.conf and loader/entries.
var systemdBootDirs = []string{"boot", "efi", "boot/efi"}

// readBoot finds the boot loader and the kernel parameters it passes.
// systemd-boot wins when both it and GRUB are configured, with a warning.
func (r *rootReader) readBoot() {
	h := &r.sys.Host
	esp := ""
	for _, dir := range systemdBootDirs {
		if exists(r.fsys, dir+"/loader/loader.conf") || isDir(r.fsys, dir+"/loader/entries") {
			esp = dir
			break
		}
	}
	grub := exists(r.fsys, "boot/grub/grub.cfg") || exists(r.fsys, "etc/default/grub")
	switch {
	case esp != "":
		h.Bootloader = BootloaderSystemdBoot
		if grub {
			r.finding(model.SeverityWarning, model.Origin{File: "/etc/default/grub"},
				"both systemd-boot (in /%s/loader) and GRUB are configured; systemd-boot is taken as the boot loader", esp)
		}
		r.readLoaderEntries(esp)
	case grub:
		h.Bootloader = BootloaderGRUB
		r.readGRUBDefaults()
	}
	r.readMkinitcpio()
	r.readFstab()
	r.readCrypttab()
}

func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil
}

func isDir(fsys fs.FS, name string) bool {
	info, err := fs.Stat(fsys, name)
	return err == nil && info.IsDir()
}

// readLoaderEntries takes the kernel parameters from the options lines of
// the default loader entry: the one loader.conf's default names (a glob),
// else the first by name.
func (r *rootReader) readLoaderEntries(esp string) {
	conf := esp + "/loader/loader.conf"
	pattern := ""
	r.lines(conf, func(line string, n int) {
		if f := strings.Fields(content(line)); len(f) == 2 && f[0] == "default" {
			pattern = f[1]
		}
	})
	entriesDir := esp + "/loader/entries"
	entries, err := fs.ReadDir(r.fsys, entriesDir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			r.findings = append(r.findings, unreadable(entriesDir, err))
		}
		return
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".conf") && !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return
	}
	chosen := names[0]
	if pattern != "" {
		if i := slices.IndexFunc(names, func(n string) bool { ok, _ := path.Match(pattern, n); return ok }); i >= 0 {
			chosen = names[i]
		}
	}
	if len(names) > 1 {
		r.finding(model.SeverityInfo, model.Origin{File: systemPath(entriesDir)},
			"%d loader entries; kernel parameters are taken from %s", len(names), chosen)
	}
	name := entriesDir + "/" + chosen
	r.lines(name, func(line string, n int) {
		s := content(line)
		if rest, ok := strings.CutPrefix(s, "options"); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			r.kernelParams(strings.Fields(rest), origin(name, n, 1))
		}
	})
}

// readGRUBDefaults takes the kernel parameters from GRUB_CMDLINE_LINUX and
// GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub, in that order, as
// grub-mkconfig joins them.
func (r *rootReader) readGRUBDefaults() {
	const name = "etc/default/grub"
	var linux, def []string
	var linuxAt, defAt model.Origin
	r.lines(name, func(line string, n int) {
		key, value, col, ok := assignment(line)
		switch {
		case !ok:
		case key == "GRUB_CMDLINE_LINUX":
			linux, linuxAt = strings.Fields(value), origin(name, n, col)
		case key == "GRUB_CMDLINE_LINUX_DEFAULT":
			def, defAt = strings.Fields(value), origin(name, n, col)
		}
	})
	r.kernelParams(linux, linuxAt)
	r.kernelParams(def, defAt)
}

// rootParams are kernel parameters that name this machine's root file
// system, its encryption or its initrd. NixOS sets them itself from
// fileSystems and boot.initrd.luks, so they are left out of
// Host.KernelParams with a finding.
var rootParams = []string{"root", "rootflags", "rootfstype", "cryptdevice", "cryptkey", "rd.luks.name", "rd.luks.uuid", "rd.luks.options", "rd.luks.key", "resume", "resume_offset", "initrd", "rw", "ro", "BOOT_IMAGE"}

func (r *rootReader) kernelParams(params []string, at model.Origin) {
	var dropped []string
	for _, p := range params {
		key, _, _ := strings.Cut(p, "=")
		if slices.Contains(rootParams, key) {
			dropped = append(dropped, p)
			continue
		}
		r.sys.Host.KernelParams = append(r.sys.Host.KernelParams, p)
	}
	if len(dropped) > 0 {
		r.finding(model.SeverityInfo, at,
			"kernel parameters %s are about this machine's root file system and are not copied; NixOS sets them from fileSystems and boot.initrd.luks",
			strings.Join(dropped, " "))
	}
}

// readMkinitcpio reports the HOOKS and MODULES arrays of
// /etc/mkinitcpio.conf: NixOS builds its initrd differently, so they are
// notes for the user, not settings.
func (r *rootReader) readMkinitcpio() {
	const name = "etc/mkinitcpio.conf"
	r.lines(name, func(line string, n int) {
		key, value, col, ok := assignment(line)
		if !ok || (key != "HOOKS" && key != "MODULES") {
			return
		}
		if !strings.HasPrefix(value, "(") || !strings.HasSuffix(value, ")") {
			r.finding(model.SeverityWarning, origin(name, n, col), "%s is not a one-line array (…); read it by hand", key)
			return
		}
		words := strings.Fields(strings.NewReplacer(`"`, "", "'", "").Replace(value[1 : len(value)-1]))
		if len(words) == 0 {
			return
		}
		sev := model.SeverityInfo
		msg := "mkinitcpio " + key + ": " + strings.Join(words, " ")
		if key == "HOOKS" && (slices.Contains(words, "encrypt") || slices.Contains(words, "sd-encrypt")) {
			sev = model.SeverityManual
			msg += "; the root file system is encrypted: set boot.initrd.luks.devices by hand"
		}
		if key == "MODULES" {
			msg += " (early-loaded modules: boot.initrd.kernelModules on NixOS)"
		}
		r.finding(sev, origin(name, n, col), "%s", msg)
	})
}

// readFstab reports every mount of /etc/fstab. Options that hold a
// password (password=, pass=) are replaced by "…" and never copied.
func (r *rootReader) readFstab() {
	const name = "etc/fstab"
	r.lines(name, func(line string, n int) {
		f := strings.Fields(content(line))
		if len(f) == 0 {
			return
		}
		at := origin(name, n, strings.Index(line, f[0])+1)
		if len(f) < 3 {
			r.finding(model.SeverityWarning, at, "fstab line has %d fields, want at least 3 (device, mount point, type)", len(f))
			return
		}
		msg := "fstab: " + f[0] + " on " + f[1] + " type " + f[2]
		if len(f) > 3 {
			opts, secret := redactOptions(f[3])
			msg += " (" + opts + ")"
			if secret {
				r.finding(model.SeverityManual, at, "fstab options of %s hold a password, which is not copied; use a credentials file", f[1])
			}
		}
		r.finding(model.SeverityInfo, at, "%s", msg)
	})
}

// redactOptions replaces the values of options that hold secrets.
func redactOptions(opts string) (string, bool) {
	parts := strings.Split(opts, ",")
	secret := false
	for i, p := range parts {
		if key, _, ok := strings.Cut(p, "="); ok && (key == "password" || key == "pass" || key == "passwd") {
			parts[i] = key + "=…"
			secret = true
		}
	}
	return strings.Join(parts, ","), secret
}

// readCrypttab reports every device of /etc/crypttab as a manual step. A
// key file is named, never read.
func (r *rootReader) readCrypttab() {
	const name = "etc/crypttab"
	r.lines(name, func(line string, n int) {
		f := strings.Fields(content(line))
		if len(f) == 0 {
			return
		}
		at := origin(name, n, strings.Index(line, f[0])+1)
		if len(f) < 2 {
			r.finding(model.SeverityWarning, at, "crypttab line has 1 field, want at least 2 (name, device)")
			return
		}
		key := "asks for a passphrase"
		if len(f) > 2 && f[2] != "none" && f[2] != "-" {
			key = "unlocks with key file " + f[2] + " (not copied)"
		}
		r.finding(model.SeverityManual, at, "encrypted device %s (%s) %s: set it up by hand (boot.initrd.luks.devices or environment.etc.crypttab on NixOS)", f[0], f[1], key)
	})
}
