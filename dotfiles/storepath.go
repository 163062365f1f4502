package dotfiles

import (
	"regexp"
	"strings"

	"github.com/nixarch/nixarch/model"
)

// storePath matches a Nix store path and what follows it inside the same
// word: /nix/store/HASH-NAME/bin/git.
var storePath = regexp.MustCompile(`/nix/store/[0-9a-df-np-sv-z]{32}-[^/\s'"` + "`" + `;:,)]+((?:/[^\s'"` + "`" + `;:,)]*)?)`)

// pkgsPath matches an unevaluated package reference left in a string:
// ${pkgs.git}/bin/git, ${lib.getExe pkgs.delta}.
var pkgsPath = regexp.MustCompile(`\$\{(?:pkgs\.([A-Za-z0-9_.+-]+)|(?:lib\.)?getExe'? pkgs\.([A-Za-z0-9_.+-]+)(?: "([^"]+)")?)\}((?:/[^\s'"` + "`" + `;:,)]*)?)`)

// profilePath matches the NixOS and home-manager profile folders whose
// bin, share and lib are /usr/… on Arch.
var profilePath = regexp.MustCompile(`(?:/run/current-system/sw|/etc/profiles/per-user/[^/\s]+|(?:~|\$HOME|\$\{HOME\})/\.nix-profile|/nix/var/nix/profiles/default)(/(?:bin|share|lib)/[^\s'"` + "`" + `;:,)]*)`)

// archPaths rewrites Nix store and profile paths in s to the Arch path
// where that is obvious (bin, share and lib go to /usr), and reports the
// rest as findings at origin. at names the option for messages.
func (r *renderer) archPaths(s, at string, origin model.Origin) string {
	if !strings.Contains(s, "nix") && !strings.Contains(s, "${") && !strings.Contains(s, "/etc/profiles") && !strings.Contains(s, "/run/current-system") {
		return s
	}
	s = storePath.ReplaceAllStringFunc(s, func(m string) string {
		rest := storePath.FindStringSubmatch(m)[1]
		if p, ok := usrPath(rest); ok {
			r.info(origin, "%s: Nix store path %s written as %s", at, m, p)
			return p
		}
		r.warn(origin, "%s: Nix store path %s has no obvious Arch path; left as is, fix it by hand", at, m)
		return m
	})
	s = pkgsPath.ReplaceAllStringFunc(s, func(m string) string {
		sub := pkgsPath.FindStringSubmatch(m)
		pkg, exe, rest := sub[1], sub[2], sub[4]
		if exe != "" {
			name := exe
			if sub[3] != "" {
				name = sub[3]
			}
			if i := strings.LastIndexByte(name, '.'); i >= 0 && sub[3] == "" {
				name = name[i+1:]
			}
			p := "/usr/bin/" + name + rest
			r.info(origin, "%s: %s guessed as %s", at, m, p)
			return p
		}
		if p, ok := usrPath(rest); ok {
			r.info(origin, "%s: %s written as %s", at, m, p)
			return p
		}
		r.warn(origin, "%s: package reference %s has no obvious Arch path (pkgs.%s); left as is, fix it by hand", at, m, pkg)
		return m
	})
	s = profilePath.ReplaceAllStringFunc(s, func(m string) string {
		p := "/usr" + profilePath.FindStringSubmatch(m)[1]
		r.info(origin, "%s: profile path %s written as %s", at, m, p)
		return p
	})
	return s
}

// usrPath maps the part of a store path after the package folder to /usr.
func usrPath(rest string) (string, bool) {
	for _, dir := range []string{"/bin/", "/share/", "/lib/"} {
		if strings.HasPrefix(rest, dir) && len(rest) > len(dir) {
			return "/usr" + rest, true
		}
	}
	return "", false
}
