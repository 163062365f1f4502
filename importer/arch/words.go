package arch

import "bytes"

// A word is one shell word of a line, with its quotes removed.
type word struct {
	text string
	col  int // 1-based byte column of the word's first byte
	// quoted is true when any part of the word was quoted, so that a
	// quoted 'AddPackage' is a name and not a command, as in bash.
	quoted bool
}

// splitWords appends the words of line to words, splitting the way bash
// does for the simple commands a package list holds: blanks (space and tab)
// separate words, 'single' and "double" quotes group, and a # at the start of
// a word starts a comment that runs to the end of the line. Nothing is
// expanded: $, backslashes and globs stay as they are, and so are rejected
// later as characters a package name cannot hold.
//
// unclosedQuote is the column of a quote that is never closed, or 0.
func splitWords(words []word, line []byte) (_ []word, unclosedQuote int) {
	i := 0
	for {
		for i < len(line) && isBlank(line[i]) {
			i++
		}
		if i == len(line) || line[i] == '#' {
			return words, 0
		}
		start := i
		var text []byte // the unquoted text, once the word has quotes
		quoted := false
		for i < len(line) && !isBlank(line[i]) {
			c := line[i]
			if c != '\'' && c != '"' {
				if quoted {
					text = append(text, c)
				}
				i++
				continue
			}
			if !quoted {
				text = append(text, line[start:i]...)
				quoted = true
			}
			end := bytes.IndexByte(line[i+1:], c)
			if end < 0 {
				return words, i + 1
			}
			text = append(text, line[i+1:i+1+end]...)
			i += end + 2
		}
		w := word{col: start + 1, quoted: quoted}
		if quoted {
			w.text = string(text)
		} else {
			w.text = string(line[start:i])
		}
		words = append(words, w)
	}
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }
