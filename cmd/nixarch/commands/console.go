package commands

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// console is the one place where nixarch talks to the user: data goes to
// stdout, messages, errors and hints go to stderr.
type console struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	quiet, verbose bool
	noColor        bool
	// mappingFiles are the --mappings override files, in order.
	mappingFiles []string
	// archRoot is --arch-root: the Arch system whose sync databases
	// confirm package names.
	archRoot string
}

// infof prints a progress message unless --quiet.
func (c *console) infof(format string, args ...any) {
	if !c.quiet {
		fmt.Fprintf(c.stderr, format+"\n", args...)
	}
}

// debugf prints a message only with --verbose.
func (c *console) debugf(format string, args ...any) {
	if c.verbose {
		fmt.Fprintf(c.stderr, format+"\n", args...)
	}
}

// warnf prints a warning, even with --quiet.
func (c *console) warnf(format string, args ...any) {
	fmt.Fprintf(c.stderr, "warning: "+format+"\n", args...)
}

// printError writes err (one "error:" line per line of its message) and its
// hints, and returns the exit code it stands for.
func (c *console) printError(err error) int {
	code := ExitError
	var hints []string
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
		hints = ee.hints
		if ee == errUnmapped {
			return code // the report already said what was not mapped
		}
	}
	for _, line := range strings.Split(strings.TrimRight(err.Error(), "\n"), "\n") {
		fmt.Fprintf(c.stderr, "%s %s\n", c.paint("error:", ansiRed), line)
	}
	for _, h := range hints {
		fmt.Fprintf(c.stderr, "%s %s\n", c.paint("hint:", ansiCyan), h)
	}
	return code
}

const (
	ansiRed  = "\x1b[31m"
	ansiCyan = "\x1b[36m"
)

// color reports whether w should get ANSI colours: never with --no-color or
// NO_COLOR, and only when w is a terminal.
func (c *console) color(w io.Writer) bool {
	if c.noColor {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (c *console) paint(s, ansi string) string {
	if !c.color(c.stderr) {
		return s
	}
	return ansi + s + "\x1b[0m"
}
