package model

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// head is a valid start of a model; tests add lines from line 5 on.
const head = "apiVersion: nixarch/v1\nkind: System\nsource:\n  kind: nixos\n"

var decodeErrorTests = []struct {
	name, in, want string
}{
	{"empty", "", "t.yaml:1:1: file is empty; want a mapping with apiVersion: nixarch/v1 and kind: System"},
	{"only comments", "# nothing\n", "t.yaml:1:1: file is empty; want a mapping with apiVersion: nixarch/v1 and kind: System"},
	{"empty document", "---\n", "t.yaml:2:1: expected a mapping, found null"},
	{"two documents", head + "---\n" + head, "t.yaml:5:1: a second YAML document is not allowed; a model file holds one System"},
	{"sequence at top", "- a\n- b\n", "t.yaml:1:1: expected a mapping, found a sequence"},
	{"string at top", "hello\n", "t.yaml:1:1: expected a mapping, found a string"},
	{"syntax", head + "packages:\n  - name: a\n - name: b\n", "t.yaml:7:1: did not find expected key"},
	{"syntax first line", "a: b: c\n", "t.yaml:1:1: mapping values are not allowed in this context"},
	{"tab indent", head + "host:\n\thostname: x\n", "t.yaml:6:1: found character that cannot start any token"},
	{"invalid utf-8", head + "host:\n  hostname: a\xffb\n", "t.yaml:6:14: invalid UTF-8 byte 0xff"},
	{"control character", head + "host:\n  hostname: a\x01\n", "t.yaml:6:14: control character U+0001 is not allowed"},
	{"missing apiVersion and kind", "source:\n  kind: arch\n", "t.yaml:1:1: apiVersion is required (want \"nixarch/v1\")\nt.yaml:1:1: kind is required"},
	{"wrong apiVersion", "apiVersion: nixarch/v2\nkind: System\nsource: {kind: arch}\n", "t.yaml:1:13: apiVersion: \"nixarch/v2\" is not supported (want \"nixarch/v1\")"},
	{"wrong kind", "apiVersion: nixarch/v1\nkind: Host\nsource: {kind: arch}\n", "t.yaml:2:7: kind: \"Host\" is not a model kind (want \"System\")"},
	{"missing source", "apiVersion: nixarch/v1\nkind: System\n", "t.yaml:1:1: source: kind is required"},
	{"bad source kind", "apiVersion: nixarch/v1\nkind: System\nsource:\n  kind: debian\n", "t.yaml:4:9: source.kind: \"debian\" is not a source kind (want \"nixos\", \"arch\" or \"pkglist\")"},
	{"unknown field suggested", head + "pakages: []\n", "t.yaml:5:1: unknown field \"pakages\" in System (did you mean \"packages\"?)"},
	{"unknown field swapped letters", head + "packages:\n  - nmae: git\n", "t.yaml:6:5: packages[0]: unknown field \"nmae\" in Package (did you mean \"name\"?)"},
	{"unknown field listed", head + "groups:\n  - name: g\n    password: x\n", "t.yaml:7:5: groups[0]: unknown field \"password\" in Group (allowed: name, gid, members, origin)"},
	{"duplicate field", head + "host:\n  hostname: a\n  hostname: b\n", "t.yaml:7:3: host: duplicate field \"hostname\" (first at line 6, column 3)"},
	{"complex key", head + "host:\n  ? [a]\n  : b\n", "t.yaml:6:5: host: expected a field name, found a sequence"},
	{"wrong type mapping", head + "packages:\n  - name: a\n  - name: b\n  - name: {x: 1}\n", "t.yaml:8:11: packages[2].name: expected a string, found a mapping"},
	{"wrong type sequence", head + "packages: git\n", "t.yaml:5:11: packages: expected a sequence, found a string"},
	{"wrong type item", head + "packages:\n  - git\n", "t.yaml:6:5: packages[0]: expected a mapping, found a string"},
	{"null item", head + "users:\n  - name: a\n    groups: [wheel, ~]\n", "t.yaml:7:21: users[0].groups[1]: expected a string, found null"},
	{"bool not yes", head + "services:\n  - name: s\n    enabled: yes\n", "t.yaml:7:14: services[0].enabled: expected a boolean (true or false), found a string"},
	{"int not float", head + "users:\n  - name: a\n    uid: 1.5\n", "t.yaml:7:10: users[0].uid: expected an integer, found a float"},
	{"int out of range", head + "users:\n  - name: a\n    uid: 18446744073709551615\n", "t.yaml:7:10: users[0].uid: integer 18446744073709551615 is out of range"},
	{"negative uid", head + "users:\n  - name: a\n    uid: -1\n", "t.yaml:7:10: users[0].uid: uid -1 is negative"},
	{"locale category", head + "host:\n  localeSettings:\n    - category: LC_TIME; rm\n      locale: C\n", "t.yaml:7:17: host.localeSettings[0].category: \"LC_TIME; rm\" is not a locale category (want LC_NAME or LANGUAGE)"},
	{"locale missing", head + "host:\n  localeSettings:\n    - category: LC_TIME\n", "t.yaml:7:7: host.localeSettings[0]: locale is required"},
	{"negative gid", head + "groups:\n  - name: a\n    gid: -2\n", "t.yaml:7:10: groups[0].gid: gid -2 is negative"},
	{"alias", head + "host:\n  hostname: &h x\n  keymap: *h\n", "t.yaml:7:11: host.keymap: aliases are not supported"},
	{"custom tag", head + "host:\n  hostname: !secret x\n", "t.yaml:6:13: host.hostname: expected a string, found a value tagged !secret"},
	{"missing names", head + "packages:\n  - version: \"1\"\nservices:\n  - enabled: true\nprograms:\n  - enabled: true\nusers:\n  - uid: 1\ngroups:\n  - gid: 1\nenvironment:\n  - value: x\naliases:\n  - shell: zsh\n",
		"t.yaml:6:5: packages[0]: name is required\n" +
			"t.yaml:8:5: services[0]: name is required\n" +
			"t.yaml:10:5: programs[0]: name is required\n" +
			"t.yaml:12:5: users[0]: name is required\n" +
			"t.yaml:14:5: groups[0]: name is required\n" +
			"t.yaml:16:5: environment[0]: name is required\n" +
			"t.yaml:18:5: aliases[0]: name is required\n" +
			"t.yaml:18:5: aliases[0]: command is required"},
	{"null name", head + "packages:\n  - name:\n", "t.yaml:6:5: packages[0]: name is required"},
	{"bad owner", head + "packages:\n  - name: a\n    owner: alice\n", "t.yaml:7:12: packages[0].owner: \"alice\" is not an owner (want \"system\" or \"user:NAME\")"},
	{"empty user owner", head + "aliases:\n  - name: a\n    command: b\n    owner: \"user:\"\n", "t.yaml:8:12: aliases[0].owner: \"user:\" is not an owner (want \"system\" or \"user:NAME\")"},
	{"bad origin", head + "packages:\n  - name: a\n    origin: \":3:4\"\n", "t.yaml:7:13: packages[0].origin: origin \":3:4\" has no file name"},
	{"origin not string", head + "packages:\n  - name: a\n    origin: {file: x}\n", "t.yaml:7:13: packages[0].origin: expected an origin string such as \"configuration.nix:12:3\", found a mapping"},
	{"mode not octal", head + "etcFiles:\n  - target: /etc/a\n    content: x\n    mode: \"0689\"\n", "t.yaml:8:11: etcFiles[0].mode: file mode \"0689\" is not an octal number from 0000 to 7777"},
	{"mode too big", head + "etcFiles:\n  - target: /etc/a\n    content: x\n    mode: \"17777\"\n", "t.yaml:8:11: etcFiles[0].mode: file mode \"17777\" is not an octal number from 0000 to 7777"},
	{"mode sequence", head + "etcFiles:\n  - target: /etc/a\n    content: x\n    mode: [1]\n", "t.yaml:8:11: etcFiles[0].mode: expected an octal file mode such as \"0644\", found a sequence"},
	{"etc both", head + "etcFiles:\n  - target: /etc/a\n    content: x\n    source: y\n", "t.yaml:6:5: etcFiles[0]: content and source are both set; keep one"},
	{"etc neither", head + "etcFiles:\n  - target: /etc/a\n", "t.yaml:6:5: etcFiles[0]: content or source is required"},
	{"etc target missing", head + "etcFiles:\n  - content: x\n", "t.yaml:6:5: etcFiles[0]: target is required"},
	{"etc target outside", head + "etcFiles:\n  - target: /usr/lib/x\n    content: x\n", "t.yaml:6:13: etcFiles[0].target: \"/usr/lib/x\" is not a file under /etc"},
	{"etc target escapes", head + "etcFiles:\n  - target: /etc/../root/x\n    content: x\n", "t.yaml:6:13: etcFiles[0].target: \"/etc/../root/x\" is not a file under /etc"},
	{"etc target is /etc", head + "etcFiles:\n  - target: /etc\n    content: x\n", "t.yaml:6:13: etcFiles[0].target: \"/etc\" is not a file under /etc"},
	{"etc target relative", head + "etcFiles:\n  - target: etc/x\n    content: x\n", "t.yaml:6:13: etcFiles[0].target: \"etc/x\" is not a file under /etc"},
	{"etc target unclean", head + "etcFiles:\n  - target: /etc//x/\n    content: x\n", "t.yaml:6:13: etcFiles[0].target: \"/etc//x/\" is not clean (want \"/etc/x\")"},
	{"dotfile missing", head + "dotfiles:\n  - program: git\n", "t.yaml:6:5: dotfiles[0]: owner is required\nt.yaml:6:5: dotfiles[0]: target is required\nt.yaml:6:5: dotfiles[0]: content or source is required"},
	{"dotfile system owner", head + "dotfiles:\n  - owner: system\n    target: .x\n    content: x\n", "t.yaml:6:12: dotfiles[0].owner: \"system\" does not name a user (want \"user:NAME\")"},
	{"dotfile absolute", head + "dotfiles:\n  - owner: user:a\n    target: /home/a/.x\n    content: x\n", "t.yaml:7:13: dotfiles[0].target: \"/home/a/.x\" is not relative to the home folder (want a path such as .config/git/config)"},
	{"dotfile tilde", head + "dotfiles:\n  - owner: user:a\n    target: ~/.x\n    content: x\n", "t.yaml:7:13: dotfiles[0].target: \"~/.x\" is not relative to the home folder (want a path such as .config/git/config)"},
	{"dotfile escapes", head + "dotfiles:\n  - owner: user:a\n    target: .config/../../b/.x\n    content: x\n", "t.yaml:7:13: dotfiles[0].target: \".config/../../b/.x\" is outside the home folder"},
	{"dotfile home itself", head + "dotfiles:\n  - owner: user:a\n    target: .\n    content: x\n", "t.yaml:7:13: dotfiles[0].target: \".\" is outside the home folder"},
	{"dotfile unclean", head + "dotfiles:\n  - owner: user:a\n    target: ./.x\n    content: x\n", "t.yaml:7:13: dotfiles[0].target: \"./.x\" is not clean (want \".x\")"},
	{"finding severity", head + "findings:\n  - severity: fatal\n    message: x\n", "t.yaml:6:15: findings[0].severity: \"fatal\" is not a severity (want \"info\", \"warning\", \"error\" or \"manual\")"},
	{"finding missing", head + "findings:\n  - origin: a.nix:1:2\n", "t.yaml:6:5: findings[0]: severity is required\nt.yaml:6:5: findings[0]: message is required"},
	{"settings not mapping", head + "programs:\n  - name: p\n    settings: [1]\n", "t.yaml:7:15: programs[0].settings: expected a mapping, found a sequence"},
	{"settings null", head + "programs:\n  - name: p\n    settings:\n      a:\n        b: [1, ~]\n", "t.yaml:9:16: programs[0].settings.a.b[1]: null is not allowed in settings; leave the key out instead"},
	{"settings odd key", head + "programs:\n  - name: p\n    settings:\n      \"a.b\": ~\n", "t.yaml:8:14: programs[0].settings[\"a.b\"]: null is not allowed in settings; leave the key out instead"},
	{"settings duplicate", head + "programs:\n  - name: p\n    settings:\n      a: 1\n      a: 2\n", "t.yaml:9:7: programs[0].settings: duplicate key \"a\" (first at line 8, column 7)"},
	{"settings null key", head + "programs:\n  - name: p\n    settings:\n      ~: 1\n", "t.yaml:8:7: programs[0].settings: expected a key, found null"},
	{"settings binary", head + "programs:\n  - name: p\n    settings:\n      a: !!binary aGVsbG8=\n", "t.yaml:8:10: programs[0].settings.a: binary data \"aGVsbG8=\" is not allowed in settings"},
	{"settings big int", head + "programs:\n  - name: p\n    settings:\n      a: 18446744073709551615\n", "t.yaml:8:10: programs[0].settings.a: integer 18446744073709551615 is out of range"},
	{"unknown anchor", head + "host:\n  hostname: *nope\n", "t.yaml:6:13: unknown anchor 'nope' referenced"},
	{"unclosed flow", head + "host:\n  locales: [a,\n", "t.yaml:7:1: did not find expected node content"},
	{"settings alias", head + "programs:\n  - name: p\n    settings:\n      a: &x 1\n      b: *x\n", "t.yaml:9:10: programs[0].settings.b: aliases are not supported"},
	{"many errors sorted", head + "users:\n  - name: a\n    uid: x\npakages: []\nhost:\n  kernel: [a]\n",
		"t.yaml:7:10: users[0].uid: expected an integer, found a string\n" +
			"t.yaml:8:1: unknown field \"pakages\" in System (did you mean \"packages\"?)\n" +
			"t.yaml:10:11: host.kernel: expected a string, found a sequence"},
}

func TestDecodeErrors(t *testing.T) {
	for _, tt := range decodeErrorTests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Decode("t.yaml", []byte(tt.in))
			if err == nil {
				t.Fatalf("Decode succeeded, want error:\n%s", tt.want)
			}
			if s != nil {
				t.Errorf("Decode returned a System with its error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Decode error:\n%s\nwant:\n%s", got, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Origin.File != "t.yaml" || e.Origin.Line == 0 || e.Origin.Col == 0 {
				t.Errorf("Decode error %#v does not unwrap to an *Error with a position", err)
			}
		})
	}
}

func TestDecodeTooLarge(t *testing.T) {
	_, err := Decode("big.yaml", make([]byte, MaxSize+1))
	if want := "big.yaml: model file is larger than 64 MiB"; err == nil || err.Error() != want {
		t.Errorf("Decode error = %v, want %s", err, want)
	}
}

// TestDecodeLenient covers input that is accepted and what it means.
func TestDecodeLenient(t *testing.T) {
	s, err := Decode("t.yaml", []byte(head+`packages:
  - name: a
    version: 1.10
    owner:
  - name: 1
users:
  - name: a
    uid: 0x3e8
etcFiles:
  - target: /etc/a
    content: x
    mode: 644
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []Package{
		{Name: "a", Version: "1.10", Origin: Origin{}},
		{Name: "1"},
	}
	if !reflect.DeepEqual(s.Packages, want) {
		t.Errorf("packages = %#v, want %#v", s.Packages, want)
	}
	if s.Users[0].UID != 1000 || s.EtcFiles[0].Mode != 0o644 {
		t.Errorf("uid = %d, mode = %s, want 1000 and 0644", s.Users[0].UID, s.EtcFiles[0].Mode)
	}
}

func TestFullRoundTrip(t *testing.T) {
	golden := filepath.Join("testdata", "full.yaml")
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
		data = out
	}
	if !bytes.Equal(out, data) {
		t.Errorf("Encode(Decode(%s)) differs; run go test -update and review the diff\n%s", golden, out)
	}
	s2, err := Decode(golden, out)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s, s2) {
		t.Errorf("Decode(Encode(s)) != s:\n%#v\n%#v", s2, s)
	}
	checkEveryField(t, "", reflect.ValueOf(s).Elem())
}

// checkEveryField fails for each field that is empty everywhere in v, so
// that full.yaml keeps using every field.
func checkEveryField(t *testing.T, path string, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == originType {
			break
		}
		for name, f := range fieldsOf(v.Type()) {
			if v.Field(f.index).IsZero() {
				t.Errorf("testdata/full.yaml: %s is never set", join(path, name))
			}
			checkEveryField(t, join(path, name), v.Field(f.index))
		}
	case reflect.Slice:
		// A field only needs to be set in one item of each list.
		item := reflect.New(v.Type().Elem()).Elem()
		for i := range v.Len() {
			mergeNonZero(item, v.Index(i))
		}
		checkEveryField(t, path+"[]", item)
	}
}

func mergeNonZero(dst, src reflect.Value) {
	if dst.Kind() != reflect.Struct {
		if dst.IsZero() {
			dst.Set(src)
		}
		return
	}
	for i := range dst.NumField() {
		if dst.Field(i).IsZero() {
			dst.Field(i).Set(src.Field(i))
		}
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	_, err := ReadFile(filepath.Join(dir, "missing.yaml"))
	if !errors.Is(err, os.ErrNotExist) || !strings.HasPrefix(err.Error(), "read model: open ") {
		t.Errorf("ReadFile(missing) = %v, want a wrapped not-exist error", err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, MaxSize+10); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(big); err == nil || err.Error() != big+": model file is larger than 64 MiB" {
		t.Errorf("ReadFile(big) = %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	for _, tt := range decodeErrorTests {
		f.Add([]byte(tt.in))
	}
	full, err := os.ReadFile(filepath.Join("testdata", "full.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(full)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Decode("f.yaml", data)
		if err != nil {
			var l ErrorList
			if !errors.As(err, &l) || len(l) == 0 {
				t.Fatalf("Decode error %v is not an ErrorList", err)
			}
			return
		}
		out, err := Encode(s)
		if err != nil {
			t.Fatalf("Encode refused what Decode accepted: %v", err)
		}
		s2, err := Decode("f.yaml", out)
		if err != nil {
			t.Fatalf("Decode refused what Encode wrote: %v\n%s", err, out)
		}
		out2, err := Encode(s2)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("Encode(Decode(Encode(s))) differs from Encode(s):\n%s\n----\n%s", out, out2)
		}
	})
}
