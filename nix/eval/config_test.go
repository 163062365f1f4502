package eval

import (
	"os"
	"strings"
	"testing"
)

func evalConfig(t testing.TB) (*Evaluator, Value) {
	ev := New(WithFS(os.DirFS("testdata/config"), "/etc/nixos"))
	fn, err := ev.EvalFile("/etc/nixos/configuration.nix")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &Unknown{Reason: "config"}
	return ev, ev.Apply(fn.Pos(), fn, ev.ModuleArgs(cfg))
}

func TestConfig(t *testing.T) {
	ev, v := evalConfig(t)
	got := Print(v)
	golden := "testdata/config.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got+"\n" != string(want) {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}

	// The imports are files; evaluate them as modules too.
	imports := Force(v.(*Attrs).M["imports"]).(*List)
	for _, im := range imports.Elems {
		p := Force(im).(*Path)
		fn, err := ev.EvalFile(p.Path)
		if err != nil {
			// a folder: its default.nix
			fn, err = ev.EvalFile(p.Path + "/default.nix")
			if err != nil {
				t.Fatal(err)
			}
		}
		m := ev.Apply(fn.Pos(), fn, ev.ModuleArgs(&Unknown{Reason: "config"}))
		t.Logf("%s: %s", p.Path, Print(m))
	}

	// Packages carry the position of their reference.
	sys := Force(Force(Force(v.(*Attrs).M["environment"]).(*Attrs).M["systemPackages"]))
	u, ok := sys.(*Unknown)
	if !ok || len(u.Parts) != 2 {
		t.Fatalf("systemPackages = %s, want an Unknown with two parts", Print(sys))
	}
	list := Force(u.Parts[0]).(*List)
	ff := Force(list.Elems[0]).(*Package)
	if ff.Attr != "firefox" || ff.P.String() != "/etc/nixos/configuration.nix:27:5" {
		t.Errorf("firefox = %+v at %s", ff, ff.P)
	}
	kate := Force(list.Elems[2]).(*Package)
	if kate.Attr != "kdePackages.kate" {
		t.Errorf("kate = %s", Print(kate))
	}
	py := Force(list.Elems[3]).(*Package)
	if py.Attr != "python3" || strings.Join(py.Members, " ") != "python3Packages.requests python3Packages.numpy" {
		t.Errorf("python = %s", Print(py))
	}
	script := Force(list.Elems[4]).(*Script)
	text := Force(script.Text).(*String)
	if script.Name != "greet" || len(text.Refs) != 1 || text.Refs[0].Pkg.Attr != "cowsay" ||
		text.S[text.Refs[0].Start:text.Refs[0].End] != text.Refs[0].Pkg.StorePath() {
		t.Errorf("script = %s %+v", Print(script), text.Refs)
	}
	local := Force(list.Elems[5]).(*Package)
	if local.Local != "/etc/nixos/pkgs/hello" {
		t.Errorf("callPackage = %s", Print(local))
	}
}

// BenchmarkConfig evaluates testdata/bench, a mid-sized configuration
// (160 lines: 20 users, 100 packages, 30 virtual hosts, 40 files), and
// forces all of it.
func BenchmarkConfig(b *testing.B) {
	fsys := os.DirFS("testdata/bench")
	b.ReportAllocs()
	for b.Loop() {
		ev := New(WithFS(fsys, "/etc/nixos"))
		fn, err := ev.EvalFile("/etc/nixos/configuration.nix")
		if err != nil {
			b.Fatal(err)
		}
		v := ev.ForceDeep(ev.Apply(fn.Pos(), fn, ev.ModuleArgs(&Unknown{Reason: "config"})))
		if _, ok := v.(*Error); ok {
			b.Fatal(Print(v))
		}
	}
}

func TestBenchConfig(t *testing.T) {
	ev := New(WithFS(os.DirFS("testdata/bench"), "/etc/nixos"))
	fn, err := ev.EvalFile("/etc/nixos/configuration.nix")
	if err != nil {
		t.Fatal(err)
	}
	v := ev.ForceDeep(ev.Apply(fn.Pos(), fn, ev.ModuleArgs(&Unknown{Reason: "config"})))
	if _, ok := v.(*Error); ok {
		t.Fatal(Print(v))
	}
	out := Print(v)
	for _, want := range []string{
		`user7 = { description = "User user7 (1007)"`,
		`«package python3 with python3Packages.requests python3Packages.numpy python3Packages.pandas python3Packages.flask»`,
		`"site30.example.org" = { enableACME = true; forceSSL = true; locations = { "/" = { proxyPass = "http://127.0.0.1:8018"; }; }; }`,
		`PAGER = "/nix/store/00000000000000000000000000000000-bat/bin/bat"`,
		`boot = { kernel = { sysctl = { "net.core.somaxconn" = 4096; "vm.swappiness" = 10; }; }; }`,
		`extraRules = [ { commands = [ { command = "ALL"; options = [ "NOPASSWD" ]; } ]; users = [ "user0" ]; }`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s", want)
		}
	}
	t.Logf("%d bytes printed, %d steps", len(out), ev.steps)
}
