// Package arch renders a model.System as the files that set up an Arch
// Linux system: pkglist.txt for pacman, aur.txt for an AUR helper,
// setup.sh that does the rest, REPORT.md and report.json that say what was
// left out, and system.yaml, the model itself.
//
// Render is pure: it returns files in memory and an exporter.Writer
// writes them. Packages come from the report (each source package mapped
// to its Arch name) and from the NixOS options the model's services and
// programs set, translated through the table of package
// mappings/options: services.openssh with Enabled becomes the openssh
// package and sshd.service, a setting such as
// services.openssh.settings.PermitRootLogin a file under /etc/ssh.
// Importing this package registers with package report what the exporter
// writes, so report.Build for mappings.Arch knows it.
//
// # setup.sh
//
// The script shows what it would do and changes nothing unless it is run
// with --apply, as root. Every step is safe to repeat: pacman -S --needed,
// groupadd -f, useradd only for missing users, files rewritten only when
// their content differs (the first version replaced is kept beside it as
// FILE.nixarch-bak), locales uncommented in /etc/locale.gen only once. It
// never sets a password, never edits the bootloader and never changes the
// kernel command line: those are printed as manual steps. When the
// environment variable NIXARCH_ROOT is set, every file the script reads or
// writes under /etc is taken relative to it, which the tests use and which
// helps with a system mounted elsewhere; the commands it runs (pacman,
// systemctl, useradd) still act on the running system.
//
// Every value written into the script is quoted with single quotes, and
// file contents go into quoted here-documents whose delimiter does not
// occur in them, so text from the model cannot change what the script
// does.
//
// Dotfiles are rendered elsewhere and handed to Render in
// Options.Extra, under dotfiles/; setup.sh tells the user to run
// dotfiles/install.sh when the folder holds one.
package arch
