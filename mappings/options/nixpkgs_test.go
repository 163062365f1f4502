package options_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// nixpkgsEnv names a nixpkgs 24.11 tree for TestOptionsInNixpkgs.
const nixpkgsEnv = "NIXARCH_NIXPKGS"

// optionTypes evaluates the NixOS module system of the nixpkgs tree in
// NIXARCH_NIXPKGS and prints, for each path, its option type's description,
// or null when there is no such option. Submodule options are entered
// through getSubOptions, where <name> stands for any attribute name.
const optionTypes = `{ nixpkgs, pathsFile }:
let
  lib = import (nixpkgs + "/lib");
  eval = import (nixpkgs + "/nixos/lib/eval-config.nix") { system = "x86_64-linux"; modules = [ ]; };
  isOption = o: builtins.isAttrs o && (o._type or null) == "option";
  find = opts: segs:
    if segs == [ ] then (if isOption opts then opts.type.description else null)
    else let s = builtins.head segs; rest = builtins.tail segs; in
      if isOption opts then
        (let sub = opts.type.getSubOptions [ ]; in
          if s == "<name>" then find sub rest else if sub ? ${s} then find sub.${s} rest else null)
      else if builtins.isAttrs opts && opts ? ${s} then find opts.${s} rest
      else null;
  paths = lib.filter (s: s != "") (lib.splitString "\n" (builtins.readFile pathsFile));
in lib.genAttrs paths (p: find eval.options (lib.splitString "." p))
`

// TestOptionsInNixpkgs checks every option path and alias against the
// NixOS module system itself, and each row's kind against the option's
// type. It needs nix-instantiate and NIXARCH_NIXPKGS, the path of a
// nixpkgs 24.11 tree; without them it is skipped.
func TestOptionsInNixpkgs(t *testing.T) {
	nixpkgs := os.Getenv(nixpkgsEnv)
	if nixpkgs == "" {
		t.Skip(nixpkgsEnv + " is not set to a nixpkgs 24.11 tree")
	}
	if _, err := exec.LookPath("nix-instantiate"); err != nil {
		t.Skip("nix-instantiate is not installed")
	}
	if testing.Short() {
		t.Skip("evaluating NixOS options takes a while")
	}
	opts := table(t).Options()
	var paths []string
	for _, o := range opts {
		paths = append(append(paths, o.Path), o.Aliases...)
	}
	dir := t.TempDir()
	pathsFile := filepath.Join(dir, "paths.txt")
	exprFile := filepath.Join(dir, "types.nix")
	if err := os.WriteFile(pathsFile, []byte(strings.Join(paths, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exprFile, []byte(optionTypes), 0o644); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(nixpkgs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("nix-instantiate", "--eval", "--strict", "--json", exprFile,
		"--arg", "nixpkgs", abs, "--arg", "pathsFile", pathsFile)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("nix-instantiate: %v", err)
	}
	var types map[string]*string
	if err := json.Unmarshal(out, &types); err != nil {
		t.Fatal(err)
	}
	for _, o := range opts {
		for _, p := range append([]string{o.Path}, o.Aliases...) {
			ty := types[p]
			if ty == nil {
				t.Errorf("%s: NixOS has no option %s", o.Origin, p)
				continue
			}
			if !kindFits(string(o.Kind), *ty) {
				t.Errorf("%s: %s is a %s row, but NixOS's type is %q", o.Origin, p, o.Kind, *ty)
			}
		}
	}
}

// kindFits reports whether a row's kind suits a NixOS type description.
func kindFits(kind, ty string) bool {
	ty = strings.TrimPrefix(ty, "null or ")
	switch kind {
	case "bool":
		return ty == "boolean"
	case "list":
		return strings.HasPrefix(ty, "list of ")
	case "attrs":
		return strings.HasPrefix(ty, "attribute set of ")
	case "string":
		return strings.HasPrefix(ty, "string") || strings.HasPrefix(ty, "one of ") || strings.HasPrefix(ty, "strings concatenated")
	}
	return false
}
