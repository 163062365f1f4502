package nixos

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// EscapeError is the error of reading a file of the configuration that
// is a symbolic link (or lies under one) leading out of the
// configuration's folder. Nothing outside that folder is read.
type EscapeError struct {
	Name   string // the file, relative to the configuration's folder
	Target string // where the link leads
	Err    error  // the error of os.Root
}

func (e *EscapeError) Error() string {
	return fmt.Sprintf("%s points outside the configuration (%s)", e.Name, e.Target)
}

func (e *EscapeError) Unwrap() error { return e.Err }

// configFS is the configuration's folder as a file system that cannot
// read outside it: os.Root refuses symbolic links that lead out, and
// configFS says where such a link leads.
type configFS struct {
	root *os.Root
	fsys fs.FS
	dir  string // the folder, as an absolute OS path
}

// openConfig opens dir, an absolute path, as the root of what an import
// may read.
func openConfig(dir string) (*configFS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &configFS{root: root, fsys: root.FS(), dir: dir}, nil
}

func (c *configFS) Close() error { return c.root.Close() }

func (c *configFS) Open(name string) (fs.File, error) {
	f, err := c.fsys.Open(name)
	if err != nil {
		return nil, c.explain(name, err)
	}
	return f, nil
}

func (c *configFS) Stat(name string) (fs.FileInfo, error) {
	st, err := fs.Stat(c.fsys, name)
	if err != nil {
		return nil, c.explain(name, err)
	}
	return st, nil
}

func (c *configFS) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(c.fsys, name)
	if err != nil {
		return nil, c.explain(name, err)
	}
	return data, nil
}

// explain turns the error of reading name into an *EscapeError when name
// resolves to a place outside the folder. Only the link is resolved;
// what it leads to is never opened.
func (c *configFS) explain(name string, err error) error {
	if target, ok := c.outside(name); ok {
		return &EscapeError{Name: name, Target: target, Err: err}
	}
	return err
}

// outside returns where name leads when that is outside the folder.
func (c *configFS) outside(name string) (string, bool) {
	if !fs.ValidPath(name) {
		return "", false
	}
	dir, err := filepath.EvalSymlinks(c.dir)
	if err != nil {
		return "", false
	}
	p := filepath.Join(c.dir, filepath.FromSlash(name))
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		// a dangling link: where it says it leads
		t, lerr := os.Readlink(p)
		if lerr != nil {
			return "", false
		}
		if !filepath.IsAbs(t) {
			t = filepath.Join(filepath.Dir(p), t)
		}
		target = filepath.Clean(t)
		dir = c.dir
	}
	if target == dir || strings.HasPrefix(target, dir+string(filepath.Separator)) {
		return "", false
	}
	return target, true
}
