package exporter

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFile(t *testing.T) {
	withUmask(t)
	dir := t.TempDir()
	name := filepath.Join(dir, "new", "model.yaml")
	if err := WriteFile(name, []byte("v1"), 0, Options{}); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(name, []byte("v2"), 0, Options{})
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), name) {
		t.Fatalf("second write: err = %v, want ErrExists naming the file", err)
	}
	if err := WriteFile(name, []byte("v3"), 0o600, Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		". drwx------",
		"new drwxr-xr-x",
		"new/model.yaml -rw------- v3",
	}
	if got := snapshot(t, dir); !equal(got, want) {
		t.Errorf("tree:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWriteFileRefuses(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "target")
	mustWrite(t, outside, "outside", 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, filepath.Join(dir, "file"), "x", 0o644)
	before := snapshot(t, dir)
	tests := []struct {
		name string
		want error
	}{
		{"link", ErrSymlink},
		{"folder", ErrConflict},
		{"file/below", ErrConflict},
	}
	for _, tt := range tests {
		err := WriteFile(filepath.Join(dir, tt.name), []byte("new"), 0, Options{Force: true})
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	// A name too long for the file system fails after the parents were
	// made; they are removed again.
	if err := WriteFile(filepath.Join(dir, "a", "b", longName), []byte("x"), 0, Options{}); err == nil {
		t.Error("name too long: no error")
	}
	if got := snapshot(t, dir); !equal(got, before) {
		t.Errorf("left behind:\n%s", strings.Join(got, "\n"))
	}
	if b, _ := os.ReadFile(outside); string(b) != "outside" {
		t.Errorf("file behind the link changed: %q", b)
	}
}
