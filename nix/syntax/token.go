package syntax

import "strconv"

// Pos is a position in a source file. Line and Column are 1-based and
// count bytes the way Nix does; Offset is the 0-based byte offset.
// The zero Pos is invalid.
type Pos struct {
	Filename string
	Offset   int
	Line     int
	Column   int
}

// IsValid reports whether p is a real position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String returns "file:line:col", or "line:col" without a file name.
func (p Pos) String() string {
	s := p.Filename
	if !p.IsValid() {
		if s == "" {
			return "-"
		}
		return s
	}
	if s != "" {
		s += ":"
	}
	return s + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
}

// Before reports whether p comes before q in the same file.
func (p Pos) Before(q Pos) bool {
	if p.Filename != q.Filename {
		return p.Filename < q.Filename
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Column < q.Column
}

// Token is the kind of a lexical token.
type Token uint8

// The tokens of the Nix language.
const (
	ILLEGAL Token = iota // a character Nix does not know, or a lexical error
	EOF

	ID    // x
	INT   // 42
	FLOAT // 4.2
	PATH  // ./a, /a, a/b, and the first segment of an interpolated path
	HPATH // ~/a
	SPATH // <nixpkgs>
	URI   // http://example.org

	STR           // literal text inside a string or path
	INDSTR        // literal text inside an indented string
	DOLLAR_CURLY  // ${
	QUOTE         // "
	IND_OPEN      // ''
	IND_CLOSE     // '' closing an indented string
	PATH_END      // end of a path literal (zero width)
	LINE_COMMENT  // # comment
	BLOCK_COMMENT // /* comment */

	IF
	THEN
	ELSE
	ASSERT
	WITH
	LET
	IN
	REC
	INHERIT
	OR_KW    // or
	ELLIPSIS // ...

	EQ        // ==
	NEQ       // !=
	LEQ       // <=
	GEQ       // >=
	AND       // &&
	OR        // ||
	IMPL      // ->
	UPDATE    // //
	CONCAT    // ++
	PIPE_FROM // <|
	PIPE_INTO // |>

	LBRACE   // {
	RBRACE   // }
	LBRACK   // [
	RBRACK   // ]
	LPAREN   // (
	RPAREN   // )
	SEMI     // ;
	COLON    // :
	AT       // @
	COMMA    // ,
	DOT      // .
	ASSIGN   // =
	LT       // <
	GT       // >
	PLUS     // +
	MINUS    // -
	STAR     // *
	SLASH    // /
	QUESTION // ?
	NOT      // !
	CHAR     // any other single character
)

var tokenNames = [...]string{
	ILLEGAL: "ILLEGAL", EOF: "end of file",
	ID: "identifier", INT: "integer", FLOAT: "float", PATH: "path", HPATH: "home path",
	SPATH: "search path", URI: "URI", STR: "string text", INDSTR: "indented string text",
	DOLLAR_CURLY: "'${'", QUOTE: "'\"'", IND_OPEN: "\"''\"", IND_CLOSE: "\"''\"",
	PATH_END: "end of path", LINE_COMMENT: "comment", BLOCK_COMMENT: "comment",
	IF: "'if'", THEN: "'then'", ELSE: "'else'", ASSERT: "'assert'", WITH: "'with'",
	LET: "'let'", IN: "'in'", REC: "'rec'", INHERIT: "'inherit'", OR_KW: "'or'",
	ELLIPSIS: "'...'", EQ: "'=='", NEQ: "'!='", LEQ: "'<='", GEQ: "'>='", AND: "'&&'",
	OR: "'||'", IMPL: "'->'", UPDATE: "'//'", CONCAT: "'++'", PIPE_FROM: "'<|'",
	PIPE_INTO: "'|>'", LBRACE: "'{'", RBRACE: "'}'", LBRACK: "'['", RBRACK: "']'",
	LPAREN: "'('", RPAREN: "')'", SEMI: "';'", COLON: "':'", AT: "'@'", COMMA: "','",
	DOT: "'.'", ASSIGN: "'='", LT: "'<'", GT: "'>'", PLUS: "'+'", MINUS: "'-'",
	STAR: "'*'", SLASH: "'/'", QUESTION: "'?'", NOT: "'!'", CHAR: "character",
}

// String returns a readable name of the token kind.
func (t Token) String() string {
	if int(t) < len(tokenNames) && tokenNames[t] != "" {
		return tokenNames[t]
	}
	return "token(" + strconv.Itoa(int(t)) + ")"
}

// Operator spelling of t as it appears in source, for operator tokens.
func (t Token) op() string {
	switch t {
	case EQ:
		return "=="
	case NEQ:
		return "!="
	case LEQ:
		return "<="
	case GEQ:
		return ">="
	case AND:
		return "&&"
	case OR:
		return "||"
	case IMPL:
		return "->"
	case UPDATE:
		return "//"
	case CONCAT:
		return "++"
	case PIPE_FROM:
		return "<|"
	case PIPE_INTO:
		return "|>"
	case LT:
		return "<"
	case GT:
		return ">"
	case PLUS:
		return "+"
	case MINUS:
		return "-"
	case STAR:
		return "*"
	case SLASH:
		return "/"
	case NOT:
		return "!"
	case QUESTION:
		return "?"
	}
	return t.String()
}
