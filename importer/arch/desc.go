package arch

import (
	"bytes"
	"fmt"

	"github.com/nixarch/nixarch/model"
)

// MaxDescSize is the largest desc (or depends) entry of a pacman database
// that is read, in bytes. Real ones are a few KiB; the largest, with long
// %PROVIDES% lists, stay under 64 KiB.
const MaxDescSize = 1 << 20

// descField says how one %FIELD% of a desc entry is read.
type descField struct {
	list bool // any number of values; otherwise at most one
	set  func(p *DBPackage, values []string, line int) string
}

// descFields are the fields nixarch reads. Other fields (%URL%, %SIZE%,
// %FILES% …) are skipped, whatever they hold, as libalpm skips fields it
// does not know.
var descFields = map[string]descField{
	"NAME": {set: func(p *DBPackage, v []string, line int) string {
		p.Name = v[0]
		p.Origin.Line, p.Origin.Col = line, 1
		return checkName(v[0])
	}},
	"VERSION": {set: func(p *DBPackage, v []string, _ int) string {
		p.Version = v[0]
		return checkVersion(v[0])
	}},
	"DESC": {set: func(p *DBPackage, v []string, _ int) string { p.Desc = v[0]; return "" }},
	"ARCH": {set: func(p *DBPackage, v []string, _ int) string { p.Arch = v[0]; return "" }},
	"REASON": {set: func(p *DBPackage, v []string, _ int) string {
		switch v[0] {
		case "0":
		case "1":
			p.Dependency = true
		default:
			return fmt.Sprintf("invalid install reason %q: want 0 (explicit) or 1 (dependency)", v[0])
		}
		return ""
	}},
	"GROUPS":   {list: true, set: func(p *DBPackage, v []string, _ int) string { p.Groups = v; return "" }},
	"PROVIDES": {list: true, set: func(p *DBPackage, v []string, _ int) string { p.Provides = v; return "" }},
	"DEPENDS":  {list: true, set: func(p *DBPackage, v []string, _ int) string { p.Depends = v; return "" }},
}

// A descParser reads the desc entries of one package: desc, and in old
// databases also depends, which has the same format.
type descParser struct {
	pkg  DBPackage
	errs model.ErrorList
	seen map[string]int // field to the line of its header
}

// parseDesc reads a desc entry. file is the entry's path inside the Arch
// system, used in origins and errors. It returns what it could read and
// every problem, each at file:line:col.
func parseDesc(file string, data []byte) (DBPackage, model.ErrorList) {
	var d descParser
	d.parse(file, data)
	d.finish(file)
	return d.pkg, d.errs
}

// parse reads one file of the entry. The format is a %FIELD% line followed
// by its values, one a line, up to an empty line.
func (d *descParser) parse(file string, data []byte) {
	if d.seen == nil {
		d.seen = make(map[string]int)
		d.pkg.Origin.File = file
	}
	var (
		field   string // the field being read, "" between fields
		header  int    // its header's line
		values  []string
		atLine  []int // the line of each value
		lineNum int
	)
	flush := func() {
		if field == "" {
			return
		}
		f, known := descFields[field]
		switch {
		case !known:
		case len(values) == 0:
			if !f.list {
				d.errs.Add(model.Origin{File: file, Line: header, Col: 1}, fmt.Sprintf("%%%s%% has no value", field))
			}
		case !f.list && len(values) > 1:
			d.errs.Add(model.Origin{File: file, Line: atLine[1], Col: 1}, fmt.Sprintf("%%%s%% has more than one value", field))
		default:
			if msg := f.set(&d.pkg, values, atLine[0]); msg != "" {
				d.errs.Add(model.Origin{File: file, Line: atLine[0], Col: 1}, msg)
			}
		}
		field, values, atLine = "", nil, nil
	}
	for len(data) > 0 {
		lineNum++
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		switch {
		case len(line) == 0:
			flush()
		case field != "":
			if _, known := descFields[field]; known {
				values = append(values, string(line))
				atLine = append(atLine, lineNum)
			}
		case len(line) > 2 && line[0] == '%' && line[len(line)-1] == '%':
			field, header = string(line[1:len(line)-1]), lineNum
			if first, ok := d.seen[field]; ok {
				d.errs.Add(model.Origin{File: file, Line: lineNum, Col: 1},
					fmt.Sprintf("duplicate field %%%s%% (first at line %d)", field, first))
			} else {
				d.seen[field] = lineNum
			}
		default:
			d.errs.Add(model.Origin{File: file, Line: lineNum, Col: 1},
				fmt.Sprintf("expected a %%FIELD%% line, found %q", truncate(string(line), 40)))
		}
	}
	flush()
}

// finish checks that the entry had a name and a version.
func (d *descParser) finish(file string) {
	for _, f := range [...]string{"NAME", "VERSION"} {
		if _, ok := d.seen[f]; !ok {
			d.errs.Add(model.Origin{File: file}, fmt.Sprintf("no %%%s%% field", f))
		}
	}
	d.errs.Sort()
}

// truncate shortens s for a message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
