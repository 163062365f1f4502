package arch_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/exporter/arch"
)

// archinstallKeys are the top-level keys that archinstall 3 reads from
// user_configuration.json (ArchConfig.from_config in archinstall/lib/args.py).
var archinstallKeys = []string{
	"hostname", "timezone", "locale_config", "kernels", "bootloader_config", "mirror_config", "packages", "services",
	"script", "archinstall-language", "disk_config", "profile_config", "network_config", "audio_config", "app_config",
	"auth_config", "ntp", "pacman_config", "swap", "custom_commands",
}

// TestArchinstallConfig checks that the archinstall file holds only keys
// archinstall reads, no credentials or disk layout, every official
// package but the kernel, and only units that exist after installing
// the packages (not the ones setup.sh writes).
func TestArchinstallConfig(t *testing.T) {
	files := exportOf(t, "laptop")
	var cfg map[string]json.RawMessage
	if err := json.Unmarshal(files[arch.ArchinstallConfig], &cfg); err != nil {
		t.Fatal(err)
	}
	for k := range cfg {
		if !slices.Contains(archinstallKeys, k) {
			t.Errorf("archinstall does not read %q", k)
		}
		if k == "auth_config" || k == "disk_config" {
			t.Errorf("the file holds %s", k)
		}
	}
	var c struct {
		Kernels  []string `json:"kernels"`
		Packages []string `json:"packages"`
		Services []string `json:"services"`
	}
	if err := json.Unmarshal(files[arch.ArchinstallConfig], &c); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Kernels, []string{"linux"}) {
		t.Errorf("kernels %q", c.Kernels)
	}
	pkglist := strings.Fields(string(files[arch.PkgList]))
	if !slices.Equal(c.Packages, pkglist) {
		t.Errorf("packages %q, want pkglist.txt %q", c.Packages, pkglist)
	}
	if !slices.Equal(c.Services, []string{"docker.service", "sshd.service"}) {
		t.Errorf("services %q", c.Services)
	}
}
