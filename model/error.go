package model

import (
	"sort"
	"strings"
)

// Error is a problem with input at a known place: a model file, a package
// list, a configuration. Error() gives "file:line:col: message".
type Error struct {
	Origin Origin
	Msg    string
}

func (e *Error) Error() string {
	if e.Origin.IsZero() {
		return e.Msg
	}
	return e.Origin.String() + ": " + e.Msg
}

// Errorf is a shorthand for an *Error at origin.
func Errorf(origin Origin, msg string) *Error { return &Error{Origin: origin, Msg: msg} }

// ErrorList is a list of *Error. Its Err method returns nil for an empty
// list, so callers can collect errors and return list.Err().
type ErrorList []*Error

// Add appends an error at origin.
func (l *ErrorList) Add(origin Origin, msg string) { *l = append(*l, &Error{origin, msg}) }

// Sort orders the list by file, line and column, keeping the order of
// errors at the same place.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Origin, l[j].Origin
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Error joins the messages, one per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors in the list, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// Err returns l sorted, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}
