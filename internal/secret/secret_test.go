package secret

import "testing"

// Example values are built from parts so that the repository itself
// holds nothing a secret scanner would stop at.
const (
	pemBegin = "-----BEGIN "
	ghToken  = "ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5"
)

func TestContent(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"openssh key", pemBegin + "OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----\n", PrivateKey},
		{"pkcs8 key", "x\n" + pemBegin + "PRIVATE KEY-----\nMIIE\n", PrivateKey},
		{"rsa key", pemBegin + "RSA PRIVATE KEY-----", PrivateKey},
		{"encrypted key", pemBegin + "ENCRYPTED PRIVATE KEY-----", PrivateKey},
		{"ec key", pemBegin + "EC PRIVATE KEY-----", PrivateKey},
		{"pgp key", pemBegin + "PGP PRIVATE KEY BLOCK-----", PrivateKey},
		{"github token", "export GITHUB_TOKEN=" + ghToken, AccessToken},
		{"github fine-grained", "github_pat_" + "11ABCDEFG0abcdefghijklmnopqrstuvwxyz", AccessToken},
		{"gitlab", "token = glpat-" + "x1y2z3a4b5c6d7e8f9g0", AccessToken},
		{"slack", "xoxb-" + "1234567890-abcdefghij", AccessToken},
		{"openai", "sk-proj-" + "abcdefghijklmnopqrstuvwxyz012345", AccessToken},
		{"anthropic", "sk-ant-api03-" + "abcdefghijklmnopqrstuvwx0123", AccessToken},
		{"aws key id", "AKIA" + "IOSFODNN7EXAMPLE", AccessToken},
		{"yescrypt hash", "root:$y$" + "j9T$Yk1E2EXAMPLEONLY$notarealhashatall0123456789", PasswordHash},
		{"sha512 hash", "$6$" + "rounds=5000$saltsalt$abcdefghijklmnopqrstuvwxyz0123", PasswordHash},

		{"public key", pemBegin + "PUBLIC KEY-----\nMIIB\n", ""},
		{"certificate", pemBegin + "CERTIFICATE-----\nMIIB\n", ""},
		{"ssh public key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO alice@box", ""},
		{"words with sk-", "use the task-manager-and-disk-usage-widgets plugin", ""},
		{"sk- without digits", "sk-abcdefghijklmnopqrstuvwxyz", ""},
		{"short ghp", "ghp_short1", ""},
		{"shell prompt", `PS1='$ '`, ""},
		{"price", "costs $6$ per month", ""},
		{"plain config", "[user]\n\tname = Alice\n\temail = alice@example.com\n", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Content(tt.in); got != tt.want {
				t.Errorf("Content(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"GITHUB_TOKEN", true},
		{"NPM_TOKEN", true},
		{"OPENAI_API_KEY", true},
		{"ANTHROPIC_API_KEY", true},
		{"AWS_SECRET_ACCESS_KEY", true},
		{"CLIENT_SECRET", true},
		{"DB_PASSWORD", true},
		{"PGPASSWORD", true},
		{"authtoken", true},
		{"MYSQL_PWD", false},
		{"SMTP_PASS", true},
		{"password", true},
		{"smtpPass", true},
		{"apiKey", true},
		{"api-key", true},
		{"privateKey", true},
		{"PRIVATE_KEY", true},
		{"wifi.psk", true},
		{"PASSWORD_STORE_ENABLE_EXTENSIONS", true},

		{"GITHUB_TOKEN_FILE", false},
		{"tokenFile", false},
		{"passwordCommand", false},
		{"passwordFile", false},
		{"PASSWORD_STORE_DIR", false},
		{"credential.helper", false},
		{"SSH_AUTH_SOCK", false},
		{"GPG_TTY", false},
		{"TOKENIZERS_PARALLELISM", false},
		{"MAX_TOKENS", false},
		{"TOKEN_LIMIT", false},
		{"SECRET_SERVICE_URL", false},
		{"PUBLIC_KEY", false},
		{"KEYMAP", false},
		{"EDITOR", false},
		{"SSH_ASKPASS", false},
		{"PasswordAuthentication", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Name(tt.name); got != tt.want {
				t.Errorf("Name(%q) = %v, want %v (words %q)", tt.name, got, tt.want, words(tt.name))
			}
		})
	}
}

func TestVariable(t *testing.T) {
	tests := []struct {
		name, value, want string
	}{
		{"GITHUB_TOKEN", ghToken, AccessToken},
		{"ANYTHING", ghToken, AccessToken},
		{"OPENAI_API_KEY", "not-a-known-shape-but-literal", SecretName},
		{"DB_PASSWORD", "hunter2", SecretName},
		{"DB_PASSWORD", "1234", SecretName},
		{"KEY", pemBegin + "OPENSSH PRIVATE KEY-----", PrivateKey},

		{"GITHUB_TOKEN", "$(cat /run/secrets/github)", ""},
		{"GITHUB_TOKEN", "${GH_TOKEN}", ""},
		{"GITHUB_TOKEN", "$GH_TOKEN", ""},
		{"GITHUB_TOKEN", "`pass show github`", ""},
		{"GITHUB_TOKEN", "/run/agenix/github", ""},
		{"GITHUB_TOKEN", "", ""},
		{"PASSWORD_STORE_ENABLE_EXTENSIONS", "true", ""},
		{"SSH_AUTH_SOCK", "/run/user/1000/gnupg/S.gpg-agent.ssh", ""},
		{"GPG_TTY", "$(tty)", ""},
		{"EDITOR", "nvim", ""},
		{"TOKENIZERS_PARALLELISM", "false", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name+"="+tt.value, func(t *testing.T) {
			if got := Variable(tt.name, tt.value); got != tt.want {
				t.Errorf("Variable(%q, %q) = %q, want %q", tt.name, tt.value, got, tt.want)
			}
		})
	}
}

func TestPath(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{".ssh/id_ed25519", true},
		{".ssh/id_rsa", true},
		{"/etc/ssh/ssh_host_ed25519_key", true},
		{"/run/secrets/github", true},
		{"/run/agenix/wifi", true},
		{"secrets/wifi.age", true},
		{"tls/server.key", true},
		{"tls/private.pem", true},
		{".gnupg/private-keys-v1.d/ABC.key", true},
		{".password-store/github.gpg", true},

		{".ssh/id_ed25519.pub", false},
		{".ssh/id_ed25519-cert.pub", false},
		{"/etc/ssh/ssh_host_ed25519_key.pub", false},
		{".ssh/config", false},
		{".ssh/known_hosts", false},
		{"tls/cert.pem", false},
		{".config/git/config", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Path(tt.in) != ""; got != tt.want {
				t.Errorf("Path(%q) = %q, want secret %v", tt.in, Path(tt.in), tt.want)
			}
		})
	}
}

func TestFile(t *testing.T) {
	for _, tt := range []struct{ target, source, content, want string }{
		{"~/.ssh/id_ed25519", "", "x", "it is an SSH private key"},
		{"~/notes", "keys/server.key", "x", "it is a private key"},
		{"ssh/key", "", "-----BEGIN OPENSSH PRIVATE KEY-----\n", PrivateKey},
		{"~/.config/app.conf", "", "colour = blue\n", ""},
		{"", "", "", ""},
	} {
		if got := File(tt.target, tt.source, tt.content); got != tt.want {
			t.Errorf("File(%q, %q, %q) = %q, want %q", tt.target, tt.source, tt.content, got, tt.want)
		}
	}
}
