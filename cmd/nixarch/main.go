// Command nixarch moves a Linux system between NixOS and Arch Linux.
//
// See "nixarch --help" and the README for usage.
package main

import (
	"os"

	"github.com/nixarch/nixarch/cmd/nixarch/commands"
)

func main() {
	os.Exit(commands.Main(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
