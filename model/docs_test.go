package model

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

const docsFile = "../docs/model.md"

// TestDocsFields checks that docs/model.md has a section per model type
// with a table row for each of its fields.
func TestDocsFields(t *testing.T) {
	data, err := os.ReadFile(docsFile)
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]string{}
	for _, s := range strings.Split("\n"+string(data), "\n## ")[1:] {
		title, body, _ := strings.Cut(s, "\n")
		sections[title] = body
	}
	for _, v := range []any{System{}, Source{}, Host{}, LocaleSetting{}, Package{}, Service{}, Program{}, User{}, Group{}, Variable{}, Alias{}, EtcFile{}, Dotfile{}, Finding{}} {
		typ := reflect.TypeOf(v)
		body, ok := sections[typ.Name()]
		if !ok {
			t.Errorf("%s: no section \"## %s\"", docsFile, typ.Name())
			continue
		}
		for _, name := range names(fieldsOf(typ)) {
			if !strings.Contains(body, "\n| `"+name+"` |") {
				t.Errorf("%s: section %s has no row for field %q", docsFile, typ.Name(), name)
			}
		}
	}
	for _, s := range []string{"### Origins", "### Owners", "### Settings", "### Secrets", "### File modes"} {
		if !bytes.Contains(data, []byte("\n"+s+"\n")) {
			t.Errorf("%s: no section %q", docsFile, s)
		}
	}
}

var yamlBlock = regexp.MustCompile("(?s)\n```yaml\n(.*?)```\n")

// TestDocsExample checks that the example at the top of docs/model.md is
// testdata/full.yaml. With -update it copies full.yaml into the docs.
func TestDocsExample(t *testing.T) {
	data, err := os.ReadFile(docsFile)
	if err != nil {
		t.Fatal(err)
	}
	full, err := os.ReadFile(filepath.Join("testdata", "full.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	m := yamlBlock.FindSubmatchIndex(data)
	if m == nil {
		t.Fatalf("%s: no yaml example", docsFile)
	}
	if *update {
		data = append(append(append([]byte{}, data[:m[2]]...), full...), data[m[3]:]...)
		if err := os.WriteFile(docsFile, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if example := data[m[2]:m[3]]; !bytes.Equal(example, full) {
		t.Errorf("%s: the first yaml example differs from testdata/full.yaml; run go test -update", docsFile)
	}
}
