package model

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Encode writes s as YAML: fields in the order of the Go structs, empty
// optional fields left out, settings keys sorted and two-space indents, so
// that the same System always gives the same bytes and Decode reads them
// back unchanged. Encode refuses a System that does not pass Validate.
func Encode(s *System) ([]byte, error) {
	if s == nil {
		return nil, errors.New("encode model: nil System")
	}
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("encode model: %w", err)
	}
	n, err := node(reflect.ValueOf(s).Elem(), "")
	if err != nil {
		return nil, fmt.Errorf("encode model: %w", err)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return nil, fmt.Errorf("encode model: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode model: %w", err)
	}
	return buf.Bytes(), nil
}

// node builds the YAML node for v, which has one of the types used in
// System.
func node(v reflect.Value, path string) (*yaml.Node, error) {
	switch v.Type() {
	case originType:
		return scalar("!!str", v.Interface().(Origin).String()), nil
	case fileModeType:
		return scalar("!!str", v.Interface().(FileMode).String()), nil
	case settingsType:
		return settingNode(map[string]any(v.Interface().(Settings)), path)
	}
	switch v.Kind() {
	case reflect.String:
		return stringNode(v.String(), path)
	case reflect.Bool:
		return scalar("!!bool", strconv.FormatBool(v.Bool())), nil
	case reflect.Int:
		return scalar("!!int", strconv.FormatInt(v.Int(), 10)), nil
	case reflect.Slice:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := range v.Len() {
			c, err := node(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, c)
		}
		return n, nil
	case reflect.Struct:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		fields := fieldsOf(v.Type())
		for i, name := range names(fields) {
			fv := v.Field(i)
			if fields[name].omitEmpty && (fv.IsZero() || (fv.Kind() == reflect.Slice || fv.Kind() == reflect.Map) && fv.Len() == 0) {
				continue
			}
			c, err := node(fv, join(path, name))
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, scalar("!!str", name), c)
		}
		return n, nil
	}
	return nil, fmt.Errorf("%s: cannot encode %s", path, v.Type())
}

// settingNode builds the node for a Settings value.
func settingNode(v any, path string) (*yaml.Node, error) {
	switch v := v.(type) {
	case string:
		return stringNode(v, path)
	case int64:
		return scalar("!!int", strconv.FormatInt(v, 10)), nil
	case float64:
		return scalar("!!float", formatFloat(v)), nil
	case bool:
		return scalar("!!bool", strconv.FormatBool(v)), nil
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i, x := range v {
			c, err := settingNode(x, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, c)
		}
		return n, nil
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, k := range slices.Sorted(maps.Keys(v)) {
			kn, err := stringNode(k, path)
			if err != nil {
				return nil, err
			}
			c, err := settingNode(v[k], path+keyPath(k))
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, kn, c)
		}
		return n, nil
	case Settings:
		return settingNode(map[string]any(v), path)
	}
	return nil, fmt.Errorf("%s: cannot encode %T", path, v)
}

func scalar(tag, value string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value}
}

// yaml11 matches strings that YAML 1.1 readers take for booleans or
// base-60 numbers. yaml.v3 reads them as strings, but like yaml.Marshal we
// quote them for other readers.
var yaml11 = regexp.MustCompile(`^(?:[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$`)

// stringNode builds a string scalar. yaml.v3 quotes it where it would
// otherwise read back as another type.
func stringNode(s, path string) (*yaml.Node, error) {
	if !utf8.ValidString(s) {
		return nil, fmt.Errorf("%s: %q is not valid UTF-8", path, s)
	}
	n := scalar("!!str", s)
	// yaml.v3 writes a literal block that starts with white space wrongly,
	// so such text is quoted instead.
	if yaml11.MatchString(s) || strings.Contains(s, "\n") && strings.ContainsAny(s[:1], " \t\n") {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n, nil
}

// formatFloat writes f so that it reads back as a float: 1 becomes "1.0".
func formatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return ".inf"
	case math.IsInf(f, -1):
		return "-.inf"
	case math.IsNaN(f):
		return ".nan"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}
