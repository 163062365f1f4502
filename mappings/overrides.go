package mappings

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/nixarch/nixarch/model"
)

// maxOverrideSize bounds an override file: it is written by hand.
const maxOverrideSize = 4 << 20

// LoadOverrides reads a user's override file (YAML, see docs/mappings.md):
//
//	mappings:
//	  - arch: visual-studio-code-bin
//	    nixos: vscode
//	    note: we use Microsoft's build
//	  - arch: linux-zen
//	    setting: boot.kernelPackages = pkgs.linuxPackages_zen
//
// Every row needs arch, and nixos or setting. Optional fields: repo (core,
// extra, multilib or aur; default aur), direction (both, to-nixos, to-arch;
// default both, to-nixos without nixos), confidence (default high) and
// note. Reading is strict: an unknown field, a missing or malformed value
// or a second document is a *model.Error naming path:line:col. The rows
// have Method MethodUser.
func LoadOverrides(path string) ([]Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read mapping overrides: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxOverrideSize+1))
	if err != nil {
		return nil, fmt.Errorf("read mapping overrides: %w", err)
	}
	if len(data) > maxOverrideSize {
		return nil, model.Errorf(model.Origin{File: path}, fmt.Sprintf("larger than %d bytes", maxOverrideSize))
	}
	return ParseOverrides(path, data)
}

// ParseOverrides is LoadOverrides for data already read; name is used in
// positions.
func ParseOverrides(name string, data []byte) ([]Row, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil // an empty file overrides nothing
		}
		return nil, model.Errorf(yamlErrorOrigin(name, err), "bad YAML: "+strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, model.Errorf(model.Origin{File: name, Line: extra.Line, Col: extra.Column}, "more than one YAML document")
	}
	at := func(n *yaml.Node) model.Origin { return model.Origin{File: name, Line: n.Line, Col: n.Column} }
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return nil, model.Errorf(at(root), "want a mapping with the key \"mappings\"")
	}
	var list *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "mappings" {
			return nil, model.Errorf(at(k), fmt.Sprintf("unknown field %q (want \"mappings\")", k.Value))
		}
		if v.Kind != yaml.SequenceNode {
			return nil, model.Errorf(at(v), "mappings must be a list")
		}
		list = v
	}
	if list == nil {
		return nil, nil
	}
	var rows []Row
	for _, item := range list.Content {
		r, err := overrideRow(name, item, at)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, nil
}

var overrideFields = []string{"arch", "nixos", "repo", "direction", "confidence", "setting", "note"}

func overrideRow(name string, item *yaml.Node, at func(*yaml.Node) model.Origin) (Row, error) {
	if item.Kind != yaml.MappingNode {
		return Row{}, model.Errorf(at(item), "a mapping row must be a mapping (arch: …, nixos: …)")
	}
	vals := map[string]string{}
	nodes := map[string]*yaml.Node{}
	for i := 0; i+1 < len(item.Content); i += 2 {
		k, v := item.Content[i], item.Content[i+1]
		known := false
		for _, f := range overrideFields {
			known = known || k.Value == f
		}
		if !known {
			return Row{}, model.Errorf(at(k), fmt.Sprintf("unknown field %q (want one of %s)", k.Value, strings.Join(overrideFields, ", ")))
		}
		if _, dup := vals[k.Value]; dup {
			return Row{}, model.Errorf(at(k), fmt.Sprintf("field %q given twice", k.Value))
		}
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			return Row{}, model.Errorf(at(v), fmt.Sprintf("%s must be a string", k.Value))
		}
		vals[k.Value], nodes[k.Value] = strings.TrimSpace(v.Value), v
	}
	bad := func(field, msg string) error {
		n := nodes[field]
		if n == nil {
			n = item
		}
		return model.Errorf(at(n), msg)
	}
	validName := func(s string) bool {
		return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == ',' || r == 0x7f })
	}
	r := Row{Method: MethodUser, Confidence: ConfidenceHigh, Repo: "aur", Direction: Both, Origin: at(item)}
	if !validName(vals["arch"]) {
		return Row{}, bad("arch", "arch must be an Arch package name")
	}
	r.Arch = []string{vals["arch"]}
	if n, ok := vals["nixos"]; ok {
		if !validName(n) {
			return Row{}, bad("nixos", fmt.Sprintf("bad nixpkgs attribute %q", n))
		}
		r.Nixpkgs = []string{n}
	}
	r.Setting = vals["setting"]
	if len(r.Nixpkgs) == 0 {
		if r.Setting == "" {
			return Row{}, bad("arch", "a row needs nixos, setting or both")
		}
		r.Direction = ToNixOS
	}
	if v, ok := vals["repo"]; ok {
		switch v {
		case "core", "extra", "multilib", "aur":
			r.Repo = v
		default:
			return Row{}, bad("repo", fmt.Sprintf("repo %q is not one of core, extra, multilib, aur", v))
		}
	}
	if v, ok := vals["direction"]; ok {
		switch d := Direction(v); d {
		case Both, ToNixOS, ToArch:
			if len(r.Nixpkgs) == 0 && d != ToNixOS {
				return Row{}, bad("direction", "a row without nixos answers Arch lookups only: direction must be to-nixos")
			}
			r.Direction = d
		default:
			return Row{}, bad("direction", fmt.Sprintf("direction %q is not one of both, to-nixos, to-arch", v))
		}
	}
	if v, ok := vals["confidence"]; ok {
		if !confidences[Confidence(v)] {
			return Row{}, bad("confidence", fmt.Sprintf("confidence %q is not one of high, medium, low", v))
		}
		r.Confidence = Confidence(v)
	}
	r.Project = "user:" + r.Arch[0]
	r.Evidence = "your override at " + r.Origin.String()
	if v := vals["note"]; v != "" {
		r.Evidence += ": " + v
	}
	return r, nil
}

// yamlErrorOrigin finds "line N" in a yaml.v3 error message.
func yamlErrorOrigin(name string, err error) model.Origin {
	o := model.Origin{File: name}
	if _, rest, ok := strings.Cut(err.Error(), "line "); ok {
		fmt.Sscanf(rest, "%d", &o.Line)
	}
	return o
}
