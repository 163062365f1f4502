package report_test

import (
	"strings"
	"testing"

	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/mappings/options"
	"github.com/nixarch/nixarch/model"
)

// TestUnitsToNixOSOptions checks that enabled Arch units become the NixOS
// options the option table says they imply, once each, and that a unit
// with no option, or one that is disabled, is reported rather than lost.
func TestUnitsToNixOSOptions(t *testing.T) {
	table, err := options.Default()
	if err != nil {
		t.Fatal(err)
	}
	at := func(line int) model.Origin { return model.Origin{File: "/etc/units", Line: line, Col: 1} }
	sys := model.New(model.Source{Kind: model.SourceArch, Path: "/"})
	sys.Services = []model.Service{
		{Name: "sshd.service", Unit: "sshd.service", Enabled: true, Origin: at(1)},
		{Name: "docker.service", Unit: "docker.service", Enabled: true, Origin: at(2)},
		{Name: "docker.socket", Unit: "docker.socket", Enabled: true, Origin: at(3)},
		{Name: "frobnicate.service", Unit: "frobnicate.service", Enabled: true, Origin: at(4)},
		{Name: "cups.service", Unit: "cups.service", Enabled: false, Origin: at(5)},
	}
	r := report.Build(sys, nil, mappings.NixOS, report.WithOptionTable(table))

	got := map[string]string{}
	for _, o := range r.Options {
		if prev, dup := got[o.Option]; dup {
			t.Errorf("option %s set twice (%s and %s)", o.Option, prev, o.Origin)
		}
		got[o.Option] = o.Value + " " + o.Origin
	}
	for option, want := range map[string]string{
		"services.openssh.enable":      "true /etc/units:1:1",
		"virtualisation.docker.enable": "true /etc/units:2:1",
	} {
		if got[option] != want {
			t.Errorf("option %s = %q, want %q (all: %v)", option, got[option], want, got)
		}
	}
	var warned, noted bool
	for _, f := range r.Findings {
		warned = warned || f.Severity == "warning" && strings.Contains(f.Message, "frobnicate.service") && f.Origin == "/etc/units:4:1"
		noted = noted || strings.Contains(f.Message, "cups.service") && f.Origin == "/etc/units:5:1"
	}
	if !warned || !noted {
		t.Errorf("unknown unit reported: %v, disabled unit noted: %v; findings: %+v", warned, noted, r.Findings)
	}
	if _, ok := got["services.printing.enable"]; ok {
		t.Error("a disabled unit set its option")
	}

	// Without the table nothing is translated, and the report says so.
	r = report.Build(sys, nil, mappings.NixOS)
	if len(r.Options) == 0 {
		t.Fatal("services vanished from the report without an option table")
	}
	for _, o := range r.Options {
		if o.Value != "" {
			t.Errorf("option %s got a value without an option table", o.Option)
		}
	}
}

// settingMapper maps Arch packages to NixOS settings, as curated rows do.
type settingMapper map[string]string

func (m settingMapper) Lookup(from mappings.Distro, name string) mappings.Result {
	return mappings.Result{Match: &mappings.Match{From: from, Name: name, Repo: "nixpkgs", Method: mappings.MethodCurated,
		Confidence: mappings.ConfidenceHigh, Setting: m[name]}}
}

// TestSettingsBecomeOptions checks which package settings are written as
// options: "PATH = true" for a bool option the option table knows, once;
// boot settings, other values and unknown paths stay manual steps.
func TestSettingsBecomeOptions(t *testing.T) {
	table, err := options.Default()
	if err != nil {
		t.Fatal(err)
	}
	m := settingMapper{
		"pipewire":       "services.pipewire.enable = true",
		"pipewire-alsa":  "services.pipewire.enable = true",
		"linux-zen":      "boot.kernelPackages = pkgs.linuxPackages_zen",
		"grub":           "boot.loader.grub.enable = true",
		"made-up":        "programs.made-up.enable = true",
		"nvidia":         `services.xserver.videoDrivers = [ "nvidia" ]`,
		"pipewire-jack2": "services.pipewire.jack.enable = true",
	}
	sys := model.New(model.Source{Kind: model.SourcePkgList, Path: "l.txt"})
	for i, name := range []string{"pipewire", "pipewire-alsa", "linux-zen", "grub", "made-up", "nvidia", "pipewire-jack2"} {
		sys.Packages = append(sys.Packages, model.Package{Name: name, Origin: model.Origin{File: "l.txt", Line: i + 1, Col: 1}})
	}
	r := report.Build(sys, m, mappings.NixOS, report.WithOptionTable(table))
	var set []string
	for _, o := range r.Options {
		set = append(set, o.Option+"="+o.Value+"@"+o.Origin)
	}
	want := []string{"services.pipewire.enable=true@l.txt:1:1", "services.pipewire.jack.enable=true@l.txt:7:1"}
	if strings.Join(set, " ") != strings.Join(want, " ") {
		t.Errorf("options = %v, want %v", set, want)
	}
	manual := map[string]bool{}
	for _, s := range r.Manual {
		manual[s.Step] = true
	}
	for _, setting := range []string{m["linux-zen"], m["grub"], m["made-up"], m["nvidia"]} {
		if !manual["set "+setting] {
			t.Errorf("no manual step for %q; steps: %v", setting, r.Manual)
		}
	}
}
