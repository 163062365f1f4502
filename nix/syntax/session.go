package syntax

import (
	"io"
	"os"
	"path/filepath"
	"unsafe"
)

// Session parses files the way one nix-instantiate --parse process
// does. Nix 2.8 prints let bindings and formals in the order of its
// symbol table, which is shared by all files of one invocation, so
// parsing files in one Session reproduces the output of
// nix-instantiate --parse FILE1 FILE2 … exactly.
type Session struct {
	syms *symbolTable
	c    canonPrinter
	p    *parser // for PrintParse, which drops the tree it parsed
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
	if s.p == nil {
		s.p = &parser{reuse: true}
	} else {
		s.p.reset()
	}
	// The tree is dropped before PrintParse returns, and the symbol
	// table copies the names it keeps: src need not be copied.
	var text string
	if len(src) > 0 {
		text = unsafe.String(&src[0], len(src))
	}
	f, errs := s.p.parse(filename, text, config{symbols: s.syms})
	if len(errs) > 0 {
		return errs[0]
	}
	s.c.buf = s.c.buf[:0]
	s.c.expr(f.Expr)
	s.c.byte('\n')
	_, err := w.Write(s.c.buf)
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
	path, _, err := resolveExprPath(path)
	return path, err
}

// resolveExprPath is ResolveExprPath; it also returns the size of the
// file, or -1 when it is not known.
func resolveExprPath(path string) (string, int64, error) {
	path, err := filepath.Abs(path)
	if err != nil {
		return "", 0, err
	}
	for i := 0; ; i++ {
		fi, err := os.Lstat(path)
		if err != nil {
			return "", 0, err
		}
		if fi.Mode()&os.ModeSymlink == 0 {
			if fi.IsDir() {
				return filepath.Join(path, "default.nix"), -1, nil
			}
			return path, fi.Size(), nil
		}
		if i > 1024 {
			return "", 0, &os.PathError{Op: "resolve", Path: path, Err: os.ErrInvalid}
		}
		target, err := os.Readlink(path)
		if err != nil {
			return "", 0, err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = filepath.Clean(target)
	}
}
