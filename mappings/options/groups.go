package options

// groupRenames are the system groups that NixOS and Arch name
// differently: the same purpose, another name, each set up by the
// distribution's own package or module. A group not listed has the same
// name on both.
var groupRenames = []struct{ nixos, arch string }{
	// virtualisation.libvirtd makes libvirtd; Arch's libvirt package,
	// and its polkit rule, use libvirt.
	{nixos: "libvirtd", arch: "libvirt"},
}

// ArchGroup returns the name of the NixOS group nixos on Arch, and
// whether it is another name.
func ArchGroup(nixos string) (string, bool) {
	for _, r := range groupRenames {
		if r.nixos == nixos {
			return r.arch, true
		}
	}
	return nixos, false
}

// NixOSGroup returns the name of the Arch group arch on NixOS, and
// whether it is another name.
func NixOSGroup(arch string) (string, bool) {
	for _, r := range groupRenames {
		if r.arch == arch {
			return r.nixos, true
		}
	}
	return arch, false
}
