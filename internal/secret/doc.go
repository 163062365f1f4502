// Package secret tells credentials from ordinary configuration, so that
// importers and exporters can keep them out of the model and out of
// every file nixarch writes.
//
// Secrets are never copied; a caller that finds one drops the item and
// reports a manual step with its origin. The checks are meant to be
// precise: a false alarm drops an ordinary setting, so each rule looks
// for a shape that only credentials have.
//
// The rule, in the order the checks apply:
//
//   - Content holds a secret when it has a PEM or OpenSSH private key
//     block (-----BEGIN … PRIVATE KEY-----, -----BEGIN PGP PRIVATE KEY
//     BLOCK-----), an access token with a well-known prefix (GitHub
//     ghp_/gho_/ghu_/ghs_/ghr_/github_pat_, GitLab glpat-, Slack
//     xox[abprs]-, OpenAI and Anthropic sk-, Stripe sk_live_/rk_live_,
//     npm npm_, Hugging Face hf_, Google AIza, AWS AKIA/ASIA key ids)
//     or a crypt(3) password hash ($6$…, $y$…). A token must be long
//     enough and hold a digit, so that words such as sk-something are
//     not tokens.
//   - A name (a variable or a setting) names a secret when, split into
//     words at _, -, . and lower-to-upper case changes, one word is
//     pass, psk or credential(s) or ends in password, passwd,
//     passphrase, secret, token or apikey, or its last two words are api key, private key,
//     secret key, access key or auth key, and its last word does not say
//     that the value only points at the secret (file, path, dir,
//     command, cmd, helper, socket, url, id, name, user…). GITHUB_TOKEN,
//     OPENAI_API_KEY, DB_PASSWORD and smtpPass are secret names;
//     GITHUB_TOKEN_FILE, passwordCommand, SSH_AUTH_SOCK, GPG_TTY and
//     TOKENIZERS_PARALLELISM are not.
//   - A variable is a secret when its value holds a secret (above), or
//     its name is a secret name and its value is a literal: not empty,
//     not a path (/…, ~/…), not a shell expansion ($VAR, $(…), `…`) and
//     not a switch (true, false, yes, no, on, off, 0, 1).
//   - A path is a secret when it is a sops-nix or agenix file, an SSH
//     private key (id_* without .pub, ssh_host_*_key), a *.key file, a
//     private *.pem file or GnuPG private material.
package secret
