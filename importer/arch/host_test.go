package arch

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestHostVariants checks the host settings of roots that differ from
// testRoot in one way each: GRUB, odd /etc/localtime links, files that
// are broken or missing.
func TestHostVariants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		files    fstest.MapFS
		host     string // the Host, rendered with %+v
		findings []string
	}{
		{
			name: "nothing but packages",
			host: "{Hostname: Timezone: DefaultLocale: Locales:[] LocaleSettings:[] Keymap: Kernel: KernelParams:[] KernelModules:[] Bootloader: Origin:}",
		},
		{
			name: "grub",
			files: fstest.MapFS{
				"boot/grub/grub.cfg": file("# generated\n"),
				"etc/default/grub": file("GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT=\"loglevel=3 quiet\"\n" +
					"GRUB_CMDLINE_LINUX='cryptdevice=UUID=1:root root=/dev/mapper/root'\n"),
				"etc/localtime": symlink("/usr/share/zoneinfo/UTC"),
			},
			host: "{Hostname: Timezone:UTC DefaultLocale: Locales:[] LocaleSettings:[] Keymap: Kernel: KernelParams:[loglevel=3 quiet] KernelModules:[] Bootloader:grub Origin:/etc}",
			findings: []string{
				"info /etc/default/grub:3:20: kernel parameters cryptdevice=UUID=1:root root=/dev/mapper/root are about this machine's root file system and are not copied; NixOS sets them from fileSystems and boot.initrd.luks",
			},
		},
		{
			name: "systemd-boot on /efi and grub",
			files: fstest.MapFS{
				"efi/loader/entries/b.conf": file("options quiet\n"),
				"efi/loader/entries/a.conf": file("options splash\n"),
				"etc/default/grub":          file("GRUB_CMDLINE_LINUX=quiet\n"),
			},
			host: "{Hostname: Timezone: DefaultLocale: Locales:[] LocaleSettings:[] Keymap: Kernel: KernelParams:[splash] KernelModules:[] Bootloader:systemd-boot Origin:}",
			findings: []string{
				"warning /etc/default/grub: both systemd-boot (in /efi/loader) and GRUB are configured; systemd-boot is taken as the boot loader",
				"info /efi/loader/entries: 2 loader entries; kernel parameters are taken from a.conf",
			},
		},
		{
			name: "localtime is a file",
			files: fstest.MapFS{
				"etc/localtime": file("TZif2..."),
				"etc/hostname":  file("  box  \n"),
			},
			host:     "{Hostname:box Timezone: DefaultLocale: Locales:[] LocaleSettings:[] Keymap: Kernel: KernelParams:[] KernelModules:[] Bootloader: Origin:/etc/hostname:1:3}",
			findings: []string{"warning /etc/localtime: /etc/localtime is not a symbolic link into /usr/share/zoneinfo/, so the time zone is unknown; set it by hand"},
		},
		{
			name: "localtime elsewhere",
			files: fstest.MapFS{
				"etc/localtime": symlink("../../opt/zones/Berlin"),
			},
			host:     "{Hostname: Timezone: DefaultLocale: Locales:[] LocaleSettings:[] Keymap: Kernel: KernelParams:[] KernelModules:[] Bootloader: Origin:}",
			findings: []string{"warning /etc/localtime: /etc/localtime links to ../../opt/zones/Berlin, which is not under /usr/share/zoneinfo/; set the time zone by hand"},
		},
		{
			name: "localtime posix",
			files: fstest.MapFS{
				"etc/localtime":   symlink("../usr/share/zoneinfo/posix/Asia/Tokyo"),
				"etc/locale.conf": file("# comment\nLANG=\"de_DE.UTF-8\" # German\nnonsense\n"),
			},
			host:     "{Hostname: Timezone:Asia/Tokyo DefaultLocale:de_DE.UTF-8 Locales:[] LocaleSettings:[] Keymap: Kernel: KernelParams:[] KernelModules:[] Bootloader: Origin:/etc}",
			findings: []string{`warning /etc/locale.conf:3:1: expected VARIABLE=value, found "nonsense"`},
		},
		{
			name: "unreadable and malformed",
			files: fstest.MapFS{
				"etc/hostname":        {Mode: 0o755 | 1<<31}, // a directory
				"etc/mkinitcpio.conf": file("HOOKS=(base\n  udev)\n"),
				"etc/fstab":           file("/dev/sda1 /\n"),
				"etc/crypttab":        file("lonely\n"),
				"etc/group":           file("a:x:1\nb:x:x:\n"),
				"etc/passwd":          file("a:x:y:1::/:/bin/sh\n"),
			},
			host: "{Hostname: Timezone: DefaultLocale: Locales:[] LocaleSettings:[] Keymap: Kernel: KernelParams:[] KernelModules:[] Bootloader: Origin:}",
			findings: []string{
				"warning /etc/hostname: cannot read /etc/hostname: /etc/hostname is a directory",
				"warning /etc/mkinitcpio.conf:1:7: HOOKS is not a one-line array (…); read it by hand",
				"warning /etc/fstab:1:1: fstab line has 2 fields, want at least 3 (device, mount point, type)",
				"warning /etc/crypttab:1:1: crypttab line has 1 field, want at least 2 (name, device)",
				`warning /etc/passwd:1:5: invalid UID "y"`,
				"warning /etc/group:1:1: group line has 3 fields, want 4",
				`warning /etc/group:2:5: invalid GID "x"`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fsys := fstest.MapFS{
				"var/lib/pacman/local/ALPM_DB_VERSION": file("9\n"),
				"var/lib/pacman/sync/core.db":          {Data: syncDB(t, "gzip", [3]string{"x", "1-1", ""})},
			}
			for name, f := range tt.files {
				fsys[name] = f
			}
			sys, err := ImportFS(fsys, nil, "/")
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprintf("%+v", sys.Host); got != tt.host {
				t.Errorf("host:\n got %s\nwant %s", got, tt.host)
			}
			compare(t, "findings", renderFindings(sys.Findings), tt.findings)
		})
	}
}

func TestAssignment(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"LANG=en_US.UTF-8", `"LANG" "en_US.UTF-8" 6 true`},
		{`  export KEYMAP="de" # German`, `"KEYMAP" "de" 17 true`},
		{`A='x y'`, `"A" "x y" 3 true`},
		{`A="x" y`, `"A" "\"x\" y" 3 true`},
		{`A="x`, `"A" "\"x" 3 true`},
		{"A=b # c", `"A" "b" 3 true`},
		{"A=", `"A" "" 3 true`},
		{"# A=b", `"" "" 0 false`},
		{"=b", `"" "" 0 false`},
		{"A B=c", `"" "" 0 false`},
		{"nothing", `"" "" 0 false`},
	}
	for _, tt := range tests {
		key, value, col, ok := assignment(tt.in)
		if got := fmt.Sprintf("%q %q %d %v", key, value, col, ok); got != tt.want {
			t.Errorf("assignment(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// FuzzRootFiles fills the files under /etc that ImportFS parses with the
// fuzzer's bytes and checks that it never fails or panics and that every
// finding points at a line of the file it names.
func FuzzRootFiles(f *testing.F) {
	root := testRoot(f)
	names := []string{"etc/passwd", "etc/group", "etc/fstab", "etc/crypttab", "etc/locale.conf", "etc/default/grub", "etc/mkinitcpio.conf", "boot/loader/entries/arch.conf"}
	for i, name := range names {
		if file := root[name]; file != nil {
			f.Add(uint8(i), file.Data)
		}
	}
	f.Add(uint8(5), []byte("GRUB_CMDLINE_LINUX=\"root=x quiet\"\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		fsys := fstest.MapFS{
			"var/lib/pacman/local/ALPM_DB_VERSION": file("9\n"),
			"etc/default/grub":                     file(""),
		}
		name := names[int(which)%len(names)]
		fsys[name] = &fstest.MapFile{Data: data}
		sys, err := ImportFS(fsys, nil, "/")
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, fd := range sys.Findings {
			if fd.Origin.File == "/"+name && (fd.Origin.Line < 0 || fd.Origin.Line > lines) {
				t.Errorf("finding %q at %s: the file has %d lines", fd.Message, fd.Origin, lines)
			}
		}
		if err := sys.Validate(); err != nil {
			t.Errorf("the model does not validate: %v", err)
		}
	})
}
