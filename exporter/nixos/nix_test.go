package nixos

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/internal/oracle"
	"github.com/nixarch/nixarch/nix/syntax"
)

func TestPackageExpr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"firefox", "firefox"},
		{"python3Packages.requests", "python3Packages.requests"},
		{"hello-world_2'", "hello-world_2'"},
		{"1password", `pkgs."1password"`},
		{"_1password-gui", "_1password-gui"},
		{"config", "pkgs.config"},
		{"pkgs", "pkgs.pkgs"},
		{"lib.thing", "pkgs.lib.thing"},
		{"options", "pkgs.options"},
		{"modulesPath", "pkgs.modulesPath"},
		{"map", "pkgs.map"},
		{"toString", "pkgs.toString"},
		{"__curPos", "pkgs.__curPos"},
		{"if", `pkgs."if"`},
		{"or", "pkgs.or"}, // or is a keyword, but Nix takes it after a dot
		{"python3Packages.1foo", `python3Packages."1foo"`},
		{"a.in.b", `a."in".b`},
		{"nerd-fonts.jetbrains-mono", "nerd-fonts.jetbrains-mono"},
		{"a b", `pkgs."a b"`},
		{`we"ird.x`, `pkgs."we\"ird".x`},
	}
	for _, tt := range tests {
		e, ok := packageExpr(tt.in)
		got := ""
		if ok {
			got = strings.TrimSpace(string(syntax.Format(e)))
		}
		if !ok || got != tt.want {
			t.Errorf("packageExpr(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	for _, bad := range []string{"", ".", "a.", ".a", "a..b"} {
		if got, ok := packageExpr(bad); ok {
			t.Errorf("packageExpr(%q) = %q, want failure", bad, got)
		}
	}
}

var hostileStrings = []string{
	"", "plain", `"`, `\`, `\\"`, "${x}", "$${x}", "$", "a$", "$$", "\\${x}", "${", "$\\{",
	"''", "'${x}'", "line\nbreak", "cr\rlf", "tab\there", "ünïcödé ✓", "\x01\x7f", `"; rm -rf / #`,
	"\\$", "$\\", "a\\", "}", "${}", "$${}", "\u2028",
}

// TestNixStringWithNix evaluates every escaped string with the real Nix
// and checks it gives back the original bytes.
func TestNixStringWithNix(t *testing.T) {
	nix := oracle.Require(t, "nix-instantiate", "nix-bin")
	var parts []string
	for _, s := range hostileStrings {
		parts = append(parts, strings.TrimSpace(string(syntax.Format(syntax.NewString(s)))))
	}
	out, err := exec.Command(nix, "--eval", "--strict", "--json", "--expr", "[ "+strings.Join(parts, " ")+" ]").CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var got []string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for i, s := range hostileStrings {
		if got[i] != s {
			t.Errorf("the string %q, printed as %s, evaluates to %q", s, parts[i], got[i])
		}
	}
}

func TestAttrPath(t *testing.T) {
	for in, want := range map[string]string{"alice": "x.alice", "john.doe": `x."john.doe"`, "in": `x."in"`, "1x": `x."1x"`, "a-b'": "x.a-b'"} {
		if got := strings.TrimSpace(string(syntax.Format(&syntax.Select{X: syntax.NewIdent("x"), Path: attrPath(in)}))); got != want {
			t.Errorf("attrPath(%q) prints %s, want %s", in, got, want)
		}
	}
}

func FuzzCommentText(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := report.OneLine(s)
		if strings.ContainsAny(c, "\r\n\u2028\u2029\u0085") {
			t.Errorf("report.OneLine(%q) = %q keeps a line break", s, c)
		}
	})
}
