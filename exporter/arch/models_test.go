package arch_test

import (
	"github.com/nixarch/nixarch/mappings"
	"github.com/nixarch/nixarch/model"
)

// fakeMapper maps nixpkgs attributes by a fixed table, so that the golden
// files do not change with the embedded mapping data.
type fakeMapper map[string]mappings.Result

func (m fakeMapper) Lookup(from mappings.Distro, name string) mappings.Result {
	if r, ok := m[name]; ok {
		return r
	}
	return mappings.Result{Reason: "not in test table", Suggestions: []string{"maybe-" + name}}
}

func to(target, repo string) mappings.Result {
	return mappings.Result{Match: &mappings.Match{From: mappings.NixOS, Target: target, Repo: repo,
		Method: mappings.MethodCurated, Confidence: mappings.ConfidenceHigh, Evidence: "test table"}}
}

var testTable = fakeMapper{
	"firefox":    to("firefox", "extra"),
	"git":        to("git", "extra"),
	"ripgrep":    to("ripgrep", "extra"),
	"steam":      to("steam", "multilib"),
	"vscode":     to("visual-studio-code-bin", "aur"),
	"coreutils":  {Match: &mappings.Match{From: mappings.NixOS, Method: mappings.MethodBaseline, Confidence: mappings.ConfidenceHigh, Evidence: "Arch base"}},
	"gitMinimal": to("git", "core"),
}

func at(file string, line int) model.Origin { return model.Origin{File: file, Line: line, Col: 3} }

// laptop is a NixOS system with a bit of everything, and text that tries
// to break out of shell quoting and here-documents.
func laptop() *model.System {
	s := model.New(model.Source{Kind: model.SourceNixOS, Path: "flake.nix", Host: "laptop"})
	s.Host = model.Host{
		Hostname: "laptop", Timezone: "Europe/Berlin", DefaultLocale: "en_US.UTF-8",
		LocaleSettings: []model.LocaleSetting{{Category: "LC_TIME", Locale: "de_DE.UTF-8"}, {Category: "LC_PAPER", Locale: "fr_FR.UTF-8"}},
		Locales:        []string{"en_US.UTF-8/UTF-8", "de_DE.UTF-8/UTF-8"}, Keymap: "de-latin1",
		Kernel: "linuxPackages_zen", KernelParams: []string{"quiet", `acpi_osi="Windows 2020"`},
		KernelModules: []string{"kvm-intel"}, Bootloader: "systemd-boot", Origin: at("configuration.nix", 5),
	}
	s.Packages = []model.Package{
		{Name: "firefox", Repo: "nixpkgs", Origin: at("configuration.nix", 20)},
		{Name: "git", Repo: "nixpkgs", Origin: at("configuration.nix", 21)},
		{Name: "gitMinimal", Repo: "nixpkgs", Origin: at("configuration.nix", 22)},
		{Name: "ripgrep", Repo: "nixpkgs", Owner: model.UserOwner("alice"), Origin: at("home.nix", 3)},
		{Name: "vscode", Repo: "nixpkgs", Origin: at("configuration.nix", 23)},
		{Name: "coreutils", Repo: "nixpkgs", Origin: at("configuration.nix", 24)},
		{Name: "haskellPackages.pandoc", Repo: "nixpkgs", Origin: at("configuration.nix", 25)},
	}
	s.Services = []model.Service{
		{Name: "services.openssh", Enabled: true, Settings: model.Settings{
			"settings": map[string]any{"PermitRootLogin": "no", "PasswordAuthentication": false, "X11Forwarding": true},
			"ports":    []any{int64(22)},
		}, Origin: at("configuration.nix", 30)},
		{Name: "services.pipewire", Enabled: true, Settings: model.Settings{
			"pulse": map[string]any{"enable": true}, "alsa": map[string]any{"support32Bit": true},
		}, Origin: at("configuration.nix", 35)},
		{Name: "services.printing", Enabled: false, Origin: at("configuration.nix", 40)},
		{Name: "services.frobnicator", Enabled: true, Origin: at("configuration.nix", 41)},
		{Name: "systemd.services.backup", Enabled: true, Unit: "backup.service", Settings: model.Settings{
			"description":      "Back up /home",
			"after":            []any{"network-online.target"},
			"wants":            []any{"network-online.target"},
			"environment":      map[string]any{"RESTIC_REPOSITORY": "/srv/backup"},
			"path":             []any{"${pkgs.restic}"},
			"serviceConfig":    map[string]any{"Type": "oneshot", "Nice": int64(10), "ReadWritePaths": []any{"/srv/backup", "/var/cache"}},
			"script":           "${pkgs.restic}/bin/restic backup /home\nNIXARCH_EOF\n'; echo \"$HOME\"\n",
			"startAt":          "Mon..Fri *-*-* 02:00:00",
			"restartIfChanged": false,
			"confinement":      map[string]any{"enable": true},
		}, Origin: at("configuration.nix", 42)},
	}
	s.Programs = []model.Program{
		{Name: "programs.steam", Enabled: true, Origin: at("configuration.nix", 45)},
		{Name: "virtualisation.docker", Enabled: true, Origin: at("configuration.nix", 46)},
	}
	s.Users = []model.User{
		{Name: "alice", UID: 1000, Description: "Alice \"Al\" O'Brien $(touch /tmp/pwned) `id` \\ ${HOME}\nsecond: line",
			Shell: "/run/current-system/sw/bin/zsh", Groups: []string{"wheel", "networkmanager"}, Origin: at("configuration.nix", 50)},
		{Name: "bob", Home: "/srv/bob", Origin: at("configuration.nix", 55)},
		{Name: "nginx", System: true, Origin: at("configuration.nix", 58)},
	}
	s.Groups = []model.Group{{Name: "media", GID: 1001, Members: []string{"bob", "alice", "carol"}, Origin: at("configuration.nix", 60)}}
	s.EtcFiles = []model.EtcFile{
		{Target: "/etc/motd", Content: "Welcome to $HOSTNAME, it's `date`\nNIXARCH_EOF\n'; rm -rf / #\n", Origin: at("configuration.nix", 70)},
		{Target: "/etc/issue.net", Content: "no newline at the end", Mode: 0o600, Origin: at("configuration.nix", 71)},
		{Target: "/etc/ssh/ssh_known_hosts", Source: "./known_hosts", Origin: at("configuration.nix", 72)},
	}
	s.Environment = []model.Variable{
		{Name: "EDITOR", Value: "nvim", Origin: at("configuration.nix", 80)},
		{Name: "PATH_EXTRA", Value: "$HOME/bin:\"quoted\" `x`", Origin: at("configuration.nix", 81)},
	}
	s.Aliases = []model.Alias{
		{Name: "ll", Command: "ls -l", Origin: at("configuration.nix", 82)},
		{Name: "say", Command: "echo 'it''s' \"$USER\"", Origin: at("configuration.nix", 83)},
		{Name: "bad name", Command: "x", Origin: at("configuration.nix", 84)},
	}
	return s
}

// packagesOnly is a NixOS system with packages and nothing else.
func packagesOnly() *model.System {
	s := model.New(model.Source{Kind: model.SourceNixOS, Path: "configuration.nix"})
	s.Packages = []model.Package{
		{Name: "ripgrep", Repo: "nixpkgs", Origin: at("configuration.nix", 3)},
		{Name: "git", Repo: "nixpkgs", Origin: at("configuration.nix", 4)},
	}
	return s
}

func empty() *model.System {
	return model.New(model.Source{Kind: model.SourceNixOS, Path: "configuration.nix"})
}
