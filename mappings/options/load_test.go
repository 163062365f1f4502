package options_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/mappings/options"
	"github.com/nixarch/nixarch/model"
)

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		want       []string
	}{
		{"empty", "", []string{"t.yaml:1:1: expected a list of options, found an empty file"}},
		{"not a list", "option: a.b\n", []string{"t.yaml:1:1: expected a list of options, found a mapping"}},
		{"syntax", "- option: a.b\n  arch: [\n", []string{"t.yaml:3:1: did not find expected node content"}},
		{"row not a mapping", "- a.b\n", []string{`t.yaml:1:3: expected an option row as a mapping, found "a.b"`}},
		{"unknown field", "- option: a.enable\n  pakages: [x]\n  note: n\n",
			[]string{`t.yaml:2:3: unknown field "pakages" in an option row (known: option, aliases, value, arch, from, note)`}},
		{"unknown arch field", "- option: a.enable\n  arch:\n    unit: [x.service]\n",
			[]string{`t.yaml:3:5: unknown field "unit" in arch (known: packages, multilib, aur, packageGroups, units, userUnits, groups, kernelModules, kernelParams, files, manual)`}},
		{"field twice", "- option: a.enable\n  note: x\n  note: y\n", []string{`t.yaml:3:3: field "note" given twice in an option row`}},
		{"no path", "- note: x\n", []string{"t.yaml:1:3: option row has no option path"}},
		{"bad path", "- option: services..enable\n  note: x\n",
			[]string{`t.yaml:1:11: option "services..enable" is not a NixOS option path: segment "" is not a Nix identifier or <name>`}},
		{"one segment", "- option: services\n  note: x\n",
			[]string{`t.yaml:1:11: option "services" is not a NixOS option path such as services.openssh.enable`}},
		{"path not a string", "- option: 3\n  note: x\n", []string{"t.yaml:1:11: option: expected a string, found a number 3"}},
		{"bad package", "- option: a.enable\n  arch:\n    packages: [ok, Bad]\n",
			[]string{`t.yaml:3:20: arch.packages: "Bad" is not an Arch package name`}},
		{"package twice", "- option: a.enable\n  arch:\n    packages: [x, x]\n", []string{`t.yaml:3:19: arch.packages: "x" listed twice`}},
		{"packages not a list", "- option: a.enable\n  arch:\n    packages: x\n",
			[]string{`t.yaml:3:15: arch.packages: expected a list of strings, found "x"`}},
		{"bool package", "- option: a.enable\n  arch:\n    packages: [true]\n  note: n\n",
			[]string{"t.yaml:3:16: arch.packages: expected a string, found a bool true"}},
		{"bad unit", "- option: a.enable\n  arch:\n    units: [sshd]\n  note: n\n",
			[]string{`t.yaml:3:13: arch.units: "sshd" is not a systemd unit name such as foo.service, foo.socket or foo.timer`}},
		{"bad kernel param", "- option: a.enable\n  arch:\n    kernelParams: [\"a b\"]\n  note: n\n",
			[]string{`t.yaml:3:20: arch.kernelParams: "a b" is not one kernel parameter`}},
		{"bad value kind", "- option: a.b\n  value: number\n  note: n\n",
			[]string{`t.yaml:2:10: value: "number" is not one of bool, string, list, attrs`}},
		{"enable not bool", "- option: a.enable\n  value: string\n  note: n\n",
			[]string{"t.yaml:2:10: value: a.enable is an .enable option, so its value is a bool"}},
		{"relative file", "- option: a.enable\n  arch:\n    files:\n      - path: etc/x\n        content: y\n",
			[]string{`t.yaml:4:15: path: "etc/x" is not a clean absolute path`}},
		{"file without content", "- option: a.enable\n  arch:\n    files:\n      - path: /etc/x\n",
			[]string{"t.yaml:4:9: a file needs a path and a content"}},
		{"bad mode", "- option: a.enable\n  arch:\n    files:\n      - path: /etc/x\n        content: y\n        mode: \"0999\"\n",
			[]string{`t.yaml:6:15: mode: file mode "0999" is not an octal number from 0000 to 7777`}},
		{"file twice", "- option: a.enable\n  arch:\n    files:\n      - {path: /etc/x, content: y}\n      - {path: /etc/x, content: z}\n",
			[]string{"t.yaml:5:9: arch.files: /etc/x listed twice"}},
		{"multilib without step", "- option: a.enable\n  arch:\n    multilib: [steam]\n",
			[]string{"t.yaml:1:3: option a.enable: a row with multilib packages needs a manual step that says how to enable [multilib]"}},
		{"from unit not enabled", "- option: a.enable\n  arch:\n    packages: [x]\n  from:\n    units: [x.service]\n",
			[]string{"t.yaml:1:3: option a.enable: from.units names x.service, which arch.units and arch.userUnits do not enable"}},
		{"from package not installed", "- option: a.enable\n  arch:\n    packages: [x]\n  from:\n    packages: [y]\n",
			[]string{"t.yaml:1:3: option a.enable: from.packages names y, which arch does not install"}},
		{"unknown from field", "- option: a.enable\n  note: n\n  from:\n    groups: [x]\n",
			[]string{`t.yaml:4:5: unknown field "groups" in from (known: units, packages)`}},
		{"duplicate", "- option: a.enable\n  note: n\n- option: b.enable\n  aliases: [a.enable]\n  note: n\n",
			[]string{"t.yaml:3:3: duplicate option a.enable (first at t.yaml:1:3)"}},
		{"attrs with template", "- option: a.b\n  value: attrs\n  arch:\n    manual: [\"set {{value}}\"]\n",
			[]string{"t.yaml:1:3: option a.b: an attrs option has no template value"}},
		{"alias", "- &x option: a.enable\n  note: *x\n", []string{`t.yaml:2:9: note: expected a string, found an alias`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tb, err := options.Parse("t.yaml", []byte(tt.data))
			if err == nil {
				t.Fatalf("no error; table has %d rows", len(tb.Options()))
			}
			if tb != nil {
				t.Error("a table came with the error")
			}
			if got, want := err.Error(), strings.Join(tt.want, "\n"); got != want {
				t.Errorf("error:\n%s\nwant:\n%s", got, want)
			}
			var e *model.Error
			if !errors.As(err, &e) || e.Origin.File != "t.yaml" || e.Origin.Line == 0 {
				t.Errorf("error %v is not a *model.Error with a position", err)
			}
		})
	}
}

func TestParseGood(t *testing.T) {
	data := `
- option: services.foo.enable
  aliases: [services.oldfoo.enable]
  arch:
    packages: [foo]
    units: [foo.service]
    userUnits: [foo-agent.service]
    groups: [foo]
    kernelModules: [foo_drv]
    kernelParams: [foo.x=1]
    files:
      - path: /etc/foo.conf
        content: |
          a = 1
        mode: "0600"
    manual:
      - Run foo
        --init once.
  from:
    units: [foo.service, foo-agent.service, foo@.service]
    packages: [foo]
  note: |
    Foo.
`
	tb, err := options.Parse("t.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	o, ok := tb.ForNixOS("services.oldfoo.enable")
	if !ok || o.Path != "services.foo.enable" || o.Kind != options.KindBool || o.Note != "Foo." {
		t.Fatalf("got %+v", o)
	}
	if o.Origin != (model.Origin{File: "t.yaml", Line: 2, Col: 3}) {
		t.Errorf("origin %s", o.Origin)
	}
	if f := o.Arch.Files[0]; f.Mode != 0o600 || f.Content != "a = 1\n" {
		t.Errorf("file %+v", f)
	}
	if o.Arch.Manual[0] != "Run foo --init once." {
		t.Errorf("manual %q", o.Arch.Manual)
	}
	if got := tb.FromArchUnit("foo@bar.service"); len(got) != 1 || got[0] != o {
		t.Errorf("FromArchUnit(foo@bar.service) = %v", got)
	}
	if got := tb.FromArchUnit("foo-agent.service"); len(got) != 1 {
		t.Errorf("FromArchUnit(foo-agent.service) = %v", got)
	}
}

// FuzzParse checks that Parse never panics, and that it returns either a
// table or position-carrying errors.
func FuzzParse(f *testing.F) {
	f.Add([]byte("- option: a.enable\n  note: n\n"))
	f.Add([]byte("- option: a.b\n  value: list\n  arch:\n    files:\n      - {path: /x, content: \"{{value}}\\n\"}\n"))
	f.Add([]byte("- option: a.enable\n  arch:\n    packages: [x, x]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := options.Parse("f.yaml", data)
		if err != nil {
			var l model.ErrorList
			if !errors.As(err, &l) || len(l) == 0 {
				t.Fatalf("error %T %v is not a model.ErrorList", err, err)
			}
			return
		}
		for _, o := range tb.Options() {
			if _, ok := tb.ForNixOS(o.Path); !ok && !strings.Contains(o.Path, "<name>") {
				t.Errorf("ForNixOS(%q) finds nothing", o.Path)
			}
		}
	})
}
