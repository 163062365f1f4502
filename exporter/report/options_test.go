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
