package arch

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/nixarch/nixarch/model"
)

// The bounds on one package list. Input beyond them is an error, so a wrong
// file (a disk image, /dev/zero) costs at most MaxInputSize bytes of reading
// and never unbounded memory.
const (
	// MaxLineLength is the longest line, in bytes without the line ending.
	MaxLineLength = 4096
	// MaxInputSize is the largest list, in bytes (16 MiB).
	MaxInputSize = 16 << 20
	// MaxPackages is the most packages one list may hold.
	MaxPackages = 100_000
	// MaxErrors is how many errors one list reports before it stops
	// reading with a last error, "too many errors".
	MaxErrors = 20
)

// ListOptions controls ReadPackageList.
type ListOptions struct {
	// Foreign marks every package in the list as foreign (AUR or locally
	// built): Repo "foreign". Use it for the output of pacman -Qm, which,
	// like all of pacman's -Q output, carries no marker of its own.
	Foreign bool
}

// limits are the bounds a listReader enforces; tests shrink them.
type limits struct {
	maxLine     int
	maxInput    int64
	maxPackages int
	maxErrors   int
}

var defaultLimits = limits{
	maxLine:     MaxLineLength,
	maxInput:    MaxInputSize,
	maxPackages: MaxPackages,
	maxErrors:   MaxErrors,
}

// ReadPackageList reads one package list: pacman -Qqe, -Qq, -Qe or -Q
// output, or an aconfmgr configuration, in any mix (see the package
// documentation). filename is used in origins and errors.
//
// Packages are returned in the order listed, with Owner model.OwnerSystem,
// the Version when the line has one, and Repo "foreign" when opts.Foreign is
// set or the line is AddPackage --foreign; otherwise Repo is empty, meaning
// unknown. A name listed twice is kept once, at its first line, with a
// warning at the second.
//
// Malformed lines are reported together in a model.ErrorList, up to
// MaxErrors of them. On error ReadPackageList still returns what it could
// read, so that a caller can show it, but the list as a whole must not be
// trusted. An error reading r is returned wrapped, not in the list.
func ReadPackageList(filename string, r io.Reader, opts ListOptions) (pkgs []model.Package, findings []model.Finding, err error) {
	return readPackageList(filename, r, opts, defaultLimits)
}

func readPackageList(filename string, r io.Reader, opts ListOptions, lim limits) ([]model.Package, []model.Finding, error) {
	lr := &listReader{
		filename: filename,
		opts:     opts,
		limits:   lim,
		seen:     make(map[string]int),
	}
	if err := lr.read(r); err != nil {
		return lr.pkgs, lr.findings, fmt.Errorf("read package list %s: %w", filename, err)
	}
	if len(lr.pkgs) == 0 && len(lr.errs) == 0 {
		lr.findings = append(lr.findings, model.Finding{
			Severity: model.SeverityInfo,
			Message:  "package list has no packages",
			Origin:   model.Origin{File: filename},
		})
	}
	return lr.pkgs, lr.findings, lr.errs.Err()
}

// A listReader holds the state of reading one package list.
type listReader struct {
	filename string
	opts     ListOptions
	limits   limits

	pkgs     []model.Package
	findings []model.Finding
	errs     model.ErrorList
	seen     map[string]int // package name to its index in pkgs
	words    []word         // reused from line to line
	stopped  bool           // a bound was hit; read no further
}

var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// read reads r line by line. It returns only errors from r itself; problems
// with the input go to lr.errs.
func (lr *listReader) read(r io.Reader) error {
	lim := lr.limits
	// The buffer holds a line of maxLine bytes with a BOM and CRLF, so a
	// full buffer always means a line that is too long.
	br := bufio.NewReaderSize(io.LimitReader(r, lim.maxInput+1), lim.maxLine+8)
	var offset int64 // bytes before the current line
	for n := 1; !lr.stopped; n++ {
		line, err := br.ReadSlice('\n')
		length := int64(len(line))
		tooLong := false
		for errors.Is(err, bufio.ErrBufferFull) {
			tooLong = true
			var more []byte
			more, err = br.ReadSlice('\n')
			length += int64(len(more))
		}
		if err != nil && err != io.EOF {
			return err
		}
		if length == 0 {
			return nil // end of input after a final line ending
		}
		colBase := int64(0) // bytes before column 1
		if n == 1 && bytes.HasPrefix(line, utf8BOM) {
			line = line[len(utf8BOM):]
			colBase = int64(len(utf8BOM))
		}
		if offset+length > lim.maxInput {
			col := max(lim.maxInput-offset-colBase+1, 1)
			lr.fail(lr.origin(n, int(col)), fmt.Sprintf("input is larger than %s", byteSize(lim.maxInput)))
			return nil
		}
		offset += length
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if tooLong || len(line) > lim.maxLine {
			lr.errorAt(lr.origin(n, lim.maxLine+1), fmt.Sprintf("line is longer than %d bytes", lim.maxLine))
		} else {
			lr.parseLine(line, n)
		}
		if err == io.EOF {
			return nil
		}
	}
	return nil
}

// byteSize formats n bytes for a message, in MiB when it is a whole number
// of them.
func byteSize(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// parseLine reads line n, which has no line ending.
func (lr *listReader) parseLine(line []byte, n int) {
	words, unclosed := splitWords(lr.words[:0], line)
	lr.words = words
	if unclosed > 0 {
		lr.errorAt(lr.origin(n, unclosed), "quoted string not terminated")
		return
	}
	if len(words) == 0 {
		return
	}
	if cmd := words[0]; !cmd.quoted {
		if cmd.text == "AddPackage" {
			lr.addPackageCommand(words, n)
			return
		}
		if note, ok := aconfmgrCommands[cmd.text]; ok {
			lr.aconfmgrCommand(words, n, note)
			return
		}
		if shellReservedWords[cmd.text] {
			lr.shellCode(words, n)
			return
		}
	}
	lr.pacmanLine(words, n)
}

// pacmanLine reads a line of pacman -Q output: a name and, from -Q and
// -Qe, a version.
func (lr *listReader) pacmanLine(words []word, n int) {
	if len(words) > 2 {
		lr.errorAt(lr.origin(n, words[2].col),
			fmt.Sprintf("unexpected word %q: a package list line is \"name\" or \"name version\"", words[2].text))
		return
	}
	name, version := words[0], ""
	// The name is checked before the version, so that its error comes first;
	// addPackage checks it again, for AddPackage's sake.
	if msg := checkName(name.text); msg != "" {
		lr.errorAt(lr.origin(n, name.col), msg)
		return
	}
	if len(words) == 2 {
		if msg := checkVersion(words[1].text); msg != "" {
			lr.errorAt(lr.origin(n, words[1].col), msg)
			return
		}
		version = words[1].text
	}
	lr.addPackage(name, version, lr.opts.Foreign, n)
}

// addPackage checks name and adds it as a package declared at line n.
func (lr *listReader) addPackage(name word, version string, foreign bool, n int) {
	origin := lr.origin(n, name.col)
	if msg := checkName(name.text); msg != "" {
		lr.errorAt(origin, msg)
		return
	}
	if first, ok := lr.seen[name.text]; ok {
		lr.warn(origin, fmt.Sprintf("duplicate package %q: first listed at line %d", name.text, lr.pkgs[first].Origin.Line))
		return
	}
	if len(lr.pkgs) == lr.limits.maxPackages {
		lr.fail(origin, fmt.Sprintf("more than %d packages", lr.limits.maxPackages))
		return
	}
	repo := ""
	if foreign {
		repo = model.RepoForeign
	}
	lr.seen[name.text] = len(lr.pkgs)
	lr.pkgs = append(lr.pkgs, model.Package{
		Name:    name.text,
		Version: version,
		Repo:    repo,
		Owner:   model.OwnerSystem,
		Origin:  origin,
	})
}

func (lr *listReader) origin(line, col int) model.Origin {
	return model.Origin{File: lr.filename, Line: line, Col: col}
}

func (lr *listReader) warn(origin model.Origin, msg string) {
	lr.findings = append(lr.findings, model.Finding{Severity: model.SeverityWarning, Message: msg, Origin: origin})
}

// errorAt records an error, or, when MaxErrors have been recorded, a last
// "too many errors" that stops the reading.
func (lr *listReader) errorAt(origin model.Origin, msg string) {
	if lr.stopped {
		return
	}
	if len(lr.errs) >= lr.limits.maxErrors {
		lr.fail(origin, "too many errors")
		return
	}
	lr.errs.Add(origin, msg)
}

// fail records an error after which the list is not read any further.
func (lr *listReader) fail(origin model.Origin, msg string) {
	if lr.stopped {
		return
	}
	lr.errs.Add(origin, msg)
	lr.stopped = true
}
