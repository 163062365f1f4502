package nixpath

import (
	"reflect"
	"testing"
)

func TestRewrite(t *testing.T) {
	for _, c := range []struct {
		in, want string
		changes  []Change
	}{
		{"plain text", "plain text", nil},
		{"/nix/store/0123456789abcdfghijklmnpqrsvwxyz-git-2.47/bin/git pull", "/usr/bin/git pull",
			[]Change{{From: "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-git-2.47/bin/git", To: "/usr/bin/git", What: "Nix store path"}}},
		{"/nix/store/0123456789abcdfghijklmnpqrsvwxyz-theme", "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-theme",
			[]Change{{From: "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-theme", To: "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-theme", Kind: Unknown, What: "Nix store path"}}},
		{"${pkgs.bash}/bin/bash -c 'x'", "/usr/bin/bash -c 'x'",
			[]Change{{From: "${pkgs.bash}/bin/bash", To: "/usr/bin/bash", What: "package reference", Package: "bash"}}},
		{"${lib.getExe pkgs.gitAndTools.delta}", "/usr/bin/delta",
			[]Change{{From: "${lib.getExe pkgs.gitAndTools.delta}", To: "/usr/bin/delta", Kind: Guessed, What: "package reference", Package: "gitAndTools.delta"}}},
		{`${lib.getExe' pkgs.coreutils "env"} x`, "/usr/bin/env x",
			[]Change{{From: `${lib.getExe' pkgs.coreutils "env"}`, To: "/usr/bin/env", Kind: Guessed, What: "package reference", Package: "coreutils"}}},
		{"${pkgs.foo}", "${pkgs.foo}", []Change{{From: "${pkgs.foo}", To: "${pkgs.foo}", Kind: Unknown, What: "package reference", Package: "foo"}}},
		{"/run/current-system/sw/bin/zsh", "/usr/bin/zsh", []Change{{From: "/run/current-system/sw/bin/zsh", To: "/usr/bin/zsh", What: "profile path"}}},
		{"$HOME/.nix-profile/share/fonts", "/usr/share/fonts", []Change{{From: "$HOME/.nix-profile/share/fonts", To: "/usr/share/fonts", What: "profile path"}}},
	} {
		got, changes := Rewrite(c.in)
		if got != c.want || !reflect.DeepEqual(changes, c.changes) {
			t.Errorf("Rewrite(%q) = %q, %+v\nwant %q, %+v", c.in, got, changes, c.want, c.changes)
		}
	}
}
