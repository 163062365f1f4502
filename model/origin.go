package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Origin is where an item was declared: a file and a 1-based line and
// column. In YAML it is written as the string "file:line:col". The zero
// Origin means unknown and is omitted.
type Origin struct {
	File string
	Line int
	Col  int
}

// IsZero reports whether o is the unknown origin.
func (o Origin) IsZero() bool { return o == Origin{} }

// String formats o as file:line:col, dropping the parts that are unknown.
func (o Origin) String() string {
	switch {
	case o.IsZero():
		return ""
	case o.Line == 0:
		return o.File
	case o.Col == 0:
		return fmt.Sprintf("%s:%d", o.File, o.Line)
	}
	return fmt.Sprintf("%s:%d:%d", o.File, o.Line, o.Col)
}

// ParseOrigin parses "file", "file:line" or "file:line:col". The file part
// may itself contain colons; only trailing numeric parts count as line and
// column.
func ParseOrigin(s string) (Origin, error) {
	if s == "" {
		return Origin{}, nil
	}
	var nums []int
	rest := s
	for len(nums) < 2 {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			break
		}
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil || n <= 0 {
			break
		}
		nums = append(nums, n)
		rest = rest[:i]
	}
	if rest == "" {
		return Origin{}, fmt.Errorf("origin %q has no file name", s)
	}
	o := Origin{File: rest}
	switch len(nums) {
	case 1:
		o.Line = nums[0]
	case 2:
		o.Line, o.Col = nums[1], nums[0]
	}
	return o, nil
}

// FileMode is a file's permission bits, written in YAML as an octal string
// such as "0644". Zero means the exporter's default.
type FileMode uint32

// String formats m as four octal digits.
func (m FileMode) String() string { return fmt.Sprintf("%04o", uint32(m)) }

// ParseFileMode parses an octal mode such as "0644" or "755".
func ParseFileMode(s string) (FileMode, error) {
	n, err := strconv.ParseUint(s, 8, 32)
	if err != nil || n > 0o7777 {
		return 0, fmt.Errorf("file mode %q is not an octal number from 0000 to 7777", s)
	}
	return FileMode(n), nil
}

// Settings holds a program's or service's settings as plain data. Values
// are string, int64, float64, bool, []any or map[string]any, nested to any
// depth; nil is not allowed.
type Settings map[string]any
