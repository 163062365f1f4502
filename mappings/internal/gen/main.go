// Command gen derives the embedded tables of package mappings from the facts
// under shared/data (Arch core/extra PKGBUILD metadata and nixpkgs 24.11
// attributes and aliases). It runs from "go generate ./mappings":
//
//	go run ./internal/gen [-data DIR] [-out DIR] [-unmapped FILE]
//
// -data defaults to ../shared/data beside the repository root (the
// directory holding the go.mod of github.com/nixarch/nixarch, found by
// walking up from the working directory); -out defaults to mappings/data in
// that root. It writes, each sorted and byte-for-byte reproducible:
//
//	mappings.tsv     the mapping rows (see package mappings)
//	arch.tsv.gz      every Arch package: name, repo, pkgbase, upstream keys
//	nixpkgs.tsv.gz   every nixpkgs attribute: attr, pname, wrapped attr, keys
//	aliases.tsv.gz   renamed and removed nixpkgs attributes
//	shared.tsv       upstream keys used by more than corpus.Threshold projects
//
// The rows are the same-name, same-upstream pairs (see package corpus) and
// then the ecosystem rules of ecosystem.go over what is left (python-X ↔
// python3Packages.X and the like); nixsets.tsv supplies the attribute
// names of nixpkgs sets the facts lack, read from the nixpkgs 24.11 tree,
// and hackage2nix.tsv what nixpkgs' Hackage-to-Nix configuration says of
// the Hackage packages Arch builds.
//
// It then prints a quality summary: rows by confidence, and by tier how many
// of the 500 and 5,000 most depended-on Arch packages, and of the names in
// the example package lists, are mapped. The hand-written rows
// (mappings/data/curated.tsv, -curated) count there as the tiers they are,
// since they win at lookup time; -fixtures names the example lists
// (default examples/arch/pkglist.txt and aur.txt) and -nixos-fixtures the
// models of the NixOS fixtures whose packages are looked up from the NixOS
// side (default importer/nixos/testdata/*.golden.yaml), through a table
// loaded from what was just written, as nixarch would: the summary names
// every fixture package that does not map. -unmapped FILE also
// writes, for review, every name of the 5,000 most depended-on Arch
// packages that neither the curated nor the generated rows map, with the
// rule's reason, the names worth checking and Arch's upstream keys. The
// repology rules
// under shared/data are GPL and are not read.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

const module = "github.com/nixarch/nixarch"

func main() {
	os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
}

// Main runs the generator with args and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataDir := fs.String("data", "", "directory with arch/ and nixpkgs/ facts (default: ../shared/data beside the repository root)")
	outDir := fs.String("out", "", "directory to write the tables to (default: mappings/data in the repository root)")
	curated := fs.String("curated", "", "the hand-written rows, for the summary (default: mappings/data/curated.tsv in the repository root)")
	fixtures := fs.String("fixtures", "", "comma-separated package lists to report coverage of (default: examples/arch/pkglist.txt and aur.txt in the repository root)")
	nixosFixtures := fs.String("nixos-fixtures", "", "comma-separated models (nixarch/v1 YAML) whose packages to report coverage of (default: importer/nixos/testdata/*.golden.yaml in the repository root)")
	unmapped := fs.String("unmapped", "", "also write the unmapped names of the 5,000 most depended-on Arch packages, with reasons, to `FILE` (for review; not a table)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if root, err := repoRoot(); err == nil {
		if *curated == "" {
			*curated = filepath.Join(root, "mappings", "data", "curated.tsv")
		}
		if *fixtures == "" {
			*fixtures = filepath.Join(root, "examples", "arch", "pkglist.txt") + "," + filepath.Join(root, "examples", "arch", "aur.txt")
		}
		if *nixosFixtures == "" {
			goldens, _ := filepath.Glob(filepath.Join(root, "importer", "nixos", "testdata", "*.golden.yaml"))
			*nixosFixtures = strings.Join(goldens, ",")
		}
	}
	if *dataDir == "" || *outDir == "" {
		root, err := repoRoot()
		if err != nil {
			fmt.Fprintf(stderr, "gen: %v\nhint: pass -data and -out\n", err)
			return 1
		}
		if *dataDir == "" {
			*dataDir = filepath.Join(root, "..", "shared", "data")
		}
		if *outDir == "" {
			*outDir = filepath.Join(root, "mappings", "data")
		}
	}
	in, err := load(*dataDir)
	if err == nil {
		err = in.loadSummaryInputs(*curated, *fixtures, *nixosFixtures)
	}
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	out, err := build(in)
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	if err := out.write(*outDir); err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	if err := out.summary(stdout, in, filepath.Dir(*curated)); err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	if *unmapped != "" {
		if err := os.WriteFile(*unmapped, out.unmappedReport(in, topN), 0o644); err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return 1
		}
	}
	return 0
}

// repoRoot walks up from the working directory to the go.mod of module.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.Contains(string(b), "module "+module+"\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod for %s above the working directory", module)
		}
		dir = parent
	}
}
