package dotfiles

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/nixarch/nixarch/model"
)

// stowFiles arranges files as GNU stow packages, PKG/TARGET, with an
// install.sh and a README.md at the root.
func stowFiles(files []homeFile, pkgs []PackageInfo, findings []model.Finding) []File {
	var out []File
	needIgnore := map[string]bool{}
	for _, f := range files {
		out = append(out, File{Path: f.pkg + "/" + f.target, Mode: f.mode, Content: f.content})
		if stowIgnores(f.target) {
			needIgnore[f.pkg] = true
		}
	}
	// stow leaves out files such as .gitignore and README.* unless the
	// package has an ignore list of its own; this one ignores only itself.
	for _, p := range pkgs {
		if needIgnore[p.Name] {
			out = append(out, File{Path: p.Name + "/.stow-local-ignore", Mode: 0o644, Content: []byte(`^/\.stow-local-ignore$` + "\n")})
		}
	}
	out = append(out,
		File{Path: "install.sh", Mode: 0o755, Content: installScript(pkgs)},
		File{Path: "README.md", Mode: 0o644, Content: readme(LayoutStow, pkgs, findings)})
	return out
}

// installScript links every package into $HOME. --no-folding makes stow
// link single files, so programs that write next to their config (fish,
// gh, …) do not write into this repository.
func installScript(pkgs []PackageInfo) []byte {
	var names []string
	for _, p := range pkgs {
		names = append(names, p.Name)
	}
	var b strings.Builder
	b.WriteString(`#!/usr/bin/env bash
# Links the packages of this dotfiles repository into $HOME with GNU stow.
# Usage: ./install.sh [PACKAGE...]   (default: every package)
# Add -n to the stow line to see what it would do first.
set -euo pipefail

cd -- "$(dirname -- "${BASH_SOURCE[0]}")"

if ! command -v stow >/dev/null 2>&1; then
	echo "install.sh: GNU stow is missing; install it with: sudo pacman -S stow" >&2
	exit 1
fi

`)
	fmt.Fprintf(&b, "packages=(%s)\n", strings.Join(names, " "))
	b.WriteString(`if [ "$#" -gt 0 ]; then
	packages=("$@")
fi

stow --no-folding -t "$HOME" "${packages[@]}"
`)
	return []byte(b.String())
}

// readme lists what each package holds and where it came from, then the
// findings.
func readme(layout Layout, pkgs []PackageInfo, findings []model.Finding) []byte {
	var b strings.Builder
	b.WriteString("# Dotfiles\n\nRendered by nixarch from a home-manager configuration.\n\n")
	switch layout {
	case LayoutStow:
		b.WriteString("Each folder is a GNU stow package. `./install.sh` links them all into `$HOME`\n" +
			"(`stow --no-folding -t \"$HOME\" PACKAGE...`); `./install.sh git zsh` links only those.\n\n")
	case LayoutChezmoi:
		b.WriteString("This folder is a chezmoi source folder: `chezmoi init --apply --source .`\n" +
			"(or `chezmoi apply --source .`) puts the files in `$HOME`.\n\n")
	}
	b.WriteString("| package | files in `$HOME` | rendered from |\n| --- | --- | --- |\n")
	for _, p := range pkgs {
		var targets, sources []string
		for _, t := range p.Targets {
			targets = append(targets, "`~/"+mdEscape(t)+"`")
		}
		for _, s := range p.Sources {
			src := "`" + s.What + "`"
			if !s.Origin.IsZero() {
				src += " (" + mdEscape(s.Origin.String()) + ")"
			}
			sources = append(sources, src)
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", p.Name, strings.Join(targets, "<br>"), strings.Join(sources, "<br>"))
	}
	if len(findings) > 0 {
		b.WriteString("\n## Findings\n\nWhat was not rendered, what was guessed and what to do by hand:\n\n")
		for _, f := range findings {
			where := ""
			if !f.Origin.IsZero() {
				where = " " + mdEscape(f.Origin.String()) + ":"
			}
			fmt.Fprintf(&b, "- **%s**%s %s\n", f.Severity, where, mdEscape(f.Message))
		}
	}
	return []byte(b.String())
}

// mdEscape keeps text from breaking a Markdown table or list.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "`", "'", "<", "&lt;").Replace(s)
}

// stowDefaultIgnore is GNU stow's built-in ignore list, applied to each
// part of a path, and stowTopIgnore the part applied at a package's top.
var (
	stowDefaultIgnore = regexp.MustCompile(`^(RCS|.+,v|CVS|\.\#.+|\.cvsignore|\.svn|_darcs|\.hg|\.git|\.gitignore|\.gitmodules|.+~|\#.*\#)$`)
	stowTopIgnore     = regexp.MustCompile(`^(README.*|LICENSE.*|COPYING)$`)
)

// stowIgnores reports whether stow's default ignore list would leave
// target out.
func stowIgnores(target string) bool {
	parts := strings.Split(target, "/")
	if stowTopIgnore.MatchString(parts[0]) {
		return true
	}
	for _, p := range parts {
		if stowDefaultIgnore.MatchString(p) {
			return true
		}
	}
	return false
}
