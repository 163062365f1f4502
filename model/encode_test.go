package model

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// valid returns a small System that passes Validate, for tests to break.
func valid() *System {
	return New(Source{Kind: SourceArch})
}

func TestEncodeInvalid(t *testing.T) {
	tests := []struct {
		name   string
		change func(*System)
		want   string
	}{
		{"no apiVersion", func(s *System) { s.APIVersion = "" }, `apiVersion is required (want "nixarch/v1")`},
		{"old apiVersion", func(s *System) { s.APIVersion = "nixarch/v0" }, `apiVersion: "nixarch/v0" is not supported (want "nixarch/v1")`},
		{"no source kind", func(s *System) { s.Source.Kind = "" }, `source: kind is required`},
		{"empty package name", func(s *System) { s.Packages = []Package{{Name: "a"}, {Version: "1"}} }, `packages[1]: name is required`},
		{"bad owner", func(s *System) { s.Environment = []Variable{{Name: "A", Owner: "user"}} }, `environment[0].owner: "user" is not an owner (want "system" or "user:NAME")`},
		{"origin without line", func(s *System) { s.Packages = []Package{{Name: "a", Origin: Origin{File: "a.nix", Col: 3}}} },
			`packages[0].origin: model.Origin{File:"a.nix", Line:0, Col:3} cannot be written as "file:line:col"`},
		{"origin file like position", func(s *System) { s.Host.Origin = Origin{File: "a.nix:3"} },
			`host.origin: model.Origin{File:"a.nix:3", Line:0, Col:0} cannot be written as "file:line:col"`},
		{"mode too big", func(s *System) { s.EtcFiles = []EtcFile{{Target: "/etc/a", Content: "x", Mode: 0o10000}} },
			`etcFiles[0].mode: 10000 is not a file mode from 0000 to 7777`},
		{"settings nil", func(s *System) { s.Services = []Service{{Name: "s", Settings: Settings{"a": []any{nil}}}} },
			`services[0].settings.a[0]: null is not allowed in settings`},
		{"settings int", func(s *System) { s.Programs = []Program{{Name: "p", Settings: Settings{"port": 22}}} },
			`programs[0].settings.port: int is not allowed in settings (want string, int64, float64, bool, []any or map[string]any)`},
		{"settings nested types", func(s *System) {
			s.Programs = []Program{{Name: "p", Settings: Settings{"b": map[string]any{"x y": []string{"a"}}, "a": map[string]string{}}}}
		}, "programs[0].settings.a: map[string]string is not allowed in settings (want string, int64, float64, bool, []any or map[string]any)\n" +
			`programs[0].settings.b["x y"]: []string is not allowed in settings (want string, int64, float64, bool, []any or map[string]any)`},
		{"dotfile without owner", func(s *System) { s.Dotfiles = []Dotfile{{Target: ".x", Source: "x"}} }, `dotfiles[0]: owner is required`},
		{"invalid UTF-8", func(s *System) { s.Users = []User{{Name: "a", Groups: []string{"\xff"}}} }, `users[0].groups[0]: "\xff" is not valid UTF-8`},
		{"invalid UTF-8 key", func(s *System) { s.Services = []Service{{Name: "s", Settings: Settings{"\xff": "x"}}} }, `services[0].settings: "\xff" is not valid UTF-8`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := valid()
			tt.change(s)
			out, err := Encode(s)
			if err == nil {
				t.Fatalf("Encode succeeded, want error %q; wrote:\n%s", tt.want, out)
			}
			if want := "encode model: " + tt.want; err.Error() != want {
				t.Errorf("Encode error:\n%s\nwant:\n%s", err, want)
			}
		})
	}
	if _, err := Encode(nil); err == nil {
		t.Errorf("Encode(nil) succeeded")
	}
}

// TestEncodeValues checks values that YAML could read back as something
// else: they must come back as the same Go values, and encode to the same
// text again.
func TestEncodeValues(t *testing.T) {
	settings := Settings{
		"floats":  []any{1.0, 0.5, math.Copysign(0, -1), 1e21, 1e-7, 123456789.0, math.MaxFloat64, math.Inf(1), math.Inf(-1)},
		"ints":    []any{int64(0), int64(-1), int64(math.MaxInt64), int64(math.MinInt64)},
		"bools":   []any{true, false},
		"strings": []any{"", "1", "1.0", "0x10", "true", "yes", "no", "off", "y", "~", "null", "1:20", "2024-01-01", "- a", "a: b", "#c", " lead", "trail ", "multi\nline\n", "no newline\nat end", "\ttab", "\x01", "'", "\"", "é", ".inf", "*a", "&a", "!t", "%x", "@x", "`x", "{}", "[]"},
		"empty":   map[string]any{"list": []any{}, "map": map[string]any{}},
		"":        "empty key",
		"1":       "numeric key",
		"a.b":     "dotted key",
	}
	s := valid()
	s.Services = []Service{{Name: "s", Settings: settings}}
	s.Packages = []Package{{Name: "yes", Version: "1.10", Project: "null", Condition: "x == 1"}}
	s.Environment = []Variable{{Name: "E", Value: ""}}
	out, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode("t.yaml", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !reflect.DeepEqual(back, s) {
		t.Errorf("Decode(Encode(s)) != s\ngot:  %#v\nwant: %#v\n%s", back.Services[0].Settings, settings, out)
	}
	again, err := Encode(back)
	if err != nil || string(again) != string(out) {
		t.Errorf("second Encode differs (%v):\n%s\n---\n%s", err, again, out)
	}
	for _, want := range []string{"- 1.0\n", "- -0.0\n", "- 1e+21\n", "- .inf\n", `- "yes"`, `- "1:20"`, `name: "yes"`, `version: "1.10"`, `value: ""`, "\n  - name: s\n"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("Encode output lacks %q:\n%s", want, out)
		}
	}
}

func TestEncodeNaN(t *testing.T) {
	s := valid()
	s.Programs = []Program{{Name: "p", Settings: Settings{"x": math.NaN()}}}
	out, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode("t.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := back.Programs[0].Settings["x"].(float64); !ok || !math.IsNaN(f) {
		t.Errorf("NaN came back as %#v", back.Programs[0].Settings["x"])
	}
}

func TestValidate(t *testing.T) {
	if err := valid().Validate(); err != nil {
		t.Errorf("Validate(valid()) = %v", err)
	}
	s := valid()
	s.Kind = ""
	s.Findings = []Finding{{Severity: "bad", Message: "m"}}
	err := s.Validate()
	want := "kind is required\nfindings[0].severity: \"bad\" is not a severity (want \"info\", \"warning\", \"error\" or \"manual\")"
	if err == nil || err.Error() != want {
		t.Errorf("Validate() = %v, want %s", err, want)
	}
}

// FuzzEncode checks that Encode writes any text so that Decode reads it back
// unchanged, or refuses it.
func FuzzEncode(f *testing.F) {
	for _, s := range []string{"", "no", "\n0", " a\nb", "a\r\nb", "\x01\n", "#", "- x", "\ufeffa", "a\u2028b", "\t\n"} {
		f.Add(s, s, 1.5, int64(-3))
	}
	f.Fuzz(func(t *testing.T, text, key string, x float64, n int64) {
		s := valid()
		s.Packages = []Package{{Name: "p" + text, Version: text, Condition: text}}
		s.Services = []Service{{Name: "s", Settings: Settings{key: text, "list": []any{x, n, text, map[string]any{key: x}}}}}
		s.Environment = []Variable{{Name: "E", Value: text}}
		s.Aliases = []Alias{{Name: "a" + text, Command: "c" + text}}
		s.EtcFiles = []EtcFile{{Target: "/etc/x", Content: "c" + text}}
		s.Dotfiles = []Dotfile{{Owner: UserOwner("u" + text), Target: ".x", Content: text + "c"}}
		s.Findings = []Finding{{Severity: SeverityInfo, Message: "m" + text, Origin: Origin{File: "f" + text, Line: 1, Col: 2}}}
		out, err := Encode(s)
		if err != nil {
			if utf8.ValidString(text) && utf8.ValidString(key) && !strings.Contains(err.Error(), "cannot be written") {
				t.Fatalf("Encode: %v", err)
			}
			return
		}
		back, err := Decode("f.yaml", out)
		if err != nil {
			t.Fatalf("Decode refused what Encode wrote: %v\n%s", err, out)
		}
		again, err := Encode(back)
		if err != nil || !bytes.Equal(out, again) {
			t.Fatalf("second Encode differs (%v):\n%s\n---\n%s", err, out, again)
		}
		if x == x && !reflect.DeepEqual(back, s) { // NaN is never DeepEqual
			t.Fatalf("Decode(Encode(s)) != s:\n%s", out)
		}
	})
}
