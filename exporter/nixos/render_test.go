package nixos_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/exporter"
	"github.com/nixarch/nixarch/exporter/internal/testmodel"
	"github.com/nixarch/nixarch/exporter/nixos"
	"github.com/nixarch/nixarch/exporter/report"
	goldenfile "github.com/nixarch/nixarch/internal/golden"
	"github.com/nixarch/nixarch/internal/oracle"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/mappings/options"
	"github.com/nixarch/nixarch/model"
)

var cases = []struct {
	name string
	sys  func() *model.System
}{
	{"empty", testmodel.Empty},
	{"typical", testmodel.Typical},
	{"hostile", testmodel.Hostile},
	{"host-users", testmodel.HostAndUsers},
	{"nixos-identity", testmodel.NixOS},
}

func render(t *testing.T, sys *model.System) (*report.Report, []exporter.File) {
	t.Helper()
	rep := report.Build(sys, testmodel.Table, mappings.NixOS)
	files, err := nixos.Render(sys, rep, nixos.Options{Generator: "nixarch test"})
	if err != nil {
		t.Fatal(err)
	}
	return rep, files
}

func TestGolden(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, files := render(t, c.sys())
			if len(files) < 2 || files[0].Path != "configuration.nix" || files[1].Path != "REPORT.md" {
				t.Fatalf("files = %v", files)
			}
			// Only a model with user-owned items gets home.nix, flake.nix
			// and dotfiles/ (home_test.go checks their content).
			if !hasUserItems(c.sys()) && len(files) != 2 {
				t.Errorf("a model with no user-owned items gave %d files, want 2", len(files))
			}
			for _, f := range files[2:] {
				if f.Path != "home.nix" && f.Path != "flake.nix" && !strings.HasPrefix(f.Path, "home-") && !strings.HasPrefix(f.Path, "dotfiles/") {
					t.Errorf("unexpected file %s", f.Path)
				}
			}
			for _, f := range files {
				if f.Mode != 0o644 {
					t.Errorf("%s has mode %v", f.Path, f.Mode)
				}
			}
			if !bytes.Equal(files[1].Content, rep.Markdown()) {
				t.Error("REPORT.md is not the report's Markdown")
			}
			golden(t, c.name+".nix", files[0].Content)
			golden(t, c.name+".REPORT.md", files[1].Content)

			_, again := render(t, c.sys())
			if !reflect.DeepEqual(files, again) {
				t.Error("rendering twice gives different files")
			}
		})
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

// nixInstantiate finds the real Nix parser, the oracle for every generated
// file.
func nixInstantiate(t *testing.T) string {
	t.Helper()
	return oracle.Require(t, "nix-instantiate", "nix-bin")
}

// idRE is Nix's identifier; the parser prints other attribute names quoted.
var idRE = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_'-]*$`)

// canonical is how nix-instantiate --parse (Nix 2.8) prints a package in
// the list: (firefox), ((python3Packages).requests), ((pkgs)."1password").
func canonical(target string, viaPkgs bool) string {
	parts := strings.Split(target, ".")
	for i, p := range parts {
		if !idRE.MatchString(p) {
			parts[i] = fmt.Sprintf("%q", p)
		}
	}
	if viaPkgs {
		return "((pkgs)." + strings.Join(parts, ".") + ")"
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ")"
	}
	return "((" + parts[0] + ")." + strings.Join(parts[1:], ".") + ")"
}

// needsPkgs is the test's own idea of which targets must be written
// pkgs.NAME; the evaluation test below checks it against real Nix.
func needsPkgs(target string) bool {
	first := strings.Split(target, ".")[0]
	switch first {
	case "config", "pkgs", "lib", "map", "if", "with":
		return true
	}
	return !idRE.MatchString(first) || strings.HasPrefix(first, "__")
}

func TestParsesWithNix(t *testing.T) {
	nix := nixInstantiate(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, files := render(t, c.sys())
			file := filepath.Join(t.TempDir(), "configuration.nix")
			if err := os.WriteFile(file, files[0].Content, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(nix, "--parse", file).CombinedOutput()
			if err != nil {
				t.Fatalf("nix-instantiate --parse: %v\n%s\nfile:\n%s", err, out, files[0].Content)
			}
			// Nix 2.8 quotes some keywords when it prints attribute names
			// and not others; compare with quotes around identifiers removed.
			unquote := regexp.MustCompile(`"([a-zA-Z_][a-zA-Z0-9_'-]*)"`)
			parsed := unquote.ReplaceAllString(string(out), "$1")
			for _, p := range rep.Packages {
				if want := unquote.ReplaceAllString(canonical(p.To, needsPkgs(p.To)), "$1"); !strings.Contains(parsed, want) {
					t.Errorf("package %s: %s not in the parsed file:\n%s", p.From, want, parsed)
				}
			}
			// Comments vanish when parsed; what reasons tried to inject
			// must not appear.
			for _, bad := range []string{"firewall", "x = 1", "exec"} {
				if strings.Contains(parsed, bad) {
					t.Errorf("parsed file contains %q, injected from a comment:\n%s", bad, parsed)
				}
			}
		})
	}
}

// nixQuote is the test's own string quoting for the stub it evaluates
// against: it escapes every "$", unlike the renderer.
func nixQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `\$`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	return `"` + r.Replace(s) + `"`
}

// stubPkgs writes an attribute set in which every target evaluates to its
// own name, so evaluating systemPackages shows exactly which attribute
// each list element refers to. A target that is also a prefix of another
// (foo and foo.bar) becomes a set whose outPath is its name, which
// builtins.toJSON prints as that string.
func stubPkgs(targets []string) string {
	type node map[string]any
	const self = "\x00self"
	root := node{}
	for _, tgt := range targets {
		n := root
		parts := strings.Split(tgt, ".")
		for _, p := range parts[:len(parts)-1] {
			switch v := n[p].(type) {
			case node:
				n = v
			case string:
				child := node{self: v}
				n[p] = child
				n = child
			default:
				child := node{}
				n[p] = child
				n = child
			}
		}
		last := parts[len(parts)-1]
		if child, ok := n[last].(node); ok {
			child[self] = tgt
		} else {
			n[last] = tgt
		}
	}
	var write func(n node) string
	write = func(n node) string {
		keys := make([]string, 0, len(n))
		for k := range n {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		b.WriteString("{ ")
		for _, k := range keys {
			if k == self {
				b.WriteString("outPath = " + nixQuote(n[k].(string)) + "; ")
				continue
			}
			b.WriteString(nixQuote(k) + " = ")
			switch v := n[k].(type) {
			case string:
				b.WriteString(nixQuote(v))
			case node:
				b.WriteString(write(v))
			}
			b.WriteString("; ")
		}
		b.WriteString("}")
		return b.String()
	}
	// nerdfonts.override { fonts = [ … ]; } stands for the fonts it keeps:
	// the stub gives "nerdfonts.A nerdfonts.B", which nerdFontsApart
	// splits again.
	if _, ok := root[mappings.NerdFontsAttr].(node); ok {
		root[mappings.NerdFontsAttr] = node{"override": "\x00override"}
	}
	return strings.ReplaceAll(write(root), nixQuote("\x00override"),
		`(a: builtins.concatStringsSep " " (map (f: "nerdfonts." + f) a.fonts))`)
}

// nerdFontsApart splits the stub's nerdfonts.override strings into one
// package each.
func nerdFontsApart(pkgs []string) []string {
	var out []string
	for _, p := range pkgs {
		out = append(out, strings.Fields(p)...)
	}
	return out
}

// evalConfig evaluates a configuration with a stub pkgs and returns the
// JSON of everything but imports.
func evalConfig(t *testing.T, nix string, content []byte, targets []string) []byte {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "configuration.nix")
	if err := os.WriteFile(file, content, 0o644); err != nil {
		t.Fatal(err)
	}
	stub := filepath.Join(dir, "pkgs.nix")
	if err := os.WriteFile(stub, []byte(stubPkgs(targets)), 0o644); err != nil {
		t.Fatal(err)
	}
	expr := fmt.Sprintf(`let c = import %s { config = "CONFIG"; lib = "LIB"; pkgs = import %s; }; in builtins.removeAttrs c [ "imports" ]`,
		nixQuote(file), nixQuote(stub))
	out, err := exec.Command(nix, "--eval", "--strict", "--json", "--expr", expr).CombinedOutput()
	if err != nil {
		t.Fatalf("nix-instantiate --eval: %v\n%s", err, out)
	}
	return out
}

// TestEvaluatesWithNix evaluates each configuration with a stub pkgs and
// compares what Nix sees with the model: the exact package attributes
// (which catches shadowing by module arguments and builtins), host
// settings, users and groups (which catches string escaping).
func TestEvaluatesWithNix(t *testing.T) {
	nix := nixInstantiate(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sys := c.sys()
			rep, files := render(t, sys)
			var targets []string
			for _, p := range rep.Packages {
				targets = append(targets, p.To)
			}
			// Login shells are packages too: the stub must have them.
			out := evalConfig(t, nix, files[0].Content, append(slices.Clone(targets), "fish", "zsh"))
			var got struct {
				Environment struct{ SystemPackages []string }
				Networking  struct{ HostName string }
				Time        struct{ TimeZone string }
				I18n        struct {
					DefaultLocale       string
					SupportedLocales    []string
					ExtraLocaleSettings map[string]string
				}
				Console struct{ KeyMap string }
				Boot    struct{ KernelParams, KernelModules []string }
				Users   struct {
					Users  map[string]map[string]any
					Groups map[string]map[string]any
				}
				System struct{ StateVersion string }
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			want := sortedUnique(targets)
			got.Environment.SystemPackages = nerdFontsApart(got.Environment.SystemPackages)
			gotPkgs := sortedUnique(got.Environment.SystemPackages)
			if len(got.Environment.SystemPackages) != len(want) || !reflect.DeepEqual(gotPkgs, want) {
				t.Errorf("systemPackages = %q\nwant %q", got.Environment.SystemPackages, want)
			}
			h := sys.Host
			var localeSettings map[string]string
			for _, l := range h.LocaleSettings {
				if localeSettings == nil {
					localeSettings = map[string]string{}
				}
				localeSettings[l.Category] = l.Locale
			}
			var locales []string
			for _, l := range h.Locales {
				locales = append(locales, strings.Replace(l, " ", "/", 1))
			}
			checks := []struct {
				name      string
				got, want any
			}{
				{"hostName", got.Networking.HostName, h.Hostname},
				{"timeZone", got.Time.TimeZone, h.Timezone},
				{"defaultLocale", got.I18n.DefaultLocale, h.DefaultLocale},
				{"supportedLocales", got.I18n.SupportedLocales, locales},
				{"extraLocaleSettings", got.I18n.ExtraLocaleSettings, localeSettings},
				{"keyMap", got.Console.KeyMap, h.Keymap},
				{"kernelParams", got.Boot.KernelParams, h.KernelParams},
				{"kernelModules", got.Boot.KernelModules, h.KernelModules},
				{"stateVersion", got.System.StateVersion, nixos.StateVersion},
			}
			normal := 0
			for _, u := range sys.Users {
				if u.System {
					if _, ok := got.Users.Users[u.Name]; ok {
						t.Errorf("system user %s was written", u.Name)
					}
					continue
				}
				normal++
				gu := got.Users.Users[u.Name]
				checks = append(checks,
					struct {
						name      string
						got, want any
					}{u.Name + ".isNormalUser", gu["isNormalUser"], true},
					struct {
						name      string
						got, want any
					}{u.Name + ".description", str(gu["description"]), u.Description},
					struct {
						name      string
						got, want any
					}{u.Name + ".extraGroups", strs(gu["extraGroups"]), sortedUnique(u.Groups)},
					struct {
						name      string
						got, want any
					}{u.Name + ".shell", str(gu["shell"]), wantShell[path.Base(u.Shell)]},
				)
				if u.Home != "" {
					home := str(gu["home"])
					if home == "" {
						home = path.Join("/home", u.Name) // the NixOS default
					}
					checks = append(checks, struct {
						name      string
						got, want any
					}{u.Name + ".home", home, u.Home})
				}
			}
			if len(got.Users.Users) != normal {
				t.Errorf("%d users written, want %d", len(got.Users.Users), normal)
			}
			for _, g := range sys.Groups {
				gg, ok := got.Users.Groups[g.Name]
				if !ok {
					t.Errorf("group %s missing", g.Name)
					continue
				}
				checks = append(checks, struct {
					name      string
					got, want any
				}{g.Name + ".members", strs(gg["members"]), sortedUnique(g.Members)})
			}
			for _, ch := range checks {
				if !reflect.DeepEqual(norm(ch.got), norm(ch.want)) {
					t.Errorf("%s = %#v, want %#v", ch.name, ch.got, ch.want)
				}
			}
		})
	}
}

// wantShell is the package each login shell of the test models is
// written as; NixOS's default, bash, is not written.
var wantShell = map[string]string{"zsh": "zsh", "fish": "fish"}

func str(v any) string { s, _ := v.(string); return s }

func strs(v any) []string {
	var out []string
	l, _ := v.([]any)
	for _, x := range l {
		out = append(out, x.(string))
	}
	return out
}

// norm treats nil and empty slices alike.
func norm(v any) any {
	if s, ok := v.([]string); ok && len(s) == 0 {
		return []string(nil)
	}
	return v
}

func sortedUnique(s []string) []string {
	m := map[string]bool{}
	var out []string
	for _, v := range s {
		if !m[v] {
			m[v] = true
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

func TestRenderRejectsForeignReports(t *testing.T) {
	sys := testmodel.Typical()
	tests := []struct {
		name string
		rep  *report.Report
		want string
	}{
		{"nil", nil, "no system or no report"},
		{"arch report", report.Build(sys, testmodel.Table, mappings.Arch, report.Exports(nixos.Sections...)), `report is for "arch"`},
		{"hand-made report", &report.Report{To: "nixos"}, "report does not know that host are exported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := nixos.Render(sys, tt.rep, nixos.Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestRenderRejectsBadInput(t *testing.T) {
	sys := testmodel.Empty()
	sys.Packages = []model.Package{{Name: "x", Origin: model.Origin{File: "l", Line: 1}}}
	m := testmodel.Mapper{"x": testmodel.To("a..b", "nixpkgs")}
	_, err := nixos.Render(sys, report.Build(sys, m, mappings.NixOS), nixos.Options{})
	if err == nil || !strings.Contains(err.Error(), `"a..b"`) || !strings.Contains(err.Error(), "l:1") {
		t.Errorf("bad attribute path: err = %v", err)
	}
	sys = testmodel.Empty()
	sys.Host.Hostname = "a\x00b"
	if _, err := nixos.Render(sys, report.Build(sys, nil, mappings.NixOS), nixos.Options{}); err == nil || !strings.Contains(err.Error(), "NUL") {
		t.Errorf("NUL in a string: err = %v", err)
	}
}

// TestWritesThroughWriter shows the intended flow: render, then hand the
// files to a Writer.
func TestWritesThroughWriter(t *testing.T) {
	sys := testmodel.Typical()
	_, files := render(t, sys)
	w := exporter.NewMemWriter()
	if err := w.WriteTree("out", files); err != nil {
		t.Fatal(err)
	}
	if got := len(w.Tree("out")); got != len(files) {
		t.Errorf("%d files written, want %d", got, len(files))
	}
}

// TestDefaultMappings renders every Arch name of the real mapping table and
// has Nix parse the result and evaluate the package list, so every
// attribute path the table can produce is known to be written correctly.
func TestDefaultMappings(t *testing.T) {
	table, err := mappings.Default()
	if err != nil {
		t.Fatalf("mappings.Default: %v", err)
	}
	sys := model.New(model.Source{Kind: model.SourcePkgList, Path: "all.txt"})
	for i, row := range table.Rows() {
		if len(row.Arch) > 0 {
			sys.Packages = append(sys.Packages, model.Package{Name: row.Arch[0], Origin: model.Origin{File: "all.txt", Line: i + 1, Col: 1}})
		}
	}
	sys.Packages = append(sys.Packages, model.Package{Name: "nixarch-no-such-package", Origin: model.Origin{File: "all.txt", Line: 999999, Col: 1}})
	rep := report.Build(sys, table, mappings.NixOS)
	if len(rep.Unmapped) != 1 || rep.Unmapped[0].Reason == "" {
		t.Errorf("unmapped = %+v, want only the made-up name, with a reason", rep.Unmapped)
	}
	files, err := nixos.Render(sys, rep, nixos.Options{})
	if err != nil {
		t.Fatal(err)
	}
	nix := nixInstantiate(t)
	var targets []string
	provided := 0
	for _, p := range rep.Packages {
		if p.To == "" {
			provided++ // nothing to install: a baseline package or a setting
			continue
		}
		targets = append(targets, p.To)
	}
	if provided == 0 {
		t.Error("no package is provided by default or by a setting")
	}
	var got struct {
		Environment struct{ SystemPackages []string }
		Fonts       struct{ Packages []string }
	}
	if err := json.Unmarshal(evalConfig(t, nix, files[0].Content, targets), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Fonts.Packages) == 0 {
		t.Error("no font in fonts.packages")
	}
	got.Environment.SystemPackages = nerdFontsApart(append(got.Environment.SystemPackages, got.Fonts.Packages...))
	if want := sortedUnique(targets); !reflect.DeepEqual(sortedUnique(got.Environment.SystemPackages), want) || len(got.Environment.SystemPackages) != len(want) {
		t.Errorf("Nix sees %d packages, want %d", len(got.Environment.SystemPackages), len(want))
	}
	t.Logf("%d packages mapped by the real table, evaluated by Nix", len(rep.Packages))
}

// hasUserItems reports whether sys has programs, dotfiles, variables or
// aliases that belong to a user.
func hasUserItems(sys *model.System) bool {
	user := func(o model.Owner) bool { return strings.HasPrefix(string(o), "user:") }
	for _, p := range sys.Programs {
		if user(p.Owner) {
			return true
		}
	}
	for _, d := range sys.Dotfiles {
		if user(d.Owner) {
			return true
		}
	}
	for _, v := range sys.Environment {
		if user(v.Owner) {
			return true
		}
	}
	for _, a := range sys.Aliases {
		if user(a.Owner) {
			return true
		}
	}
	return false
}

// TestKernelAndShells renders an Arch system whose kernel and login shells
// have NixOS settings, through the real mapping and option tables: the
// kernel becomes boot.kernelPackages, each shell users.users.NAME.shell,
// and zsh and fish, which NixOS accepts as login shells only with their
// programs option, get it once. A shell nixarch does not know stays a
// comment.
func TestKernelAndShells(t *testing.T) {
	table, err := mappings.Default()
	if err != nil {
		t.Fatal(err)
	}
	opts, err := options.Default()
	if err != nil {
		t.Fatal(err)
	}
	sys := model.New(model.Source{Kind: model.SourceArch, Path: "/"})
	sys.Host = model.Host{Hostname: "box", Kernel: "linux-zen"}
	sys.Packages = []model.Package{{Name: "linux-zen", Repo: "extra"}, {Name: "fish", Repo: "extra"}}
	sys.Users = []model.User{
		{Name: "ann", Shell: "/usr/bin/zsh"},
		{Name: "ben", Shell: "/usr/bin/zsh"},
		{Name: "cy", Shell: "/usr/bin/fish"},
		{Name: "dee", Shell: "/usr/bin/nu"},
		{Name: "eve", Shell: "/bin/bash"},
		{Name: "fay", Shell: "/usr/local/bin/weird"},
	}
	rep := report.Build(sys, table, mappings.NixOS, report.WithOptionTable(opts))
	files, err := nixos.Render(sys, rep, nixos.Options{Generator: "nixarch test"})
	if err != nil {
		t.Fatal(err)
	}
	conf := string(files[0].Content)
	for _, want := range []string{
		"  # Kernel: the source used linux-zen.\n  boot.kernelPackages = pkgs.linuxPackages_zen;\n",
		"  # linux-zen: set by boot.kernelPackages above\n",
		"  programs.zsh.enable = true;\n",
		"  programs.fish.enable = true;\n",
		"    shell = pkgs.nushell;\n",
		"# Login shell: the source used /usr/local/bin/weird; set shell",
	} {
		if !strings.Contains(conf, want) {
			t.Errorf("configuration.nix lacks %q:\n%s", want, conf)
		}
	}
	for _, each := range []string{"programs.zsh.enable", "programs.fish.enable", "boot.kernelPackages"} {
		if n := strings.Count(conf, each+" ="); n != 1 {
			t.Errorf("%s is set %d times:\n%s", each, n, conf)
		}
	}
	if strings.Count(conf, "shell = pkgs.zsh;") != 2 || strings.Count(conf, "shell = pkgs.fish;") != 1 || strings.Contains(conf, "shell = pkgs.bash") {
		t.Errorf("login shells:\n%s", conf)
	}
	if strings.Contains(conf, "choose boot.kernelPackages by hand") {
		t.Errorf("the kernel is still a manual step:\n%s", conf)
	}
	if nix, err := exec.LookPath("nix-instantiate"); err == nil {
		evalConfig(t, nix, files[0].Content, []string{"zsh", "fish", "nushell", "linuxPackages_zen"})
	}
}

func TestFontsGoToFontsPackages(t *testing.T) {
	sys := testmodel.Empty()
	for i, n := range []string{"ttf-dejavu", "noto-fonts-emoji", "cantarell-fonts", "font-manager", "gnome-font-viewer", "ripgrep"} {
		sys.Packages = append(sys.Packages, model.Package{Name: n, Origin: model.Origin{File: "l", Line: i + 1, Col: 1}})
	}
	m := testmodel.Mapper{
		"ttf-dejavu": testmodel.To("dejavu_fonts", "nixpkgs"), "noto-fonts-emoji": testmodel.To("noto-fonts-color-emoji", "nixpkgs"),
		"cantarell-fonts": testmodel.To("cantarell-fonts", "nixpkgs"), "font-manager": testmodel.To("font-manager", "nixpkgs"),
		"gnome-font-viewer": testmodel.To("gnome-font-viewer", "nixpkgs"), "ripgrep": testmodel.To("ripgrep", "nixpkgs"),
	}
	files, err := nixos.Render(sys, report.Build(sys, m, mappings.NixOS), nixos.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := string(files[0].Content)
	fonts, rest, ok := strings.Cut(out, "environment.systemPackages")
	if !ok || !strings.Contains(fonts, "fonts.packages") {
		t.Fatalf("no fonts.packages before environment.systemPackages:\n%s", out)
	}
	for _, f := range []string{"dejavu_fonts", "noto-fonts-color-emoji", "cantarell-fonts"} {
		if !strings.Contains(fonts, f) || strings.Contains(rest, f) {
			t.Errorf("%s is not in fonts.packages alone:\n%s", f, out)
		}
	}
	for _, p := range []string{"font-manager", "gnome-font-viewer", "ripgrep"} {
		if !strings.Contains(rest, p) {
			t.Errorf("%s is not in environment.systemPackages:\n%s", p, out)
		}
	}
}
