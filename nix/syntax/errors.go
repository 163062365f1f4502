package syntax

import (
	"fmt"
	"sort"
	"strings"
)

// Error is a syntax or static error at a position.
type Error struct {
	Pos Pos
	Msg string
}

// Error returns "file:line:col: message".
func (e *Error) Error() string {
	if e.Pos.Filename != "" || e.Pos.IsValid() {
		return e.Pos.String() + ": " + e.Msg
	}
	return e.Msg
}

// ErrorList is a list of errors, sorted by position by the parser.
type ErrorList []*Error

// Add appends an error.
func (l *ErrorList) Add(pos Pos, msg string) { *l = append(*l, &Error{pos, msg}) }

// Len, Less and Swap implement sort.Interface by position.
func (l ErrorList) Len() int           { return len(l) }
func (l ErrorList) Less(i, j int) bool { return l[i].Pos.Before(l[j].Pos) }
func (l ErrorList) Swap(i, j int)      { l[i], l[j] = l[j], l[i] }

// Sort sorts the list by position, keeping the order of errors at the
// same position.
func (l ErrorList) Sort() { sort.Stable(l) }

// Error returns the first error and the number of further ones.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Err returns nil for an empty list and the list otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Details returns every error, one per line.
func (l ErrorList) Details() string {
	var b strings.Builder
	for _, e := range l {
		b.WriteString(e.Error())
		b.WriteByte('\n')
	}
	return b.String()
}
