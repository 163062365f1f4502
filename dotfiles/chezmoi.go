package dotfiles

import (
	"io/fs"
	"strings"

	"github.com/nixarch/nixarch/model"
)

// chezmoiFiles arranges files as a chezmoi source folder. The README at
// the root is kept out of $HOME by .chezmoiignore; it is README.md unless
// the home has a ~/README.md of its own.
func chezmoiFiles(files []homeFile, pkgs []PackageInfo, findings []model.Finding) []File {
	var out []File
	readmeName := "README.md"
	for _, f := range files {
		if f.mode&fs.ModeSymlink != 0 {
			// A symlink_ file holds the link's target.
			out = append(out, File{Path: chezmoiPath(f.target, f.mode), Mode: 0o644, Content: []byte(string(f.content) + "\n")})
			continue
		}
		out = append(out, File{Path: chezmoiPath(f.target, f.mode), Mode: f.mode &^ 0o022, Content: f.content})
		if f.target == "README.md" {
			readmeName = "README.nixarch.md"
		}
	}
	out = append(out,
		File{Path: ".chezmoiignore", Mode: 0o644, Content: []byte(readmeName + "\n")},
		File{Path: readmeName, Mode: 0o644, Content: readme(LayoutChezmoi, pkgs, findings)})
	return out
}

// chezmoiPath gives the source path of target: dot_ for a leading dot,
// private_ for files only their owner may read and folders such as .ssh,
// executable_ for scripts, symlink_ for links, and literal_ for names
// chezmoi would otherwise read as attributes.
func chezmoiPath(target string, mode fs.FileMode) string {
	parts := strings.Split(target, "/")
	for i, p := range parts {
		last := i == len(parts)-1
		var prefix string
		if !last && (p == ".ssh" || p == ".gnupg") {
			prefix = "private_"
		}
		if last && mode&fs.ModeSymlink != 0 {
			prefix = "symlink_"
		} else if last {
			if mode&0o077 == 0 {
				prefix += "private_"
			}
			if mode&0o111 != 0 {
				prefix += "executable_"
			}
			if strings.HasSuffix(p, ".tmpl") || strings.HasSuffix(p, ".literal") {
				p += ".literal"
			}
		}
		name := p
		if rest, ok := strings.CutPrefix(p, "."); ok {
			name = "dot_" + rest
		} else if hasChezmoiPrefix(p) {
			name = "literal_" + p
		}
		parts[i] = prefix + name
	}
	return strings.Join(parts, "/")
}

// chezmoiPrefixes are the source-state attributes chezmoi reads from the
// start of a name.
var chezmoiPrefixes = []string{"after_", "before_", "create_", "dot_", "empty_", "encrypted_", "exact_",
	"executable_", "external_", "literal_", "modify_", "once_", "onchange_", "private_", "readonly_",
	"remove_", "run_", "symlink_"}

func hasChezmoiPrefix(name string) bool {
	for _, p := range chezmoiPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
