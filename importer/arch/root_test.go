package arch

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"

	"github.com/nixarch/nixarch/model"
)

// desc builds a desc entry from field, value pairs; a value with newlines
// is a list.
func desc(fields ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(fields); i += 2 {
		fmt.Fprintf(&b, "%%%s%%\n%s\n\n", fields[i], fields[i+1])
	}
	return b.String()
}

// makeTar packs files (path to content) into a tar archive, folders
// first, as repo-add does.
func makeTar(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	dirs := map[string]bool{}
	for _, name := range names {
		if dir := filepath.Dir(name); !dirs[dir] {
			dirs[dir] = true
			if err := tw.WriteHeader(&tar.Header{Name: dir + "/", Typeflag: tar.TypeDir, Mode: 0o755}); err != nil {
				t.Fatal(err)
			}
		}
		if err := tw.WriteHeader(&tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: 0o644, Size: int64(len(files[name]))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(files[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pack compresses data with the named compression, or none.
func pack(t testing.TB, how string, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	switch how {
	case "none":
		return data
	case "gzip":
		w := gzip.NewWriter(&buf)
		_, err = w.Write(data)
		err = errors.Join(err, w.Close())
	case "zstd":
		var w *zstd.Encoder
		if w, err = zstd.NewWriter(&buf); err == nil {
			_, err = w.Write(data)
			err = errors.Join(err, w.Close())
		}
	case "xz":
		var w *xz.Writer
		if w, err = xz.NewWriter(&buf); err == nil {
			_, err = w.Write(data)
			err = errors.Join(err, w.Close())
		}
	default:
		t.Fatalf("unknown compression %q", how)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// syncDB returns a packed sync database holding the packages, each given
// as name, version and groups (space-separated).
func syncDB(t testing.TB, how string, pkgs ...[3]string) []byte {
	files := map[string]string{}
	for _, p := range pkgs {
		fields := []string{"FILENAME", p[0] + "-" + p[1] + "-x86_64.pkg.tar.zst", "NAME", p[0], "VERSION", p[1], "ARCH", "x86_64"}
		if p[2] != "" {
			fields = append(fields, "GROUPS", strings.ReplaceAll(p[2], " ", "\n"))
		}
		files[p[0]+"-"+p[1]+"/desc"] = desc(fields...)
	}
	return pack(t, how, makeTar(t, files))
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), Mode: 0o644} }

func symlink(target string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink | 0o777}
}

// testRoot is a small Arch system: the files an Arch install has, with
// lines worth a finding here and there.
func testRoot(t testing.TB) fstest.MapFS {
	local := func(name, version, reason string, more ...string) *fstest.MapFile {
		return file(desc(append([]string{"NAME", name, "VERSION", version, "ARCH", "x86_64", "REASON", reason}, more...)...))
	}
	return fstest.MapFS{
		"var/lib/pacman/local/ALPM_DB_VERSION":            file("9\n"),
		"var/lib/pacman/local/base-3-2/desc":              local("base", "3-2", "0"),
		"var/lib/pacman/local/linux-6.6.8.arch1-1/desc":   local("linux", "6.6.8.arch1-1", "0"),
		"var/lib/pacman/local/linux-lts-6.1.69-1/desc":    local("linux-lts", "6.1.69-1", "0"),
		"var/lib/pacman/local/glibc-2.38-7/desc":          local("glibc", "2.38-7", "1"),
		"var/lib/pacman/local/gcc-13.2.1-3/desc":          local("gcc", "13.2.1-3", "0", "GROUPS", "base-devel"),
		"var/lib/pacman/local/make-4.4.1-2/desc":          local("make", "4.4.1-2", "0", "GROUPS", "base-devel"),
		"var/lib/pacman/local/xorg-server-21.1.10-1/desc": local("xorg-server", "21.1.10-1", "1", "GROUPS", "xorg"),
		"var/lib/pacman/local/steam-1.0.0.78-1/desc":      local("steam", "1.0.0.78-1", "0"),
		"var/lib/pacman/local/yay-bin-12.2.0-1/desc":      local("yay-bin", "12.2.0-1", "0"),
		"var/lib/pacman/sync/core.db": {Data: syncDB(t, "gzip",
			[3]string{"base", "3-2", ""}, [3]string{"linux", "6.6.8.arch1-1", ""}, [3]string{"linux-lts", "6.1.69-1", ""},
			[3]string{"glibc", "2.38-7", ""}, [3]string{"gcc", "13.2.1-3", "base-devel"}, [3]string{"make", "4.4.1-2", "base-devel"})},
		"var/lib/pacman/sync/extra.db": {Data: syncDB(t, "zstd",
			[3]string{"gcc", "14.1.1-1", ""}, // core comes first: gcc is from core
			[3]string{"xorg-server", "21.1.10-1", "xorg"}, [3]string{"xorg-xinit", "1.4.2-1", "xorg"})},
		"var/lib/pacman/sync/multilib.db":        {Data: syncDB(t, "xz", [3]string{"steam", "1.0.0.78-1", ""})},
		"etc/pacman.conf":                        file("[options]\nHoldPkg = pacman\n\n[core]\nInclude = /etc/pacman.d/mirrorlist\n[extra]\nInclude = /etc/pacman.d/mirrorlist\n\n[multilib]\nInclude = /etc/pacman.d/mirrorlist\n"),
		"etc/hostname":                           file("# the name\narchbox\n"),
		"etc/locale.conf":                        file("LANG=en_US.UTF-8\nLC_TIME=\"de_DE.UTF-8\"\n"),
		"etc/locale.gen":                         file("#en_GB.UTF-8 UTF-8\nen_US.UTF-8 UTF-8\nde_DE.UTF-8 UTF-8\n"),
		"etc/vconsole.conf":                      file("KEYMAP=de-latin1\nFONT=ter-132b\n"),
		"etc/modules-load.d/kvm.conf":            file("# virtualisation\nkvm-intel\n; old style comment\nvfio-pci\n"),
		"etc/modules-load.d/zz.conf":             file("kvm-intel\n"),
		"etc/modules-load.d/README":              file("not read\n"),
		"etc/localtime":                          symlink("../usr/share/zoneinfo/Europe/Berlin"),
		"etc/mkinitcpio.conf":                    file("# vim:set ft=sh\nMODULES=()\nHOOKS=(base udev autodetect modconf block encrypt filesystems fsck)\n"),
		"etc/fstab":                              file("# <file system> <dir> <type> <options> <dump> <pass>\nUUID=1234 / ext4 rw,relatime 0 1\n//nas/share /mnt/nas cifs username=me,password=hunter2 0 0\n"),
		"etc/crypttab":                           file("home UUID=abcd /etc/keys/home.key luks\nswap /dev/sda2 none swap\n"),
		"boot/loader/loader.conf":                file("default arch.conf\ntimeout 3\n"),
		"boot/loader/entries/arch.conf":          file("title Arch\nlinux /vmlinuz-linux\ninitrd /initramfs-linux.img\noptions root=UUID=1234 rw quiet splash\n"),
		"boot/loader/entries/arch-fallback.conf": file("title Arch fallback\noptions root=UUID=1234 rw\n"),
		"etc/passwd": file("root:x:0:0::/root:/usr/bin/bash\n" +
			"bin:x:1:1::/:/usr/bin/nologin\n" +
			"alice:x:1000:1000:Alice Liddell,,,:/home/alice:/usr/bin/zsh\n" +
			"svc:x:1001:1001::/srv/svc:/usr/bin/nologin\n" +
			"bob:x:1002:1002::/home/bob:/bin/bash\n" +
			"nobody:x:65534:65534:Nobody:/:/usr/bin/nologin\n" +
			"broken line\n"),
		"etc/group": file("root:x:0:root\nwheel:x:998:alice,bob\naudio:x:995:\nvideo:x:985:bob,svc\n" +
			"alice:x:1000:\nsvc:x:1001:\nbob:x:1002:\nshared:x:1500:alice\nnobody:x:65534:\n"),
		"etc/shadow":  file("alice:$6$secret:19000:0:99999:7:::\n"),
		"etc/gshadow": file("wheel:!::alice\n"),
		"etc/systemd/system/multi-user.target.wants/sshd.service":                symlink("/usr/lib/systemd/system/sshd.service"),
		"etc/systemd/system/multi-user.target.wants/NetworkManager.service":      symlink("/usr/lib/systemd/system/NetworkManager.service"),
		"etc/systemd/system/getty.target.wants/getty@tty1.service":               symlink("/usr/lib/systemd/system/getty@.service"),
		"etc/systemd/system/network-online.target.wants/NetworkManager.service":  symlink("/usr/lib/systemd/system/NetworkManager.service"),
		"etc/systemd/system/display-manager.service":                             symlink("/usr/lib/systemd/system/gdm.service"),
		"etc/systemd/system/dbus-org.freedesktop.nm-dispatcher.service":          symlink("/usr/lib/systemd/system/NetworkManager-dispatcher.service"),
		"etc/systemd/system/dbus-org.freedesktop.NetworkManager.service":         symlink("/usr/lib/systemd/system/NetworkManager.service"),
		"etc/systemd/system/bluetooth.service":                                   symlink("/dev/null"),
		"etc/systemd/system/linked.service":                                      symlink("/opt/linked/linked.service"),
		"etc/systemd/system/odd.service":                                         symlink("/usr/lib/systemd/system/odd.socket"),
		"etc/systemd/user/sockets.target.wants/pipewire.socket":                  symlink("/usr/lib/systemd/user/pipewire.socket"),
		"etc/systemd/user/default.target.wants/wireplumber.service":              symlink("/usr/lib/systemd/user/wireplumber.service"),
		"home/alice/.config/systemd/user/default.target.wants/syncthing.service": symlink("/usr/lib/systemd/user/syncthing.service"),
	}
}

// recordingFS records every path opened or read through it.
type recordingFS struct {
	fs.FS
	mu     sync.Mutex
	opened []string
}

func (r *recordingFS) record(name string) {
	r.mu.Lock()
	r.opened = append(r.opened, name)
	r.mu.Unlock()
}

func (r *recordingFS) Open(name string) (fs.File, error) {
	r.record(name)
	return r.FS.Open(name)
}

func (r *recordingFS) ReadLink(name string) (string, error) {
	r.record(name)
	return fs.ReadLink(r.FS, name)
}

func (r *recordingFS) Lstat(name string) (fs.FileInfo, error) {
	r.record(name)
	return fs.Lstat(r.FS, name)
}

func TestImportFS(t *testing.T) {
	t.Parallel()
	rec := &recordingFS{FS: testRoot(t)}
	sys, err := ImportFS(rec, nil, "/mnt")
	if err != nil {
		t.Fatal(err)
	}
	if err := sys.Validate(); err != nil {
		t.Fatalf("the model does not validate: %v", err)
	}
	if sys.Source.Kind != model.SourceArch || sys.Source.Path != "/mnt" {
		t.Errorf("source = %+v", sys.Source)
	}

	var pkgs []string
	for _, p := range sys.Packages {
		s := fmt.Sprintf("%s %s %s", p.Name, p.Version, p.Repo)
		if p.Dependency {
			s += " dep"
		}
		pkgs = append(pkgs, s+" @"+p.Origin.String())
	}
	compare(t, "packages", pkgs, []string{
		"base 3-2 core @/var/lib/pacman/local/base-3-2/desc:2:1",
		"gcc 13.2.1-3 core @/var/lib/pacman/local/gcc-13.2.1-3/desc:2:1",
		"glibc 2.38-7 core dep @/var/lib/pacman/local/glibc-2.38-7/desc:2:1",
		"linux 6.6.8.arch1-1 core @/var/lib/pacman/local/linux-6.6.8.arch1-1/desc:2:1",
		"linux-lts 6.1.69-1 core @/var/lib/pacman/local/linux-lts-6.1.69-1/desc:2:1",
		"make 4.4.1-2 core @/var/lib/pacman/local/make-4.4.1-2/desc:2:1",
		"steam 1.0.0.78-1 multilib @/var/lib/pacman/local/steam-1.0.0.78-1/desc:2:1",
		"xorg-server 21.1.10-1 extra dep @/var/lib/pacman/local/xorg-server-21.1.10-1/desc:2:1",
		"yay-bin 12.2.0-1 foreign @/var/lib/pacman/local/yay-bin-12.2.0-1/desc:2:1",
		"base-devel  core @/var/lib/pacman/sync/core.db", // the whole group
	})

	h := sys.Host
	want := model.Host{
		Hostname:       "archbox",
		Timezone:       "Europe/Berlin",
		DefaultLocale:  "en_US.UTF-8",
		Locales:        []string{"en_US.UTF-8", "de_DE.UTF-8"},
		LocaleSettings: []model.LocaleSetting{{Category: "LC_TIME", Locale: "de_DE.UTF-8"}},
		Keymap:         "de-latin1",
		Kernel:         "linux",
		KernelParams:   []string{"quiet", "splash"},
		KernelModules:  []string{"kvm-intel", "vfio-pci"},
		Bootloader:     "systemd-boot",
		Origin:         model.Origin{File: "/etc/hostname", Line: 2, Col: 1},
	}
	if fmt.Sprint(h) != fmt.Sprint(want) {
		t.Errorf("host:\n got %+v\nwant %+v", h, want)
	}

	var users []string
	for _, u := range sys.Users {
		users = append(users, fmt.Sprintf("%s %d %q %s %s %v @%s", u.Name, u.UID, u.Description, u.Home, u.Shell, u.Groups, u.Origin))
	}
	compare(t, "users", users, []string{
		`alice 1000 "Alice Liddell" /home/alice /usr/bin/zsh [wheel shared] @/etc/passwd:3:1`,
		`bob 1002 "" /home/bob /bin/bash [wheel video] @/etc/passwd:5:1`,
	})
	var groups []string
	for _, g := range sys.Groups {
		groups = append(groups, fmt.Sprintf("%s %d %v @%s", g.Name, g.GID, g.Members, g.Origin))
	}
	compare(t, "groups", groups, []string{
		"wheel 0 [alice bob] @/etc/group:2:1",
		"video 0 [bob] @/etc/group:4:1",
		"alice 1000 [] @/etc/group:5:1",
		"svc 1001 [] @/etc/group:6:1",
		"bob 1002 [] @/etc/group:7:1",
		"shared 1500 [alice] @/etc/group:8:1",
	})

	var services []string
	for _, s := range sys.Services {
		services = append(services, fmt.Sprintf("%s %v %s %s @%s", s.Name, s.Enabled, s.Unit, s.Owner, s.Origin))
	}
	compare(t, "services", services, []string{
		"getty@tty1.service true getty@tty1.service system @/etc/systemd/system/getty.target.wants/getty@tty1.service",
		"NetworkManager.service true NetworkManager.service system @/etc/systemd/system/multi-user.target.wants/NetworkManager.service",
		"sshd.service true sshd.service system @/etc/systemd/system/multi-user.target.wants/sshd.service",
		// Enabled under an alias; a masked unit and a linked one are not.
		"NetworkManager-dispatcher.service true NetworkManager-dispatcher.service system @/etc/systemd/system/dbus-org.freedesktop.nm-dispatcher.service",
		"gdm.service true gdm.service system @/etc/systemd/system/display-manager.service",
		// Enabled for every user with systemctl --global enable.
		"wireplumber.service true wireplumber.service system @/etc/systemd/user/default.target.wants/wireplumber.service",
		"pipewire.socket true pipewire.socket system @/etc/systemd/user/sockets.target.wants/pipewire.socket",
		"syncthing.service true syncthing.service user:alice @/home/alice/.config/systemd/user/default.target.wants/syncthing.service",
	})

	var findings []string
	for _, f := range sys.Findings {
		findings = append(findings, fmt.Sprintf("%s %s: %s", f.Severity, f.Origin, f.Message))
	}
	compare(t, "findings", findings, []string{
		"info /var/lib/pacman/sync/core.db: all 2 packages of group base-devel are installed explicitly (pacman -S base-devel): gcc make",
		"info /etc/vconsole.conf:2:6: console setting FONT=ter-132b is not part of the model; set it by hand",
		"info /var/lib/pacman/local: several kernels are installed (linux, linux-lts); linux is taken as the kernel",
		"info /boot/loader/entries: 2 loader entries; kernel parameters are taken from arch.conf",
		"info /boot/loader/entries/arch.conf:4:1: kernel parameters root=UUID=1234 rw are about this machine's root file system and are not copied; NixOS sets them from fileSystems and boot.initrd.luks",
		"manual /etc/mkinitcpio.conf:3:7: mkinitcpio HOOKS: base udev autodetect modconf block encrypt filesystems fsck; the root file system is encrypted: set boot.initrd.luks.devices by hand",
		"info /etc/fstab:2:1: fstab: UUID=1234 on / type ext4 (rw,relatime)",
		"manual /etc/fstab:3:1: fstab options of /mnt/nas hold a password, which is not copied; use a credentials file",
		"info /etc/fstab:3:1: fstab: //nas/share on /mnt/nas type cifs (username=me,password=…)",
		"manual /etc/crypttab:1:1: encrypted device home (UUID=abcd) unlocks with key file /etc/keys/home.key (not copied): set it up by hand (boot.initrd.luks.devices or environment.etc.crypttab on NixOS)",
		"manual /etc/crypttab:2:1: encrypted device swap (/dev/sda2) asks for a passphrase: set it up by hand (boot.initrd.luks.devices or environment.etc.crypttab on NixOS)",
		"warning /etc/passwd:7:1: passwd line has 1 fields, want 7",
	})
	for _, f := range sys.Findings {
		if strings.Contains(f.Message, "hunter2") {
			t.Errorf("a password is copied into a finding: %s", f.Message)
		}
	}

	// The secrets are never opened, not even looked at.
	for _, name := range rec.opened {
		if strings.Contains(name, "shadow") || strings.HasPrefix(name, "etc/keys") {
			t.Errorf("%s was opened", name)
		}
	}
	if !slices.Contains(rec.opened, "etc/passwd") {
		t.Errorf("etc/passwd was not opened; opened: %v", rec.opened)
	}

	if _, err := model.Encode(sys); err != nil {
		t.Errorf("encode: %v", err)
	}
}

// TestImportRootOnDisk imports a real folder whose /etc/shadow and
// /etc/gshadow are FIFOs: opening one for reading would block until a
// writer comes, so the import finishing at all shows they were not
// opened. The test also runs the absolute /etc/localtime link through
// os.Root, which must take it inside the root.
func TestImportRootOnDisk(t *testing.T) {
	t.Parallel()
	dir := writeRoot(t, testRoot(t))
	localtime := filepath.Join(dir, "etc/localtime")
	if err := os.Remove(localtime); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/usr/share/zoneinfo/America/New_York", localtime); err != nil {
		t.Fatal(err)
	}
	sys, err := ImportRoot(dir, RootOptions{Backend: BackendGo})
	if err != nil {
		t.Fatal(err)
	}
	if sys.Host.Timezone != "America/New_York" || sys.Host.Hostname != "archbox" || len(sys.Packages) != 10 || len(sys.Users) != 2 {
		t.Errorf("got host %+v, %d packages and %d users; want America/New_York, archbox, 10 (base-devel included), 2", sys.Host, len(sys.Packages), len(sys.Users))
	}
}

// writeRoot writes fsys to a new folder, with its symbolic links, and
// FIFOs for /etc/shadow and /etc/gshadow.
func writeRoot(t *testing.T, fsys fstest.MapFS) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range fsys {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		switch {
		case f.Mode&fs.ModeSymlink != 0:
			err = os.Symlink(string(f.Data), p)
		case strings.Contains(name, "shadow"):
			err = mkfifo(p)
		default:
			err = os.WriteFile(p, f.Data, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestImportRootNotArch(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, err := ImportRoot(dir, RootOptions{})
	if !errors.Is(err, ErrNotArchRoot) || !strings.Contains(err.Error(), "/var/lib/pacman/local") {
		t.Errorf("error = %v, want ErrNotArchRoot naming /var/lib/pacman/local", err)
	}
	_, err = ImportRoot(filepath.Join(dir, "missing"), RootOptions{})
	if !errors.Is(err, ErrNotArchRoot) {
		t.Errorf("error = %v, want ErrNotArchRoot", err)
	}
	_, err = ImportFS(fstest.MapFS{"etc/hostname": file("x\n")}, nil, "x")
	if !errors.Is(err, ErrNotArchRoot) {
		t.Errorf("error = %v, want ErrNotArchRoot", err)
	}
}

// TestImportFSMinimal checks that a root with nothing but an empty local
// database imports, with a warning for the missing sync databases.
func TestImportFSMinimal(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{"var/lib/pacman/local/ALPM_DB_VERSION": file("9\n")}
	sys, err := ImportFS(fsys, nil, "/")
	if err != nil {
		t.Fatal(err)
	}
	if len(sys.Packages) != 0 || len(sys.Findings) != 1 || !strings.Contains(sys.Findings[0].Message, "no sync databases") {
		t.Errorf("got %d packages and findings %v", len(sys.Packages), sys.Findings)
	}
}

func TestBackends(t *testing.T) {
	t.Parallel()
	if b := Backends(); b[0] != DefaultBackend {
		t.Errorf("Backends() = %v, want %s first", b, DefaultBackend)
	}
	if _, err := OpenDatabase(t.TempDir(), "rpm"); err == nil || !strings.Contains(err.Error(), `unknown backend "rpm"`) {
		t.Errorf("error = %v", err)
	}
	if !slices.Contains(Backends(), BackendALPM) {
		if _, err := OpenDatabase(t.TempDir(), BackendALPM); !errors.Is(err, ErrBackendUnavailable) {
			t.Errorf("error = %v, want ErrBackendUnavailable", err)
		}
	}
}
