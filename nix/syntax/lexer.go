package syntax

import (
	"strings"
	"unsafe"
)

// lexMode is a start condition of Nix's flex lexer. The lexer keeps a
// stack of them, exactly as lexer.l does with yy_push_state.
type lexMode uint8

const (
	modeInitial     lexMode = iota // bottom of the stack
	modeDefault                    // inside { } and ${ }
	modeString                     // inside "…"
	modeIndString                  // inside ''…''
	modeInPath                     // after a path segment
	modeInPathSlash                // after a path segment ending in '/'
)

// token is one lexical token. text is the source text; val is the
// cooked value of string text (escapes resolved).
type token struct {
	kind   Token
	indent bool // INDSTR text that takes part in indentation stripping
	off    int32
	line   int32
	col    int32
	text   string
	val    string // cooked text; the message of ILLEGAL tokens
}

// position returns the position of t in the file being lexed.
func (l *lexer) position(t *token) Pos {
	return Pos{l.filename, int(t.off), int(t.line), int(t.col)}
}

// A Comment is a source comment, kept when the KeepComments option is set.
type Comment struct {
	Slash Pos    // position of '#' or "/*"
	Text  string // the comment including its markers
}

// lexer is a hand-written equivalent of Nix 2.8's lexer.l.
type lexer struct {
	src      string
	filename string
	off      int
	line     int
	col      int
	modes    []lexMode
	lastOff  int // start of the last text matched, which Nix reports at end of file
	lastLine int
	lastCol  int
	pipes    bool
	keep     bool
	comments []Comment
	text     *slab[byte] // where cooked strings go, if not nil
	buf      []byte      // scratch for cooked strings
}

func (l *lexer) init(filename, src string, pipes, keep bool) {
	l.src = src
	l.filename = filename
	l.off = 0
	l.line = 1
	l.col = 1
	l.modes = append(l.modes[:0], modeInitial)
	l.lastOff, l.lastLine, l.lastCol = 0, 1, 1
	l.pipes = pipes
	l.keep = keep
}

func (l *lexer) pos() Pos { return Pos{l.filename, l.off, l.line, l.col} }

// mark records the start of a match.
func (l *lexer) mark() { l.lastOff, l.lastLine, l.lastCol = l.off, l.line, l.col }

// atLast makes t a token of kind at the start of the last match.
func (l *lexer) atLast(t *token, kind Token) {
	t.set(kind, l.lastOff, l.lastLine, l.lastCol, "")
}

// set sets the fields of t, one by one: a composite literal would be
// built on the stack and copied, which stalls the processor.
func (t *token) set(kind Token, off, line, col int, text string) {
	t.kind = kind
	t.indent = false
	t.off = int32(off)
	t.line = int32(line)
	t.col = int32(col)
	t.text = text
	t.val = ""
}

func (l *lexer) mode() lexMode { return l.modes[len(l.modes)-1] }

func (l *lexer) push(m lexMode) { l.modes = append(l.modes, m) }

func (l *lexer) pop() {
	if len(l.modes) > 1 {
		l.modes = l.modes[:len(l.modes)-1]
	}
}

// advance moves over n bytes, counting lines the way Nix's adjustLoc does.
func (l *lexer) advance(n int) {
	end := l.off + n
	s := l.src
	seg := s[l.off:end]
	if strings.IndexByte(seg, '\r') < 0 {
		nl := strings.IndexByte(seg, '\n')
		if nl < 0 {
			l.col += n
			l.off = end
			return
		}
		l.line += 1 + strings.Count(seg[nl+1:], "\n")
		l.col = n - strings.LastIndexByte(seg, '\n')
		l.off = end
		return
	}
	for i := l.off; i < end; i++ {
		switch s[i] {
		case '\r':
			if i+1 < end && s[i+1] == '\n' {
				i++
			}
			l.line++
			l.col = 1
		case '\n':
			l.line++
			l.col = 1
		default:
			l.col++
		}
	}
	l.off = end
}

// emit makes t a token of the next n bytes and moves over them.
func (l *lexer) emit(t *token, kind Token, n int) {
	l.mark()
	t.set(kind, l.off, l.line, l.col, l.src[l.off:l.off+n])
	l.advance(n)
}

// emitFlat is emit for text without line breaks.
func (l *lexer) emitFlat(t *token, kind Token, n int) {
	l.lastOff, l.lastLine, l.lastCol = l.off, l.line, l.col
	t.set(kind, l.off, l.line, l.col, l.src[l.off:l.off+n])
	l.off += n
	l.col += n
}

// Character classes of lexer.l, as bits of charClass.
const (
	classIDStart  = 1 << iota // [a-zA-Z_]
	classIDChar               // [a-zA-Z0-9_'-]
	classPathChar             // [a-zA-Z0-9._+-]
	classURIChar              // [a-zA-Z0-9%/?:@&=+$,_.!~*'-]
	classDigit                // [0-9]
)

var charClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		digit := '0' <= c && c <= '9'
		if letter || c == '_' {
			t[c] |= classIDStart
		}
		if letter || digit || c == '_' || c == '\'' || c == '-' {
			t[c] |= classIDChar
		}
		if letter || digit || c == '.' || c == '_' || c == '-' || c == '+' {
			t[c] |= classPathChar
		}
		if letter || digit || strings.IndexByte("%/?:@&=+$,-_.!~*'", byte(c)) >= 0 {
			t[c] |= classURIChar
		}
		if digit {
			t[c] |= classDigit
		}
	}
	return t
}()

func isPathChar(c byte) bool { return charClass[c]&classPathChar != 0 }

func isIDStart(c byte) bool { return charClass[c]&classIDStart != 0 }

func isIDChar(c byte) bool { return charClass[c]&classIDChar != 0 }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isURIChar(c byte) bool { return charClass[c]&classURIChar != 0 }

// The match functions return the length of the longest match of one of
// lexer.l's patterns at the start of s, or 0.

func matchPathChars(s string, i int) int {
	for i < len(s) && isPathChar(s[i]) {
		i++
	}
	return i
}

// matchPathSegments matches (\/{PATH_CHAR}+)+\/? from i; it returns i
// unchanged when there is no segment.
func matchPathSegments(s string, i int) int {
	j := i
	for j+1 < len(s) && s[j] == '/' && isPathChar(s[j+1]) {
		j = matchPathChars(s, j+1)
	}
	if j == i {
		return i
	}
	if j < len(s) && s[j] == '/' {
		j++
	}
	return j
}

// matchPath matches {PATH_CHAR}*(\/{PATH_CHAR}+)+\/?
func matchPath(s string) int {
	i := matchPathChars(s, 0)
	j := matchPathSegments(s, i)
	if j == i {
		return 0
	}
	return j
}

// matchPathSeg matches {PATH_CHAR}*\/
func matchPathSeg(s string) int {
	i := matchPathChars(s, 0)
	if i < len(s) && s[i] == '/' {
		return i + 1
	}
	return 0
}

// matchHPath matches \~(\/{PATH_CHAR}+)+\/?
func matchHPath(s string) int {
	if len(s) == 0 || s[0] != '~' {
		return 0
	}
	j := matchPathSegments(s, 1)
	if j == 1 {
		return 0
	}
	return j
}

// matchSPath matches \<{PATH_CHAR}+(\/{PATH_CHAR}+)*\>
func matchSPath(s string) int {
	if len(s) < 3 || s[0] != '<' || !isPathChar(s[1]) {
		return 0
	}
	j := matchPathChars(s, 1)
	for j+1 < len(s) && s[j] == '/' && isPathChar(s[j+1]) {
		j = matchPathChars(s, j+1)
	}
	if j < len(s) && s[j] == '>' {
		return j + 1
	}
	return 0
}

// matchURI matches [a-zA-Z][a-zA-Z0-9\+\-\.]*\:[URI chars]+
func matchURI(s string) int {
	if len(s) == 0 || !('a' <= s[0] && s[0] <= 'z' || 'A' <= s[0] && s[0] <= 'Z') {
		return 0
	}
	i := 1
	for i < len(s) {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.' {
			i++
			continue
		}
		break
	}
	if i >= len(s) || s[i] != ':' {
		return 0
	}
	i++
	j := i
	for j < len(s) && isURIChar(s[j]) {
		j++
	}
	if j == i {
		return 0
	}
	return j
}

// matchFloat matches (([1-9][0-9]*\.[0-9]*)|(0?\.[0-9]+))([Ee][+-]?[0-9]+)?
func matchFloat(s string) int {
	i := 0
	switch {
	case len(s) > 0 && '1' <= s[0] && s[0] <= '9':
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i >= len(s) || s[i] != '.' {
			return 0
		}
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	default:
		if i < len(s) && s[i] == '0' {
			i++
		}
		if i+1 >= len(s) || s[i] != '.' || !isDigit(s[i+1]) {
			return 0
		}
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			i = j
		}
	}
	return i
}

var keywords = map[string]Token{
	"if": IF, "then": THEN, "else": ELSE, "assert": ASSERT, "with": WITH,
	"let": LET, "in": IN, "rec": REC, "inherit": INHERIT, "or": OR_KW,
}

// keyword returns the keyword token for s, or ID.
func keyword(s string) Token {
	switch s {
	case "if":
		return IF
	case "then":
		return THEN
	case "else":
		return ELSE
	case "assert":
		return ASSERT
	case "with":
		return WITH
	case "let":
		return LET
	case "in":
		return IN
	case "rec":
		return REC
	case "inherit":
		return INHERIT
	case "or":
		return OR_KW
	}
	return ID
}

// next scans the next token into t, skipping white space and comments.
func (l *lexer) next(t *token) {
	for {
		switch l.mode() {
		case modeString:
			l.scanString(t)
			return
		case modeIndString:
			l.scanIndString(t)
			return
		case modeInPath, modeInPathSlash:
			l.scanInPath(t)
			return
		}
		if l.scanDefault(t) {
			return
		}
	}
}

// scanDefault scans one match in the DEFAULT and INITIAL start
// conditions; ok is false for white space and comments.
func (l *lexer) scanDefault(t *token) bool {
	src := l.src
	for {
		off := l.off
		if off >= len(src) {
			l.atLast(t, EOF)
			return true
		}
		c := src[off]
		switch c {
		case ' ', '\t', '\r', '\n':
			l.mark()
			line, col := l.line, l.col
			i := off
		ws:
			for ; i < len(src); i++ {
				switch src[i] {
				case ' ', '\t':
					col++
				case '\n':
					line++
					col = 1
				case '\r':
					if i+1 < len(src) && src[i+1] == '\n' {
						i++
					}
					line++
					col = 1
				default:
					break ws
				}
			}
			l.off = i
			l.line, l.col = line, col
			continue

		// Tokens that no longer match (path, URI, number) can start with.
		case '{':
			l.push(modeDefault)
			l.emitFlat(t, LBRACE, 1)
			return true
		case '}':
			l.pop()
			l.emitFlat(t, RBRACE, 1)
			return true
		case '"':
			l.push(modeString)
			l.emitFlat(t, QUOTE, 1)
			return true
		case '(', ')', '[', ']', ';', ':', ',', '@', '?', '*':
			l.emitFlat(t, punct[c], 1)
			return true
		case '=':
			if off+1 < len(src) && src[off+1] == '=' {
				l.emitFlat(t, EQ, 2)
			} else {
				l.emitFlat(t, ASSIGN, 1)
			}
			return true
		case '!':
			if off+1 < len(src) && src[off+1] == '=' {
				l.emitFlat(t, NEQ, 2)
			} else {
				l.emitFlat(t, NOT, 1)
			}
			return true
		case '>':
			if off+1 < len(src) && src[off+1] == '=' {
				l.emitFlat(t, GEQ, 2)
			} else {
				l.emitFlat(t, GT, 1)
			}
			return true
		case '$':
			if off+1 < len(src) && src[off+1] == '{' {
				l.push(modeDefault)
				l.emitFlat(t, DOLLAR_CURLY, 2)
			} else {
				l.emitFlat(t, CHAR, 1)
			}
			return true
		case '#':
			i := off + 1
			for i < len(src) && src[i] != '\r' && src[i] != '\n' {
				i++
			}
			l.comment(i - off)
			continue
		case '/':
			if off+1 < len(src) && src[off+1] == '*' {
				if end := strings.Index(src[off+2:], "*/"); end >= 0 {
					l.comment(end + 4)
					continue
				}
			}
			return l.scanLongest(t)
		}
		if charClass[c]&classIDStart != 0 {
			i := off + 1
			for i < len(src) && charClass[src[i]]&classIDChar != 0 {
				i++
			}
			if i < len(src) {
				switch src[i] {
				case '/', ':':
					return l.scanLongest(t)
				case '.', '+':
					// As for pathy in scanLongest: the characters up to
					// i are path characters, or there is a '\'' among
					// them, which ends any path or URI.
					if j := matchPathChars(src, i); j < len(src) && (src[j] == '/' || src[j] == ':') {
						return l.scanLongest(t)
					}
				}
			}
			// No path or URI can be longer.
			kind := ID
			if i-off <= 7 {
				kind = keyword(src[off:i])
			}
			l.emitFlat(t, kind, i-off)
			return true
		}
		return l.scanLongest(t)
	}
}

// scanLongest scans the token at hand as lexer.l does: the longest
// match of its rules, the earlier rule winning a tie.
func (l *lexer) scanLongest(t *token) bool {
	s := l.src[l.off:]
	c := s[0]
	kind, n := CHAR, 1
	try := func(k Token, m int) {
		if m > n {
			kind, n = k, m
		}
	}
	if isIDStart(c) {
		i := 1
		for i < len(s) && isIDChar(s[i]) {
			i++
		}
		kind, n = ID, i
		if i <= 7 {
			kind = keyword(s[:i])
		}
		if i == len(s) || s[i] != '.' && s[i] != '+' && s[i] != '/' && s[i] != ':' {
			// No path or URI can be longer.
			l.emitFlat(t, kind, n)
			return true
		}
		if s[i] == '.' || s[i] == '+' {
			// As for pathy below: the characters up to i are path
			// characters, or there is a '\'' among them, which ends
			// any path or URI.
			if j := matchPathChars(s, i); j == len(s) || s[j] != '/' && s[j] != ':' {
				l.emitFlat(t, kind, n)
				return true
			}
		}
	} else {
		switch c {
		case '.':
			if strings.HasPrefix(s, "...") {
				kind, n = ELLIPSIS, 3
			} else {
				kind = DOT
			}
		case '=':
			kind = ASSIGN
			if len(s) > 1 && s[1] == '=' {
				kind, n = EQ, 2
			}
		case '!':
			kind = NOT
			if len(s) > 1 && s[1] == '=' {
				kind, n = NEQ, 2
			}
		case '<':
			kind = LT
			if len(s) > 1 && s[1] == '=' {
				kind, n = LEQ, 2
			} else if l.pipes && len(s) > 1 && s[1] == '|' {
				kind, n = PIPE_FROM, 2
			}
		case '>':
			kind = GT
			if len(s) > 1 && s[1] == '=' {
				kind, n = GEQ, 2
			}
		case '&':
			if len(s) > 1 && s[1] == '&' {
				kind, n = AND, 2
			}
		case '|':
			if len(s) > 1 && s[1] == '|' {
				kind, n = OR, 2
			} else if l.pipes && len(s) > 1 && s[1] == '>' {
				kind, n = PIPE_INTO, 2
			}
		case '-':
			kind = MINUS
			if len(s) > 1 && s[1] == '>' {
				kind, n = IMPL, 2
			}
		case '/':
			kind = SLASH
			if len(s) > 1 && s[1] == '/' {
				kind, n = UPDATE, 2
			}
		case '+':
			kind = PLUS
			if len(s) > 1 && s[1] == '+' {
				kind, n = CONCAT, 2
			}
		case '$':
			if len(s) > 1 && s[1] == '{' {
				kind, n = DOLLAR_CURLY, 2
			}
		case '}':
			kind = RBRACE
		case '{':
			kind = LBRACE
		case '"':
			kind = QUOTE
		case '\'':
			if len(s) > 1 && s[1] == '\'' {
				kind, n = IND_OPEN, 2
				i := 2
				for i < len(s) && s[i] == ' ' {
					i++
				}
				if i < len(s) && s[i] == '\n' {
					n = i + 1
				}
			}
		case '[':
			kind = LBRACK
		case ']':
			kind = RBRACK
		case '(':
			kind = LPAREN
		case ')':
			kind = RPAREN
		case ';':
			kind = SEMI
		case ':':
			kind = COLON
		case '@':
			kind = AT
		case ',':
			kind = COMMA
		case '*':
			kind = STAR
		case '?':
			kind = QUESTION
		}
	}
	if isDigit(c) {
		i := 1
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		kind, n = INT, i
	}
	if isDigit(c) || c == '.' {
		try(FLOAT, matchFloat(s))
	}
	// A path (and {PATH_SEG}${) has a '/' after its first path
	// characters, a URI a ':' (its scheme characters are path
	// characters but '_', which ':' cannot follow either).
	pathy := false
	if isPathChar(c) || c == '/' {
		j := matchPathChars(s, 0)
		pathy = j < len(s) && (s[j] == '/' || s[j] == ':')
	}
	pathSegDollar := 0
	if pathy {
		if m := matchPathSeg(s); m > 0 && strings.HasPrefix(s[m:], "${") {
			pathSegDollar = m
			try(PATH, m+2)
		}
	} else if c == '~' && strings.HasPrefix(s, "~/${") {
		pathSegDollar = 2
		try(HPATH, 4)
	}
	if pathy {
		try(PATH, matchPath(s))
		try(URI, matchURI(s))
	} else if c == '~' {
		try(HPATH, matchHPath(s))
	} else if c == '<' {
		try(SPATH, matchSPath(s))
	}

	switch kind {
	case PATH, HPATH:
		if pathSegDollar > 0 && n == pathSegDollar+2 {
			// {PATH_SEG}\$\{ puts the text back and rescans it in
			// PATH_START, which returns the segment alone.
			n = pathSegDollar
		}
		l.emit(t, kind, n)
		if t.text[len(t.text)-1] == '/' {
			l.push(modeInPathSlash)
		} else {
			l.push(modeInPath)
		}
		return true
	case DOLLAR_CURLY, LBRACE:
		l.push(modeDefault)
	case RBRACE:
		l.pop()
	case QUOTE:
		l.push(modeString)
	case IND_OPEN:
		l.push(modeIndString)
	}
	if kind == IND_OPEN {
		l.emit(t, kind, n)
		return true
	}
	l.emitFlat(t, kind, n)
	return true
}

// punct is the token of the single characters it has.
var punct = [256]Token{
	'(': LPAREN, ')': RPAREN, '[': LBRACK, ']': RBRACK, ';': SEMI, ':': COLON,
	',': COMMA, '@': AT, '?': QUESTION, '*': STAR,
}

func (l *lexer) comment(n int) {
	l.mark()
	if l.keep {
		l.comments = append(l.comments, Comment{l.pos(), l.src[l.off : l.off+n]})
	}
	l.advance(n)
}

// scanString scans in the STRING start condition.
func (l *lexer) scanString(t *token) {
	s := l.src[l.off:]
	if len(s) == 0 {
		l.atLast(t, EOF)
		return
	}
	if s[0] == '"' {
		l.pop()
		l.emitFlat(t, QUOTE, 1)
		return
	}
	if strings.HasPrefix(s, "${") {
		l.push(modeDefault)
		l.emitFlat(t, DOLLAR_CURLY, 2)
		return
	}
	i := 0
	escapes := false
loop:
	for i < len(s) {
		for i < len(s) && !stringSpecial[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		switch s[i] {
		case '"':
			break loop
		case '\\':
			if i+1 >= len(s) {
				break loop
			}
			escapes = true
			i += 2
		case '$':
			if i+1 >= len(s) {
				break loop
			}
			switch s[i+1] {
			case '{':
				break loop
			case '"':
				i++
				break loop
			case '\\':
				if i+2 >= len(s) {
					break loop
				}
				escapes = true
				i += 3
			default:
				i += 2
			}
		case '\r', 0:
			escapes = true
			i++
		default:
			i++
		}
	}
	if i == 0 {
		// A lone '$' or '\' at the end of the input.
		l.emit(t, STR, len(s))
		t.val = ""
		return
	}
	l.emit(t, STR, i)
	if escapes || strings.IndexByte(t.text, 0) >= 0 {
		t.val = l.unescape(t.text)
	} else {
		t.val = t.text
	}
}

// stringSpecial are the characters scanString looks at.
var stringSpecial = [256]bool{'"': true, '\\': true, '$': true, '\r': true, 0: true}

// unescape resolves backslash escapes and normalises CR and CR LF to LF,
// like unescapeStr in lexer.l.
func (l *lexer) unescape(s string) string {
	b := unescapeTo(l.buf[:0], s)
	l.buf = b[:0]
	if len(b) == 0 {
		return ""
	}
	if l.text == nil {
		return string(b)
	}
	t := l.text.make(len(b))
	copy(t, b)
	return unsafe.String(&t[0], len(t))
}

// unescapeTo appends the unescaped s to b.
func unescapeTo(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case 0:
			return b
		case '\\':
			i++
			if i >= len(s) {
				return b
			}
			switch c = s[i]; c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 0:
				return b
			}
			b = append(b, c)
		case '\r':
			b = append(b, '\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		default:
			b = append(b, c)
		}
	}
	return b
}

// scanIndString scans in the IND_STRING start condition.
func (l *lexer) scanIndString(t *token) {
	s := l.src[l.off:]
	if len(s) == 0 {
		l.atLast(t, EOF)
		return
	}
	if strings.HasPrefix(s, "''") {
		switch {
		case strings.HasPrefix(s, "'''"):
			l.emitFlat(t, INDSTR, 3)
			t.val = "''"
			return
		case strings.HasPrefix(s, "''$"):
			l.emitFlat(t, INDSTR, 3)
			t.val = "$"
			return
		case strings.HasPrefix(s, "''\\") && len(s) > 3:
			n := 4
			if s[3] == '\r' && len(s) > 4 && s[4] == '\n' {
				// unescapeStr reads on to the NUL that flex puts after
				// the match; the CR alone becomes a LF.
				n = 4
			}
			l.emit(t, INDSTR, n)
			t.val = l.unescape(s[2:n])
			return
		}
		l.pop()
		l.emitFlat(t, IND_CLOSE, 2)
		return
	}
	if strings.HasPrefix(s, "${") {
		l.push(modeDefault)
		l.emitFlat(t, DOLLAR_CURLY, 2)
		return
	}
	i := 0
	for i < len(s) {
		c := s[i]
		if c == '$' {
			if i+1 < len(s) && s[i+1] != '{' && s[i+1] != '\'' {
				i += 2
				continue
			}
			break
		}
		if c == '\'' {
			if i+1 < len(s) && s[i+1] != '\'' && s[i+1] != '$' {
				i += 2
				continue
			}
			break
		}
		i++
	}
	if i == 0 {
		l.emitFlat(t, INDSTR, 1)
		t.val = t.text // "$" or "'"
		return
	}
	l.emit(t, INDSTR, i)
	t.val = t.text
	t.indent = true
}

// scanInPath scans in the INPATH and INPATH_SLASH start conditions.
func (l *lexer) scanInPath(t *token) {
	s := l.src[l.off:]
	if strings.HasPrefix(s, "${") {
		l.pop()
		l.push(modeInPath)
		l.push(modeDefault)
		l.emitFlat(t, DOLLAR_CURLY, 2)
		return
	}
	n := matchPath(s)
	if m := matchPathSeg(s); m > n {
		n = m
	}
	if m := matchPathChars(s, 0); m > n {
		n = m
	}
	if n > 0 {
		l.pop()
		l.emitFlat(t, STR, n)
		t.val = t.text
		if t.text[n-1] == '/' {
			l.push(modeInPathSlash)
		} else {
			l.push(modeInPath)
		}
		return
	}
	if l.mode() == modeInPathSlash {
		if len(s) > 0 {
			l.mark()
		}
		l.pop()
		l.atLast(t, ILLEGAL)
		t.val = "path has a trailing slash"
		return
	}
	l.pop()
	l.atLast(t, PATH_END)
}
