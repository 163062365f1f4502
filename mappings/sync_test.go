package mappings

import (
	"reflect"
	"strings"
	"testing"
)

// TestWithSync checks the live sync databases' verdict on Arch targets:
// a package they have is confirmed with their repository, one only a
// single package provides becomes that package, a group counts, and a
// name they lack is unmapped rather than written.
func TestWithSync(t *testing.T) {
	base, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	// git maps to Arch git and ripgrep to ripgrep by the embedded rows.
	for _, attr := range []string{"git", "ripgrep", "firefox"} {
		if r := base.Lookup(NixOS, attr); r.Match == nil {
			t.Fatalf("embedded table does not map %s: %s", attr, r.Reason)
		}
	}
	tbl := base.WithSync([]SyncPackage{
		{Name: "git", Repo: "testing"},
		{Name: "firefox-nightly", Repo: "extra", Provides: []string{"firefox=999"}},
		{Name: "gcc", Repo: "core", Groups: []string{"base-devel"}},
	})

	r := tbl.Lookup(NixOS, "git")
	if r.Match == nil || r.Match.Target != "git" || r.Match.Repo != "testing" || !strings.Contains(r.Match.Evidence, "confirmed in this system's sync database testing") {
		t.Errorf("git: %+v %s", r.Match, r.Reason)
	}
	r = tbl.Lookup(NixOS, "firefox")
	if r.Match == nil || r.Match.Target != "firefox-nightly" || r.Match.Repo != "extra" || !strings.Contains(r.Match.Evidence, "firefox-nightly provides it") {
		t.Errorf("firefox: %+v %s", r.Match, r.Reason)
	}
	r = tbl.Lookup(NixOS, "ripgrep")
	if r.Match != nil || !strings.Contains(r.Reason, "sync databases do not have") || !reflect.DeepEqual(r.Suggestions, []string{"ripgrep"}) {
		t.Errorf("ripgrep: %+v %q %q", r.Match, r.Reason, r.Suggestions)
	}
	if repo, ok := tbl.IsOfficialArch("gcc"); !ok || repo != "core" {
		t.Errorf("IsOfficialArch(gcc) = %q, %v", repo, ok)
	}
	if _, ok := tbl.IsOfficialArch("ripgrep"); ok {
		t.Error("IsOfficialArch(ripgrep) is true though the sync databases lack it")
	}
	// The embedded table is not changed.
	if r := base.Lookup(NixOS, "ripgrep"); r.Match == nil || r.Match.Repo != "extra" {
		t.Errorf("WithSync changed the table it was given: %+v", r.Match)
	}
	if base.WithSync(nil) != base {
		t.Error("WithSync(nil) should give the table itself")
	}
}
