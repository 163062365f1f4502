package exporter

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ErrExists means the file WriteFile was asked to write exists and
// Options.Force is not set. The error names the file.
var ErrExists = errors.New("file exists")

// WriteFile writes one file atomically, for outputs that are a single file
// rather than a tree, such as the model that "nixarch import -o" writes:
// the data goes to a temporary file in the same folder, is synced, and is
// renamed over name. An existing file is replaced only with opts.Force, a
// symbolic link never (ErrSymlink), and missing parent folders are created
// with DirMode and removed again if the write fails.
func WriteFile(name string, data []byte, mode fs.FileMode, opts Options) (err error) {
	if name == "" {
		return errors.New("no output file given")
	}
	if mode&^fs.ModePerm != 0 {
		return fmt.Errorf("write %s: mode %v has more than permission bits", name, mode)
	}
	if mode == 0 {
		mode = DefaultFileMode
	}
	name = filepath.Clean(name)
	info, err := os.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		// missingParents reports a file among the parents as ErrConflict.
	case err != nil:
		return fmt.Errorf("write %s: %w", name, err)
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("write %s: %w", name, ErrSymlink)
	case !info.Mode().IsRegular():
		return fmt.Errorf("write %s: %w: it is not a regular file", name, ErrConflict)
	case !opts.Force:
		return fmt.Errorf("write %s: %w", name, ErrExists)
	}

	parents, err := missingParents(name)
	if err != nil {
		return err
	}
	var created []string
	defer func() {
		if err != nil {
			for i := len(created) - 1; i >= 0; i-- {
				os.Remove(created[i])
			}
		}
	}()
	for _, d := range parents {
		if err := mkdir(d); err != nil {
			return fmt.Errorf("create %s: %w", d, err)
		}
		created = append(created, d)
	}
	out, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".nixarch-")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			os.Remove(out.Name())
		}
	}()
	if err := fill(out, File{Path: filepath.Base(name), Mode: mode, Content: data}); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(out.Name(), name); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	syncDir(filepath.Dir(name))
	return nil
}
