package upstream

import (
	"reflect"
	"testing"
)

func TestNormalizeHomepage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.neovim.io", "neovim.io"},
		{"https://neovim.io/", "neovim.io"},
		{"http://Play0AD.com/", "play0ad.com"},
		{"https://www.gnu.org/software/bash/", "gnu.org/software/bash"},
		{"https://example.org/docs/index.html", "example.org/docs"},
		{"https://example.org/index.html", "example.org"},
		{"https://github.com/BurntSushi/ripgrep.git", "github.com/BurntSushi/ripgrep"},
		{"https://example.org/a#section", "example.org/a"},
		{"https://example.org/?p=1", "example.org?p=1"},
		{"https://example.org/Path/Case", "example.org/Path/Case"},
		{"https://invisible-island.net/dialog/dialog.html", "invisible-island.net/dialog"},
		{"https://invisible-island.net/dialog/", "invisible-island.net/dialog"},
		{"https://drobilla.net/software/jalv.html", "drobilla.net/software/jalv"},
		{"https://example.org/docs/other.html", "example.org/docs/other"},
		{"https://example.org/dialog.html", "example.org/dialog"},
		{"https://github.com/neovim/neovim", "github.com/neovim/neovim"},
		{"https://example.org/a/a/", "example.org/a/a"},
		{"ftp://ftp.example.org/pub/", "ftp.example.org/pub"},
		{"", ""},
		{"not a url", ""},
		{"mailto:someone@example.org", ""},
		{"https://example.org/${pname}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := NormalizeHomepage(tt.in); got != tt.want {
				t.Errorf("NormalizeHomepage(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHomepage(t *testing.T) {
	tests := []struct {
		in   string
		want []Key
	}{
		{"https://github.com/BurntSushi/ripgrep", []Key{"home:github.com/BurntSushi/ripgrep", "repo:github.com/burntsushi/ripgrep"}},
		{"https://github.com/neovim", []Key{"home:github.com/neovim"}}, // an owner, not a repository
		{"https://github.com/", []Key{"home:github.com"}},
		{"https://github.com/sponsors/someone", []Key{"home:github.com/sponsors/someone"}},
		{"https://gitlab.freedesktop.org/xorg/lib/libxcb", []Key{"home:gitlab.freedesktop.org/xorg/lib/libxcb", "repo:gitlab.freedesktop.org/xorg/lib/libxcb"}},
		{"https://invent.kde.org/utilities/kate", []Key{"home:invent.kde.org/utilities/kate", "repo:invent.kde.org/utilities/kate"}},
		{"https://sr.ht/~emersion/hut", []Key{"home:sr.ht/~emersion/hut", "repo:git.sr.ht/~emersion/hut"}},
		{"https://codeberg.org/dnkl/foot", []Key{"home:codeberg.org/dnkl/foot", "repo:codeberg.org/dnkl/foot"}},
		{"https://pypi.org/project/Requests/", []Key{"home:pypi.org/project/Requests", "pypi:requests"}},
		{"https://crates.io/crates/ripgrep", []Key{"home:crates.io/crates/ripgrep", "crates:ripgrep"}},
		{"https://metacpan.org/release/Moose", []Key{"home:metacpan.org/release/Moose", "cpan:moose"}},
		{"https://hackage.haskell.org/package/aeson", []Key{"home:hackage.haskell.org/package/aeson", "hackage:aeson"}},
		{"https://www.npmjs.com/package/@scope/pkg", []Key{"home:npmjs.com/package/@scope/pkg", "npm:@scope/pkg"}},
		{"https://rubygems.org/gems/rake", []Key{"home:rubygems.org/gems/rake", "gem:rake"}},
		{"https://www.gnu.org/software/bash/bash.html", []Key{"home:gnu.org/software/bash", "gnu:bash"}},
		{"https://www.gnu.org/software/", []Key{"home:gnu.org/software"}}, // the index, no project
		{"https://savannah.nongnu.org/projects/enigma", []Key{"home:savannah.nongnu.org/projects/enigma", "savannah:enigma"}},
		{"https://sourceforge.net/projects/infozip/", []Key{"home:sourceforge.net/projects/infozip", "sf:infozip"}},
		{"https://infozip.sourceforge.net/UnZip.html", []Key{"home:infozip.sourceforge.net/UnZip", "sf:infozip"}},
		{"https://sourceforge.net/", []Key{"home:sourceforge.net"}},
		{"https://launchpad.net/bzr", []Key{"home:launchpad.net/bzr", "launchpad:bzr"}},
		{"https://foo.github.io/bar", []Key{"home:foo.github.io/bar"}}, // not trusted as github.com/foo/bar
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Homepage(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Homepage(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSource(t *testing.T) {
	tests := []struct {
		in   string
		want []Key
	}{
		{"https://github.com/neovim/neovim.git", []Key{"repo:github.com/neovim/neovim"}},
		{"https://github.com/BurntSushi/ripgrep/archive/14.1.0.tar.gz", []Key{"repo:github.com/burntsushi/ripgrep"}},
		{"git+https://github.com/util-linux/util-linux#tag=v2.40?signed", []Key{"repo:github.com/util-linux/util-linux"}},
		{"foo::git+https://codeberg.org/o/r.git", []Key{"repo:codeberg.org/o/r"}},
		{"https://codeload.github.com/o/r/tar.gz/v1", []Key{"repo:github.com/o/r"}},
		{"https://gitlab.gnome.org/GNOME/gtk/-/archive/4.0/gtk-4.0.tar.gz", []Key{"repo:gitlab.gnome.org/gnome/gtk"}},
		{"https://gitlab.com/group/sub/proj/repository/archive.tar.gz", []Key{"repo:gitlab.com/group/sub/proj"}},
		{"https://git.sr.ht/~sircmpwn/scdoc/archive/1.11.tar.gz", []Key{"repo:git.sr.ht/~sircmpwn/scdoc"}},
		{"https://raw.githubusercontent.com/archlinux/svntogit-packages/x/trunk/archlinux.vim", nil},
		{"pypi:Foo_Bar", []Key{"pypi:foo-bar"}},
		{"crates:Ripgrep", []Key{"crates:ripgrep"}},
		{"https://files.pythonhosted.org/packages/source/r/requests/requests-2.32.3.tar.gz", []Key{"pypi:requests"}},
		{"https://pypi.io/packages/source/P/PyYAML/PyYAML-6.0.tar.gz", []Key{"pypi:pyyaml"}},
		{"https://static.crates.io/crates/diskus/diskus-0.7.0.crate", []Key{"crates:diskus"}},
		{"mirror://cpan/authors/id/S/SC/SCHWIGON/class-methodmaker/Class-MethodMaker-2.24.tar.gz", []Key{"cpan:class-methodmaker"}},
		{"https://cpan.metacpan.org/authors/id/E/ET/ETHER/Moose-2.2207.tar.gz", []Key{"cpan:moose"}},
		{"https://hackage.haskell.org/package/aeson-2.2.1.0/aeson-2.2.1.0.tar.gz", []Key{"hackage:aeson"}},
		{"https://registry.npmjs.org/semver/-/semver-7.6.3.tgz", []Key{"npm:semver"}},
		{"https://rubygems.org/downloads/rake-13.2.1.gem", []Key{"gem:rake"}},
		{"mirror://gnu/bash/bash-5.2.tar.gz", []Key{"gnu:bash"}},
		{"https://ftp.gnu.org/gnu/bash/bash-5.2.tar.gz", []Key{"gnu:bash"}},
		{"https://ftpmirror.gnu.org/bash/bash-5.2.tar.gz", []Key{"gnu:bash"}},
		{"mirror://savannah/acl/acl-2.3.2.tar.gz", []Key{"savannah:acl"}},
		{"https://download.savannah.gnu.org/releases/acl/acl-2.3.2.tar.gz", []Key{"savannah:acl"}},
		{"mirror://sourceforge/infozip/unzip60.tar.gz", []Key{"sf:infozip"}},
		{"https://downloads.sourceforge.net/project/infozip/unzip60.tar.gz", []Key{"sf:infozip"}},
		{"https://downloads.sourceforge.net/sourceforge/libpng/libpng-1.6.tar.xz", []Key{"sf:libpng"}},
		// Release tarballs: mirror expansion, mirror hosts folded, versions starred.
		{"mirror://mozilla/firefox/releases/132.0.2/source/firefox-132.0.2.source.tar.xz", []Key{"dl:archive.mozilla.org/pub/firefox/releases/*/source/firefox"}},
		{"https://archive.mozilla.org/pub/firefox/releases/129.0.1/source/firefox-129.0.1.source.tar.xz", []Key{"dl:archive.mozilla.org/pub/firefox/releases/*/source/firefox"}},
		{"https://ftp.mozilla.org/pub/firefox/releases/129.0/source/firefox-129.0.source.tar.xz", []Key{"dl:archive.mozilla.org/pub/firefox/releases/*/source/firefox"}},
		{"mirror://kernel/linux/utils/util-linux/v2.40/util-linux-2.40.2.tar.xz", []Key{"dl:kernel.org/pub/linux/utils/util-linux/*/util-linux"}},
		{"https://mirrors.edge.kernel.org/pub/linux/utils/util-linux/v2.39/util-linux-2.39.tar.xz", []Key{"dl:kernel.org/pub/linux/utils/util-linux/*/util-linux"}},
		{"mirror://xorg/individual/lib/libxcb-1.17.0.tar.xz", []Key{"dl:xorg.freedesktop.org/releases/individual/lib/libxcb"}},
		{"https://go.dev/dl/go1.23.0.src.tar.gz", []Key{"dl:go.dev/dl/go"}},
		{"https://boostorg.jfrog.io/artifactory/main/release/1.83.0/source/boost_1_83_0.tar.bz2", []Key{"dl:boostorg.jfrog.io/artifactory/main/release/*/source/boost"}},
		{"https://example.org/x264-snapshot.tar.gz", nil},                       // a file at the site root names no directory
		{"https://example.org/dl/1.2.tar.gz", nil},                              // only a version: a place, not a project
		{"https://example.org/dl/x264.tar.gz", []Key{"dl:example.org/dl/x264"}}, // digits without a dot stay
		{"mirror://unknownmirror/foo/foo-1.tar.gz", nil},
		// Shell expressions the PKGBUILD reader left unexpanded.
		{"https://download.kde.org/stable/plasma/$(echo/kwin-6.1.4.tar.xz", []Key{"dl:download.kde.org/stable/plasma/*/kwin"}},
		{"https://files.pythonhosted.org/packages/source/${_pkgname::1}/Foo/Foo-1.0.tar.gz", []Key{"pypi:foo"}},
		{"https://github.com/o/r/archive/${_git_tag}.tar.gz", []Key{"repo:github.com/o/r"}},
		{"https://example.org/dl/${_git_tag}.tar.gz", nil},     // the file name is unknown
		{"https://example.org/v${_rdate}/foo-1.tar.gz", nil},   // glued to text: no guess
		{"https://github.com/$(echo/r/archive/v1.tar.gz", nil}, // the project itself is unknown
		{"https://$(echo/foo/foo-1.tar.gz", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Source(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Source(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNvchecker(t *testing.T) {
	tests := []struct {
		in   string
		want []Key
	}{
		{"github:neovim/neovim", []Key{"repo:github.com/neovim/neovim"}},
		{"gitlab:dev.gajim.org/gajim/omemo-dr", []Key{"repo:dev.gajim.org/gajim/omemo-dr"}},
		{"gitlab:freetype/freetype", nil}, // no host recorded: gitlab.com would be a guess
		{"bitbucket:heldercorreia/speedcrunch", []Key{"repo:bitbucket.org/heldercorreia/speedcrunch"}},
		{"git:https://github.com/vim/vim.git", []Key{"repo:github.com/vim/vim"}},
		{"pypi:Jinja2", []Key{"pypi:jinja2"}},
		{"cratesio:diskus", []Key{"crates:diskus"}},
		{"cratesio:None", nil},
		{"cpan:Moose", []Key{"cpan:moose"}},
		{"hackage:aeson", []Key{"hackage:aeson"}},
		{"npm:semver", []Key{"npm:semver"}},
		{"gems:rake", []Key{"gem:rake"}},
		{"regex:https://example.org", nil},
		{"manual:", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Nvchecker(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Nvchecker(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestKDE(t *testing.T) {
	tests := []struct {
		src, pname string
		want       []Key
	}{
		{"kde:gear", "kate", []Key{"dl:download.kde.org/stable/release-service/*/src/kate"}},
		{"kde:frameworks", "ki18n", []Key{"dl:download.kde.org/stable/frameworks/*/ki18n"}},
		{"kde:plasma", "kwin", []Key{"dl:download.kde.org/stable/plasma/*/kwin"}},
		{"kde:misc", "foo", nil},
		{"kde:gear", "", nil},
	}
	for _, tt := range tests {
		if got := KDE(tt.src, tt.pname); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("KDE(%q, %q) = %q, want %q", tt.src, tt.pname, got, tt.want)
		}
	}
	// The Arch side of the same tarball gives the same key.
	arch := Source("https://download.kde.org/stable/release-service/24.05.2/src/kate-24.05.2.tar.xz")
	if !reflect.DeepEqual(arch, KDE("kde:gear", "kate")) {
		t.Errorf("Arch kate %q != nixpkgs kate %q", arch, KDE("kde:gear", "kate"))
	}
}

func TestKey(t *testing.T) {
	k := Key("repo:github.com/a/b")
	if k.Kind() != "repo" || k.Value() != "github.com/a/b" {
		t.Errorf("Kind, Value = %q, %q", k.Kind(), k.Value())
	}
	got := Sorted([]Key{"b:1", "a:1", "b:1"})
	if !reflect.DeepEqual(got, []Key{"a:1", "b:1"}) {
		t.Errorf("Sorted = %q", got)
	}
}

func FuzzSource(f *testing.F) {
	for _, s := range []string{"mirror://gnu/bash/bash-5.2.tar.gz", "https://github.com/a/b", "pypi:x", "git+https://x/y.git#tag=1", "https://a.b/c/d-1.2.tar.gz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, k := range append(append(Source(s), Homepage(s)...), Nvchecker(s)...) {
			if k.Kind() == "" || k.Value() == "" {
				t.Errorf("empty key part in %q from %q", k, s)
			}
		}
	})
}
