package options_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/mappings/options"
)

var update = flag.Bool("update", false, "rewrite docs/options.md from the table")

const docsFile = "../../docs/options.md"

// TestDocs checks that docs/options.md is the table rendered by
// renderDocs. With -update it rewrites the file.
func TestDocs(t *testing.T) {
	got := renderDocs(table(t))
	if *update {
		if err := os.WriteFile(docsFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(docsFile)
	if err != nil {
		t.Fatalf("%v; run go test ./mappings/options -update", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date; run go test ./mappings/options -update", docsFile)
	}
}

func renderDocs(tb *options.Table) []byte {
	var b bytes.Buffer
	b.WriteString(`# NixOS options on Arch Linux

<!-- Generated from mappings/options/data/options.yaml by "go test ./mappings/options -update". Do not edit. -->

nixarch's table of NixOS options says what each one means on Arch Linux: what to install, what to
enable, what to write and what to do by hand; and, in the other direction, which enabled units and
installed packages stand for the option. Package names are Arch's as of December 2024, option
paths are NixOS 24.11's. The format and the rules are documented in mappings/options (doc.go).

- **install**: packages from core and extra; *multilib* packages need [multilib] enabled in
  /etc/pacman.conf; *AUR* packages are not in the official repositories; *group* is a pacman
  package group.
- **enable**: system units (systemctl enable) and *user* units (systemctl --global enable).
- **also**: groups users join, kernel modules and parameters, files to write and manual steps.
  ` + "`{{value}}`" + ` stands for the option's value.
- **implied by**: the units and packages on an Arch system that imply the option (a template unit
  such as syncthing@.service stands for all its instances).

`)
	fmt.Fprintf(&b, "%d options.\n\n", len(tb.Options()))
	b.WriteString("| option | value | install | enable | also | implied by | note |\n")
	b.WriteString("| --- | --- | --- | --- | --- | --- | --- |\n")
	for _, o := range tb.Options() {
		a := &o.Arch
		name := code(o.Path)
		for _, al := range o.Aliases {
			name += "<br>(alias " + code(al) + ")"
		}
		var install, enable, also []string
		install = append(install, codes(a.Packages, "")...)
		install = append(install, codes(a.Multilib, " *multilib*")...)
		install = append(install, codes(a.AUR, " *AUR*")...)
		install = append(install, codes(a.PackageGroups, " *group*")...)
		enable = append(codes(a.Units, ""), codes(a.UserUnits, " *user*")...)
		if len(a.Groups) > 0 {
			also = append(also, "groups: "+strings.Join(codes(a.Groups, ""), ", "))
		}
		if len(a.KernelModules) > 0 {
			also = append(also, "kernel modules: "+strings.Join(codes(a.KernelModules, ""), ", "))
		}
		if len(a.KernelParams) > 0 {
			also = append(also, "kernel parameters: "+strings.Join(codes(a.KernelParams, ""), ", "))
		}
		for _, f := range a.Files {
			s := "file " + code(f.Path)
			if f.Mode != 0 {
				s += " (mode " + f.Mode.String() + ")"
			}
			also = append(also, s+": "+code(strings.TrimSuffix(f.Content, "\n")))
		}
		for _, m := range a.Manual {
			also = append(also, "by hand: "+cell(m))
		}
		implied := append(codes(o.FromUnits, ""), codes(o.FromPackages, "")...)
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", name, o.Kind,
			strings.Join(install, " "), strings.Join(enable, " "), strings.Join(also, "<br>"),
			strings.Join(implied, " "), cell(o.Note))
	}
	return b.Bytes()
}

// cell makes text fit in one table cell.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;").Replace(s)
}

// code writes s as inline code in a table cell, keeping its lines apart.
func code(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		l = strings.ReplaceAll(l, "|", `\|`)
		if strings.Contains(l, "`") {
			lines[i] = "`` " + l + " ``"
		} else {
			lines[i] = "`" + l + "`"
		}
	}
	return strings.Join(lines, "<br>")
}

func codes(list []string, suffix string) []string {
	var out []string
	for _, s := range list {
		out = append(out, code(s)+suffix)
	}
	return out
}
