package options

import "testing"

func TestGroupRenames(t *testing.T) {
	for _, r := range groupRenames {
		if got, ok := ArchGroup(r.nixos); !ok || got != r.arch {
			t.Errorf("ArchGroup(%q) = %q, %v; want %q", r.nixos, got, ok, r.arch)
		}
		if got, ok := NixOSGroup(r.arch); !ok || got != r.nixos {
			t.Errorf("NixOSGroup(%q) = %q, %v; want %q", r.arch, got, ok, r.nixos)
		}
		// An option that asks for the group on Arch names the Arch name.
		tb, err := Default()
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range tb.Options() {
			for _, g := range o.Arch.Groups {
				if g == r.nixos {
					t.Errorf("%s: the Arch side names group %s, which is %s on Arch", o.Path, g, r.arch)
				}
			}
		}
	}
	if got, ok := ArchGroup("wheel"); ok || got != "wheel" {
		t.Errorf("ArchGroup(wheel) = %q, %v", got, ok)
	}
}
