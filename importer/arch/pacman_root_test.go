package arch

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/internal/oracle"
	"github.com/nixarch/nixarch/model"
)

// These tests build a small Arch system with the real pacman: packages
// packed with bsdtar, sync databases made by repo-add, installed with
// pacman -U. Then they read it and check what nixarch says against what
// pacman says (-Qqe, -Qqd, -Qqm, -Sgq).

// testPkg is a package the tests build.
type testPkg struct {
	name, version string
	repo          string // core, extra or "" for none (foreign)
	groups        []string
	depends       []string
	provides      []string
	asDep         bool
}

var testPkgs = []testPkg{
	{name: "glibc", version: "2.38-7", repo: "core", asDep: true},
	{name: "libmpc", version: "1.3.1-1", repo: "core", asDep: true},
	{name: "bash", version: "5.2.026-2", repo: "core", groups: []string{"base"}, depends: []string{"glibc"}},
	{name: "gcc", version: "13.2.1-3", repo: "core", groups: []string{"base-devel"}, depends: []string{"glibc>=2.38", "libmpc"}},
	{name: "make", version: "4.4.1-2", repo: "core", groups: []string{"base-devel"}},
	{name: "libx11", version: "1.8.7-1", repo: "extra", asDep: true},
	{name: "xorg-server", version: "21.1.10-1", repo: "extra", groups: []string{"xorg"}, depends: []string{"libx11"}, provides: []string{"x-server", "libxserver.so=1-64"}},
	{name: "xorg-xinit", version: "1:1.4.2-1", repo: "extra", groups: []string{"xorg"}}, // in the repository, not installed
	{name: "yay-bin", version: "12.2.0-1"},
	{name: "my-tool", version: "0.1.r12.gabcdef-1", asDep: true},
}

// pacmanRoot is an Arch root made by the real pacman.
type pacmanRoot struct {
	dir    string // the root
	config string // a pacman.conf for pacman -Q and -S against it
	pacman string
}

// buildPacmanRoot builds testPkgs, the core and extra databases and a
// root with all but xorg-xinit installed.
func buildPacmanRoot(t *testing.T) *pacmanRoot {
	t.Helper()
	pr := &pacmanRoot{pacman: oracle.Require(t, "pacman", "pacman-package-manager")}
	repoAdd := oracle.Require(t, "repo-add", "pacman-package-manager")
	bsdtar := oracle.Require(t, "bsdtar", "libarchive-tools")
	work := t.TempDir()
	pr.dir = filepath.Join(work, "root")
	repo := filepath.Join(work, "repo")
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string][]string{} // package file by repo
	var explicit, deps []string
	for _, p := range testPkgs {
		build := filepath.Join(work, "build", p.name)
		info := fmt.Sprintf("pkgname = %s\npkgbase = %s\npkgver = %s\npkgdesc = %s for tests\nurl = https://example.org\nbuilddate = 1700000000\npackager = nixarch tests\nsize = 12\narch = any\nlicense = MIT\n",
			p.name, p.name, p.version, p.name)
		for _, g := range p.groups {
			info += "group = " + g + "\n"
		}
		for _, d := range p.depends {
			info += "depend = " + d + "\n"
		}
		for _, d := range p.provides {
			info += "provides = " + d + "\n"
		}
		writeFile(t, filepath.Join(build, ".PKGINFO"), info)
		writeFile(t, filepath.Join(build, "usr/share/doc", p.name, "README"), p.name+" is a test package\n")
		pkgFile := filepath.Join(repo, p.name+"-"+strings.ReplaceAll(p.version, ":", "_")+"-any.pkg.tar.gz")
		mustRun(t, build, bsdtar, "-czf", pkgFile, ".PKGINFO", "usr")
		files[p.repo] = append(files[p.repo], pkgFile)
		switch {
		case p.name == "xorg-xinit":
		case p.asDep:
			deps = append(deps, pkgFile)
		default:
			explicit = append(explicit, pkgFile)
		}
	}
	sync := filepath.Join(pr.dir, "var/lib/pacman/sync")
	for _, name := range []string{"core", "extra"} {
		db := filepath.Join(repo, name+".db.tar.gz")
		mustRun(t, repo, repoAdd, append([]string{"--quiet", db}, files[name]...)...)
		data, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(sync, name+".db"), string(data))
	}
	// The system's pacman.conf names the repositories; the test's adds
	// what pacman needs to run on a test folder.
	writeFile(t, filepath.Join(pr.dir, "etc/pacman.conf"), "[options]\nArchitecture = auto\n\n[core]\nInclude = /etc/pacman.d/mirrorlist\n\n[extra]\nInclude = /etc/pacman.d/mirrorlist\n")
	pr.config = filepath.Join(work, "pacman.conf")
	writeFile(t, pr.config, "[options]\nArchitecture = auto\nSigLevel = Never\nLocalFileSigLevel = Never\n\n[core]\n\n[extra]\n")
	pr.run(t, append([]string{"-U", "--asdeps"}, deps...)...)
	pr.run(t, append([]string{"-U"}, explicit...)...)
	return pr
}

// run runs pacman on the root, without scriptlets, hooks' side effects or
// questions, keeping its cache, log and keyring inside the test's folder.
func (pr *pacmanRoot) run(t *testing.T, args ...string) string {
	t.Helper()
	base := []string{
		"--root", pr.dir, "--dbpath", filepath.Join(pr.dir, "var/lib/pacman"), "--config", pr.config,
		"--cachedir", filepath.Join(pr.dir, "var/cache/pacman/pkg"), "--logfile", filepath.Join(pr.dir, "var/log/pacman.log"),
		"--gpgdir", filepath.Join(pr.dir, "etc/pacman.d/gnupg"), "--hookdir", filepath.Join(pr.dir, "etc/pacman.d/hooks"),
		"--noconfirm", "--color", "never",
	}
	if args[0] == "-U" {
		base = append(base, "--noscriptlet")
	}
	return mustRun(t, "", pr.pacman, append(base, args...)...)
}

// lines runs pacman and returns its output's lines, sorted.
func (pr *pacmanRoot) lines(t *testing.T, args ...string) []string {
	t.Helper()
	out := strings.Fields(pr.run(t, args...))
	slices.Sort(out)
	return out
}

func mustRun(t *testing.T, dir, program string, args ...string) string {
	t.Helper()
	cmd := exec.Command(program, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("%s %s: %v\n%s%s", program, strings.Join(args, " "), err, out, stderr)
	}
	return string(out)
}

// names returns the sorted names of the packages for which keep is true.
func names(pkgs []model.Package, keep func(model.Package) bool) []string {
	var out []string
	for _, p := range pkgs {
		if keep(p) {
			out = append(out, p.Name)
		}
	}
	slices.Sort(out)
	return out
}

// TestPacmanRoot reads a root that the real pacman installed and checks
// the model against pacman's own queries.
func TestPacmanRoot(t *testing.T) {
	t.Parallel()
	pr := buildPacmanRoot(t)
	sys, err := ImportRoot(pr.dir, RootOptions{Backend: BackendGo})
	if err != nil {
		t.Fatal(err)
	}
	checkAgainstPacman(t, pr, sys)

	var got []string
	for _, p := range sys.Packages {
		got = append(got, fmt.Sprintf("%s %s %s %v", p.Name, p.Version, p.Repo, p.Dependency))
	}
	compare(t, "packages", got, []string{
		"bash 5.2.026-2 core false",
		"gcc 13.2.1-3 core false",
		"glibc 2.38-7 core true",
		"libmpc 1.3.1-1 core true",
		"libx11 1.8.7-1 extra true",
		"make 4.4.1-2 core false",
		"my-tool 0.1.r12.gabcdef-1 foreign true",
		"xorg-server 21.1.10-1 extra false",
		"yay-bin 12.2.0-1 foreign false",
		"base-devel  core false", // the whole group
	})
	compare(t, "findings", renderFindings(sys.Findings), []string{
		"info /var/lib/pacman/sync/core.db: all 2 packages of group base-devel are installed explicitly (pacman -S base-devel): gcc make",
	})
}

// checkAgainstPacman compares the model's explicit, dependency and foreign
// packages and whole groups with pacman -Qqe, -Qqd, -Qqm and -Sgq. The
// packages that stand for whole groups are compared with the groups.
func checkAgainstPacman(t *testing.T, pr *pacmanRoot, sys *model.System) {
	t.Helper()
	var pkgs []model.Package
	var groupPkgs []string
	for _, p := range sys.Packages {
		if p.Project == GroupProject(p.Name) {
			groupPkgs = append(groupPkgs, p.Name)
			continue
		}
		pkgs = append(pkgs, p)
	}
	compare(t, "explicit (pacman -Qqe)", names(pkgs, func(p model.Package) bool { return !p.Dependency }), pr.lines(t, "-Qqe"))
	compare(t, "dependencies (pacman -Qqd)", names(pkgs, func(p model.Package) bool { return p.Dependency }), pr.lines(t, "-Qqd"))
	compare(t, "foreign (pacman -Qqm)", names(pkgs, func(p model.Package) bool { return p.Repo == model.RepoForeign }), pr.lines(t, "-Qqm"))
	compare(t, "native (pacman -Qqn)", names(pkgs, func(p model.Package) bool { return p.Repo != model.RepoForeign }), pr.lines(t, "-Qqn"))
	var versions []string
	for _, p := range pkgs {
		versions = append(versions, p.Name+" "+p.Version)
	}
	compare(t, "versions (pacman -Q)", versions, strings.Split(strings.TrimSpace(pr.run(t, "-Q")), "\n"))
	var groups []string
	for _, f := range sys.Findings {
		var group string
		if _, err := fmt.Sscanf(f.Message, "all %d packages of group %s are", new(int), &group); err != nil {
			continue
		}
		groups = append(groups, group)
		members := pr.lines(t, "-Sgq", group)
		if !strings.HasSuffix(f.Message, ": "+strings.Join(members, " ")) {
			t.Errorf("finding %q does not list the members pacman -Sgq %s gives, %v", f.Message, group, members)
		}
	}
	slices.Sort(groupPkgs)
	slices.Sort(groups)
	compare(t, "packages that stand for whole groups", groupPkgs, groups)
}

// TestPacmanRootCompressions recompresses the sync databases that
// repo-add made (gzip) with zstd, xz and none, checks that pacman still
// reads them, and that nixarch reads the same model from each.
func TestPacmanRootCompressions(t *testing.T) {
	t.Parallel()
	pr := buildPacmanRoot(t)
	want, err := ImportRoot(pr.dir, RootOptions{Backend: BackendGo})
	if err != nil {
		t.Fatal(err)
	}
	wantYAML := encode(t, want)
	gzipPath := oracle.Require(t, "gzip", "gzip")
	tools := map[string][]string{
		"zstd": {oracle.Require(t, "zstd", "zstd"), "-q", "-c"},
		"xz":   {oracle.Require(t, "xz", "xz-utils"), "-c"},
	}
	for _, how := range []string{"zstd", "xz", "none"} {
		for _, name := range []string{"core", "extra"} {
			db := filepath.Join(pr.dir, "var/lib/pacman/sync", name+".db")
			tarball := mustRun(t, "", gzipPath, "-dc", db)
			data := tarball
			if how != "none" {
				plain := filepath.Join(t.TempDir(), name+".tar")
				writeFile(t, plain, tarball)
				data = mustRun(t, "", tools[how][0], append(tools[how][1:], plain)...)
			}
			writeFile(t, db+"."+how, data)
		}
	}
	for _, how := range []string{"zstd", "xz", "none"} {
		for _, name := range []string{"core", "extra"} {
			db := filepath.Join(pr.dir, "var/lib/pacman/sync", name+".db")
			if err := os.Rename(db+"."+how, db); err != nil {
				t.Fatal(err)
			}
		}
		sys, err := ImportRoot(pr.dir, RootOptions{Backend: BackendGo})
		if err != nil {
			t.Fatalf("%s: %v", how, err)
		}
		checkAgainstPacman(t, pr, sys)
		if got := encode(t, sys); got != wantYAML {
			t.Errorf("with %s sync databases the model differs:\n%s\nwant:\n%s", how, got, wantYAML)
		}
	}
}

func encode(t *testing.T, sys *model.System) string {
	t.Helper()
	data, err := model.Encode(sys)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
