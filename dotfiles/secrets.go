package dotfiles

import (
	"path"
	"regexp"
	"strings"
)

// secretWords mark option names whose values are credentials.
var secretWords = []string{"password", "passwd", "token", "secret", "apikey", "api_key", "api-key", "privatekey", "private_key", "private-key", "credentials"}

// isSecretKey reports whether an option named k holds a credential.
func isSecretKey(k string) bool {
	k = strings.ToLower(k)
	for _, w := range secretWords {
		if strings.Contains(k, w) {
			// Settings that name a file or a command which holds the secret
			// are not secrets themselves (passwordCommand, tokenFile).
			if strings.HasSuffix(k, "file") || strings.HasSuffix(k, "command") || strings.HasSuffix(k, "cmd") || strings.HasSuffix(k, "eval") {
				return false
			}
			return true
		}
	}
	return false
}

// secretPath reports why a source path or target is a secret, or "".
func secretPath(p string) string {
	switch {
	case strings.HasPrefix(p, "/run/secrets") || strings.Contains(p, "sops"):
		return "a sops-nix secret"
	case strings.HasPrefix(p, "/run/agenix") || strings.HasSuffix(p, ".age"):
		return "an agenix secret"
	}
	base := path.Base(p)
	if strings.HasPrefix(base, "id_") && !strings.HasSuffix(base, ".pub") && !strings.HasSuffix(base, "-cert.pub") {
		return "an SSH private key"
	}
	if strings.HasSuffix(base, ".key") || strings.HasSuffix(base, ".pem") && strings.Contains(base, "priv") {
		return "a private key"
	}
	if strings.Contains(p, ".gnupg/private-keys") || strings.HasSuffix(base, ".gpg") {
		return "a GnuPG secret"
	}
	return ""
}

// secretContent reports why content is a secret, or "".
func secretContent(c string) string {
	if strings.Contains(c, "PRIVATE KEY-----") {
		return "it holds a private key"
	}
	if secretValue(c) {
		return "it holds an access token"
	}
	return ""
}

// tokenPattern matches the access tokens of well-known services: GitHub,
// GitLab, Slack, OpenAI and Anthropic style keys, AWS access key ids.
var tokenPattern = regexp.MustCompile(`\b(ghp_[A-Za-z0-9]{20,}|gho_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk-[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16})\b`)

// secretValue reports whether s holds an access token.
func secretValue(s string) bool { return tokenPattern.MatchString(s) }
