package arch_test

import (
	"strings"
	"testing"

	"github.com/nixarch/nixarch/exporter/arch"
	"github.com/nixarch/nixarch/exporter/report"
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/model"
)

// FuzzQuote checks that a quoted word reads back as the string: outside
// quotes only the escaped quote \' appears, and inside them anything but
// a quote.
func FuzzQuote(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := arch.Quote(s)
		if strings.IndexByte(s, 0) >= 0 {
			if err == nil {
				t.Fatalf("Quote(%q) accepted a NUL byte", s)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := unquote(t, q); got != s {
			t.Fatalf("Quote(%q) = %s, which reads back as %q", s, q, got)
		}
	})
}

// unquote reads a word made of plain characters, '…' and \'.
func unquote(t *testing.T, q string) string {
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		switch c := q[i]; {
		case c == '\'':
			j := strings.IndexByte(q[i+1:], '\'')
			if j < 0 {
				t.Fatalf("unterminated quote in %s", q)
			}
			b.WriteString(q[i+1 : i+1+j])
			i += j + 1
		case c == '\\' && i+1 < len(q) && q[i+1] == '\'':
			b.WriteByte('\'')
			i++
		case strings.IndexByte("@%+=:,./_-", c) >= 0 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			b.WriteByte(c)
		default:
			t.Fatalf("%s has %q outside quotes", q, c)
		}
	}
	return b.String()
}

// FuzzEtcFileContent checks that no content ends its here-document early:
// every line between the write_file line and its delimiter is content.
func FuzzEtcFileContent(f *testing.F) {
	for _, s := range []string{"", "x", "NIXARCH_EOF\n", "NIXARCH_EOF\nNIXARCH_EOF_1\n", "a\nNIXARCH_EOF", "'\n$(x)\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, content string) {
		if strings.IndexByte(content, 0) >= 0 {
			return
		}
		sys := model.New(model.Source{Kind: model.SourceNixOS})
		sys.EtcFiles = []model.EtcFile{{Target: "/etc/fuzz", Content: content}}
		if _, err := model.Encode(sys); err != nil {
			return // not a model nixarch can hold
		}
		files, err := arch.Render(sys, report.Build(sys, testTable, mappings.Arch), arch.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sh := string(fileMap(files)[arch.Script].Content)
		start := strings.Index(sh, "write_file /etc/fuzz ")
		if start < 0 {
			t.Fatal("no write_file for /etc/fuzz")
		}
		head, rest, _ := strings.Cut(sh[start:], "\n")
		delim := head[strings.Index(head, "<<'")+3 : len(head)-1]
		body := content
		if !strings.HasSuffix(body, "\n") {
			body += "\n"
			if !strings.Contains(head, " no-newline ") {
				t.Fatalf("content without a final newline, but %q", head)
			}
		}
		if !strings.HasPrefix(rest, body+delim+"\n") {
			t.Fatalf("here-document for %q is not its content and then %s:\n%s", content, delim, rest)
		}
		for _, l := range strings.Split(body, "\n") {
			if l == delim {
				t.Fatalf("content line %q is the delimiter", l)
			}
		}
	})
}
