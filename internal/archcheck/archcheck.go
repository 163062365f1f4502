// Package archcheck checks an Arch output folder of nixarch with the real
// programs that will read it: pacman resolves pkglist.txt, bash and
// shellcheck read setup.sh (which, run without --apply, must change
// nothing), stow links the dotfiles into a scratch home, and git, zsh,
// fish, bash and TOML, JSON and YAML parsers read every file of the
// dotfiles repository. make demo and the end-to-end tests use it.
package archcheck

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/mappings/options"
	"github.com/nixarch/nixarch/model"
)

// Result is the outcome of one check.
type Result struct {
	// Check names what was run, such as "shellcheck".
	Check string
	// Target is the file or folder checked, relative to the output folder.
	Target string
	// Missing names the program that is not installed, when the check
	// could not run.
	Missing string
	// Err is nil when the check passed.
	Err error
}

func (r Result) String() string {
	switch {
	case r.Missing != "":
		return fmt.Sprintf("skip %-24s %s (%s is not installed)", r.Check, r.Target, r.Missing)
	case r.Err != nil:
		return fmt.Sprintf("FAIL %-24s %s: %v", r.Check, r.Target, r.Err)
	}
	return fmt.Sprintf("ok   %-24s %s", r.Check, r.Target)
}

// Tables are the mapping and option tables that say which names pacman
// must find in the official repositories.
type Tables struct {
	Packages *mappings.Table
	Options  *options.Table
}

// checker runs the checks of one folder.
type checker struct {
	dir     string
	scratch string
	tables  Tables
	results []Result
}

// Check runs every check on the Arch output folder dir. scratch is an
// empty folder it may write into. A program that is not installed makes
// its checks Missing, not failed.
func Check(dir, scratch string, tables Tables) []Result {
	// The programs run in other folders than the caller's.
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	if abs, err := filepath.Abs(scratch); err == nil {
		scratch = abs
	}
	c := &checker{dir: dir, scratch: scratch, tables: tables}
	c.packages()
	c.script()
	c.dotfiles()
	c.parse("archinstall/user_configuration.json", "json", parseJSON)
	c.parse("report.json", "json", parseJSON)
	c.parse("system.yaml", "model", func(data []byte) error { _, err := model.Decode("system.yaml", data); return err })
	return c.results
}

// Failed returns the results that failed.
func Failed(results []Result) []Result {
	var out []Result
	for _, r := range results {
		if r.Err != nil {
			out = append(out, r)
		}
	}
	return out
}

func (c *checker) add(check, target string, err error) {
	c.results = append(c.results, Result{Check: check, Target: target, Err: err})
}

// run runs program with args in dir and turns a failure into an error
// holding its output.
func (c *checker) run(check, target, dir string, stdin []byte, env []string, program string, args ...string) {
	p, err := exec.LookPath(program)
	if err != nil {
		c.results = append(c.results, Result{Check: check, Target: target, Missing: program})
		return
	}
	cmd := exec.Command(p, args...)
	cmd.Dir = dir
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		err = fmt.Errorf("%s %s: %w\n%s", program, strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	c.add(check, target, err)
}

// packages has pacman resolve pkglist.txt against sync databases holding
// every official package the mapping table knows, and each package group
// the option table installs.
func (c *checker) packages() {
	list, err := os.ReadFile(filepath.Join(c.dir, "pkglist.txt"))
	if err != nil {
		c.add("pkglist.txt", "pkglist.txt", err)
		return
	}
	if _, err := exec.LookPath("pacman"); err != nil {
		c.results = append(c.results, Result{Check: "pacman -Sp", Target: "pkglist.txt", Missing: "pacman"})
		return
	}
	groups := map[string]bool{}
	if c.tables.Options != nil {
		for _, o := range c.tables.Options.Options() {
			for _, g := range o.Arch.PackageGroups {
				groups[g] = true
			}
		}
	}
	official := map[string]string{}
	if c.tables.Packages != nil {
		if official, err = c.tables.Packages.OfficialArchNames(); err != nil {
			c.add("official names", "pkglist.txt", err)
			return
		}
	}
	var unknown []string
	for _, n := range strings.Fields(string(list)) {
		if _, ok := official[n]; !ok && !groups[n] {
			unknown = append(unknown, n)
		}
	}
	if len(unknown) > 0 {
		c.add("official names", "pkglist.txt", fmt.Errorf("not in Arch core, extra or multilib: %s", strings.Join(unknown, ", ")))
		return
	}
	// The databases hold every official name the tables know, each in its
	// repository, and a package for each group, so that pacman judges the
	// list as it would judge it against the real repositories.
	byRepo, members := SyncDBNames(official, groups)
	root := filepath.Join(c.scratch, "pacman")
	db := filepath.Join(root, "db")
	var conf strings.Builder
	conf.WriteString("[options]\nArchitecture = auto\nSigLevel = Never\n")
	for _, repo := range []string{"core", "extra", "multilib"} {
		if err := WriteSyncDB(filepath.Join(db, "sync", repo+".db"), byRepo[repo], members); err != nil {
			c.add("pacman -Sp", "pkglist.txt", err)
			return
		}
		fmt.Fprintf(&conf, "\n[%s]\nServer = file://%s/repo/%s\n", repo, root, repo)
	}
	for _, d := range []string{filepath.Join(root, "root"), filepath.Join(db, "local")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			c.add("pacman -Sp", "pkglist.txt", err)
			return
		}
	}
	confPath := filepath.Join(root, "pacman.conf")
	if err := os.WriteFile(confPath, []byte(conf.String()), 0o644); err != nil {
		c.add("pacman -Sp", "pkglist.txt", err)
		return
	}
	// The list goes in as setup.sh hands it over: pacman -S --needed - < pkglist.txt.
	c.run("pacman -Sp", "pkglist.txt", root, list, []string{"LC_ALL=C"}, "pacman", "-Sp", "--needed", "--noconfirm", "--color", "never",
		"--root", filepath.Join(root, "root"), "--dbpath", db, "--config", confPath, "--cachedir", filepath.Join(root, "cache"),
		"--logfile", filepath.Join(root, "pacman.log"), "--gpgdir", filepath.Join(root, "gnupg"), "-")
}

// SyncDBNames sorts official names (name to repository) into the
// package names of each repository's sync database, with a package for
// each group (in extra): members maps it to its group, since a group is
// a package's %GROUPS% entry in a sync database.
func SyncDBNames(official map[string]string, groups map[string]bool) (byRepo, members map[string][]string) {
	byRepo, members = map[string][]string{}, map[string][]string{}
	for _, n := range slices.Sorted(maps.Keys(official)) {
		byRepo[official[n]] = append(byRepo[official[n]], n)
	}
	for _, g := range slices.Sorted(maps.Keys(groups)) {
		byRepo["extra"] = append(byRepo["extra"], g+"-member")
		members[g+"-member"] = []string{g}
	}
	return byRepo, members
}

// WriteSyncDB writes a pacman sync database holding a package for each
// name, in the format repo-add writes: a gzipped tar of NAME-VERSION/desc
// files. groups gives a package's groups.
func WriteSyncDB(file string, names []string, groups map[string][]string) error {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, n := range names {
		desc := fmt.Sprintf("%%FILENAME%%\n%[1]s-1-1-any.pkg.tar.zst\n\n%%NAME%%\n%[1]s\n\n%%BASE%%\n%[1]s\n\n%%VERSION%%\n1-1\n\n%%DESC%%\n%[1]s for tests\n\n%%CSIZE%%\n12\n\n%%ISIZE%%\n12\n\n%%ARCH%%\nany\n\n", n)
		if g := groups[n]; len(g) > 0 {
			desc += "%GROUPS%\n" + strings.Join(g, "\n") + "\n\n"
		}
		dir := n + "-1-1/"
		if err := tw.WriteHeader(&tar.Header{Name: dir, Typeflag: tar.TypeDir, Mode: 0o755}); err != nil {
			return err
		}
		if err := tw.WriteHeader(&tar.Header{Name: dir + "desc", Typeflag: tar.TypeReg, Mode: 0o644, Size: int64(len(desc))}); err != nil {
			return err
		}
		if _, err := tw.Write([]byte(desc)); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := gz.Close(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, buf.Bytes(), 0o644)
}

// script checks setup.sh with bash -n and shellcheck, and runs it
// without --apply against a scratch root: it must change no file, there
// or in the output folder.
func (c *checker) script() {
	c.run("bash -n", "setup.sh", c.dir, nil, nil, "bash", "-n", "setup.sh")
	c.run("shellcheck", "setup.sh", c.dir, nil, nil, "shellcheck", "--shell=bash", "--severity=style", "setup.sh")
	root := filepath.Join(c.scratch, "root")
	if err := os.MkdirAll(filepath.Join(root, "etc"), 0o755); err != nil {
		c.add("setup.sh shows only", "setup.sh", err)
		return
	}
	before, err1 := snapshot(c.dir)
	rootBefore, err2 := snapshot(root)
	if err := errors.Join(err1, err2); err != nil {
		c.add("setup.sh shows only", "setup.sh", err)
		return
	}
	c.run("setup.sh shows only", "setup.sh", c.dir, nil, []string{"NIXARCH_ROOT=" + root}, "bash", "setup.sh")
	after, err1 := snapshot(c.dir)
	rootAfter, err2 := snapshot(root)
	switch {
	case errors.Join(err1, err2) != nil:
		c.add("nothing changed", "setup.sh", errors.Join(err1, err2))
	case !mapsEqual(before, after) || !mapsEqual(rootBefore, rootAfter):
		c.add("nothing changed", "setup.sh", errors.New("setup.sh without --apply changed files"))
	default:
		c.add("nothing changed", "setup.sh", nil)
	}
}

// snapshot maps every path under dir to its mode and content.
func snapshot(dir string) (map[string]string, error) {
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		v := info.Mode().String()
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			v += "\x00" + string(data)
		}
		out[p] = v
		return nil
	})
	return out, err
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// dotfiles links the stow packages into a scratch home with stow -n and
// has each file read by the program it is for.
func (c *checker) dotfiles() {
	repo := filepath.Join(c.dir, "dotfiles")
	entries, err := os.ReadDir(repo)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		c.add("dotfiles", "dotfiles", err)
		return
	}
	var packages []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			packages = append(packages, e.Name())
		}
	}
	if _, err := os.Stat(filepath.Join(repo, "install.sh")); err == nil {
		home := filepath.Join(c.scratch, "home")
		if err := os.MkdirAll(home, 0o755); err != nil {
			c.add("stow -n", "dotfiles", err)
			return
		}
		for _, p := range packages {
			c.run("stow -n", "dotfiles/"+p, repo, nil, nil, "stow", "-n", "-v", "--no-folding", "-d", repo, "-t", home, p)
		}
		c.run("bash -n", "dotfiles/install.sh", repo, nil, nil, "bash", "-n", "install.sh")
		c.run("shellcheck", "dotfiles/install.sh", repo, nil, nil, "shellcheck", "--severity=style", "install.sh")
	}
	var files []string
	err = filepath.WalkDir(repo, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(c.dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		c.add("dotfiles", "dotfiles", err)
		return
	}
	sort.Strings(files)
	for _, f := range files {
		c.file(f)
	}
}

// file checks one file of the dotfiles repository by what it is.
func (c *checker) file(rel string) {
	name := path.Base(rel)
	abs := filepath.Join(c.dir, filepath.FromSlash(rel))
	switch {
	case strings.HasSuffix(rel, "/git/config") || name == ".gitconfig" || name == "dot_gitconfig":
		c.run("git config --list", rel, c.dir, nil, []string{"HOME=" + c.scratch, "GIT_CONFIG_NOSYSTEM=1"}, "git", "config", "--file", abs, "--list")
	case slices.Contains([]string{".zshrc", ".zshenv", ".zprofile", ".zlogin", "dot_zshrc", "dot_zshenv"}, name):
		c.run("zsh -n", rel, c.dir, nil, nil, "zsh", "-n", abs)
	case slices.Contains([]string{".bashrc", ".bash_profile", ".profile", "dot_bashrc", "dot_bash_profile", "dot_profile"}, name) || strings.HasSuffix(name, ".sh") && name != "install.sh":
		c.run("bash -n", rel, c.dir, nil, nil, "bash", "-n", abs)
	case strings.HasSuffix(name, ".fish"):
		c.run("fish --no-execute", rel, c.dir, nil, nil, "fish", "--no-execute", abs)
	case strings.HasSuffix(name, ".toml"):
		c.parse(rel, "toml", func(data []byte) error { var v map[string]any; return toml.Unmarshal(data, &v) })
	case strings.HasSuffix(name, ".json"):
		c.parse(rel, "json", parseJSON)
	case strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml"):
		c.parse(rel, "yaml", func(data []byte) error { var v any; return yaml.Unmarshal(data, &v) })
	}
}

func parseJSON(data []byte) error {
	var v any
	return json.Unmarshal(data, &v)
}

// parse reads rel with parse, when the file exists.
func (c *checker) parse(rel, what string, parse func([]byte) error) {
	data, err := os.ReadFile(filepath.Join(c.dir, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err == nil {
		err = parse(data)
	}
	c.add("parse "+what, rel, err)
}
