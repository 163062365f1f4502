// Package nixpath rewrites the Nix store and profile paths that NixOS and
// home-manager settings hold into the paths Arch Linux has: a program
// under a package's bin, share or lib folder is under /usr there.
package nixpath

import (
	"regexp"
	"strings"
)

// Kind says how sure a rewrite is.
type Kind int

const (
	// Rewritten is a store or profile path whose Arch path is plain:
	// /nix/store/HASH-git/bin/git is /usr/bin/git.
	Rewritten Kind = iota
	// Guessed is a program name taken from lib.getExe: the executable is
	// usually, not always, named like the package.
	Guessed
	// Unknown is a path with no obvious Arch path; it is left as it is.
	Unknown
)

// Change is one path that Rewrite found.
type Change struct {
	From, To string // To equals From for Unknown
	Kind     Kind
	// What is "Nix store path", "package reference" or "profile path".
	What string
	// Package is the nixpkgs attribute of a package reference.
	Package string
}

// storePath matches a Nix store path and what follows it inside the same
// word: /nix/store/HASH-NAME/bin/git.
var storePath = regexp.MustCompile(`/nix/store/[0-9a-df-np-sv-z]{32}-[^/\s'"` + "`" + `;:,)]+((?:/[^\s'"` + "`" + `;:,)]*)?)`)

// pkgsPath matches an unevaluated package reference left in a string:
// ${pkgs.git}/bin/git, ${lib.getExe pkgs.delta}.
var pkgsPath = regexp.MustCompile(`\$\{(?:pkgs\.([A-Za-z0-9_.+-]+)|(?:lib\.)?getExe'? pkgs\.([A-Za-z0-9_.+-]+)(?: "([^"]+)")?)\}((?:/[^\s'"` + "`" + `;:,)]*)?)`)

// profilePath matches the NixOS and home-manager profile folders whose
// bin, share and lib are /usr/… on Arch.
var profilePath = regexp.MustCompile(`(?:/run/current-system/sw|/etc/profiles/per-user/[^/\s]+|(?:~|\$HOME|\$\{HOME\})/\.nix-profile|/nix/var/nix/profiles/default)(/(?:bin|share|lib)/[^\s'"` + "`" + `;:,)]*)`)

// Rewrite returns s with every store path, package reference and profile
// path that has an obvious Arch path replaced by it, and what it found.
func Rewrite(s string) (string, []Change) {
	if !strings.Contains(s, "nix") && !strings.Contains(s, "${") && !strings.Contains(s, "/etc/profiles") && !strings.Contains(s, "/run/current-system") {
		return s, nil
	}
	var changes []Change
	s = storePath.ReplaceAllStringFunc(s, func(m string) string {
		rest := storePath.FindStringSubmatch(m)[1]
		if p, ok := usrPath(rest); ok {
			changes = append(changes, Change{From: m, To: p, What: "Nix store path"})
			return p
		}
		changes = append(changes, Change{From: m, To: m, Kind: Unknown, What: "Nix store path"})
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
			changes = append(changes, Change{From: m, To: p, Kind: Guessed, What: "package reference", Package: exe})
			return p
		}
		if p, ok := usrPath(rest); ok {
			changes = append(changes, Change{From: m, To: p, What: "package reference", Package: pkg})
			return p
		}
		changes = append(changes, Change{From: m, To: m, Kind: Unknown, What: "package reference", Package: pkg})
		return m
	})
	s = profilePath.ReplaceAllStringFunc(s, func(m string) string {
		p := "/usr" + profilePath.FindStringSubmatch(m)[1]
		changes = append(changes, Change{From: m, To: p, What: "profile path"})
		return p
	})
	return s, changes
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
