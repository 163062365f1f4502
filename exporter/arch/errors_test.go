package arch_test

import (
	"strings"
	"testing"

	"github.com/nixarch/nixarch/exporter"
	"github.com/nixarch/nixarch/exporter/arch"
	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/model"
)

func TestRenderErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		sys  func() *model.System
		rep  func(*model.System) *report.Report
		opts arch.Options
		want string
	}{
		{"nil report", packagesOnly, func(*model.System) *report.Report { return nil }, arch.Options{}, "no system or no report"},
		{"nixos report", packagesOnly, func(s *model.System) *report.Report { return report.Build(s, testTable, mappings.NixOS) }, arch.Options{}, `report is for "nixos"`},
		{"hand-made report", packagesOnly, func(*model.System) *report.Report { return &report.Report{To: "arch"} }, arch.Options{}, "build it with report.Build"},
		{"extra collides", packagesOnly, nil, arch.Options{Extra: []exporter.File{{Path: arch.Script}}}, "extra file setup.sh"},
		{"bad target", packagesOnly, func(s *model.System) *report.Report {
			return report.Build(s, fakeMapper{"git": to("git\nrm -rf /", "extra")}, mappings.Arch)
		}, arch.Options{}, "not an Arch package name"},
		{"hostname with a line break", func() *model.System {
			s := packagesOnly()
			s.Host = model.Host{Hostname: "a\nKEYMAP=x", Origin: model.Origin{File: "configuration.nix", Line: 7, Col: 3}}
			return s
		}, nil, arch.Options{}, "configuration.nix:7:3: host hostname"},
		{"timezone that climbs", func() *model.System {
			s := packagesOnly()
			s.Host = model.Host{Timezone: "../../etc/shadow"}
			return s
		}, nil, arch.Options{}, "not a name under /usr/share/zoneinfo"},
		{"bad user name", func() *model.System {
			s := packagesOnly()
			s.Users = []model.User{{Name: "-rf", Origin: model.Origin{File: "configuration.nix", Line: 9}}}
			return s
		}, nil, arch.Options{}, `configuration.nix:9: user name "-rf"`},
		{"shell with a space", func() *model.System {
			s := packagesOnly()
			s.Users = []model.User{{Name: "alice", Shell: "/bin/z sh"}}
			return s
		}, nil, arch.Options{}, "not a shell's name"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sys := c.sys()
			rep := report.Build(sys, testTable, mappings.Arch)
			if c.rep != nil {
				rep = c.rep(sys)
			}
			_, err := arch.Render(sys, rep, c.opts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want one containing %q", err, c.want)
			}
		})
	}
}

// TestExtraFiles checks the hook for dotfiles: extra files come after
// Render's own, unchanged.
func TestExtraFiles(t *testing.T) {
	sys := packagesOnly()
	rep := report.Build(sys, testTable, mappings.Arch)
	extra := []exporter.File{
		{Path: "dotfiles/install.sh", Mode: exporter.ExecutableMode, Content: []byte("#!/bin/sh\n")},
		{Path: "dotfiles/alice/.zshrc", Content: []byte("PS1='%~ '\n")},
	}
	files, err := arch.Render(sys, rep, arch.Options{Extra: extra})
	if err != nil {
		t.Fatal(err)
	}
	got := files[len(files)-2:]
	if got[0].Path != extra[0].Path || got[1].Path != extra[1].Path || string(got[1].Content) != string(extra[1].Content) {
		t.Errorf("extra files = %v", got)
	}
	if !strings.Contains(string(fileMap(files)[arch.Script].Content), `if [ -x "$HERE/dotfiles/install.sh" ]; then`) {
		t.Error("setup.sh does not look for dotfiles/install.sh")
	}
}

// TestRenderDoesNotChangeReport checks that the findings Render adds go
// into its own copy of the report.
func TestRenderDoesNotChangeReport(t *testing.T) {
	sys := laptop()
	rep := report.Build(sys, testTable, mappings.Arch)
	before, _ := rep.JSON()
	if _, err := arch.Render(sys, rep, arch.Options{}); err != nil {
		t.Fatal(err)
	}
	if after, _ := rep.JSON(); string(after) != string(before) {
		t.Error("Render changed the report it was given")
	}
}

func TestFullReportIsREPORT(t *testing.T) {
	sys := laptop()
	rep := report.Build(sys, testTable, mappings.Arch)
	full, err := arch.FullReport(sys, rep, arch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := arch.Render(sys, rep, arch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(full.Markdown()) != string(fileMap(files)[arch.Report].Content) {
		t.Error("FullReport's Markdown is not REPORT.md")
	}
	if !strings.Contains(string(full.Markdown()), "services.frobnicator.enable has no Arch translation") {
		t.Error("FullReport lacks the untranslated option")
	}
}
