package nixos_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/exporter"
	"github.com/nixarch/nixarch/exporter/nixos"
	"github.com/nixarch/nixarch/model"
)

func homeAt(file string, line int) model.Origin { return model.Origin{File: file, Line: line, Col: 1} }

// homeSystem is an Arch system whose user alice has settings translated
// from her dotfiles, aliases, a variable and dotfiles kept as files.
func homeSystem() *model.System {
	alice := model.UserOwner("alice")
	s := model.New(model.Source{Kind: model.SourceArch, Path: "/"})
	s.Host.Hostname = "wonderland"
	s.Users = []model.User{{Name: "alice", UID: 1000, Home: "/home/alice", Shell: "/bin/bash"}}
	s.Programs = []model.Program{
		{Name: "programs.git", Enabled: true, Owner: alice, Origin: homeAt("/home/alice/.gitconfig", 0), Settings: model.Settings{
			"userName": "Alice Liddell", "userEmail": "alice@example.org",
			"aliases": map[string]any{"co": "checkout", "lg": "log --graph"},
			"extraConfig": map[string]any{
				"core": map[string]any{"editor": "nvim"},
				"url":  map[string]any{"git@github.com:": map[string]any{"insteadOf": "https://github.com/"}},
			},
		}},
		{Name: "programs.starship", Enabled: true, Owner: alice, Origin: homeAt("/home/alice/.config/starship.toml", 0), Settings: model.Settings{
			"settings": map[string]any{
				"$schema": "https://starship.rs/config-schema.json", "add_newline": false,
				"command_timeout": int64(500), "scan_timeout": 2.5, "neg": -1.5, "big": int64(-3),
				"character": map[string]any{"success_symbol": "[➜](bold green)", "format": "${custom}\n$all"},
				"battery":   map[string]any{"display": []any{map[string]any{"threshold": int64(10), "style": "bold red"}}},
				"inherit":   "a keyword", "with space": []any{"a", true, 1.0},
			},
		}},
		{Name: "programs.ssh", Enabled: true, Owner: alice, Origin: homeAt("/home/alice/.ssh/config", 0), Settings: model.Settings{
			"matchBlocks": map[string]any{
				"gh": map[string]any{"hostname": "github.com", "user": "git", "identityFile": "~/.ssh/id_ed25519", "identitiesOnly": true},
				"*":  map[string]any{"serverAliveInterval": int64(60)},
			},
		}},
	}
	s.Aliases = []model.Alias{
		{Name: "ls", Command: "ls --color=auto", Shell: "bash", Owner: alice, Origin: homeAt("/home/alice/.bashrc", 3)},
		{Name: "x", Command: `echo "$HOME" ${y}`, Shell: "bash", Owner: alice, Origin: homeAt("/home/alice/.bashrc", 4)},
		{Name: "g", Command: "git", Owner: alice, Origin: homeAt("/home/alice/.profile", 1)},
		{Name: "sys", Command: "not alice's", Owner: model.OwnerSystem},
	}
	s.Environment = []model.Variable{
		{Name: "EDITOR", Value: "nvim", Owner: alice, Origin: homeAt("/home/alice/.profile", 2)},
		{Name: "PAGER", Value: "less", Origin: homeAt("/etc/environment", 1)},
	}
	s.Dotfiles = []model.Dotfile{
		{Owner: alice, Target: ".bashrc", Program: "programs.bash", Content: "[[ $- != *i* ]] && return\nPS1='${x} \\$ '\n", Mode: 0o644, Origin: homeAt("/home/alice/.bashrc", 0)},
		{Owner: alice, Target: ".inputrc", Program: "programs.readline", Content: "set editing-mode vi\n", Mode: 0o644, Origin: homeAt("/home/alice/.inputrc", 0)},
		{Owner: alice, Target: ".config/kitty/kitty.conf", Program: "programs.kitty", Content: "font_size 11\n", Mode: 0o644, Origin: homeAt("/home/alice/.config/kitty/kitty.conf", 0)},
		{Owner: alice, Target: ".local/bin/hello", Content: "#!/bin/sh\necho hi\n", Mode: 0o755, Origin: homeAt("/dotfiles/bin/.local/bin/hello", 0)},
		{Owner: alice, Target: ".config/odd name/x", Content: "x\n", Mode: 0o644, Origin: homeAt("/home/alice/.config/odd name/x", 0)},
		{Owner: alice, Target: ".zshrc", Source: "home/alice/.zshrc", Origin: homeAt("/home/alice/.zshrc", 0)},
	}
	return s
}

func filesByPath(files []exporter.File) map[string]exporter.File {
	m := map[string]exporter.File{}
	for _, f := range files {
		m[f.Path] = f
	}
	return m
}

func TestHomeGolden(t *testing.T) {
	_, files := render(t, homeSystem())
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path+" "+f.Mode.String())
	}
	want := []string{
		"configuration.nix -rw-r--r--", "REPORT.md -rw-r--r--", "flake.nix -rw-r--r--", "home.nix -rw-r--r--",
		"dotfiles/.bashrc -rw-r--r--", "dotfiles/.config/kitty/kitty.conf -rw-r--r--", "dotfiles/.config/odd name/x -rw-r--r--",
		"dotfiles/.inputrc -rw-r--r--", "dotfiles/.local/bin/hello -rwxr-xr-x",
	}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("files:\n%s\nwant:\n%s", strings.Join(paths, "\n"), strings.Join(want, "\n"))
	}
	byPath := filesByPath(files)
	golden(t, "home/home.nix", byPath["home.nix"].Content)
	golden(t, "home/flake.nix", byPath["flake.nix"].Content)
	if got := string(byPath["dotfiles/.inputrc"].Content); got != "set editing-mode vi\n" {
		t.Errorf("dotfiles/.inputrc = %q", got)
	}
	_, again := render(t, homeSystem())
	if !reflect.DeepEqual(files, again) {
		t.Error("rendering twice gives different files")
	}
}

func TestHomeSeveralUsers(t *testing.T) {
	s := homeSystem()
	s.Users = append(s.Users, model.User{Name: "bob", UID: 1001, Home: "/home/bob"})
	s.Dotfiles = append(s.Dotfiles, model.Dotfile{Owner: model.UserOwner("bob"), Target: ".inputrc", Content: "bob\n", Mode: 0o644})
	_, files := render(t, s)
	byPath := filesByPath(files)
	for _, p := range []string{"home-alice.nix", "home-bob.nix", "dotfiles/alice/.inputrc", "dotfiles/bob/.inputrc"} {
		if _, ok := byPath[p]; !ok {
			t.Errorf("no %s", p)
		}
	}
	flake := string(byPath["flake.nix"].Content)
	for _, want := range []string{"home-manager.users.alice = import ./home-alice.nix;", "home-manager.users.bob = import ./home-bob.nix;"} {
		if !strings.Contains(flake, want) {
			t.Errorf("flake.nix has no %q:\n%s", want, flake)
		}
	}
	if !strings.Contains(string(byPath["home-bob.nix"].Content), `home.file.".inputrc".source = ./dotfiles/bob/.inputrc;`) {
		t.Errorf("home-bob.nix:\n%s", byPath["home-bob.nix"].Content)
	}
}

func TestNoHomeWithoutUserItems(t *testing.T) {
	s := homeSystem()
	s.Programs, s.Aliases, s.Environment, s.Dotfiles = nil, nil, nil, nil
	if _, files := render(t, s); len(files) != 2 {
		t.Errorf("%d files, want configuration.nix and REPORT.md", len(files))
	}
}

// writeOut writes the rendered files into a fresh folder, as the exporter
// would, for Nix to read.
func writeOut(t *testing.T, files []exporter.File) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Content, f.Mode); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// plain is a Nix function that makes a value JSON-safe without copying
// anything to the store: paths become their strings, functions "<lambda>".
const plain = `let plain = v:
  if builtins.isAttrs v then builtins.mapAttrs (_: plain) v
  else if builtins.isList v then map plain v
  else if builtins.isPath v then "PATH:" + toString v
  else if builtins.isFunction v then "<lambda>"
  else v; in plain`

func nixEvalJSON(t *testing.T, nix, dir, expr string) map[string]any {
	t.Helper()
	cmd := exec.Command(nix, "--eval", "--strict", "--json", "--expr", "("+plain+") ("+expr+")")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("nix-instantiate --eval %s: %v\n%s", expr, err, stderr)
	}
	var v map[string]any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// asJSON is v as encoding/json would read it back.
func asJSON(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestHomeEvaluatesWithNix parses every generated .nix file with the real
// Nix and evaluates home.nix with stub arguments: every setting must come
// out as the model holds it, every dotfile path must name its copy.
func TestHomeEvaluatesWithNix(t *testing.T) {
	nix := nixInstantiate(t)
	sys := homeSystem()
	_, files := render(t, sys)
	dir := writeOut(t, files)
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".nix") {
			if out, err := exec.Command(nix, "--parse", filepath.Join(dir, f.Path)).CombinedOutput(); err != nil {
				t.Fatalf("nix-instantiate --parse %s: %v\n%s\n%s", f.Path, err, out, f.Content)
			}
		}
	}

	home := nixEvalJSON(t, nix, dir, "import ./home.nix { config = {}; pkgs = {}; lib = {}; }")
	get := func(path ...string) any {
		var v any = home
		for _, p := range path {
			m, _ := v.(map[string]any)
			v = m[p]
		}
		return v
	}
	for _, p := range sys.Programs {
		for k, v := range p.Settings {
			path := append(strings.Split(p.Name, "."), k)
			if got, want := get(path...), asJSON(t, v); !reflect.DeepEqual(got, want) {
				t.Errorf("%s = %v, want %v", strings.Join(path, "."), got, want)
			}
		}
		if get(append(strings.Split(p.Name, "."), "enable")...) != true {
			t.Errorf("%s.enable is not true", p.Name)
		}
	}
	checks := map[string]any{
		"home.username":                          "alice",
		"home.homeDirectory":                     "/home/alice",
		"home.stateVersion":                      nixos.HomeStateVersion,
		"home.shellAliases":                      map[string]any{"g": "git"},
		"home.sessionVariables":                  map[string]any{"EDITOR": "nvim"},
		"programs.bash.enable":                   true,
		"programs.bash.shellAliases":             map[string]any{"ls": "ls --color=auto", "x": `echo "$HOME" ${y}`},
		"programs.bash.initExtra":                sys.Dotfiles[0].Content,
		"home.file..inputrc.source":              "PATH:" + filepath.Join(dir, "dotfiles/.inputrc"),
		"home.file..local/bin/hello.source":      "PATH:" + filepath.Join(dir, "dotfiles/.local/bin/hello"),
		"home.file..local/bin/hello.executable":  true,
		"xdg.configFile.kitty/kitty.conf.source": "PATH:" + filepath.Join(dir, "dotfiles/.config/kitty/kitty.conf"),
	}
	for path, want := range checks {
		parts := strings.Split(path, ".")
		// Put the file names back together: ".inputrc" and "kitty/kitty.conf".
		switch {
		case parts[0] == "home" && parts[1] == "file":
			parts = []string{"home", "file", "." + parts[3], parts[4]}
		case parts[0] == "xdg":
			parts = []string{"xdg", "configFile", parts[2] + "." + parts[3], parts[4]}
		}
		if got := get(parts...); !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", strings.Join(parts, "."), got, want)
		}
	}
	if got, want := get("xdg", "configFile", "odd name/x", "source"), "PATH:"+filepath.Join(dir, "dotfiles/.config/odd name/x"); got != want {
		t.Errorf("odd name/x = %v, want %v", got, want)
	}
	if len(get("home", "file").(map[string]any)) != 2 || len(get("xdg", "configFile").(map[string]any)) != 2 {
		t.Errorf("home.file %v, xdg.configFile %v", get("home", "file"), get("xdg", "configFile"))
	}

	// flake.nix: its inputs, and its outputs called with stub inputs.
	flake := nixEvalJSON(t, nix, dir, `let f = import ./flake.nix; in {
	  inherit (f) inputs description;
	  outputs = f.outputs { self = {}; nixpkgs = { lib.nixosSystem = x: x; }; home-manager = { nixosModules.home-manager = "HM"; }; };
	}`)
	want := asJSON(t, map[string]any{
		"description": "NixOS configuration of wonderland, written by nixarch",
		"inputs": map[string]any{
			"nixpkgs":      map[string]any{"url": "github:NixOS/nixpkgs/nixos-24.11"},
			"home-manager": map[string]any{"url": "github:nix-community/home-manager/release-24.11", "inputs": map[string]any{"nixpkgs": map[string]any{"follows": "nixpkgs"}}},
		},
		"outputs": map[string]any{"nixosConfigurations": map[string]any{"wonderland": map[string]any{
			"system": "x86_64-linux",
			"modules": []any{"PATH:" + filepath.Join(dir, "configuration.nix"), "HM", map[string]any{"home-manager": map[string]any{
				"useGlobalPkgs": true, "useUserPackages": true, "users": map[string]any{"alice": "<lambda>"},
			}}},
		}}},
	})
	if !reflect.DeepEqual(asJSON(t, flake), want) {
		got, _ := json.MarshalIndent(flake, "", "  ")
		t.Errorf("flake.nix evaluates to\n%s", got)
	}
}
