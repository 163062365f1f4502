package commands

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"
)

// Exit codes returned by Main.
const (
	ExitOK       = 0
	ExitError    = 1
	ExitUsage    = 2
	ExitUnmapped = 3
)

// version is set at build time with -ldflags "-X …/commands.version=v1.2.3";
// otherwise the module version from the build info is used.
var version = ""

// Version returns nixarch's version string.
func Version() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

// Main runs nixarch with args (args[0] is the program name) and returns the
// process exit code. It never calls os.Exit and never panics on bad input.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	con := &console{stdin: stdin, stdout: stdout, stderr: stderr}
	defer func() {
		if r := recover(); r != nil {
			con.printError(fmt.Errorf("internal error: %v (please report this with the command you ran)\n%s", r, debug.Stack()))
			code = ExitError
		}
	}()
	app := newApp(con)
	if len(args) == 0 {
		args = []string{"nixarch"}
	}
	err := app.Run(normalizeArgs(app, args))
	if err == nil {
		return ExitOK
	}
	return con.printError(err)
}

func newApp(con *console) *cli.App {
	app := &cli.App{
		Name:  "nixarch",
		Usage: "move a Linux system between NixOS and Arch Linux",
		Description: "nixarch reads a NixOS configuration (configuration.nix, a flake, home-manager) or an\n" +
			"Arch system (package lists, the pacman database, /etc, dotfiles) into one model, and\n" +
			"writes the other side: pacman/AUR lists, a setup script and a dotfiles repository for\n" +
			"Arch, or configuration.nix and home-manager for NixOS. Reports say what maps, what\n" +
			"does not, and what must be done by hand.",
		UsageText: "nixarch [global options] command [command options] [arguments...]\n\n" +
			"Examples:\n" +
			"   nixarch import arch pkglist.txt -o model.yaml\n" +
			"   nixarch export nixos model.yaml -o out\n" +
			"   nixarch migrate pkglist.txt --to nixos -o out --dry-run\n" +
			"   nixarch report pkglist.txt --format markdown",
		HideVersion:     true,
		HideHelpCommand: true,
		Reader:          con.stdin,
		Writer:          con.stdout,
		ErrWriter:       con.stderr,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only errors and requested output"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "explain each step"},
			&cli.BoolFlag{Name: "no-color", Usage: "never colour the output (also: NO_COLOR set to anything)"},
			&cli.StringFlag{Name: "arch-root", Usage: "confirm Arch package names against the pacman sync databases of the Arch system at `DIR` (default: this machine's, on Arch)"},
			&cli.StringSliceFlag{Name: "mappings", Usage: "package mapping overrides from `FILE.yaml`, over ~/.config/" + userMappingsFile + "; may be repeated"},
		},
		Before: func(c *cli.Context) error {
			con.quiet = c.Bool("quiet")
			con.verbose = c.Bool("verbose")
			con.noColor = c.Bool("no-color") || os.Getenv("NO_COLOR") != ""
			con.mappingFiles = c.StringSlice("mappings")
			con.archRoot = c.String("arch-root")
			if con.quiet && con.verbose {
				return usageErrorf("--quiet and --verbose cannot be used together")
			}
			return nil
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return unknownCommand(c, c.Args().First())
			}
			_ = cli.ShowAppHelp(c)
			return usageErrorf("no command given")
		},
		OnUsageError:   onUsageError,
		ExitErrHandler: func(*cli.Context, error) {}, // Main decides exit codes
		Commands: []*cli.Command{
			importCommand(con),
			exportCommand(con),
			migrateCommand(con),
			reportCommand(con),
			mapCommand(con),
			versionCommand(con),
			completionCommand(con),
			debugCommand(con),
		},
	}
	setupCommands(app.Commands)
	return app
}

// setupCommands gives every command the same usage-error handling, and a
// parent command without its own action an error for a missing or unknown
// subcommand.
func setupCommands(cmds []*cli.Command) {
	for _, cmd := range cmds {
		cmd.OnUsageError = onUsageError
		cmd.HideHelpCommand = true
		if len(cmd.Subcommands) > 0 && cmd.Action == nil {
			cmd.Action = func(c *cli.Context) error {
				if c.NArg() > 0 {
					return unknownCommand(c, c.Args().First())
				}
				_ = cli.ShowSubcommandHelp(c)
				return usageErrorf("%s needs a subcommand", c.Command.FullName())
			}
		}
		setupCommands(cmd.Subcommands)
	}
}

func onUsageError(c *cli.Context, err error, _ bool) error {
	return usageErrorf("%s", err.Error()).withHint("run '%s --help' for usage", commandPath(c))
}

func unknownCommand(c *cli.Context, name string) error {
	var names []string
	for _, cmd := range c.Command.Subcommands {
		if !cmd.Hidden {
			names = append(names, cmd.Name)
		}
	}
	if c.Command.Name == "" || c.Command.Subcommands == nil {
		for _, cmd := range c.App.VisibleCommands() {
			names = append(names, cmd.Name)
		}
	}
	return usageErrorf("unknown command %q", name).withHint("commands: %s", strings.Join(names, ", "))
}

func commandPath(c *cli.Context) string {
	if c == nil || c.Command == nil || c.Command.Name == "" || c.Command.Name == c.App.Name {
		return "nixarch"
	}
	return "nixarch " + c.Command.FullName()
}

// exitError carries an exit code and hint lines up to Main.
type exitError struct {
	code  int
	err   error
	hints []string
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func (e *exitError) withHint(format string, args ...any) *exitError {
	e.hints = append(e.hints, fmt.Sprintf(format, args...))
	return e
}

func usageErrorf(format string, args ...any) *exitError {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, args...)}
}

// withHint wraps err, keeping its exit code, and adds a hint line.
func withHint(err error, format string, args ...any) error {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.withHint(format, args...)
	}
	return (&exitError{code: ExitError, err: err}).withHint(format, args...)
}

// errUnmapped is returned by --strict commands when something could not be
// mapped; the report itself has already been printed.
var errUnmapped = &exitError{code: ExitUnmapped, err: errors.New("some items could not be mapped (--strict)")}

// normalizeArgs lets flags follow positional arguments, as in
// "nixarch import arch list.txt -o model.yaml": urfave/cli stops parsing
// flags at the first argument, so flags are moved in front of the
// arguments of the command they belong to, and global flags to the front.
// Arguments after "--" are left alone.
func normalizeArgs(app *cli.App, args []string) []string {
	globals := flagArity(app.Flags)
	var local map[string]bool
	cmds := app.Commands
	var path, globalArgs, flags, positional []string
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
			dst := &flags
			takesValue, isGlobal := globals[name]
			if isGlobal {
				dst = &globalArgs
			} else {
				takesValue = local[name]
			}
			*dst = append(*dst, a)
			if takesValue && !hasValue && i+1 < len(args) {
				i++
				*dst = append(*dst, args[i])
			}
			continue
		}
		if len(positional) == 0 {
			if cmd := findCommand(cmds, a); cmd != nil {
				path = append(path, a)
				cmds = cmd.Subcommands
				local = flagArity(cmd.Flags)
				continue
			}
			if len(cmds) > 0 {
				// An unknown command: leave the rest as it is, so that
				// the error names the command, not a flag.
				positional = append(positional, args[i:]...)
				break
			}
		}
		positional = append(positional, a)
	}
	out := make([]string, 0, len(args))
	out = append(out, args[0])
	out = append(out, globalArgs...)
	out = append(out, path...)
	out = append(out, flags...)
	return append(out, positional...)
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// flagArity maps every name and alias of flags to whether it takes a value.
func flagArity(flags []cli.Flag) map[string]bool {
	m := map[string]bool{}
	for _, f := range flags {
		takes := true
		if v, ok := f.(interface{ TakesValue() bool }); ok {
			takes = v.TakesValue()
		}
		for _, n := range f.Names() {
			m[n] = takes
		}
	}
	return m
}
