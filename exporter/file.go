package exporter

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// File is one file a renderer produces, held in memory until a Writer
// writes it.
type File struct {
	// Path is slash-separated and relative to the output folder: clean, not
	// absolute, without "." or ".." parts.
	Path string
	// Mode holds the permission bits. Zero means DefaultFileMode; use
	// ExecutableMode for scripts. fs.ModeSymlink makes the file a symbolic
	// link (LinkMode); its permission bits are ignored.
	Mode fs.FileMode
	// Content is the file's bytes, or a link's target: a relative path
	// that stays inside the output folder.
	Content []byte
}

// LinkMode is the mode of a File that is a symbolic link.
const LinkMode = fs.ModeSymlink | fs.ModePerm

// IsLink reports whether f is a symbolic link.
func (f File) IsLink() bool { return f.Mode&fs.ModeSymlink != 0 }

// DefaultFileMode is the mode of a File whose Mode is zero.
const DefaultFileMode fs.FileMode = 0o644

// ExecutableMode is the mode for executable files.
const ExecutableMode fs.FileMode = 0o755

// DirMode is the mode of every folder a Writer creates.
const DirMode fs.FileMode = 0o755

// ErrInvalidTree is wrapped by errors about the files handed to a Writer:
// a path that is absolute, unclean, climbs out with "..", appears twice, is
// both a file and a folder, or a mode with more than permission bits.
var ErrInvalidTree = errors.New("invalid file tree")

// checkTree validates files and returns a copy sorted by path with default
// modes filled in. It looks only at the list, never at the file system, so
// that every Writer rejects the same trees.
func checkTree(files []File) ([]File, error) {
	out := make([]File, len(files))
	seen := make(map[string]bool, len(files))
	for i, f := range files {
		if err := checkPath(f.Path); err != nil {
			return nil, err
		}
		if seen[f.Path] {
			return nil, fmt.Errorf("%w: %q appears twice", ErrInvalidTree, f.Path)
		}
		seen[f.Path] = true
		switch {
		case f.IsLink():
			if f.Mode&^LinkMode != 0 {
				return nil, fmt.Errorf("%w: %q has mode %v, want a link or permission bits only", ErrInvalidTree, f.Path, f.Mode)
			}
			if err := checkLink(f); err != nil {
				return nil, err
			}
			f.Mode = LinkMode
		case f.Mode&^fs.ModePerm != 0:
			return nil, fmt.Errorf("%w: %q has mode %v, want permission bits only", ErrInvalidTree, f.Path, f.Mode)
		case f.Mode == 0:
			f.Mode = DefaultFileMode
		}
		out[i] = f
	}
	// A file whose path is a folder of another file's path cannot exist.
	for p := range seen {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if seen[d] {
				return nil, fmt.Errorf("%w: %q is a file but %q needs it to be a folder", ErrInvalidTree, d, p)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// checkLink refuses a link whose target is absolute or leaves the output
// folder: the tree must mean the same wherever it is copied.
func checkLink(f File) error {
	target := string(f.Content)
	switch {
	case target == "" || strings.ContainsRune(target, 0):
		return fmt.Errorf("%w: link %q has an empty or NUL target", ErrInvalidTree, f.Path)
	case path.IsAbs(target):
		return fmt.Errorf("%w: link %q points to the absolute path %q", ErrInvalidTree, f.Path, target)
	}
	if to := path.Join(path.Dir(f.Path), target); to == "." || to == ".." || strings.HasPrefix(to, "../") {
		return fmt.Errorf("%w: link %q points to %q, outside the output folder", ErrInvalidTree, f.Path, target)
	}
	return nil
}

func checkPath(p string) error {
	switch {
	case p == "":
		return fmt.Errorf("%w: empty path", ErrInvalidTree)
	case strings.ContainsRune(p, 0):
		return fmt.Errorf("%w: %q contains a NUL byte", ErrInvalidTree, p)
	case strings.Contains(p, `\`):
		// On Linux a backslash is a plain character, but a renderer that
		// produces one almost certainly meant a separator.
		return fmt.Errorf("%w: %q contains a backslash; use slashes", ErrInvalidTree, p)
	case path.IsAbs(p):
		return fmt.Errorf("%w: %q is absolute", ErrInvalidTree, p)
	}
	for _, part := range strings.Split(p, "/") {
		if part == ".." {
			return fmt.Errorf("%w: %q leaves the output folder", ErrInvalidTree, p)
		}
	}
	if path.Clean(p) != p || p == "." {
		return fmt.Errorf("%w: %q is not a clean relative path", ErrInvalidTree, p)
	}
	return nil
}

// treeDirs returns every folder the files need below the output folder,
// parents before children.
func treeDirs(files []File) []string {
	set := map[string]bool{}
	for _, f := range files {
		for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
			set[d] = true
		}
	}
	dirs := make([]string, 0, len(set))
	for d := range set {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs) // "a" sorts before "a/b"
	return dirs
}
