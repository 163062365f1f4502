//go:build unix

package syntax

import (
	"io/fs"
	"syscall"
)

// readFile appends the contents of the file to buf. size is the size
// the file had, or -1; it saves growing buf. Unlike os.ReadFile it
// makes no os.File, which costs system calls and allocations.
func readFile(path string, buf []byte, size int64) ([]byte, error) {
	fd, err := openFile(path, 0)
	if err != nil {
		return buf, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	if size >= 0 && int64(cap(buf)-len(buf)) <= size {
		grown := make([]byte, len(buf), int64(len(buf))+size+512)
		copy(grown, buf)
		buf = grown
	}
	buf, err = readAll(fd, buf)
	if err != nil {
		return buf, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	return buf, nil
}

// readPlainFile appends the contents of the file to buf when path names
// a file that is neither a symbolic link nor a directory, which is what
// ResolveExprPath returns unchanged: the one system call to open it
// replaces the lstat. ok is false, with buf as it came, otherwise and
// on any error.
func readPlainFile(path string, buf []byte) (out []byte, ok bool) {
	fd, err := openFile(path, syscall.O_NOFOLLOW)
	if err != nil {
		return buf, false
	}
	defer syscall.Close(fd)
	out, err = readAll(fd, buf)
	if err != nil { // EISDIR for a directory
		return buf, false
	}
	return out, true
}

func openFile(path string, flags int) (int, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|flags, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

func readAll(fd int, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			// Grow to the file's size at once rather than by doubling.
			want := 2*cap(buf) + 4096
			var st syscall.Stat_t
			if syscall.Fstat(fd, &st) == nil && st.Size >= int64(len(buf)) {
				want = max(want, int(st.Size)+4096)
			}
			grown := make([]byte, len(buf), want)
			copy(grown, buf)
			buf = grown
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return buf, err
		}
		if n == 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
	}
}
