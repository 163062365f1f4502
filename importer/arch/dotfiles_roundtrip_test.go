package arch

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"github.com/nixarch/nixarch/dotfiles"
	"github.com/nixarch/nixarch/internal/oracle"
	"github.com/nixarch/nixarch/model"
)

// translated imports a home with one dotfile at target and returns the
// program it became and the file dotfiles.Render writes back from it.
func translated(t *testing.T, target, content string) (model.Program, []byte) {
	t.Helper()
	fsys := fstest.MapFS{
		"var/lib/pacman/local/ALPM_DB_VERSION": file("9\n"),
		"etc/passwd":                           file("alice:x:1000:1000::/home/alice:/bin/bash\n"),
		"home/alice/" + target:                 file(content),
	}
	sys, err := ImportFS(fsys, nil, "/")
	if err != nil {
		t.Fatal(err)
	}
	if len(sys.Programs) != 1 || len(sys.Dotfiles) != 0 {
		t.Fatalf("%s: programs %v, dotfiles %v, findings %v; want one program", target, sys.Programs, sys.Dotfiles, sys.Findings)
	}
	res, err := dotfiles.Render(sys, dotfiles.LayoutStow)
	if err != nil {
		t.Fatal(err)
	}
	want := target
	if target == ".gitconfig" {
		want = ".config/git/config" // where home-manager puts it
	}
	for _, f := range res.Files {
		if strings.HasSuffix(f.Path, "/"+want) {
			return sys.Programs[0], f.Content
		}
	}
	t.Fatalf("dotfiles.Render wrote no %s: %v", want, res.Files)
	return model.Program{}, nil
}

func writeTemp(t *testing.T, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestGitRoundTrip checks with git itself that the file rendered back from
// programs.git holds the same variables as the original.
func TestGitRoundTrip(t *testing.T) {
	git := oracle.Require(t, "git", "git")
	list := func(file string) []string {
		t.Helper()
		t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
		t.Setenv("HOME", t.TempDir())
		out, errOut, err := oracle.Run(t, "", git, "config", "--file", file, "--list")
		if err != nil {
			t.Fatalf("git config --list %s: %v\n%s", file, err, errOut)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		slices.Sort(lines)
		return lines
	}
	for name, text := range map[string]string{
		"typical": testGitconfig,
		"quoted":  "[alias]\n\tsay = \"!echo \\\"hi\\\" ; true\"\n[core]\n\tpager = less  -R\n[diff \"Tool Name\"]\n\tcmd = \"a\\tb\\nc\"\n",
		"cases":   "[Core]\n\tEditor = vi\n[user]\n\tsigningKey = ABC\n\tname = A\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, back := translated(t, ".gitconfig", text)
			orig, got := list(writeTemp(t, "orig", []byte(text))), list(writeTemp(t, "back", back))
			if !reflect.DeepEqual(orig, got) {
				t.Errorf("git config --list differs:\noriginal:\n\t%s\nrendered back:\n\t%s\nfile:\n%s",
					strings.Join(orig, "\n\t"), strings.Join(got, "\n\t"), back)
			}
		})
	}
}

// TestTOMLRoundTrip decodes the original and the rendered-back file and
// compares the data.
func TestTOMLRoundTrip(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ target, text string }{
		{".config/starship.toml", testStarship},
		{".config/alacritty/alacritty.toml", "[font]\nsize = 11.0\n[font.normal]\nfamily = \"JetBrains Mono\"\n[[keyboard.bindings]]\nkey = \"N\"\nmods = \"Control|Shift\"\naction = \"SpawnNewInstance\"\n[window]\nopacity = 0.9\npadding = { x = 4, y = 4 }\n"},
	} {
		t.Run(c.target, func(t *testing.T) {
			_, back := translated(t, c.target, c.text)
			var orig, got map[string]any
			if _, err := toml.Decode(c.text, &orig); err != nil {
				t.Fatal(err)
			}
			if _, err := toml.Decode(string(back), &got); err != nil {
				t.Fatalf("rendered back: %v\n%s", err, back)
			}
			if !reflect.DeepEqual(normal(orig), normal(got)) {
				t.Errorf("data differs:\noriginal %v\nrendered back %v\n%s", orig, got, back)
			}
		})
	}
}

// normal turns []map[string]any into []any, so that an array of tables
// compares equal to an inline array of tables.
func normal(v any) any {
	switch v := v.(type) {
	case []map[string]any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normal(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normal(x)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			out[k] = normal(x)
		}
		return out
	}
	return v
}

// TestSSHRoundTrip asks ssh -G for the settings of each host from the
// original and the rendered-back file.
func TestSSHRoundTrip(t *testing.T) {
	ssh := oracle.Require(t, "ssh", "openssh-client")
	text := testSSHConfig + "\nHost build\n  HostName 10.0.0.2\n  Port 2222\n  ForwardAgent no\n  ProxyJump gh\n"
	text = strings.Replace(text, "Host *", "Host zz", 1) + "\nHost *\n  Compression yes\n"
	_, back := translated(t, ".ssh/config", text)
	orig, got := writeTemp(t, "orig", []byte(text)), writeTemp(t, "back", back)
	for _, host := range []string{"gh", "build", "zz", "other.example.org"} {
		g := func(file string) string {
			out, errOut, err := oracle.Run(t, "", ssh, "-G", "-F", file, host)
			if err != nil {
				t.Fatalf("ssh -G %s: %v\n%s", host, err, errOut)
			}
			return out
		}
		if a, b := g(orig), g(got); a != b {
			t.Errorf("ssh -G %s differs:\noriginal:\n%s\nrendered back:\n%s\nfile:\n%s", host, a, b, back)
		}
	}
}

// TestAliasRoundTrip has each shell define the aliases from the original
// alias lines and from the rc file rendered back, and compares the shell's
// own listing of them.
func TestAliasRoundTrip(t *testing.T) {
	for _, c := range []struct{ shell, rc, list string }{
		{"bash", ".bashrc", "alias -p"},
		{"zsh", ".zshrc", "alias -L"},
	} {
		t.Run(c.shell, func(t *testing.T) {
			sh := oracle.Require(t, c.shell, c.shell)
			fsys := fstest.MapFS{
				"var/lib/pacman/local/ALPM_DB_VERSION": file("9\n"),
				"etc/passwd":                           file("alice:x:1000:1000::/home/alice:/bin/" + c.shell + "\n"),
				"home/alice/" + c.rc:                   file(testBashrc),
			}
			sys, err := ImportFS(fsys, nil, "/")
			if err != nil {
				t.Fatal(err)
			}
			// Only the aliases are rendered back, by programs.SHELL as
			// home.nix turns it on.
			sys.Dotfiles = nil
			sys.Programs = append(sys.Programs, model.Program{Name: "programs." + c.shell, Enabled: true, Owner: model.UserOwner("alice")})
			res, err := dotfiles.Render(sys, dotfiles.LayoutStow)
			if err != nil {
				t.Fatal(err)
			}
			var back []byte
			for _, f := range res.Files {
				if strings.HasSuffix(f.Path, "/"+c.rc) {
					back = f.Content
				}
			}
			var lines []string
			for _, a := range sys.Aliases {
				lines = append(lines, strings.Split(testBashrc, "\n")[a.Origin.Line-1])
			}
			norc := "--norc"
			if c.shell == "zsh" {
				norc = "--no-rcs"
			}
			aliases := func(file string) string {
				t.Setenv("HOME", t.TempDir())
				out, errOut, err := oracle.Run(t, "", sh, norc, "-i", "-c", `source "$0" >/dev/null 2>&1; `+c.list, file)
				if err != nil {
					t.Fatalf("%s: %v\n%s", c.shell, err, errOut)
				}
				return out
			}
			orig := aliases(writeTemp(t, "orig", []byte(strings.Join(lines, "\n")+"\n")))
			got := aliases(writeTemp(t, "back", back))
			if orig == "" || orig != got || len(sys.Aliases) != 3 {
				t.Errorf("%s differs:\noriginal:\n%s\nrendered back:\n%s\nfile:\n%s", c.list, orig, got, back)
			}
		})
	}
}

// TestKittyRoundTrip reads the original and the rendered-back kitty.conf
// with the importer's own reader and compares what kitty would see.
func TestKittyRoundTrip(t *testing.T) {
	t.Parallel()
	text := "# theme\nfont_family  JetBrains Mono\nfont_size 11.5\nenable_audio_bell no\n\tbackground_opacity 0.9\nmap ctrl+shift+t new_tab_with_cwd\nmap kitty_mod+enter launch --cwd=current\n"
	p, back := translated(t, ".config/kitty/kitty.conf", text)
	got, why := kittySettings(string(back))
	if why != "" || !reflect.DeepEqual(got, p.Settings) {
		t.Errorf("rendered back: %v (%s)\nwant %v\n%s", got, why, p.Settings, back)
	}
	for _, keep := range []string{"include theme.conf\n", "font_size 1\nfont_size 2\n", "map --when-focus-on x a b\n", "env A=1\n", "map a b\nmap a c\n"} {
		if s, why := kittySettings(keep); s != nil || why == "" {
			t.Errorf("kittySettings(%q) = %v; want the file kept", keep, s)
		}
	}
}
