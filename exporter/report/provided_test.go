package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/model"
)

// providedMapper answers like the real table does for Arch's baseline and
// for packages a NixOS setting stands for.
type providedMapper struct{}

func (providedMapper) Lookup(from mappings.Distro, name string) mappings.Result {
	m := &mappings.Match{From: from, Name: name, Repo: "nixpkgs", Confidence: mappings.ConfidenceHigh, Evidence: "test"}
	switch name {
	case "base":
		m.Method = mappings.MethodBaseline
	case "pipewire", "pipewire-pulse":
		m.Method, m.Setting = mappings.MethodCurated, "services.pipewire.enable = true"
	case "git":
		m.Method, m.Target = mappings.MethodCurated, "git"
	default:
		return mappings.Result{Reason: "unknown"}
	}
	return mappings.Result{Match: m}
}

// A package with nothing to install is mapped, not a loss; a setting
// becomes one manual step however many packages it stands for.
func TestProvidedPackages(t *testing.T) {
	sys := model.New(model.Source{Kind: model.SourcePkgList, Path: "pkglist.txt"})
	for i, name := range []string{"base", "pipewire", "pipewire-pulse", "git", "nope"} {
		sys.Packages = append(sys.Packages, model.Package{Name: name, Origin: model.Origin{File: "pkglist.txt", Line: i + 1, Col: 1}})
	}
	rep := report.Build(sys, providedMapper{}, mappings.NixOS)
	if rep.Summary.Mapped != 4 || rep.Summary.Unmapped != 1 {
		t.Errorf("summary = %+v, want 4 mapped, 1 unmapped", rep.Summary)
	}
	steps := 0
	for _, m := range rep.Manual {
		if m.Step == "set services.pipewire.enable = true" {
			steps++
		}
	}
	if steps != 1 {
		t.Errorf("manual steps = %+v, want one for the setting", rep.Manual)
	}
	var text bytes.Buffer
	if err := rep.Text(&text, false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"base            (nothing to install)", "pipewire        (a setting)"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}
	if md := string(rep.Markdown()); !strings.Contains(md, "set services.pipewire.enable = true; test") {
		t.Errorf("markdown lacks the setting:\n%s", md)
	}
}
