package report

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestDocsDescribeJSON checks that docs/report.md documents every field of
// the JSON shape under its object's heading, and nothing that is not one:
// the page is what tools rely on.
func TestDocsDescribeJSON(t *testing.T) {
	data, err := os.ReadFile("../../docs/report.md")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]map[string]bool{} // heading → fields
	heading := ""
	for _, line := range strings.Split(string(data), "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			heading = strings.Trim(h, "`")
			documented[heading] = map[string]bool{}
			continue
		}
		if f, ok := strings.CutPrefix(line, "| `"); ok && heading != "" {
			documented[heading][f[:strings.IndexByte(f, '`')]] = true
		}
	}
	objects := map[string]reflect.Type{
		"Top level": reflect.TypeFor[Report](), "source": reflect.TypeFor[Source](), "summary": reflect.TypeFor[Summary](),
		"packages[]": reflect.TypeFor[Package](), "unmapped[]": reflect.TypeFor[Unmapped](), "options[]": reflect.TypeFor[Option](),
		"dotfiles[]": reflect.TypeFor[Dotfile](), "findings[]": reflect.TypeFor[Finding](), "manual[]": reflect.TypeFor[ManualStep](),
	}
	for heading, typ := range objects {
		want := map[string]bool{}
		for i := range typ.NumField() {
			if tag := typ.Field(i).Tag.Get("json"); tag != "" {
				want[strings.Split(tag, ",")[0]] = true
			}
		}
		got := documented[heading]
		if got == nil {
			t.Errorf("docs/report.md has no section %q", heading)
			continue
		}
		for f := range want {
			if !got[f] {
				t.Errorf("docs/report.md, %s: %s is not documented", heading, f)
			}
		}
		for f := range got {
			if !want[f] {
				t.Errorf("docs/report.md, %s: %s is not a field", heading, f)
			}
		}
	}
	if !strings.Contains(string(data), "It is **1** now") || SchemaVersion != 1 {
		t.Errorf("docs/report.md and SchemaVersion (%d) disagree", SchemaVersion)
	}
}
