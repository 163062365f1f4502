package syntax

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"unsafe"
)

// PrintParseFiles does what nix-instantiate --parse FILE… does: for each
// file (resolved with ResolveExprPath) it prints the canonical form on a
// line; at the first error it stops and returns it. Up to workers files
// are parsed and printed at the same time; the output is the same as
// with one.
//
// Nix prints the bindings of a let and the formals of a lambda in the
// order in which the process created their symbols, so a file can only
// be printed once the files before it have been parsed. Each file is
// parsed apart, with its own numbering of symbols; the numbering is
// merged into the Session's in the order of the files, and then the file
// is printed with the ranks the merge gives, by any worker.
func (s *Session) PrintParseFiles(w io.Writer, files []string, workers int) error {
	workers = max(1, min(workers, len(files)))
	b := &batch{s: s, w: w, files: files, jobs: make([]job, len(files)), window: 4 * workers}
	b.cond.L = &b.mu
	for _, f := range files {
		if !filepath.IsAbs(f) {
			b.wd, _ = os.Getwd()
			break
		}
	}
	var wg sync.WaitGroup
	for k := 1; k < workers; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.work()
		}()
	}
	b.work()
	wg.Wait()
	if len(b.out) > 0 && b.err == nil {
		b.write()
	}
	return b.err
}

// batch is the state of one PrintParseFiles, guarded by mu.
type batch struct {
	s      *Session
	w      io.Writer
	files  []string
	wd     string // the working directory, for relative file names
	window int    // files parsed but not yet written, at most

	mu        sync.Mutex
	cond      sync.Cond // signalled when there is new work, or none left
	jobs      []job
	nextParse int   // the next file to parse
	nextMerge int   // the next file whose symbols to merge into the Session
	nextWrite int   // the next file whose output to write
	mergeStop bool  // a file with an error is merged: no more merges
	toPrint   []int // files merged and not yet printed
	busy      int   // workers parsing or printing
	err       error // the error PrintParseFiles returns; stops the work
	out       []byte
	parsers   []*fileParser // free ones
	outs      [][]byte      // free output buffers
}

// job is one file. Its fields are the parsing or printing worker's
// while it works on it, and guarded by batch.mu otherwise.
type job struct {
	state   jobState
	fp      *fileParser
	res     parsedFile
	printed []byte // the output, or
	err     error  // the error to stop at
}

type jobState uint8

const (
	jobWaiting jobState = iota
	jobParsing
	jobParsed
	jobMerged
	jobPrinting
	jobPrinted
)

// flushSize is how much output collects before it is written.
const flushSize = 64 << 10

// work does the tasks of the batch until none are left: printing a
// file that is merged, or else parsing the next file.
func (b *batch) work() {
	syms := newWorkerTable(min(1024, 64*len(b.files)))
	var c canonPrinter
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.err == nil {
		switch {
		case len(b.toPrint) > 0:
			i := b.toPrint[0]
			b.toPrint = b.toPrint[1:]
			j := &b.jobs[i]
			j.state = jobPrinting
			out := b.outBuffer()
			b.busy++
			b.mu.Unlock()
			out = b.print(&c, i, out)
			b.mu.Lock()
			b.busy--
			j.printed = out
			j.state = jobPrinted
			b.recycle(j.fp)
			j.fp = nil
			j.res = parsedFile{}
			b.writeReady()
		case b.nextParse < len(b.files) && b.nextParse-b.nextWrite < b.window:
			i := b.nextParse
			b.nextParse++
			j := &b.jobs[i]
			j.state = jobParsing
			fp := b.parser()
			b.busy++
			b.mu.Unlock()
			res := fp.parse(b.files[i], b.wd, syms)
			b.mu.Lock()
			b.busy--
			j.fp, j.res, j.state = fp, res, jobParsed
			if b.mergeReady() {
				b.cond.Broadcast()
			}
		case b.nextWrite == len(b.files):
			b.cond.Broadcast()
			return
		default:
			b.cond.Wait()
		}
	}
	b.cond.Broadcast()
}

// mergeReady merges the symbols of the parsed files that follow the
// merged ones into the Session, in order, and queues them for printing.
// It reports whether it queued any.
func (b *batch) mergeReady() bool {
	queued := false
	for !b.mergeStop && b.nextMerge < len(b.jobs) && b.jobs[b.nextMerge].state == jobParsed {
		j := &b.jobs[b.nextMerge]
		if j.res.err == nil {
			fp := j.fp
			fp.ranks = b.s.syms.merge(fp.ranks, fp.created, fp.nums, fp.next)
		}
		// Nix stops at the first error, before the files after it.
		b.mergeStop = j.res.err != nil || len(j.res.errs) > 0
		j.state = jobMerged
		b.toPrint = append(b.toPrint, b.nextMerge)
		b.nextMerge++
		queued = true
	}
	return queued
}

// print prints file i to out, or sets j.err to the error to stop
// at.
func (b *batch) print(c *canonPrinter, i int, out []byte) []byte {
	j := &b.jobs[i]
	r := &j.res
	if r.err != nil {
		j.err = fmt.Errorf("%s: %w", b.files[i], r.err)
		return out
	}
	if len(r.errs) > 0 {
		if r.scopeErrs {
			r.errs = checkScope(r.expr, j.fp.ranks)
		}
		j.err = r.errs[0]
		return out
	}
	// The output is about as long as the source: room for it at
	// once saves growing the buffer step by step.
	if need := len(j.fp.src) + len(j.fp.src)/8 + 256; cap(out) < need {
		out = make([]byte, 0, need)
	}
	c.buf = out
	c.ranks = j.fp.ranks
	c.expr(r.expr)
	c.ranks = nil
	c.byte('\n')
	out = c.buf
	c.buf = nil
	return out
}

// writeReady writes the outputs of the printed files that follow the
// written ones, in order, stopping at an error.
func (b *batch) writeReady() {
	from := b.nextWrite
	defer func() {
		if b.nextWrite > from {
			b.cond.Broadcast() // room in the window
		}
	}()
	for b.nextWrite < len(b.jobs) && b.jobs[b.nextWrite].state == jobPrinted {
		j := &b.jobs[b.nextWrite]
		if j.err != nil {
			b.write()
			b.err = j.err
			return
		}
		if len(b.out)+len(j.printed) > flushSize {
			b.write()
		}
		if len(j.printed) >= flushSize {
			b.writeBytes(j.printed)
		} else {
			if b.out == nil {
				b.out = make([]byte, 0, flushSize)
			}
			b.out = append(b.out, j.printed...)
		}
		if cap(j.printed) <= maxRetained {
			b.outs = append(b.outs, j.printed[:0])
		}
		j.printed = nil
		b.nextWrite++
	}
}

// write writes the collected output.
func (b *batch) write() {
	b.writeBytes(b.out)
	b.out = b.out[:0]
}

func (b *batch) writeBytes(p []byte) {
	if len(p) == 0 || b.err != nil {
		return
	}
	if _, err := b.w.Write(p); err != nil {
		b.err = err
	}
}

// parser returns a free fileParser.
func (b *batch) parser() *fileParser {
	if n := len(b.parsers); n > 0 {
		fp := b.parsers[n-1]
		b.parsers = b.parsers[:n-1]
		return fp
	}
	return newFileParser()
}

// recycle makes fp free, unless it holds much memory.
func (b *batch) recycle(fp *fileParser) {
	if fp != nil && fp.retained() <= maxRetained {
		b.parsers = append(b.parsers, fp)
	}
}

// outBuffer returns a free output buffer.
func (b *batch) outBuffer() []byte {
	if n := len(b.outs); n > 0 {
		out := b.outs[n-1]
		b.outs = b.outs[:n-1]
		return out
	}
	return nil
}

// fileParser parses files apart from the Session, one at a time,
// reusing its memory: the parser's slabs, the buffer the source is read
// into, the scope checker's stacks.
type fileParser struct {
	p   parser
	src []byte
	sc  scopeChecker

	// The symbols the file created, from the worker's table, and the
	// ranks that the merge into the Session gives them.
	created []*wsym
	nums    []int32
	next    int32
	ranks   ranks
}

func newFileParser() *fileParser {
	fp := &fileParser{}
	fp.p.reuse = true
	return fp
}

// maxRetained is how much memory a fileParser may keep for the next
// file; one that parsed a bigger file is left to the garbage collector.
const maxRetained = 2 << 20

func (fp *fileParser) retained() int { return fp.p.retained() + cap(fp.src) }

// parsedFile is a file parsed apart from the Session.
type parsedFile struct {
	path      string
	expr      Expr
	errs      ErrorList
	scopeErrs bool
	err       error
}

// parse reads and parses the file that arg names, numbering symbols
// with syms, a worker's table. The strings of the tree point into fp's
// source buffer; fp must be new or done with the tree it parsed last.
func (fp *fileParser) parse(arg, wd string, syms *symbolTable) parsedFile {
	fp.p.reset()
	// The shortcut for ResolveExprPath's common case: a file named
	// by an absolute path, or relative to the working directory wd.
	var path string
	switch {
	case filepath.IsAbs(arg):
		path = arg
		if !isClean(path) {
			path = filepath.Clean(path)
		}
	case wd != "":
		path = filepath.Join(wd, arg)
	}
	ok := false
	if path != "" {
		fp.src, ok = readPlainFile(path, fp.src[:0])
	}
	if !ok {
		var size int64
		var err error
		path, size, err = resolveExprPath(arg)
		if err != nil {
			return parsedFile{err: err}
		}
		fp.src, err = readFile(path, fp.src[:0], size)
		if err != nil {
			return parsedFile{err: err}
		}
	}
	var src string
	if len(fp.src) > 0 {
		src = unsafe.String(&fp.src[0], len(fp.src))
	}
	syms.newFile()
	f, errs := fp.p.parse(path, src, config{symbols: syms, noScope: true})
	fp.created = append(fp.created[:0], syms.created...)
	fp.nums = append(fp.nums[:0], syms.nums...)
	fp.next = syms.next
	r := parsedFile{path: path, expr: f.Expr, errs: errs}
	if len(errs) == 0 {
		r.errs = fp.sc.check(f.Expr, nil)
		r.scopeErrs = len(r.errs) > 0
	}
	return r
}

// isClean reports whether filepath.Clean would return the absolute
// path p unchanged.
func isClean(p string) bool {
	if os.PathSeparator != '/' || len(p) == 0 || p[0] != '/' {
		return false
	}
	if len(p) == 1 {
		return true
	}
	if p[len(p)-1] == '/' {
		return false
	}
	for i := 0; i < len(p); i++ {
		if p[i] != '/' {
			continue
		}
		// p[i+1:] starts an element: not empty, "." or "..".
		rest := p[i+1:]
		if len(rest) == 0 || rest[0] == '/' {
			return false
		}
		if rest[0] == '.' && (len(rest) == 1 || rest[1] == '/' ||
			rest[1] == '.' && (len(rest) == 2 || rest[2] == '/')) {
			return false
		}
	}
	return true
}
