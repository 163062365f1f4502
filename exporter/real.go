package exporter

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"syscall"
)

// NewRealWriter returns the Writer that writes to disk. A missing or empty
// output folder is built in a hidden staging folder beside it and renamed
// into place; with opts.Force a non-empty folder gets every file staged as
// a temporary file next to its target before the first rename. Files get
// their Mode, folders DirMode, whatever the umask, and every file is synced
// before it is renamed.
func NewRealWriter(opts Options) Writer {
	return &realWriter{opts: opts}
}

type realWriter struct {
	opts Options
	// fail, when set by tests, is called before each write ("write") and
	// each rename ("rename") of a file and can inject an error there.
	fail func(step, rel string) error
}

// WriteTree checks the tree and the folder, then writes atomically.
func (w *realWriter) WriteTree(dir string, files []File) error {
	p, err := makePlan(dir, files, w.opts)
	if err != nil {
		return err
	}
	if p.fresh {
		return w.writeFresh(p)
	}
	return w.writeMerge(p)
}

func (w *realWriter) hook(step, rel string) error {
	if w.fail == nil {
		return nil
	}
	return w.fail(step, rel)
}

// writeFresh builds the whole tree in a staging folder and renames it to
// p.dir, so the folder appears complete or not at all.
func (w *realWriter) writeFresh(p *plan) (err error) {
	var created []string // missing ancestors we made, to undo on failure
	defer func() {
		if err != nil {
			for i := len(created) - 1; i >= 0; i-- {
				os.Remove(created[i]) // only if still empty
			}
		}
	}()
	for _, d := range p.parents {
		if err := mkdir(d); err != nil {
			return fmt.Errorf("create %s: %w", d, err)
		}
		created = append(created, d)
	}

	parent, base := filepath.Split(p.abs)
	staging, err := os.MkdirTemp(filepath.Clean(parent), "."+base+".nixarch-")
	if err != nil {
		return fmt.Errorf("create staging folder for %s: %w", p.dir, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(staging)
		}
	}()
	if err := os.Chmod(staging, DirMode); err != nil {
		return fmt.Errorf("create staging folder for %s: %w", p.dir, err)
	}
	for _, d := range p.newDirs {
		if err := mkdir(filepath.Join(staging, filepath.FromSlash(d))); err != nil {
			return fmt.Errorf("create %s: %w", p.osPath(d), err)
		}
	}
	for _, f := range p.files {
		if err := w.hook("write", f.Path); err != nil {
			return fmt.Errorf("write %s: %w", p.osPath(f.Path), err)
		}
		name := filepath.Join(staging, filepath.FromSlash(f.Path))
		if f.IsLink() {
			if err := os.Symlink(string(f.Content), name); err != nil {
				return fmt.Errorf("write %s: %w", p.osPath(f.Path), err)
			}
			continue
		}
		out, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("write %s: %w", p.osPath(f.Path), err)
		}
		if err := fill(out, f); err != nil {
			return fmt.Errorf("write %s: %w", p.osPath(f.Path), err)
		}
	}
	for _, d := range append(p.newDirs, ".") {
		syncDir(filepath.Join(staging, filepath.FromSlash(d)))
	}
	if err := w.hook("rename", "."); err != nil {
		return fmt.Errorf("move %s into place: %w", p.dir, err)
	}
	// Renaming onto an empty folder replaces it; if something appeared in
	// it since the plan was made, the rename fails and nothing is lost.
	// os.Rename refuses an existing folder as target, rename(2) does not.
	if err := syscall.Rename(staging, p.abs); err != nil {
		return fmt.Errorf("move %s into place: %w", p.dir, &os.LinkError{Op: "rename", Old: staging, New: p.abs, Err: err})
	}
	syncDir(filepath.Dir(p.abs))
	return nil
}

// writeMerge writes into a non-empty folder: first every file as a
// temporary file beside its target, then one rename each. A failure before
// the renames removes the temporary files and the folders made for them.
func (w *realWriter) writeMerge(p *plan) (err error) {
	var created []string
	temps := map[string]string{} // tree path -> temporary file
	defer func() {
		if err != nil {
			for _, t := range temps {
				os.Remove(t)
			}
			for i := len(created) - 1; i >= 0; i-- {
				os.Remove(created[i])
			}
		}
	}()
	for _, d := range p.newDirs {
		if err := mkdir(p.osPath(d)); err != nil {
			return fmt.Errorf("create %s: %w", p.osPath(d), err)
		}
		created = append(created, p.osPath(d))
	}
	for _, f := range p.files {
		if err := w.hook("write", f.Path); err != nil {
			return fmt.Errorf("write %s: %w", p.osPath(f.Path), err)
		}
		out, err := os.CreateTemp(p.osPath(path.Dir(f.Path)), "."+path.Base(f.Path)+".nixarch-")
		if err != nil {
			return fmt.Errorf("write %s: %w", p.osPath(f.Path), err)
		}
		temps[f.Path] = out.Name()
		if f.IsLink() {
			// The temporary file reserved the name; the link takes its place.
			err = out.Close()
			if err == nil {
				err = os.Remove(out.Name())
			}
			if err == nil {
				err = os.Symlink(string(f.Content), out.Name())
			}
			if err != nil {
				return fmt.Errorf("write %s: %w", p.osPath(f.Path), err)
			}
			continue
		}
		if err := fill(out, f); err != nil {
			return fmt.Errorf("write %s: %w", p.osPath(f.Path), err)
		}
	}
	for i, f := range p.files {
		err := w.hook("rename", f.Path)
		if err == nil {
			err = os.Rename(temps[f.Path], p.osPath(f.Path))
		}
		if err != nil {
			// Files renamed so far stay: they are complete and were asked
			// for. The rest are removed by the deferred cleanup.
			for _, done := range p.files[:i] {
				delete(temps, done.Path)
			}
			return fmt.Errorf("move %s into place (%d of %d files replaced): %w", p.osPath(f.Path), i, len(p.files), err)
		}
	}
	dirs := append(treeDirs(p.files), ".")
	for _, d := range dirs {
		syncDir(p.osPath(d))
	}
	return nil
}

// fill writes f's content and mode to out, syncs and closes it.
func fill(out *os.File, f File) error {
	_, err := out.Write(f.Content)
	if err == nil {
		// Chmod rather than the open mode, so the umask cannot change it.
		err = out.Chmod(f.Mode)
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

func mkdir(dir string) error {
	if err := os.Mkdir(dir, DirMode); err != nil {
		return err
	}
	return os.Chmod(dir, DirMode)
}

// syncDir makes renames and new entries in dir durable. It is best effort:
// some file systems cannot sync a folder, and the data is already written.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	d.Close()
}
