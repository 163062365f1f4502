package syntax

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// Session parses files the way one nix-instantiate --parse process
// does. Nix 2.8 prints let bindings and formals in the order of its
// symbol table, which is shared by all files of one invocation, so
// parsing files in one Session reproduces the output of
// nix-instantiate --parse FILE1 FILE2 … exactly.
type Session struct {
	syms *symbolTable
	buf  bytes.Buffer
	c    canonPrinter
}

// NewSession returns a Session with Nix 2.8's start-up symbols.
func NewSession() *Session {
	t := newSymbolTable()
	t.clone = true
	return &Session{syms: t}
}

// Parse parses one file as nix-instantiate --parse does: Nix 2.8's
// language (no pipe operators), with the undefined-variable check. It
// returns the errors in the order found; the first is the one Nix
// reports.
func (s *Session) Parse(filename string, src []byte) (Expr, ErrorList) {
	f, errs := parse(filename, string(src), PipeOperators(false), withSymbols(s.syms))
	return f.Expr, errs
}

func withSymbols(t *symbolTable) Option { return func(c *config) { c.symbols = t } }

// PrintParse writes what nix-instantiate --parse prints for the file:
// the canonical form and a newline. On an error it writes nothing and
// returns the error Nix reports, as "file:line:col: message".
func (s *Session) PrintParse(w io.Writer, filename string, src []byte) error {
	e, errs := s.Parse(filename, src)
	if len(errs) > 0 {
		return errs[0]
	}
	s.c.buf.Reset()
	s.c.expr(e)
	s.c.buf.WriteByte('\n')
	_, err := w.Write(s.c.buf.Bytes())
	return err
}

// PrintParse writes what nix-instantiate --parse prints for one file,
// using a fresh Session. See Session.PrintParse.
func PrintParse(w io.Writer, filename string, src []byte) error {
	return NewSession().PrintParse(w, filename, src)
}

// ResolveExprPath turns a command-line argument into the file Nix
// parses: an absolute path, with symbolic links at the end followed and
// default.nix appended to directories. Relative paths in the file are
// resolved against the directory of the result.
func ResolveExprPath(path string) (string, error) {
	path, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	for i := 0; ; i++ {
		fi, err := os.Lstat(path)
		if err != nil {
			return "", err
		}
		if fi.Mode()&os.ModeSymlink == 0 {
			if fi.IsDir() {
				path = filepath.Join(path, "default.nix")
			}
			return path, nil
		}
		if i > 1024 {
			return "", &os.PathError{Op: "resolve", Path: path, Err: os.ErrInvalid}
		}
		target, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = filepath.Clean(target)
	}
}

// parsedFile is a file parsed apart from the Session, with its own
// symbol table.
type parsedFile struct {
	path      string
	expr      Expr
	errs      ErrorList
	scopeErrs bool
	syms      *symbolTable
	err       error
}

func parseApart(arg string) parsedFile {
	path, err := ResolveExprPath(arg)
	if err != nil {
		return parsedFile{err: err}
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return parsedFile{err: err}
	}
	t := newSymbolTable()
	t.rec = true
	f, errs := parse(path, string(src), PipeOperators(false), withSymbols(t), NoScopeCheck())
	r := parsedFile{path: path, expr: f.Expr, errs: errs, syms: t}
	if len(errs) == 0 {
		r.errs = checkScope(f.Expr, nil)
		r.scopeErrs = len(r.errs) > 0
	}
	return r
}

// PrintParseFiles does what nix-instantiate --parse FILE… does: for each
// file (resolved with ResolveExprPath) it prints the canonical form on a
// line; at the first error it stops and returns it. Up to workers files
// are parsed at the same time; the output is the same as with one.
func (s *Session) PrintParseFiles(w io.Writer, files []string, workers int) error {
	if workers < 1 {
		workers = 1
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	defer bw.Flush()
	window := 8 * workers
	results := make([]chan parsedFile, len(files))
	for i := range results {
		results[i] = make(chan parsedFile, 1)
	}
	jobs := make(chan int)
	done := make(chan struct{})
	defer close(done)
	sem := make(chan struct{}, window)
	var wg sync.WaitGroup
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] <- parseApart(files[i])
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range files {
			select {
			case sem <- struct{}{}:
			case <-done:
				return
			}
			select {
			case jobs <- i:
			case <-done:
				return
			}
		}
	}()
	for i := range files {
		r := <-results[i]
		<-sem
		if r.err != nil {
			return fmt.Errorf("%s: %w", files[i], r.err)
		}
		rk := s.syms.remap(r.syms)
		if len(r.errs) > 0 {
			if r.scopeErrs {
				r.errs = checkScope(r.expr, rk)
			}
			return r.errs[0]
		}
		s.c.buf.Reset()
		s.c.ranks = rk
		s.c.expr(r.expr)
		s.c.ranks = nil
		s.c.buf.WriteByte('\n')
		if _, err := bw.Write(s.c.buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}
