package exporter

import (
	"fmt"
	"path/filepath"
	"sort"
	"sync"
)

// MemWriter is a Writer that keeps trees in memory, for tests. It rejects
// the same trees as the real writer, and a second tree for the same folder
// fails with ErrNotEmpty unless Force is set, in which case the trees are
// merged as the real writer would merge them.
type MemWriter struct {
	// Force is Options.Force for this writer.
	Force bool

	mu    sync.Mutex
	trees map[string]map[string]File
}

// NewMemWriter returns an empty MemWriter.
func NewMemWriter() *MemWriter {
	return &MemWriter{trees: map[string]map[string]File{}}
}

// WriteTree records files under dir.
func (m *MemWriter) WriteTree(dir string, files []File) error {
	if dir == "" {
		return fmt.Errorf("no output folder given")
	}
	files, err := checkTree(files)
	if err != nil {
		return err
	}
	dir = filepath.Clean(dir)
	m.mu.Lock()
	defer m.mu.Unlock()
	tree := m.trees[dir]
	if len(tree) > 0 && !m.Force {
		return fmt.Errorf("output folder %s: %w", dir, ErrNotEmpty)
	}
	merged := map[string]File{}
	for p, f := range tree {
		merged[p] = f
	}
	for _, f := range files {
		f.Content = append([]byte(nil), f.Content...)
		merged[f.Path] = f
	}
	all := make([]File, 0, len(merged))
	for _, f := range merged {
		all = append(all, f)
	}
	if _, err := checkTree(all); err != nil {
		return fmt.Errorf("output folder %s: %w: %v", dir, ErrConflict, err)
	}
	m.trees[dir] = merged
	return nil
}

// Tree returns the files recorded under dir, sorted by path. The caller may
// modify the result.
func (m *MemWriter) Tree(dir string) []File {
	m.mu.Lock()
	defer m.mu.Unlock()
	tree := m.trees[filepath.Clean(dir)]
	files := make([]File, 0, len(tree))
	for _, f := range tree {
		f.Content = append([]byte(nil), f.Content...)
		files = append(files, f)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files
}

// Dirs returns the folders that trees were written to, sorted.
func (m *MemWriter) Dirs() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	dirs := make([]string, 0, len(m.trees))
	for d := range m.trees {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs
}
