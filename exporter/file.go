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
	// ExecutableMode for scripts.
	Mode fs.FileMode
	// Content is the file's bytes.
	Content []byte
}

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
		if f.Mode&^fs.ModePerm != 0 {
			return nil, fmt.Errorf("%w: %q has mode %v, want permission bits only", ErrInvalidTree, f.Path, f.Mode)
		}
		if f.Mode == 0 {
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
