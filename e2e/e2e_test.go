package e2e

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/nixarch/nixarch/cmd/nixarch/commands"
	"github.com/nixarch/nixarch/internal/oracle"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"nixarch": func() { os.Exit(commands.Main(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			home := filepath.Join(env.WorkDir, "home")
			env.Setenv("HOME", home)
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
			env.Setenv("NO_COLOR", "")
			return os.MkdirAll(home, 0o755)
		},
		Condition: func(cond string) (bool, error) {
			program, ok := strings.CutPrefix(cond, "oracle:")
			if !ok {
				return false, fmt.Errorf("unknown condition %q", cond)
			}
			if _, err := exec.LookPath(program); err != nil {
				if oracle.InCI() {
					return false, fmt.Errorf("%s is required under CI but not installed (make deps)", program)
				}
				fmt.Fprintf(os.Stderr, "!!! %s is not installed: e2e checks that need it are skipped (make deps)\n", program)
				return false, nil
			}
			return true, nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"emptydir": cmdEmptyDir,
			"exits":    cmdExits,
			"grepdir":  cmdGrepDir,
		},
	})
}

// cmdExits runs a program and checks its exit code: "exits CODE PROGRAM
// ARGS...". Its output is kept for the stdout and stderr commands.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			ts.Fatalf("exits: %v", err)
		}
		got = exitErr.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// cmdEmptyDir checks that a folder does not exist or is empty: "emptydir DIR".
func cmdEmptyDir(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: emptydir DIR")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	empty := err != nil && os.IsNotExist(err) || err == nil && len(entries) == 0
	if err != nil && !os.IsNotExist(err) {
		ts.Fatalf("emptydir: %v", err)
	}
	if empty == neg {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		ts.Fatalf("%s: empty=%v, want %v (holds %v)", args[0], empty, !neg, names)
	}
}

// cmdGrepDir checks whether a pattern occurs in any file under a folder:
// "grepdir PATTERN DIR"; "! grepdir" checks that it occurs in none.
func cmdGrepDir(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: grepdir PATTERN DIR")
	}
	re, err := regexp.Compile(args[0])
	ts.Check(err)
	var hits []string
	err = filepath.WalkDir(ts.MkAbs(args[1]), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && re.Match(data) {
			hits = append(hits, p)
		}
		return err
	})
	ts.Check(err)
	if neg && len(hits) > 0 {
		ts.Fatalf("%q occurs in %s", args[0], strings.Join(hits, ", "))
	}
	if !neg && len(hits) == 0 {
		ts.Fatalf("%q occurs in no file under %s", args[0], args[1])
	}
}
