// Package dotfiles renders a user's home-manager configuration, as the
// model holds it, into a plain dotfiles repository: each program's native
// configuration file at its usual path under $HOME, arranged for GNU stow
// (one package per program, with an install.sh) or as a chezmoi source
// folder.
//
// Rendering is pure: Render returns the repository's files in memory and
// never writes. Reading a home.file source is the only file system access,
// and it stays inside the folder Options.BaseDir names.
//
// Each home-manager module (programs.git, programs.zsh, …) has a renderer of
// its own, registered in a table by name, much as image formats register
// with the image package. A renderer reads its module's settings through an
// accessor that remembers which keys it used, so every key a renderer does
// not know is reported as a finding with its origin instead of being
// dropped. Likewise a module without a renderer, a Nix store path that has
// no obvious Arch counterpart and any secret (private keys, tokens, sops or
// agenix paths) become findings; secrets are never written.
package dotfiles
