// Package nixeval asks a real Nix, when one is installed, which packages a
// NixOS configuration installs, and compares that with what nixarch read
// without Nix. nixarch never needs Nix: this is the check a user with Nix
// at hand can add (nixarch import nixos --eval).
//
// For a flake it runs nix eval --json on nixosConfigurations.HOST (or
// homeConfigurations.HOST); for a classic configuration,
// nix-instantiate --eval --strict --json on <nixpkgs/nixos>. Both apply the
// same expression: the definitions of environment.systemPackages with the
// file each comes from, the users' packages and home-manager's
// home.packages, each package named by its pname.
package nixeval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nixarch/nixarch/model"
)

// Config names the configuration to evaluate.
type Config struct {
	// Path is configuration.nix, or the folder of a flake.
	Path string
	// Flake is set for a flake; Host is then its configuration's name.
	Flake bool
	Host  string
	// Home selects homeConfigurations.HOST instead of
	// nixosConfigurations.HOST.
	Home bool
}

// Definition is one list of packages and where Nix says it was defined.
type Definition struct {
	// File is the file of the definition; for users' and home-manager's
	// packages, the option path instead.
	File  string   `json:"file"`
	Names []string `json:"names"`
}

// ErrNoNix is returned when the program to run is not installed.
var ErrNoNix = errors.New("nix is not installed")

// The expression applied to an evaluated system (a set with config and
// options). It names each package by pname, or by the name part of its
// derivation name.
const namesOf = `let
  name = p: if builtins.isAttrs p then (p.pname or (builtins.parseDrvName (p.name or "?")).name) else "?";
  names = l: if builtins.isList l then map name l else [ ];
  defs = opt: map (d: { file = toString d.file; names = names d.value; }) (opt.definitionsWithLocations or [ ]);
  attrs = s: if builtins.isAttrs s then s else { };
  users = c: builtins.attrValues (builtins.mapAttrs (u: v: { file = "users.users.${u}.packages"; names = names (v.packages or [ ]); }) (attrs (c.users.users or { })));
  homes = c: builtins.attrValues (builtins.mapAttrs (u: v: { file = "home-manager.users.${u}.home.packages"; names = names (v.home.packages or [ ]); }) (attrs (c.home-manager.users or { })));
in`

const systemExpr = namesOf + ` sys: defs sys.options.environment.systemPackages ++ defs (sys.options.fonts.packages or { }) ++ users sys.config ++ homes sys.config`
const homeExpr = namesOf + ` hm: [ { file = "home.packages"; names = names hm.config.home.packages; } ]`

// Command returns the program and arguments that evaluate c.
func Command(c Config) (string, []string) {
	if c.Flake {
		set, expr := "nixosConfigurations", systemExpr
		if c.Home {
			set, expr = "homeConfigurations", homeExpr
		}
		ref := c.Path + "#" + set + "." + strconv.Quote(c.Host)
		return "nix", []string{"--extra-experimental-features", "nix-command flakes", "eval", "--json", ref, "--apply", expr}
	}
	path, err := filepath.Abs(c.Path)
	if err != nil {
		path = c.Path
	}
	return "nix-instantiate", []string{"--eval", "--strict", "--json", "-E",
		"(" + systemExpr + ") (import <nixpkgs/nixos> { configuration = " + strconv.Quote(path) + "; })"}
}

// Packages runs Nix on c. progress, when not nil, is called every few
// seconds while Nix works, with the time it has taken.
func Packages(ctx context.Context, c Config, progress func(time.Duration)) ([]Definition, error) {
	name, args := Command(c)
	program, err := exec.LookPath(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %s is not on PATH", ErrNoNix, name)
	}
	cmd := exec.CommandContext(ctx, program, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	start := time.Now()
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			if err != nil {
				return nil, fmt.Errorf("%s: %w\n%s", name, err, strings.TrimSpace(stderr.String()))
			}
			var defs []Definition
			if err := json.Unmarshal(stdout.Bytes(), &defs); err != nil {
				return nil, fmt.Errorf("%s printed what nixarch cannot read: %w", name, err)
			}
			return defs, nil
		case <-tick.C:
			if progress != nil {
				progress(time.Since(start).Round(time.Second))
			}
		}
	}
}

// fromNixOS reports whether a definition comes from NixOS's own modules
// (its defaults) rather than from the configuration.
func fromNixOS(file string) bool {
	return strings.Contains(file, "/nixos/modules/") || strings.Contains(file, "/home-manager/modules/")
}

// mentioned reports whether a finding names n as a word: the static
// import saw the package and reported it (a local package, a script).
func mentioned(findings []model.Finding, n string) bool {
	word := regexp.MustCompile(`(^|[\s/'"(])` + regexp.QuoteMeta(n) + `([\s)'":,]|$)`)
	for _, f := range findings {
		if word.MatchString(f.Message) {
			return true
		}
	}
	return false
}

// lastSegment is the last part of an attribute path: requests of
// python3Packages.requests.
func lastSegment(attr string) string {
	return attr[strings.LastIndexByte(attr, '.')+1:]
}

// Compare returns findings for where Nix and the static import differ:
// a package nixarch read that Nix does not install (a condition read
// wrong, an override), and a package the configuration's own files give
// that nixarch did not read. Packages NixOS's modules add by default are
// not compared.
func Compare(sys *model.System, defs []Definition, tool string) []model.Finding {
	evaluated := map[string]bool{}
	ownFiles := map[string][]string{} // package name → files of the configuration that give it
	for _, d := range defs {
		for _, n := range d.Names {
			// Wrapped compilers and browsers are named for their wrapper.
			n = strings.TrimSuffix(n, "-wrapper")
			evaluated[n] = true
			if !fromNixOS(d.File) {
				ownFiles[n] = append(ownFiles[n], d.File)
			}
		}
	}
	static := map[string]bool{}
	var out []model.Finding
	for _, p := range sys.Packages {
		static[p.Name], static[lastSegment(p.Name)] = true, true
		// A package of a set, such as python3Packages.requests, is often a
		// member of an environment (python3.withPackages) that Nix names
		// for the interpreter: it is not compared.
		if !evaluated[p.Name] && !evaluated[lastSegment(p.Name)] && !strings.Contains(p.Name, ".") {
			out = append(out, model.Finding{Severity: model.SeverityWarning, Origin: p.Origin,
				Message: fmt.Sprintf("%s: Nix installs no package named %s; check its condition or override by hand", tool, p.Name)})
		}
	}
	names := make([]string, 0, len(ownFiles))
	for n := range ownFiles {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if static[n] || mentioned(sys.Findings, n) {
			continue // read, or reported already (a local package, a script)
		}
		files := ownFiles[n]
		sort.Strings(files)
		out = append(out, model.Finding{Severity: model.SeverityWarning,
			Message: fmt.Sprintf("%s: Nix installs %s (defined in %s), which nixarch's reading without Nix missed; add it to the model by hand", tool, n, strings.Join(files, ", "))})
	}
	if len(out) == 0 {
		out = append(out, model.Finding{Severity: model.SeverityInfo,
			Message: fmt.Sprintf("%s: Nix installs the same packages the configuration's files name as nixarch read (%d compared)", tool, len(sys.Packages))})
	}
	return out
}
