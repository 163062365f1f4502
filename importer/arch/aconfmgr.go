package arch

import (
	"fmt"
	"strings"
)

// aconfmgrCommands holds the aconfmgr helper functions other than
// AddPackage (see aconfmgr's src/helpers.bash), each with a note that ends
// the warning it becomes. None of them names a package to install.
var aconfmgrCommands = map[string]string{
	"AddPackageGroup":        "", // replaced by a message of its own
	"RemovePackage":          "; packages it removes are still imported where AddPackage names them",
	"IgnorePackage":          "",
	"CopyFile":               "",
	"CopyFileTo":             "",
	"CreateFile":             "",
	"GetPackageOriginalFile": "",
	"CreateLink":             "",
	"CreateDir":              "",
	"RemoveFile":             "",
	"SetFileProperty":        "",
	"IgnorePath":             "",
	"AddFileContentFilter":   "",
}

// addPackageCommand reads aconfmgr's "AddPackage [--foreign] PACKAGE...".
func (lr *listReader) addPackageCommand(words []word, n int) {
	cmd, args := words[0], words[1:]
	foreign := lr.opts.Foreign
	if len(args) > 0 && args[0].text == "--foreign" {
		foreign = true
		args = args[1:]
	}
	if len(args) == 0 {
		lr.errorAt(lr.origin(n, cmd.col), "AddPackage without a package name")
		return
	}
	for _, arg := range args {
		if strings.HasPrefix(arg.text, "-") {
			msg := fmt.Sprintf("unknown AddPackage flag %q", arg.text)
			if arg.text == "--foreign" {
				msg = "AddPackage --foreign must come before the package names"
			}
			lr.errorAt(lr.origin(n, arg.col), msg)
			continue
		}
		lr.addPackage(arg, "", foreign, n)
		if lr.stopped {
			return
		}
	}
}

// aconfmgrCommand turns an aconfmgr command other than AddPackage into a
// warning at the command.
func (lr *listReader) aconfmgrCommand(words []word, n int, note string) {
	cmd := words[0]
	msg := fmt.Sprintf("aconfmgr %s is not imported from a package list%s", cmd.text, note)
	if cmd.text == "AddPackageGroup" && len(words) > 1 {
		group := words[1].text
		msg = fmt.Sprintf("package group %q is not expanded: list its packages (pacman -Sgq %s) instead", group, group)
	}
	lr.warn(lr.origin(n, cmd.col), msg)
}

// shellReservedWords are bash's reserved words but time, which is also the
// name of an Arch package (GNU time).
var shellReservedWords = map[string]bool{
	"!": true, "[[": true, "]]": true, "{": true, "}": true,
	"case": true, "coproc": true, "do": true, "done": true, "elif": true,
	"else": true, "esac": true, "fi": true, "for": true, "function": true,
	"if": true, "in": true, "select": true, "then": true, "until": true,
	"while": true,
}

// shellBlockEnds are the reserved words that, alone on a line, only close a
// block opened earlier, which already gave a warning.
var shellBlockEnds = map[string]bool{
	"}": true, "do": true, "done": true, "esac": true, "fi": true, "then": true,
}

// shellCode turns a line of bash control flow into a warning: lists are
// read, not run, so the packages under it are imported whatever it decides.
func (lr *listReader) shellCode(words []word, n int) {
	if len(words) == 1 && shellBlockEnds[words[0].text] {
		return
	}
	lr.warn(lr.origin(n, words[0].col),
		fmt.Sprintf("bash %q is not evaluated: packages under it are imported unconditionally", words[0].text))
}
