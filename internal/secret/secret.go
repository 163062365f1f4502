package secret

import (
	"path"
	"regexp"
	"strings"
	"unicode"
)

// Why strings say what kind of secret was found; callers put them into
// messages ("… is not copied: it holds a private key").
const (
	PrivateKey   = "it holds a private key"
	AccessToken  = "it holds an access token"
	PasswordHash = "it holds a password hash"
	SecretName   = "its name says it holds a secret"
)

// privateKeyPattern matches the first line of a PEM private key (PKCS#1,
// PKCS#8, SEC1, encrypted), an OpenSSH private key and an armored PGP
// private key.
var privateKeyPattern = regexp.MustCompile(`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----`)

// tokenPattern matches the access tokens of well-known services. Each
// alternative is a fixed prefix and a run of the characters the service
// uses; hasDigit then rules out words that happen to share a prefix.
var tokenPattern = regexp.MustCompile(`\b(?:` +
	`gh[pousr]_[A-Za-z0-9]{20,}` + // GitHub
	`|github_pat_[A-Za-z0-9_]{20,}` +
	`|glpat-[A-Za-z0-9_-]{20,}` + // GitLab
	`|xox[abprs]-[A-Za-z0-9-]{10,}` + // Slack
	`|sk-[A-Za-z0-9_-]{20,}` + // OpenAI, Anthropic (sk-ant-…)
	`|[sr]k_live_[A-Za-z0-9]{20,}` + // Stripe
	`|npm_[A-Za-z0-9]{36}` + // npm
	`|hf_[A-Za-z0-9]{30,}` + // Hugging Face
	`|AIza[A-Za-z0-9_-]{35}` + // Google API keys
	`|(?:AKIA|ASIA)[0-9A-Z]{16}` + // AWS access key ids
	`)\b`)

// hashPattern matches a crypt(3) password hash: MD5, bcrypt, SHA-256,
// SHA-512 and yescrypt, with their salt and hash.
var hashPattern = regexp.MustCompile(`(?:^|[\s:"'=])\$(?:1|2[aby]|5|6|y|gy|7)\$[./A-Za-z0-9$=]{20,}`)

// Content says why text holds a secret, or returns "": a private key, an
// access token or a password hash anywhere in it.
func Content(s string) string {
	switch {
	case privateKeyPattern.MatchString(s):
		return PrivateKey
	case Token(s):
		return AccessToken
	case hashPattern.MatchString(s):
		return PasswordHash
	}
	return ""
}

// Token reports whether s holds an access token of a well-known service.
func Token(s string) bool {
	for _, m := range tokenPattern.FindAllString(s, -1) {
		if strings.ContainsAny(m, "0123456789") {
			return true
		}
	}
	return false
}

// secretWords are the words of a name that say its value is a secret.
var secretWords = map[string]bool{
	"password": true, "passwd": true, "passphrase": true, "pass": true,
	"secret": true, "secrets": true, "token": true, "credential": true, "credentials": true,
	"apikey": true, "psk": true,
}

// keyWords are the words before "key" that make a name a secret key.
var keyWords = map[string]bool{"api": true, "private": true, "secret": true, "access": true, "auth": true}

// aboutWords are last words that say a value points at a secret or
// describes it instead of holding it (GITHUB_TOKEN_FILE, passwordCommand,
// TOKEN_LIMIT).
var aboutWords = map[string]bool{
	"file": true, "files": true, "path": true, "dir": true, "directory": true,
	"command": true, "cmd": true, "eval": true, "helper": true, "program": true, "prog": true, "script": true,
	"socket": true, "sock": true, "url": true, "uri": true, "host": true, "server": true, "port": true,
	"id": true, "name": true, "user": true, "username": true, "login": true, "prompt": true, "store": true,
	"length": true, "len": true, "size": true, "limit": true, "count": true, "max": true, "min": true,
	"ttl": true, "timeout": true, "expiry": true, "lifetime": true, "type": true, "mode": true, "format": true,
	"enable": true, "enabled": true, "auth": true, "authentication": true, "policy": true,
}

// Name reports whether a variable or setting called name holds a secret
// (see the package documentation for the rule).
func Name(name string) bool {
	w := words(name)
	if len(w) == 0 || aboutWords[w[len(w)-1]] {
		return false
	}
	if len(w) >= 2 && w[len(w)-1] == "key" && keyWords[w[len(w)-2]] {
		return true
	}
	for _, x := range w {
		if secretWords[x] {
			return true
		}
		for _, end := range secretEnds {
			if strings.HasSuffix(x, end) {
				return true
			}
		}
	}
	return false
}

// secretEnds are word endings that make a word a secret word
// (PGPASSWORD, authtoken, adminpasswd).
var secretEnds = []string{"password", "passwd", "passphrase", "token", "secret", "apikey"}

// words splits a name into lower-case words at punctuation and where a
// lower-case letter or digit is followed by an upper-case one.
func words(name string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			continue
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])):
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	return out
}

// Variable says why an environment variable (or any setting with a
// string value) is a secret, or returns "": its value holds a secret,
// or its name is a secret name and its value a literal.
func Variable(name, value string) string {
	if why := Content(value); why != "" {
		return why
	}
	if Name(name) && literal(value) {
		return SecretName
	}
	return ""
}

// switches are values that turn something on or off; no credential is
// one of them.
var switches = map[string]bool{"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true, "0": true, "1": true, "": true}

// literal reports whether a value is written out, not a path, a shell
// expansion or a switch.
func literal(v string) bool {
	v = strings.TrimSpace(v)
	if switches[strings.ToLower(v)] {
		return false
	}
	if strings.HasPrefix(v, "/") || strings.HasPrefix(v, "~/") || strings.Contains(v, "$(") || strings.Contains(v, "`") {
		return false
	}
	if strings.HasPrefix(v, "$") && len(v) > 1 && (v[1] == '{' || v[1] == '_' || 'A' <= v[1] && v[1] <= 'Z' || 'a' <= v[1] && v[1] <= 'z') {
		return false
	}
	return true
}

// Path says why a file, named by its path or target, is a secret, or
// returns "": a sops-nix or agenix secret, an SSH private key, a key
// file or GnuPG private material.
func Path(p string) string {
	switch {
	case strings.HasPrefix(p, "/run/secrets") || strings.Contains(p, "sops"):
		return "a sops-nix secret"
	case strings.HasPrefix(p, "/run/agenix") || strings.HasSuffix(p, ".age"):
		return "an agenix secret"
	}
	base := path.Base(p)
	if strings.HasPrefix(base, "id_") && !strings.HasSuffix(base, ".pub") {
		return "an SSH private key"
	}
	if strings.HasPrefix(base, "ssh_host_") && strings.HasSuffix(base, "_key") {
		return "an SSH host key"
	}
	if strings.HasSuffix(base, ".key") || strings.HasSuffix(base, ".pem") && strings.Contains(base, "priv") {
		return "a private key"
	}
	if strings.Contains(p, ".gnupg/private-keys") || strings.HasSuffix(base, ".gpg") {
		return "a GnuPG secret"
	}
	return ""
}

// File says why a file is a secret, by its target or its source path
// (see Path) or by its content (see Content), or returns "". Empty paths
// are not looked at.
func File(target, source, content string) string {
	for _, p := range []string{target, source} {
		if p == "" {
			continue
		}
		if why := Path(p); why != "" {
			return "it is " + why
		}
	}
	return Content(content)
}
