package arch

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nixarch/nixarch/dotfiles"
	"github.com/nixarch/nixarch/model"
)

// dotfileTranslations are the translators fuzzed below, by target.
var dotfileTranslations = map[string]func(string) (model.Settings, string){
	".gitconfig":                       gitSettings,
	".ssh/config":                      sshSettings,
	".config/kitty/kitty.conf":         kittySettings,
	".config/starship.toml":            tomlSettings,
	".config/alacritty/alacritty.toml": tomlSettings,
}

// FuzzDotfileTranslations checks that no input makes a translator panic,
// that every translation is a valid model, and that it is a fixed point:
// the file dotfiles.Render writes back from it translates to the same
// settings.
func FuzzDotfileTranslations(f *testing.F) {
	for _, seed := range []struct{ target, text string }{
		{".gitconfig", testGitconfig},
		{".gitconfig", "[alias]\n\tsay = \"!echo \\\"hi\\\" ; true\"\n[diff \"Tool\"]\n\tcmd = a\n"},
		{".ssh/config", testSSHConfig},
		{".config/kitty/kitty.conf", "font_size 11\nmap ctrl+t new_tab\n"},
		{".config/starship.toml", testStarship},
		{".config/alacritty/alacritty.toml", "[font]\nsize = 11.0\n"},
	} {
		f.Add(seed.target, seed.text)
	}
	f.Fuzz(func(t *testing.T, target, text string) {
		translate, ok := dotfileTranslations[target]
		// The reader refuses files that are not UTF-8 text before translating.
		if !ok || len(text) > 1<<12 || !utf8.ValidString(text) || strings.IndexByte(text, 0) >= 0 {
			return
		}
		settings, _ := translate(text)
		if settings == nil {
			return
		}
		program := programOf(target)
		sys := model.New(model.Source{Kind: model.SourceArch})
		sys.Programs = []model.Program{{Name: program, Enabled: true, Settings: settings, Owner: model.UserOwner("a")}}
		if err := sys.Validate(); err != nil {
			t.Fatalf("%s: the translation does not validate: %v\n%q", target, err, text)
		}
		res, err := dotfiles.Render(sys, dotfiles.LayoutStow)
		if err != nil {
			t.Fatal(err)
		}
		want := target
		if target == ".gitconfig" {
			want = ".config/git/config"
		}
		for _, file := range res.Files {
			if strings.HasSuffix(file.Path, "/"+want) {
				again, why := translate(string(file.Content))
				if !reflect.DeepEqual(again, settings) {
					t.Fatalf("%s: rendered back, it translates to\n%v (%s)\nnot\n%v\ninput %q\nrendered:\n%s", target, again, why, settings, text, file.Content)
				}
				return
			}
		}
		t.Fatalf("%s: nothing rendered back from %v", target, settings)
	})
}
