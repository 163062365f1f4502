package arch

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/nixarch/nixarch/model"
)

// MaxConfigSize is the largest configuration file under an Arch root that
// is read (/etc/passwd, /etc/fstab, a loader entry …), in bytes.
const MaxConfigSize = 1 << 20

// errTooLarge is wrapped by readFile when a file is over its bound.
var errTooLarge = errors.New("file is too large")

// readFile reads name from fsys, at most limit bytes. A missing file gives
// an error that is fs.ErrNotExist.
func readFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, fmt.Errorf("%s is a directory", systemPath(name))
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: %s is larger than %s", errTooLarge, systemPath(name), byteSize(limit))
	}
	return data, nil
}

// readLines calls fn for every line of the configuration file name, with
// the line ending removed. A missing file is not a problem: ok is false and
// there are no findings. A file that cannot be read gives a warning.
func readLines(fsys fs.FS, name string, fn func(line string, n int)) (ok bool, findings []model.Finding) {
	data, err := readFile(fsys, name, MaxConfigSize)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, []model.Finding{unreadable(name, err)}
	}
	text := string(data)
	for n := 1; text != ""; n++ {
		line, rest, _ := strings.Cut(text, "\n")
		fn(strings.TrimSuffix(line, "\r"), n)
		text = rest
	}
	return true, nil
}

// unreadable is the warning for a file under the root that exists but
// cannot be read.
func unreadable(name string, err error) model.Finding {
	return model.Finding{
		Severity: model.SeverityWarning,
		Message:  fmt.Sprintf("cannot read %s: %v", systemPath(name), trimPathError(err)),
		Origin:   model.Origin{File: systemPath(name)},
	}
}

// trimPathError drops the path from an *fs.PathError, which the message
// names already.
func trimPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// errorFindings turns parse errors into findings of severity error.
func errorFindings(errs model.ErrorList) []model.Finding {
	findings := make([]model.Finding, len(errs))
	for i, e := range errs {
		findings[i] = model.Finding{Severity: model.SeverityError, Message: e.Msg, Origin: e.Origin}
	}
	return findings
}
