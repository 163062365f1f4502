package eval

import (
	"errors"
	"strconv"
	"strings"
)

// parseTOML parses the TOML that configurations feed builtins.fromTOML:
// tables, arrays of tables, dotted keys, strings (basic, literal and
// multi-line), integers (with 0x, 0o, 0b), floats, booleans, arrays and
// inline tables. Dates and times are kept as strings.
func parseTOML(src string) (map[string]any, error) {
	p := &tomlParser{s: src}
	root := map[string]any{}
	cur := root
	for {
		p.skipSpaceAndNewlines()
		if p.eof() {
			return root, nil
		}
		switch {
		case strings.HasPrefix(p.s[p.i:], "[["):
			p.i += 2
			keys, err := p.keys()
			if err != nil {
				return nil, err
			}
			if !p.consume("]]") {
				return nil, p.err("expected ]]")
			}
			parent, err := descend(root, keys[:len(keys)-1])
			if err != nil {
				return nil, err
			}
			last := keys[len(keys)-1]
			arr, _ := parent[last].([]any)
			t := map[string]any{}
			parent[last] = append(arr, t)
			cur = t
		case p.s[p.i] == '[':
			p.i++
			keys, err := p.keys()
			if err != nil {
				return nil, err
			}
			if !p.consume("]") {
				return nil, p.err("expected ]")
			}
			if cur, err = descend(root, keys); err != nil {
				return nil, err
			}
		default:
			if err := p.keyValue(cur); err != nil {
				return nil, err
			}
		}
		p.skipSpace()
		if !p.eof() && p.s[p.i] != '\n' && p.s[p.i] != '\r' {
			return nil, p.err("expected a new line")
		}
	}
}

// descend returns the table at keys below t, creating it.
func descend(t map[string]any, keys []string) (map[string]any, error) {
	for _, k := range keys {
		switch x := t[k].(type) {
		case nil:
			n := map[string]any{}
			t[k] = n
			t = n
		case map[string]any:
			t = x
		case []any:
			if len(x) == 0 {
				return nil, errors.New("bad table " + k)
			}
			m, ok := x[len(x)-1].(map[string]any)
			if !ok {
				return nil, errors.New("bad table " + k)
			}
			t = m
		default:
			return nil, errors.New("key " + k + " is not a table")
		}
	}
	return t, nil
}

type tomlParser struct {
	s string
	i int
}

func (p *tomlParser) eof() bool { return p.i >= len(p.s) }

func (p *tomlParser) err(msg string) error {
	line := strings.Count(p.s[:min(p.i, len(p.s))], "\n") + 1
	return errors.New("line " + strconv.Itoa(line) + ": " + msg)
}

func (p *tomlParser) consume(s string) bool {
	if strings.HasPrefix(p.s[p.i:], s) {
		p.i += len(s)
		return true
	}
	return false
}

func (p *tomlParser) skipSpace() {
	for !p.eof() {
		switch p.s[p.i] {
		case ' ', '\t':
			p.i++
		case '#':
			for !p.eof() && p.s[p.i] != '\n' {
				p.i++
			}
		default:
			return
		}
	}
}

func (p *tomlParser) skipSpaceAndNewlines() {
	for {
		p.skipSpace()
		if p.eof() || (p.s[p.i] != '\n' && p.s[p.i] != '\r') {
			return
		}
		p.i++
	}
}

func (p *tomlParser) keys() ([]string, error) {
	var keys []string
	for {
		p.skipSpace()
		k, err := p.key()
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
		p.skipSpace()
		if !p.consume(".") {
			return keys, nil
		}
	}
}

func (p *tomlParser) key() (string, error) {
	if p.eof() {
		return "", p.err("expected a key")
	}
	if c := p.s[p.i]; c == '"' || c == '\'' {
		return p.str()
	}
	start := p.i
	for !p.eof() {
		c := p.s[p.i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' {
			p.i++
			continue
		}
		break
	}
	if p.i == start {
		return "", p.err("expected a key")
	}
	return p.s[start:p.i], nil
}

func (p *tomlParser) keyValue(t map[string]any) error {
	keys, err := p.keys()
	if err != nil {
		return err
	}
	p.skipSpace()
	if !p.consume("=") {
		return p.err("expected =")
	}
	p.skipSpace()
	v, err := p.value()
	if err != nil {
		return err
	}
	parent, err := descend(t, keys[:len(keys)-1])
	if err != nil {
		return err
	}
	last := keys[len(keys)-1]
	if _, dup := parent[last]; dup {
		return p.err("duplicate key " + last)
	}
	parent[last] = v
	return nil
}

func (p *tomlParser) value() (any, error) {
	if p.eof() {
		return nil, p.err("expected a value")
	}
	switch c := p.s[p.i]; {
	case c == '"' || c == '\'':
		return p.str()
	case c == '[':
		p.i++
		arr := []any{}
		for {
			p.skipSpaceAndNewlines()
			if p.consume("]") {
				return arr, nil
			}
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
			p.skipSpaceAndNewlines()
			if p.consume("]") {
				return arr, nil
			}
			if !p.consume(",") {
				return nil, p.err("expected , or ]")
			}
		}
	case c == '{':
		p.i++
		t := map[string]any{}
		p.skipSpace()
		if p.consume("}") {
			return t, nil
		}
		for {
			p.skipSpace()
			if err := p.keyValue(t); err != nil {
				return nil, err
			}
			p.skipSpace()
			if p.consume("}") {
				return t, nil
			}
			if !p.consume(",") {
				return nil, p.err("expected , or }")
			}
		}
	case strings.HasPrefix(p.s[p.i:], "true"):
		p.i += 4
		return true, nil
	case strings.HasPrefix(p.s[p.i:], "false"):
		p.i += 5
		return false, nil
	}
	start := p.i
	for !p.eof() && !strings.ContainsRune(" \t\r\n,]}#", rune(p.s[p.i])) {
		p.i++
	}
	lit := p.s[start:p.i]
	clean := strings.ReplaceAll(lit, "_", "")
	if n, err := strconv.ParseInt(clean, 0, 64); err == nil {
		return n, nil
	}
	switch clean {
	case "inf", "+inf", "-inf", "nan", "+nan", "-nan":
		f, _ := strconv.ParseFloat(strings.Replace(clean, "inf", "Inf", 1), 64)
		return f, nil
	}
	if f, err := strconv.ParseFloat(clean, 64); err == nil {
		return f, nil
	}
	if len(lit) >= 8 && lit[4] == '-' { // a date or date-time
		if !p.eof() && p.s[p.i] == ' ' && p.i+1 < len(p.s) && p.s[p.i+1] >= '0' && p.s[p.i+1] <= '9' {
			p.i++
			for !p.eof() && !strings.ContainsRune(" \t\r\n,]}#", rune(p.s[p.i])) {
				p.i++
			}
		}
		return p.s[start:p.i], nil
	}
	return nil, p.err("invalid value " + strconv.Quote(lit))
}

func (p *tomlParser) str() (string, error) {
	q := p.s[p.i]
	multi := strings.HasPrefix(p.s[p.i:], strings.Repeat(string(q), 3))
	if multi {
		p.i += 3
		_ = p.consume("\r\n") || p.consume("\n") // a new line right after the quotes is dropped
	} else {
		p.i++
	}
	var b strings.Builder
	for {
		if p.eof() {
			return "", p.err("unterminated string")
		}
		c := p.s[p.i]
		if c == q {
			if !multi {
				p.i++
				return b.String(), nil
			}
			if strings.HasPrefix(p.s[p.i:], strings.Repeat(string(q), 3)) {
				p.i += 3
				for !p.eof() && p.s[p.i] == q { // up to two more quotes belong to the string
					b.WriteByte(q)
					p.i++
				}
				return b.String(), nil
			}
		}
		if c == '\n' && !multi {
			return "", p.err("new line in string")
		}
		if c == '\\' && q == '"' {
			p.i++
			if p.eof() {
				return "", p.err("unterminated string")
			}
			e := p.s[p.i]
			p.i++
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case '"', '\\':
				b.WriteByte(e)
			case 'u', 'U':
				n := 4
				if e == 'U' {
					n = 8
				}
				if p.i+n > len(p.s) {
					return "", p.err("bad escape")
				}
				r, err := strconv.ParseUint(p.s[p.i:p.i+n], 16, 32)
				if err != nil {
					return "", p.err("bad escape")
				}
				b.WriteRune(rune(r))
				p.i += n
			case '\n', ' ', '\t', '\r':
				if !multi {
					return "", p.err("bad escape")
				}
				for !p.eof() && strings.ContainsRune(" \t\r\n", rune(p.s[p.i])) {
					p.i++
				}
			default:
				return "", p.err("bad escape")
			}
			continue
		}
		b.WriteByte(c)
		p.i++
	}
}
