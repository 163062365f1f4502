package dotfiles

import (
	"fmt"
	"slices"
)

// A module renders one home-manager option set, such as programs.git, into
// files under $HOME. render reads the program's settings through s, which
// reports every key it was not asked for.
type module struct {
	// name is the option set, "programs.git".
	name string
	// pkg is the stow package the files go to, "git".
	pkg    string
	render func(r *renderer, s *settings)
	// shell is set for the shells, which render after every other module
	// so that they can include what the others hook into them.
	shell bool
}

// modules holds every registered module by option name.
var modules = map[string]module{}

// register adds m to the table. Each module's file registers itself in an
// init function; a name registered twice is a programming error.
func register(name, pkg string, render func(r *renderer, s *settings)) {
	if _, dup := modules[name]; dup {
		panic(fmt.Sprintf("dotfiles: module %s registered twice", name))
	}
	modules[name] = module{name: name, pkg: pkg, render: render}
}

// registerShell adds a shell's module, rendered after the others.
func registerShell(name, pkg string, render func(r *renderer, s *settings)) {
	register(name, pkg, render)
	m := modules[name]
	m.shell = true
	modules[name] = m
}

// Modules returns the names of the home-manager option sets that have a
// renderer, sorted: "programs.git", "programs.zsh", ….
func Modules() []string {
	names := make([]string, 0, len(modules))
	for n := range modules {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// programPackages are the nixpkgs packages home-manager installs when a
// module is enabled without a package of the user's choice: the program
// the rendered files configure. Modules that configure a library or the
// desktop (readline, gtk) need none. programs.ssh installs nothing in
// home-manager, where NixOS always has the client; on Arch the client is
// not in base, so the ssh config needs openssh.
var programPackages = map[string]string{
	"programs.alacritty": "alacritty", "programs.bash": "bash", "programs.bat": "bat", "programs.btop": "btop",
	"programs.delta": "delta", "programs.direnv": "direnv", "programs.eza": "eza", "programs.fish": "fish",
	"programs.foot": "foot", "programs.fzf": "fzf", "programs.gh": "gh", "programs.ghostty": "ghostty",
	"programs.git": "git", "programs.gpg": "gnupg", "programs.helix": "helix", "programs.htop": "htop",
	"programs.kitty": "kitty", "programs.mpv": "mpv", "programs.neovim": "neovim", "programs.rofi": "rofi",
	"programs.ssh": "openssh", "programs.starship": "starship", "programs.tmux": "tmux", "programs.vim": "vim",
	"programs.waybar": "waybar", "programs.wezterm": "wezterm", "programs.zathura": "zathura",
	"programs.zoxide": "zoxide", "programs.zsh": "zsh", "services.dunst": "dunst", "services.mako": "mako",
	"wayland.windowManager.hyprland": "hyprland", "wayland.windowManager.sway": "sway",
	"xsession.windowManager.i3": "i3",
}
