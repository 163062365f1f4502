//go:build !unix

package syntax

import "os"

// readFile appends the contents of the file to buf.
func readFile(path string, buf []byte, size int64) ([]byte, error) {
	b, err := os.ReadFile(path)
	return append(buf, b...), err
}

// readPlainFile is a shortcut of ResolveExprPath and readFile on unix.
func readPlainFile(path string, buf []byte) ([]byte, bool) { return buf, false }
