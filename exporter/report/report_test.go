package report_test

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/exporter/internal/testmodel"
	"github.com/nixarch/nixarch/exporter/report"
	goldenfile "github.com/nixarch/nixarch/internal/golden"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/model"
)

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

var nixosLike = []report.BuildOption{
	report.Exports(report.SectionHost, report.SectionUsers, report.SectionGroups),
	report.WithManualSteps(report.ManualStep{Step: "generate hardware-configuration.nix", Why: "it describes the target machine"}),
}

var cases = []testCase{
	{"empty", testmodel.Empty, mappings.NixOS, nil},
	{"typical", testmodel.Typical, mappings.NixOS, nil},
	{"typical-exports", testmodel.Typical, mappings.NixOS, nixosLike},
	{"hostile", testmodel.Hostile, mappings.NixOS, nil},
	{"host-users", testmodel.HostAndUsers, mappings.NixOS, nixosLike},
	{"nixos-identity", testmodel.NixOS, mappings.NixOS, nil},
}

func TestGolden(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := report.Build(c.sys(), testmodel.Table, c.to, c.opts...)
			golden(t, c.name+".md", r.Markdown())
			var plain, color bytes.Buffer
			if err := r.Text(&plain, false); err != nil {
				t.Fatal(err)
			}
			if err := r.Text(&color, true); err != nil {
				t.Fatal(err)
			}
			golden(t, c.name+".txt", plain.Bytes())
			golden(t, c.name+".color.txt", color.Bytes())
			j, err := r.JSON()
			if err != nil {
				t.Fatal(err)
			}
			golden(t, c.name+".json", j)

			if bytes.Contains(plain.Bytes(), []byte("\x1b")) {
				t.Error("text without colour contains an escape character")
			}
			if stripped := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAll(color.Bytes(), nil); !bytes.Equal(stripped, plain.Bytes()) {
				t.Error("coloured text differs from plain text by more than colour codes")
			}
			checkTables(t, r.Markdown())
		})
	}
}

// checkTables makes sure no text from the model split or ended a Markdown
// table: every row has as many unescaped pipes as its header.
func checkTables(t *testing.T, md []byte) {
	t.Helper()
	pipes := regexp.MustCompile(`(^|[^\\])\|`)
	want := -1
	for _, line := range strings.Split(string(md), "\n") {
		if !strings.HasPrefix(line, "|") {
			want = -1
			continue
		}
		n := len(pipes.FindAllString(line, -1)) + strings.Count(line, "||")
		if want < 0 {
			want = n
		} else if n != want {
			t.Errorf("table row has %d cells, header has %d: %s", n, want, line)
		}
	}
}

func TestJSONShape(t *testing.T) {
	j, err := report.Build(testmodel.Empty(), nil, mappings.NixOS).JSON()
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(j, &got); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if want := "dotfiles findings manual options packages schemaVersion source summary to unmapped"; strings.Join(keys, " ") != want {
		t.Errorf("keys = %v, want %s", keys, want)
	}
	for _, k := range []string{"packages", "unmapped", "options", "dotfiles", "findings", "manual"} {
		if l, ok := got[k].([]any); !ok || len(l) != 0 {
			t.Errorf("%s = %#v, want []", k, got[k])
		}
	}
	summary := got["summary"].(map[string]any)
	if len(summary) != 7 {
		t.Errorf("summary = %v, want 7 counts", summary)
	}
	// A Report made by hand still encodes empty lists as [].
	j, err = (&report.Report{Unmapped: []report.Unmapped{{Name: "x"}}}).JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(j, []byte(`"suggestions": []`)) || bytes.Contains(j, []byte("null")) {
		t.Errorf("hand-made report JSON has null lists:\n%s", j)
	}
}

// TestNothingDropped checks that every item of the model that has an
// origin shows up in the report with that origin, whatever the exporter
// writes.
func TestNothingDropped(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sys := c.sys()
			j, err := report.Build(sys, testmodel.Table, c.to, c.opts...).JSON()
			if err != nil {
				t.Fatal(err)
			}
			var origins []model.Origin
			for _, p := range sys.Packages {
				if !p.Dependency {
					origins = append(origins, p.Origin)
				}
			}
			for _, x := range sys.Services {
				origins = append(origins, x.Origin)
			}
			for _, x := range sys.Programs {
				origins = append(origins, x.Origin)
			}
			for _, x := range sys.Users {
				origins = append(origins, x.Origin)
			}
			for _, x := range sys.Environment {
				origins = append(origins, x.Origin)
			}
			for _, x := range sys.Aliases {
				origins = append(origins, x.Origin)
			}
			for _, x := range sys.EtcFiles {
				origins = append(origins, x.Origin)
			}
			for _, x := range sys.Dotfiles {
				origins = append(origins, x.Origin)
			}
			for _, x := range sys.Findings {
				origins = append(origins, x.Origin)
			}
			if !c.exports(report.SectionGroups) {
				for _, x := range sys.Groups {
					origins = append(origins, x.Origin)
				}
			}
			for _, o := range origins {
				q, _ := json.Marshal(o.String())
				if !bytes.Contains(j, q) {
					t.Errorf("origin %s is missing from the report", o)
				}
			}
		})
	}
}

type testCase struct {
	name string
	sys  func() *model.System
	to   mappings.Distro
	opts []report.BuildOption
}

func (c testCase) exports(s report.Section) bool {
	return report.Build(model.New(model.Source{}), nil, c.to, c.opts...).Exported(s)
}

func TestDeterministic(t *testing.T) {
	want, _ := report.Build(testmodel.Typical(), testmodel.Table, mappings.NixOS).JSON()
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20; i++ {
		sys := testmodel.Typical()
		rng.Shuffle(len(sys.Packages), func(i, j int) { sys.Packages[i], sys.Packages[j] = sys.Packages[j], sys.Packages[i] })
		rng.Shuffle(len(sys.Users), func(i, j int) { sys.Users[i], sys.Users[j] = sys.Users[j], sys.Users[i] })
		rng.Shuffle(len(sys.Findings), func(i, j int) { sys.Findings[i], sys.Findings[j] = sys.Findings[j], sys.Findings[i] })
		got, _ := report.Build(sys, testmodel.Table, mappings.NixOS).JSON()
		if !bytes.Equal(got, want) {
			t.Fatalf("shuffled input gives a different report:\n%s", got)
		}
	}
}

func TestCounts(t *testing.T) {
	r := report.Build(testmodel.Typical(), testmodel.Table, mappings.NixOS)
	want := report.Summary{Packages: 6, Mapped: 5, Unmapped: 1, AUR: 2, // yay and 1password are foreign
		Options: 2, Dotfiles: 1, Findings: len(r.Findings)}
	if r.Summary != want {
		t.Errorf("summary = %+v, want %+v", r.Summary, want)
	}
	if !r.HasUnmapped() {
		t.Error("HasUnmapped() = false with yay unmapped")
	}
	if r := report.Build(testmodel.NixOS(), nil, mappings.NixOS); r.HasUnmapped() {
		t.Errorf("identity mapping left packages unmapped: %+v", r.Unmapped)
	}
	aur := testmodel.Mapper{"x": testmodel.To("x-bin", "aur"), "y": testmodel.To("y-git", "aur"), "z": testmodel.To("z", "extra")}
	sys := model.New(model.Source{Kind: model.SourceNixOS})
	sys.Packages = []model.Package{{Name: "x"}, {Name: "y"}, {Name: "z"}}
	if r := report.Build(sys, aur, mappings.Arch); r.Summary.AUR != 2 {
		t.Errorf("aur = %d, want 2", r.Summary.AUR)
	}
}

func TestWithoutMapper(t *testing.T) {
	sys := testmodel.Typical()
	r := report.Build(sys, nil, mappings.NixOS)
	if len(r.Packages) != 0 || len(r.Unmapped) != 6 || r.Unmapped[0].Reason != "no mapping table was given" {
		t.Errorf("nil mapper: packages %v unmapped %v", r.Packages, r.Unmapped)
	}
	sys.Source.Kind = "gentoo"
	r = report.Build(sys, testmodel.Table, mappings.NixOS)
	if len(r.Unmapped) != 6 || r.Findings[0].Severity != "error" || !strings.Contains(r.Findings[0].Message, `"gentoo"`) {
		t.Errorf("unknown source kind: unmapped %v findings %v", r.Unmapped, r.Findings)
	}
}

func TestExported(t *testing.T) {
	r := report.Build(testmodel.HostAndUsers(), nil, mappings.NixOS, report.Exports(report.SectionUsers))
	if !r.Exported(report.SectionUsers) || r.Exported(report.SectionHost) {
		t.Errorf("Exported: users %v host %v", r.Exported(report.SectionUsers), r.Exported(report.SectionHost))
	}
	var notYet []string
	for _, f := range r.Findings {
		if strings.HasPrefix(f.Message, "not exported yet: ") {
			notYet = append(notYet, f.Message)
		}
	}
	for _, m := range notYet {
		if strings.Contains(m, "user ") {
			t.Errorf("users are exported, but: %s", m)
		}
	}
	if len(notYet) != 10 { // 8 host settings, 2 groups
		t.Errorf("not exported yet:\n%s", strings.Join(notYet, "\n"))
	}
}

func TestBuildCopiesSuggestions(t *testing.T) {
	m := testmodel.Mapper{"x": testmodel.Unmapped("r", "a", "b")}
	sys := testmodel.Empty()
	sys.Packages = []model.Package{{Name: "x"}}
	r := report.Build(sys, m, mappings.NixOS)
	m["x"].Suggestions[0] = "changed"
	if !reflect.DeepEqual(r.Unmapped[0].Suggestions, []string{"a", "b"}) {
		t.Errorf("report shares the mapper's slice: %v", r.Unmapped[0].Suggestions)
	}
}

func TestRegister(t *testing.T) {
	const target mappings.Distro = "test-target"
	report.Register(target, report.Exports(report.SectionUsers),
		report.WithManualSteps(report.ManualStep{Step: "registered step"}))
	r := report.Build(testmodel.HostAndUsers(), nil, target, report.Exports(report.SectionGroups))
	if !r.Exported(report.SectionUsers) || !r.Exported(report.SectionGroups) || r.Exported(report.SectionHost) {
		t.Errorf("registered and given sections not combined")
	}
	if r.Manual[0].Step != "registered step" {
		t.Errorf("manual steps = %+v", r.Manual)
	}
	if report.Build(testmodel.Empty(), nil, mappings.Arch).Exported(report.SectionUsers) {
		t.Error("registration leaked to another target")
	}
	defer func() {
		if recover() == nil {
			t.Error("registering twice did not panic")
		}
	}()
	report.Register(target)
}

// TestExportsFor checks that sections exported for one owner (the user
// whose dotfiles are written) cover that owner's items only, and that the
// rendered files and extra packages take the place of the model's.
func TestExportsFor(t *testing.T) {
	alice, bob := model.UserOwner("alice"), model.UserOwner("bob")
	sys := model.New(model.Source{Kind: model.SourceNixOS, Path: "flake.nix"})
	o := model.Origin{File: "home.nix", Line: 3, Col: 1}
	for _, owner := range []model.Owner{alice, bob} {
		sys.Environment = append(sys.Environment, model.Variable{Name: "EDITOR", Value: "vi", Owner: owner, Origin: o})
		sys.Aliases = append(sys.Aliases, model.Alias{Name: "g", Command: "git", Owner: owner, Origin: o})
		sys.Dotfiles = append(sys.Dotfiles, model.Dotfile{Target: ".inputrc", Content: "x", Owner: owner, Origin: o})
	}
	m := testmodel.Mapper{"fzf": testmodel.To("fzf", "extra")}
	r := report.Build(sys, m, mappings.Arch,
		report.ExportsFor(alice, report.SectionEnvironment, report.SectionAliases, report.SectionDotfiles),
		report.WithDotfiles(alice, report.RenderedDotfile{Target: ".config/git/config", From: "programs.git", Origin: o}),
		report.WithPackages(model.Package{Name: "fzf", Repo: "nixpkgs", Owner: alice, Origin: o}))
	var notYet []string
	for _, f := range r.Findings {
		if strings.HasPrefix(f.Message, "not exported yet: ") {
			notYet = append(notYet, f.Message)
		}
	}
	want := []string{
		"not exported yet: alias g of user bob; carry it over by hand",
		"not exported yet: dotfile ~bob/.inputrc; carry it over by hand",
		"not exported yet: environment variable EDITOR of user bob; carry it over by hand",
	}
	slices.Sort(notYet)
	if !slices.Equal(notYet, want) {
		t.Errorf("not exported yet:\n%s\nwant\n%s", strings.Join(notYet, "\n"), strings.Join(want, "\n"))
	}
	var targets []string
	for _, d := range r.Dotfiles {
		targets = append(targets, d.Target+" "+d.From)
	}
	if want := []string{"~alice/.config/git/config programs.git", "~bob/.inputrc inline"}; !slices.Equal(targets, want) {
		t.Errorf("dotfiles %q, want %q", targets, want)
	}
	if len(r.Packages) != 1 || r.Packages[0].From != "fzf" || r.Packages[0].To != "fzf" || r.Summary.Mapped != 1 {
		t.Errorf("extra packages: %+v", r.Packages)
	}
}

// TestSettingOnlyForNixOS checks that a mapping's NixOS setting asks for
// nothing when the target is Arch: it is an option of NixOS.
func TestSettingOnlyForNixOS(t *testing.T) {
	sys := model.New(model.Source{Kind: model.SourceNixOS, Path: "configuration.nix"})
	sys.Packages = []model.Package{{Name: "openssh", Repo: "nixpkgs", Origin: model.Origin{File: "configuration.nix", Line: 1, Col: 1}}}
	res := testmodel.To("openssh", "core")
	res.Match.Setting = "services.openssh.enable = true"
	r := report.Build(sys, testmodel.Mapper{"openssh": res}, mappings.Arch)
	if len(r.Manual) != 0 || r.Packages[0].Setting != "" {
		t.Errorf("arch target: manual %v, setting %q", r.Manual, r.Packages[0].Setting)
	}
}

// TestKernelMapped checks that a NixOS kernel package set Arch ships as a
// package is mapped like one, and that any other kernel stays a step.
func TestKernelMapped(t *testing.T) {
	for _, c := range []struct {
		kernel, to, step string
	}{
		{"linuxPackages_zen", "linux-zen", "add a boot entry for linux-zen (its image is /boot/vmlinuz-linux-zen)"},
		{"pkgs.linuxPackages_zen", "linux-zen", "add a boot entry for linux-zen (its image is /boot/vmlinuz-linux-zen)"},
		{"linuxPackages_6_1", "", "choose the kernel to replace linuxPackages_6_1"},
	} {
		sys := model.New(model.Source{Kind: model.SourceNixOS, Path: "configuration.nix"})
		sys.Host = model.Host{Kernel: c.kernel, Origin: model.Origin{File: "configuration.nix", Line: 4, Col: 3}}
		r := report.Build(sys, testmodel.Mapper{"linuxPackages_zen": testmodel.To("linux-zen", "extra")}, mappings.Arch)
		var to []string
		for _, p := range r.Packages {
			to = append(to, p.To)
		}
		if got := strings.Join(to, ","); got != c.to || len(r.Manual) != 1 || r.Manual[0].Step != c.step {
			t.Errorf("%s: packages %q, manual %+v; want %q and %q", c.kernel, got, r.Manual, c.to, c.step)
		}
	}
}

// TestExportsForUsers checks that sections exported for users cover every
// user's items and not the system's.
func TestExportsForUsers(t *testing.T) {
	sys := model.New(model.Source{Kind: model.SourceArch, Path: "/"})
	o := model.Origin{File: "/etc/profile", Line: 1, Col: 1}
	sys.Aliases = []model.Alias{
		{Name: "a", Command: "x", Owner: model.UserOwner("ann"), Origin: o},
		{Name: "b", Command: "x", Owner: model.UserOwner("bo"), Origin: o},
		{Name: "c", Command: "x", Owner: model.OwnerSystem, Origin: o},
	}
	r := report.Build(sys, nil, mappings.NixOS, report.ExportsForUsers(report.SectionAliases))
	var notYet []string
	for _, f := range r.Findings {
		if strings.HasPrefix(f.Message, "not exported yet: ") {
			notYet = append(notYet, f.Message)
		}
	}
	if want := []string{"not exported yet: alias c; carry it over by hand"}; !slices.Equal(notYet, want) {
		t.Errorf("not exported yet: %q, want %q", notYet, want)
	}
}

// TestManualFindingsAreSteps checks that a manual finding of the model,
// such as a secret the importer left out, is on the checklist of manual
// steps, and that a user's password is asked for once.
func TestManualFindingsAreSteps(t *testing.T) {
	sys := model.New(model.Source{Kind: model.SourceNixOS, Path: "configuration.nix"})
	sys.Users = []model.User{{Name: "alice", Origin: model.Origin{File: "configuration.nix", Line: 3, Col: 3}}}
	secret := model.Finding{Severity: model.SeverityManual, Message: "secret environment.variables.GITHUB_TOKEN is not copied (it holds an access token): carry it over by hand", Origin: model.Origin{File: "configuration.nix", Line: 6, Col: 20}}
	sys.Findings = []model.Finding{
		secret,
		{Severity: model.SeverityManual, Message: "the password of user alice (hashedPassword) is not copied: run passwd alice on the other side", Origin: model.Origin{File: "configuration.nix", Line: 4, Col: 5}},
		{Severity: model.SeverityWarning, Message: "something was left out", Origin: model.Origin{File: "configuration.nix", Line: 9, Col: 1}},
	}
	r := report.Build(sys, nil, mappings.Arch)
	var steps []string
	for _, m := range r.Manual {
		steps = append(steps, m.Step+" @"+m.Origin)
	}
	want := []string{
		"set a password with passwd alice @configuration.nix:3:3",
		secret.Message + " @configuration.nix:6:20",
	}
	if !slices.Equal(steps, want) {
		t.Errorf("manual steps:\n%s\nwant:\n%s", strings.Join(steps, "\n"), strings.Join(want, "\n"))
	}
	md := string(r.Markdown())
	if !strings.Contains(md, "- [ ] secret environment.variables.GITHUB\\_TOKEN is not copied (it holds an access token): carry it over by hand (`configuration.nix:6:20`)\n") {
		t.Errorf("markdown:\n%s", md)
	}
}
