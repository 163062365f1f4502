package exporter_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nixarch/nixarch/exporter"
)

func ExampleNewDryRunWriter() {
	dir, _ := os.MkdirTemp("", "nixarch-example-")
	defer os.RemoveAll(dir)

	files := []exporter.File{
		{Path: "configuration.nix", Content: []byte("{ }\n")},
		{Path: "bin/install.sh", Mode: exporter.ExecutableMode, Content: []byte("#!/bin/sh\n")},
	}
	out := filepath.Join(dir, "out")
	plan := &prefixStripper{prefix: dir}
	if err := exporter.NewDryRunWriter(plan, exporter.Options{}).WriteTree(out, files); err != nil {
		fmt.Println(err)
	}
	// The real writer does it, and a second run refuses without Force.
	if err := exporter.NewRealWriter(exporter.Options{}).WriteTree(out, files); err != nil {
		fmt.Println(err)
	}
	err := exporter.NewRealWriter(exporter.Options{}).WriteTree(out, files)
	fmt.Println(plan.strip(err.Error()))
	// Output:
	// would create TMP/out/
	// would create TMP/out/bin/
	// would write TMP/out/bin/install.sh (10 bytes, 0755)
	// would write TMP/out/configuration.nix (4 bytes, 0644)
	// output folder TMP/out: folder exists and is not empty
}

// prefixStripper prints lines with the temporary folder replaced by TMP, so
// the example's output does not depend on where it runs.
type prefixStripper struct{ prefix string }

func (p *prefixStripper) Write(b []byte) (int, error) {
	fmt.Print(p.strip(string(b)))
	return len(b), nil
}

func (p *prefixStripper) strip(s string) string {
	return strings.ReplaceAll(s, p.prefix, "TMP")
}
