package arch

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/nixarch/nixarch/model"
)

// ArchinstallConfig is the file for a fresh install with archinstall:
// archinstall --config archinstall/user_configuration.json.
const ArchinstallConfig = "archinstall/user_configuration.json"

// archinstallBootloaders are the model's bootloader names as archinstall
// spells them in bootloader_config.bootloader.
var archinstallBootloaders = map[string]string{
	"systemd-boot": "Systemd-boot", "grub": "Grub", "limine": "Limine", "refind": "Refind",
}

// archinstallKernels are the kernels archinstall can install.
var archinstallKernels = map[string]bool{
	"linux": true, "linux-lts": true, "linux-zen": true, "linux-hardened": true, "linux-rt": true, "linux-rt-lts": true,
}

// archinstall writes the keys of archinstall's configuration file that
// the model decides: host name, time zone, locale and keyboard, kernel,
// bootloader, the official packages, the units to enable and [multilib].
// Disks, users and passwords are left to archinstall's own questions:
// the first depend on the new machine, the others are credentials.
func archinstall(p *plan, sys *model.System) ([]byte, error) {
	type bootloader struct {
		Bootloader string `json:"bootloader"`
		UKI        bool   `json:"uki"`
		Removable  bool   `json:"removable"`
	}
	type locale struct {
		KbLayout string `json:"kb_layout,omitempty"`
		SysEnc   string `json:"sys_enc,omitempty"`
		SysLang  string `json:"sys_lang,omitempty"`
	}
	type mirrors struct {
		OptionalRepositories []string `json:"optional_repositories"`
	}
	cfg := struct {
		Hostname   string      `json:"hostname,omitempty"`
		Timezone   string      `json:"timezone,omitempty"`
		Locale     *locale     `json:"locale_config,omitempty"`
		Kernels    []string    `json:"kernels"`
		Bootloader *bootloader `json:"bootloader_config,omitempty"`
		Mirrors    *mirrors    `json:"mirror_config,omitempty"`
		Packages   []string    `json:"packages"`
		Services   []string    `json:"services"`
	}{Hostname: p.hostname, Timezone: p.timezone, Packages: []string{}, Services: []string{}}

	if p.lang != "" || p.keymap != "" {
		l := &locale{KbLayout: p.keymap}
		if p.lang != "" {
			l.SysLang, l.SysEnc = p.lang, "UTF-8"
			if name, enc, ok := strings.Cut(p.lang, "."); ok {
				l.SysLang, l.SysEnc = name, enc
			}
		}
		cfg.Locale = l
	}
	kernel := p.kernel
	if !archinstallKernels[kernel] {
		kernel = "linux"
	}
	cfg.Kernels = []string{kernel}
	if b, ok := archinstallBootloaders[strings.ToLower(sys.Host.Bootloader)]; ok {
		cfg.Bootloader = &bootloader{Bootloader: b}
	}
	if p.multilib {
		cfg.Mirrors = &mirrors{OptionalRepositories: []string{"multilib"}}
	}
	for _, n := range sortedKeys(p.official) {
		if n != kernel {
			cfg.Packages = append(cfg.Packages, n)
		}
	}
	// Units that setup.sh writes itself do not exist when archinstall
	// enables units; setup.sh enables them.
	for _, u := range sortedKeys(p.units) {
		if !slices.Contains(p.ownUnits, u) {
			cfg.Services = append(cfg.Services, u)
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(cfg); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
