package model

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxSize is the largest model file Decode and ReadFile accept, in bytes.
const MaxSize = 64 << 20

// ReadFile reads the model file name, at most MaxSize bytes, and decodes it
// with Decode.
func ReadFile(name string) (*System, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	defer f.Close()
	return Read(name, f)
}

// Read reads a model from r, at most MaxSize bytes of it, and decodes it
// strictly. name is used in errors only.
func Read(name string, r io.Reader) (*System, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	return Decode(name, data)
}

// Decode decodes a model file strictly. filename is used in errors only.
// On bad input it returns a nil System and an ErrorList holding every
// problem it found, each at filename:line:col: YAML syntax, unknown and
// duplicate fields, values of the wrong type, missing required fields and
// values that the rules of each type forbid.
func Decode(filename string, data []byte) (*System, error) {
	if len(data) > MaxSize {
		return nil, ErrorList{Errorf(Origin{File: filename}, fmt.Sprintf("model file is larger than %d MiB", MaxSize>>20))}
	}
	root, err := parse(filename, data)
	if err != nil {
		return nil, err
	}
	d := decoder{file: filename, failed: map[string]bool{}}
	var s System
	d.value(root, "", reflect.ValueOf(&s).Elem())
	for _, p := range s.check() {
		if !d.skip(p.path) && (p.field == "" || !d.failed[join(p.path, p.field)]) {
			d.errs.Add(d.pos(nodeAt(root, p.path)), p.String())
		}
	}
	if err := d.errs.Err(); err != nil {
		return nil, err
	}
	return &s, nil
}

// parse checks that data is UTF-8 text holding one YAML document and
// returns the document's top node.
func parse(filename string, data []byte) (root *yaml.Node, err error) {
	errorAt := func(line, col int, format string, args ...any) error {
		return ErrorList{Errorf(Origin{filename, line, col}, fmt.Sprintf(format, args...))}
	}
	// yaml.v3 reports bad characters without a position; find it first.
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		var msg string
		switch {
		case r == utf8.RuneError && size == 1:
			msg = fmt.Sprintf("invalid UTF-8 byte %#x", data[i])
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r < 0xa0 && r != 0x85 || r == 0xfffe || r == 0xffff:
			msg = fmt.Sprintf("control character %U is not allowed", r)
		}
		if msg != "" {
			line, col := position(data[:i])
			return nil, errorAt(line, col, "%s", msg)
		}
		i += size
	}
	// yaml.v3 is trusted not to panic, but a panic here must not take the
	// caller down with it.
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, errorAt(1, 1, "cannot parse YAML: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc, extra yaml.Node
	if err := dec.Decode(&doc); err == io.EOF {
		return nil, errorAt(1, 1, "file is empty; want a mapping with apiVersion: %s and kind: %s", APIVersion, KindSystem)
	} else if err != nil {
		return nil, syntaxError(filename, data, err)
	}
	if err := dec.Decode(&extra); err == nil {
		return nil, errorAt(extra.Line, extra.Column, "a second YAML document is not allowed; a model file holds one System")
	} else if err != io.EOF {
		return nil, syntaxError(filename, data, err)
	}
	if len(doc.Content) == 0 {
		return nil, errorAt(doc.Line, doc.Column, "document is empty")
	}
	return doc.Content[0], nil
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// parserProblems are the yaml.v3 errors that give a 0-based line; the
// scanner's give 1-based lines.
var parserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// syntaxError turns a yaml.v3 error, "yaml: line N: message", into an
// ErrorList at filename:line:1. yaml.v3 leaves out the line when it is the
// first one.
func syntaxError(filename string, data []byte, err error) error {
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		m = []string{"", "", err.Error()}
	}
	line, _ := strconv.Atoi(m[1])
	if slices.Contains(parserProblems, m[2]) {
		line++
	}
	o := Origin{filename, max(line, 1), 1}
	if a := unknownAnchor.FindStringSubmatch(m[2]); a != nil {
		if i := bytes.Index(data, []byte("*"+a[1])); i >= 0 {
			o.Line, o.Col = position(data[:i])
		}
	}
	return ErrorList{Errorf(o, m[2])}
}

// position returns the 1-based line and column just after text.
func position(text []byte) (line, col int) {
	i := bytes.LastIndexByte(text, '\n')
	return bytes.Count(text, []byte("\n")) + 1, utf8.RuneCount(text[i+1:]) + 1
}

// A decoder fills Go values from YAML nodes, recording every problem.
// failed holds the paths of values that could not be decoded, so that
// check does not report them again as missing.
type decoder struct {
	file   string
	errs   ErrorList
	failed map[string]bool
}

func (d *decoder) pos(n *yaml.Node) Origin { return Origin{d.file, n.Line, n.Column} }

// errorf records a problem with the value n at path.
func (d *decoder) errorf(n *yaml.Node, path, format string, args ...any) {
	d.failed[path] = true
	d.keyErrorf(n, path, format, args...)
}

// keyErrorf records a problem with key n in the mapping at path, which
// does not stop the mapping's other fields from being checked.
func (d *decoder) keyErrorf(n *yaml.Node, path, format string, args ...any) {
	d.errs.Add(d.pos(n), at(path, fmt.Sprintf(format, args...)))
}

// skip reports whether path or a value holding it failed to decode.
func (d *decoder) skip(path string) bool {
	for !d.failed[path] {
		if path == "" {
			return false
		}
		path = path[:max(strings.LastIndexAny(path, ".["), 0)]
	}
	return true
}

func (d *decoder) typeError(n *yaml.Node, path, want string) {
	d.errorf(n, path, "expected %s, found %s", want, describe(n))
}

var (
	originType   = reflect.TypeFor[Origin]()
	fileModeType = reflect.TypeFor[FileMode]()
	settingsType = reflect.TypeFor[Settings]()
)

// value decodes n into v, which has one of the types used in System.
func (d *decoder) value(n *yaml.Node, path string, v reflect.Value) {
	if n.Kind == yaml.AliasNode {
		d.errorf(n, path, "aliases are not supported")
		return
	}
	switch v.Type() {
	case originType:
		if s, ok := d.text(n, path, "an origin string such as \"configuration.nix:12:3\""); ok {
			o, err := ParseOrigin(s)
			if err != nil {
				d.errorf(n, path, "%v", err)
			}
			v.Set(reflect.ValueOf(o))
		}
		return
	case fileModeType:
		if s, ok := d.text(n, path, "an octal file mode such as \"0644\""); ok {
			m, err := ParseFileMode(s)
			if err != nil {
				d.errorf(n, path, "%v", err)
			}
			v.SetUint(uint64(m))
		}
		return
	case settingsType:
		if n.Kind != yaml.MappingNode {
			d.typeError(n, path, "a mapping")
			return
		}
		s, _ := d.setting(n, path)
		v.Set(reflect.ValueOf(Settings(s.(map[string]any))))
		return
	}
	switch v.Kind() {
	case reflect.String:
		if s, ok := d.text(n, path, "a string"); ok {
			v.SetString(s)
		}
	case reflect.Bool:
		var b bool
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
			d.typeError(n, path, "a boolean (true or false)")
		}
		v.SetBool(b)
	case reflect.Int:
		var i int
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
			d.typeError(n, path, "an integer")
		} else if n.Decode(&i) != nil {
			d.errorf(n, path, "integer %s is out of range", n.Value)
		}
		v.SetInt(int64(i))
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.typeError(n, path, "a sequence")
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content)))
		for i, c := range n.Content {
			d.value(c, fmt.Sprintf("%s[%d]", path, i), v.Index(i))
		}
	case reflect.Struct:
		d.mapping(n, path, v)
	default:
		d.errorf(n, path, "cannot decode into %s", v.Type()) // a field type this file does not know yet
	}
}

// text returns the text of a scalar. Numbers, booleans and dates are
// accepted as text, so that "version: 1.10" means "1.10".
func (d *decoder) text(n *yaml.Node, path, want string) (string, bool) {
	if n.Kind == yaml.ScalarNode {
		switch n.ShortTag() {
		case "!!str", "!!int", "!!float", "!!bool", "!!timestamp":
			return n.Value, true
		}
	}
	d.typeError(n, path, want)
	return "", false
}

// mapping decodes a mapping into struct v, field by field.
func (d *decoder) mapping(n *yaml.Node, path string, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.typeError(n, path, "a mapping")
		return
	}
	fields := fieldsOf(v.Type())
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.keyErrorf(k, path, "expected a field name, found %s", describe(k))
			continue
		}
		if first := seen[k.Value]; first != nil {
			d.keyErrorf(k, path, "duplicate field %q (first at line %d, column %d)", k.Value, first.Line, first.Column)
			continue
		}
		seen[k.Value] = k
		f, ok := fields[k.Value]
		if !ok {
			if guess := closest(k.Value, fields); guess != "" {
				// The field was probably meant, so it is not missing.
				d.failed[join(path, guess)] = true
				d.keyErrorf(k, path, "unknown field %q in %s (did you mean %q?)", k.Value, v.Type().Name(), guess)
			} else {
				d.keyErrorf(k, path, "unknown field %q in %s (allowed: %s)", k.Value, v.Type().Name(), strings.Join(names(fields), ", "))
			}
			continue
		}
		if val.Kind == yaml.ScalarNode && val.ShortTag() == "!!null" {
			continue // "name:" with no value leaves the field unset
		}
		d.value(val, join(path, k.Value), v.Field(f.index))
	}
}

// setting decodes a Settings value: a string, int64, float64, bool, []any or
// map[string]any.
func (d *decoder) setting(n *yaml.Node, path string) (any, bool) {
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!null" {
				d.keyErrorf(k, path, "expected a key, found %s", describe(k))
				continue
			}
			if first := seen[k.Value]; first != nil {
				d.keyErrorf(k, path, "duplicate key %q (first at line %d, column %d)", k.Value, first.Line, first.Column)
				continue
			}
			seen[k.Value] = k
			if x, ok := d.setting(val, path+keyPath(k.Value)); ok {
				m[k.Value] = x
			}
		}
		return m, true
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for i, c := range n.Content {
			if x, ok := d.setting(c, fmt.Sprintf("%s[%d]", path, i)); ok {
				l = append(l, x)
			}
		}
		return l, true
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str", "!!timestamp":
			return n.Value, true
		case "!!int":
			var i int64
			if n.Decode(&i) != nil {
				d.errorf(n, path, "integer %s is out of range", n.Value)
				return nil, false
			}
			return i, true
		case "!!float":
			var f float64
			if n.Decode(&f) == nil {
				return f, true
			}
		case "!!bool":
			var b bool
			if n.Decode(&b) == nil {
				return b, true
			}
		case "!!null":
			d.errorf(n, path, "null is not allowed in settings; leave the key out instead")
			return nil, false
		}
		d.errorf(n, path, "%s %q is not allowed in settings", describe(n), n.Value)
		return nil, false
	}
	d.errorf(n, path, "aliases are not supported")
	return nil, false
}

// describe names the kind of value n holds, for "found ..." messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a sequence"
	case yaml.AliasNode:
		return "an alias"
	}
	switch tag := n.ShortTag(); tag {
	case "!!str":
		return "a string"
	case "!!int":
		return "an integer"
	case "!!float":
		return "a float"
	case "!!bool":
		return "a boolean"
	case "!!null":
		return "null"
	case "!!timestamp":
		return "a timestamp"
	case "!!binary":
		return "binary data"
	default:
		return "a value tagged " + tag
	}
}

// nodeAt follows path ("users[1].groups") down from n as far as it can.
func nodeAt(n *yaml.Node, path string) *yaml.Node {
	for path != "" {
		var next *yaml.Node
		if path[0] == '[' {
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return n
			}
			i, _ := strconv.Atoi(path[1:end])
			path = path[end+1:]
			if n.Kind == yaml.SequenceNode && i < len(n.Content) {
				next = n.Content[i]
			}
		} else {
			path = strings.TrimPrefix(path, ".")
			end := strings.IndexAny(path, ".[")
			if end < 0 {
				end = len(path)
			}
			key := path[:end]
			path = path[end:]
			for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == key {
					next = n.Content[i+1]
					break
				}
			}
		}
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

// closest returns the field whose name is closest to name, if one is
// close enough to be a typo.
func closest(name string, fields map[string]field) string {
	best, bestDist := "", 3
	for _, n := range names(fields) {
		if d := distance(strings.ToLower(name), strings.ToLower(n)); d < bestDist && 3*d <= len(name) {
			best, bestDist = n, d
		}
	}
	return best
}

// distance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and swaps of neighbours.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2, prev, cur := make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// names returns the YAML names of fields in struct order.
func names(fields map[string]field) []string {
	l := make([]string, len(fields))
	for n, f := range fields {
		l[f.index] = n
	}
	return l
}

// field is a struct field as the YAML model names it.
type field struct {
	index     int
	omitEmpty bool
}

var fieldCache sync.Map // reflect.Type → map[string]field

// fieldsOf returns the fields of struct type t by YAML name.
func fieldsOf(t reflect.Type) map[string]field {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]field)
	}
	m := map[string]field{}
	for i := range t.NumField() {
		name, opts, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		m[name] = field{i, opts == "omitempty"}
	}
	fieldCache.Store(t, m)
	return m
}

// join appends a field name to path.
func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// at prefixes msg with path, when there is one.
func at(path, msg string) string {
	if path == "" {
		return msg
	}
	return path + ": " + msg
}

var plainKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// keyPath formats a settings key as a path element.
func keyPath(k string) string {
	if plainKey.MatchString(k) {
		return "." + k
	}
	return fmt.Sprintf("[%q]", k)
}
