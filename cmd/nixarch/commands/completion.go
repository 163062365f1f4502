package commands

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"
)

func completionCommand(con *console) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script for bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: "Examples:\n" +
			"   nixarch completion bash > /etc/bash_completion.d/nixarch\n" +
			"   nixarch completion zsh > \"${fpath[1]}/_nixarch\"\n" +
			"   nixarch completion fish > ~/.config/fish/completions/nixarch.fish",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErrorf("completion needs one shell: bash, zsh or fish")
			}
			switch shell := c.Args().First(); shell {
			case "bash":
				return writeBashCompletion(con.stdout, c.App)
			case "zsh":
				fmt.Fprint(con.stdout, "#compdef nixarch\n# zsh completion for nixarch, through bash completion\nautoload -U +X bashcompinit && bashcompinit\n")
				return writeBashCompletion(con.stdout, c.App)
			case "fish":
				script, err := c.App.ToFishCompletion()
				if err != nil {
					return err
				}
				_, err = io.WriteString(con.stdout, script)
				return err
			default:
				return usageErrorf("unknown shell %q: use bash, zsh or fish", shell)
			}
		},
	}
}

// writeBashCompletion writes a completion function that knows every
// command path and its flags.
func writeBashCompletion(w io.Writer, app *cli.App) error {
	words := map[string][]string{}
	var walk func(path string, cmds []*cli.Command, flags []cli.Flag)
	walk = func(path string, cmds []*cli.Command, flags []cli.Flag) {
		var ws []string
		for _, c := range cmds {
			if !c.Hidden {
				ws = append(ws, c.Name)
				walk(strings.TrimSpace(path+" "+c.Name), c.Subcommands, c.Flags)
			}
		}
		for _, f := range flags {
			for _, n := range f.Names() {
				if len(n) == 1 {
					ws = append(ws, "-"+n)
				} else {
					ws = append(ws, "--"+n)
				}
			}
		}
		words[path] = append(ws, "--help")
	}
	walk("", app.Commands, app.Flags)
	paths := make([]string, 0, len(words))
	for p := range words {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b strings.Builder
	b.WriteString("# bash completion for nixarch\n_nixarch() {\n")
	b.WriteString("  local cur path=\"\" w i\n  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n")
	b.WriteString("  for ((i = 1; i < COMP_CWORD; i++)); do\n    w=\"${COMP_WORDS[i]}\"\n")
	b.WriteString("    case \"$w\" in -*) continue ;; esac\n")
	b.WriteString("    case \"${path:+$path }$w\" in\n")
	for _, p := range paths {
		if p != "" {
			fmt.Fprintf(&b, "      %q) path=%q ;;\n", p, p)
		}
	}
	b.WriteString("    esac\n  done\n  case \"$path\" in\n")
	for _, p := range paths {
		fmt.Fprintf(&b, "    %q) mapfile -t COMPREPLY < <(compgen -W %q -- \"$cur\") ;;\n", p, strings.Join(words[p], " "))
	}
	b.WriteString("  esac\n  if [ \"${#COMPREPLY[@]}\" -eq 0 ]; then\n    mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n  fi\n}\ncomplete -o filenames -F _nixarch nixarch\n")
	_, err := io.WriteString(w, b.String())
	return err
}
