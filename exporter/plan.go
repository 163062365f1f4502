package exporter

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"syscall"
)

// Writer writes a tree of files into an output folder. Implementations
// check the whole tree and the output folder before writing anything.
type Writer interface {
	// WriteTree writes files below dir. dir is a path in the operating
	// system's form; each File.Path is relative to it.
	WriteTree(dir string, files []File) error
}

// Options controls how a Writer treats an existing output folder.
type Options struct {
	// Force allows writing into a folder that exists and is not empty,
	// replacing files of the same name and leaving all others alone.
	Force bool
}

// ErrNotEmpty means the output folder exists and holds files while
// Options.Force is not set. The error names the folder; the CLI tells the
// user about --force.
var ErrNotEmpty = errors.New("folder exists and is not empty")

// ErrSymlink means a symbolic link stands where the tree would write, at
// the output folder itself or at a path inside it. Writers never follow
// one, so output cannot escape the folder.
var ErrSymlink = errors.New("refusing to write through a symbolic link")

// ErrConflict means something already in the output folder is in the way:
// a file where the tree needs a folder, or a folder or special file where it
// needs a regular file.
var ErrConflict = errors.New("existing path is in the way")

// plan is what a Writer is about to do, worked out from the tree and a
// read-only look at the file system. The real writer carries it out; the
// dry-run writer prints it.
type plan struct {
	dir   string // as given, cleaned: for messages
	abs   string // absolute: for staging beside it and renaming
	files []File // sorted, modes filled in

	// fresh means dir is missing or empty: the tree is staged beside dir
	// and renamed into place in one step.
	fresh bool
	// dirExists is true when fresh and dir is an empty folder.
	dirExists bool
	// parents are the missing ancestors of dir, outermost first.
	parents []string

	// newDirs are the folders below dir to create, parents first.
	// For a fresh plan that is every folder of the tree.
	newDirs []string
	// replace marks files (by path) that exist and will be replaced.
	replace map[string]bool
}

func makePlan(dir string, files []File, opts Options) (*plan, error) {
	if dir == "" {
		return nil, errors.New("no output folder given")
	}
	files, err := checkTree(files)
	if err != nil {
		return nil, err
	}
	p := &plan{dir: filepath.Clean(dir), files: files, replace: map[string]bool{}}
	// "." and "x/.." have no name to stage beside; their absolute form has.
	if p.abs, err = filepath.Abs(p.dir); err != nil {
		return nil, fmt.Errorf("output folder %s: %w", p.dir, err)
	}

	info, err := os.Lstat(p.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		// missingParents reports a file among the parents as ErrConflict.
		p.fresh = true
		p.parents, err = missingParents(p.dir)
		if err != nil {
			return nil, err
		}
		p.newDirs = treeDirs(files)
		return p, nil
	case err != nil:
		return nil, fmt.Errorf("output folder %s: %w", p.dir, err)
	case info.Mode()&fs.ModeSymlink != 0:
		return nil, fmt.Errorf("output folder %s: %w", p.dir, ErrSymlink)
	case !info.IsDir():
		return nil, fmt.Errorf("output folder %s: %w: it is not a folder", p.dir, ErrConflict)
	}

	empty, err := isEmptyDir(p.dir)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", p.dir, err)
	}
	// An empty folder is replaced by the staged one, except the working
	// folder: replacing it would leave the process in a deleted folder, so
	// it is filled like a non-empty one, whose cleanup on failure leaves it
	// empty again.
	if cwd, _ := os.Getwd(); empty && p.abs != cwd {
		p.fresh, p.dirExists = true, true
		p.newDirs = treeDirs(files)
		return p, nil
	}
	if !empty && !opts.Force {
		return nil, fmt.Errorf("output folder %s: %w", p.dir, ErrNotEmpty)
	}
	if err := p.inspectExisting(); err != nil {
		return nil, err
	}
	return p, nil
}

// inspectExisting checks every path of the tree against a non-empty output
// folder: folders that exist must be real folders, files that exist must be
// regular files, and no symbolic link may stand anywhere on the way.
func (p *plan) inspectExisting() error {
	missing := map[string]bool{}
	for _, d := range treeDirs(p.files) {
		if missing[path.Dir(d)] {
			missing[d] = true
			continue
		}
		info, err := os.Lstat(p.osPath(d))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			missing[d] = true
			p.newDirs = append(p.newDirs, d)
		case err != nil:
			return fmt.Errorf("inspect %s: %w", p.osPath(d), err)
		case info.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("%s: %w", p.osPath(d), ErrSymlink)
		case !info.IsDir():
			return fmt.Errorf("%s: %w: it is a file, but the output needs a folder there", p.osPath(d), ErrConflict)
		}
	}
	for _, f := range p.files {
		if missing[path.Dir(f.Path)] {
			continue
		}
		info, err := os.Lstat(p.osPath(f.Path))
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return fmt.Errorf("inspect %s: %w", p.osPath(f.Path), err)
		case info.Mode()&fs.ModeSymlink != 0 && f.IsLink():
			p.replace[f.Path] = true // a link of an earlier export
		case info.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("%s: %w", p.osPath(f.Path), ErrSymlink)
		case !info.Mode().IsRegular():
			return fmt.Errorf("%s: %w: it is not a regular file", p.osPath(f.Path), ErrConflict)
		default:
			p.replace[f.Path] = true
		}
	}
	return nil
}

// osPath turns a tree path into a path below the output folder.
func (p *plan) osPath(rel string) string {
	return filepath.Join(p.dir, filepath.FromSlash(rel))
}

// missingParents lists the ancestors of dir that do not exist yet,
// outermost first. The nearest existing ancestor must be a folder.
func missingParents(dir string) ([]string, error) {
	var missing []string
	for d := filepath.Dir(dir); ; d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if errors.Is(err, fs.ErrNotExist) {
			missing = append([]string{d}, missing...)
			if filepath.Dir(d) == d {
				return nil, fmt.Errorf("output folder %s: no existing ancestor", dir)
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("output folder %s: %w", dir, err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("output folder %s: %w: %s is not a folder", dir, ErrConflict, d)
		}
		return missing, nil
	}
}

func isEmptyDir(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if errors.Is(err, io.EOF) {
		return true, nil
	}
	return false, err
}
