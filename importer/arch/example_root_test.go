package arch_test

import (
	"fmt"
	"io/fs"
	"testing/fstest"

	"github.com/nixarch/nixarch/importer/arch"
)

func ExampleImportFS() {
	// A tiny Arch root in memory; ImportRoot reads a real one the same way.
	root := fstest.MapFS{
		"var/lib/pacman/local/ALPM_DB_VERSION":   {Data: []byte("9\n")},
		"var/lib/pacman/local/yay-12.3.5-1/desc": {Data: []byte("%NAME%\nyay\n\n%VERSION%\n12.3.5-1\n\n%REASON%\n0\n")},
		"etc/hostname":                           {Data: []byte("archbox\n")},
		"etc/localtime":                          {Data: []byte("/usr/share/zoneinfo/Europe/Berlin"), Mode: fs.ModeSymlink},
		"etc/passwd":                             {Data: []byte("root:x:0:0::/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/zsh\n")},
		"etc/shadow":                             {Data: []byte("never read\n")},
	}
	sys, err := arch.ImportFS(root, nil, "/mnt")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sys.Host.Hostname, sys.Host.Timezone)
	for _, p := range sys.Packages {
		fmt.Printf("%s: %s %s repo=%s\n", p.Origin, p.Name, p.Version, p.Repo)
	}
	for _, u := range sys.Users {
		fmt.Printf("%s: user %s\n", u.Origin, u.Name)
	}
	for _, f := range sys.Findings {
		fmt.Printf("%s: %s: %s\n", f.Origin, f.Severity, f.Message)
	}
	// Output:
	// archbox Europe/Berlin
	// /var/lib/pacman/local/yay-12.3.5-1/desc:2:1: yay 12.3.5-1 repo=foreign
	// /etc/passwd:2:1: user alice
	// /var/lib/pacman/sync: warning: no sync databases: every package is taken as foreign; run pacman -Sy on the system first
}
