package arch_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/exporter/arch"
	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/internal/archcheck"
	"github.com/nixarch/nixarch/internal/oracle"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/mappings/options"
	"github.com/nixarch/nixarch/model"
)

// realSystem is a NixOS system whose packages and options go through the
// embedded mapping and option tables.
func realSystem() *model.System {
	s := model.New(model.Source{Kind: model.SourceNixOS, Path: "configuration.nix"})
	for i, name := range []string{"firefox", "git", "ripgrep", "neovim", "htop", "steam", "zsh", "coreutils", "vscode", "no-such-attr"} {
		s.Packages = append(s.Packages, model.Package{Name: name, Repo: "nixpkgs", Origin: at("configuration.nix", 10+i)})
	}
	for i, name := range []string{"services.openssh", "services.pipewire", "virtualisation.docker", "programs.steam", "services.xserver.desktopManager.gnome"} {
		s.Services = append(s.Services, model.Service{Name: name, Enabled: true, Origin: at("configuration.nix", 30+i)})
	}
	s.Services[1].Settings = model.Settings{"pulse": map[string]any{"enable": true}, "alsa": map[string]any{"support32Bit": true}}
	return s
}

// TestPacmanResolvesPkgList renders a system through the real tables,
// checks that every name in pkglist.txt is an official Arch package (or a
// group an option installs), and has the real pacman resolve the list as
// setup.sh hands it over, pacman -S --needed - < pkglist.txt, against sync
// databases that hold every official name the tables know, each in its
// repository.
func TestPacmanResolvesPkgList(t *testing.T) {
	pacman := oracle.Require(t, "pacman", "pacman-package-manager")
	table, err := mappings.Default()
	if err != nil {
		t.Fatal(err)
	}
	opts, err := options.Default()
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string]bool{}
	for _, o := range opts.Options() {
		for _, g := range o.Arch.PackageGroups {
			groups[g] = true
		}
	}
	sys := realSystem()
	rep := report.Build(sys, table, mappings.Arch)
	files, err := arch.Render(sys, rep, arch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	list := fileMap(files)[arch.PkgList].Content
	aur := fileMap(files)[arch.AURList].Content
	if !bytes.Contains(aur, []byte("visual-studio-code-bin\n")) {
		t.Errorf("aur.txt = %q, want visual-studio-code-bin", aur)
	}
	names := strings.Fields(string(list))
	for _, want := range []string{"firefox", "steam", "lib32-pipewire", "openssh", "docker", "gnome", "zsh"} {
		if !strings.Contains("\n"+string(list), "\n"+want+"\n") {
			t.Errorf("pkglist.txt lacks %s:\n%s", want, list)
		}
	}
	official, err := table.OfficialArchNames()
	if err != nil {
		t.Fatal(err)
	}
	byRepo, members := archcheck.SyncDBNames(official, groups)
	for _, n := range names {
		if _, ok := official[n]; !ok && !groups[n] {
			t.Errorf("pkglist.txt names %s, which is not in Arch core, extra or multilib", n)
		}
	}

	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	var conf strings.Builder
	conf.WriteString("[options]\nArchitecture = auto\nSigLevel = Never\n")
	for _, repo := range []string{"core", "extra", "multilib"} {
		if err := archcheck.WriteSyncDB(filepath.Join(db, "sync", repo+".db"), byRepo[repo], members); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&conf, "\n[%s]\nServer = file://%s/repo/%s\n", repo, dir, repo)
	}
	for _, d := range []string{filepath.Join(dir, "root"), filepath.Join(db, "local")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	confPath := filepath.Join(dir, "pacman.conf")
	if err := os.WriteFile(confPath, []byte(conf.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	resolve := func(stdin []byte) (string, error) {
		cmd := exec.Command(pacman, "-Sp", "--needed", "--noconfirm", "--color", "never", "--root", filepath.Join(dir, "root"),
			"--dbpath", db, "--config", confPath, "--cachedir", filepath.Join(dir, "cache"), "--logfile", filepath.Join(dir, "pacman.log"),
			"--gpgdir", filepath.Join(dir, "gnupg"), "-")
		cmd.Stdin = bytes.NewReader(stdin)
		cmd.Env = append(os.Environ(), "LC_ALL=C")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	// pacman reads every entry of the databases: a malformed one would be
	// left out of -Sl.
	listed, err := exec.Command(pacman, "-Sl", "--dbpath", db, "--config", confPath, "--color", "never").Output()
	if n := strings.Count(string(listed), "\n"); err != nil || n != len(official)+len(groups) {
		t.Errorf("pacman -Sl lists %d packages (%v), want %d", n, err, len(official)+len(groups))
	}
	out, err := resolve(list)
	if err != nil {
		t.Fatalf("pacman -Sp - < pkglist.txt: %v\n%s", err, out)
	}
	if testing.Verbose() {
		t.Logf("pacman -Sp - < pkglist.txt:\n%s", out)
	}
	for _, n := range names {
		if !groups[n] && !strings.Contains(out, "/repo/"+official[n]+"/"+n+"-1-1-any.pkg.tar.zst\n") {
			t.Errorf("pacman did not resolve %s from %s:\n%s", n, official[n], out)
		}
	}
	// pacman takes every line of its standard input as a target, so the
	// lists cannot carry comments.
	if out, err := resolve(append([]byte("# a comment\n"), list...)); err == nil || !strings.Contains(out, "target not found: # a comment") {
		t.Errorf("pacman accepted a comment line; the lists could carry a header:\n%s", out)
	}
}
