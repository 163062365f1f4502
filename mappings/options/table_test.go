package options_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/mappings"

	"github.com/nixarch/nixarch/mappings/options"
)

// packageGroups are the pacman package groups rows may name.
var packageGroups = map[string]bool{"gnome": true, "gnome-extra": true, "xfce4": true, "xfce4-goodies": true, "mate": true, "mate-extra": true, "lxqt": true}

func table(t *testing.T) *options.Table {
	t.Helper()
	tb, err := options.Default()
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func TestDefaultHasEnoughRows(t *testing.T) {
	if n := len(table(t).Options()); n < 120 {
		t.Errorf("the table has %d rows, want at least 120", n)
	}
}

// archRepo returns the repository of an official Arch package (core,
// extra or multilib), from the names the mapping table embeds: derived
// from the shared facts, with brace lists such as qemu-{base,full}
// expanded, plus its hand-kept multilib list.
func archRepo(t *testing.T) func(name string) string {
	t.Helper()
	tbl, err := mappings.Default()
	if err != nil {
		t.Fatal(err)
	}
	return func(name string) string {
		repo, _ := tbl.IsOfficialArch(name)
		return repo
	}
}

func TestPackagesExist(t *testing.T) {
	repo := archRepo(t)
	official := func(name string) bool { r := repo(name); return r != "" && r != "multilib" }
	for _, o := range table(t).Options() {
		t.Run(o.Path, func(t *testing.T) {
			for _, p := range o.Arch.Packages {
				if !official(p) {
					t.Errorf("%s: package %q is not in Arch core or extra", o.Origin, p)
				}
			}
			for _, p := range o.Arch.Multilib {
				if repo(p) != "multilib" {
					t.Errorf("%s: %q is not a known multilib package", o.Origin, p)
				}
			}
			for _, p := range o.Arch.AUR {
				if repo(p) != "" {
					t.Errorf("%s: AUR package %q is in the official repositories", o.Origin, p)
				}
			}
			for _, g := range o.Arch.PackageGroups {
				if !packageGroups[g] || official(g) {
					t.Errorf("%s: %q is not a known pacman package group", o.Origin, g)
				}
			}
		})
	}
}

var optionPath = regexp.MustCompile(`^[a-z][A-Za-z0-9_-]*(\.([A-Za-z_][A-Za-z0-9_'-]*|<name>))+$`)

func TestOptionPaths(t *testing.T) {
	seen := map[string]bool{}
	for _, o := range table(t).Options() {
		for _, p := range append([]string{o.Path}, o.Aliases...) {
			if !optionPath.MatchString(p) {
				t.Errorf("%s: %q is not a NixOS option path", o.Origin, p)
			}
			if seen[p] {
				t.Errorf("%s: %q is listed twice", o.Origin, p)
			}
			seen[p] = true
		}
		if strings.HasSuffix(o.Path, ".enable") && o.Kind != options.KindBool {
			t.Errorf("%s: %s takes a %s", o.Origin, o.Path, o.Kind)
		}
		if o.Origin.File != options.DataFile || o.Origin.Line == 0 {
			t.Errorf("%s: bad origin for %s", o.Origin, o.Path)
		}
	}
}

func TestOptionsSorted(t *testing.T) {
	opts := table(t).Options()
	if !slices.IsSortedFunc(opts, func(a, b *options.Option) int { return strings.Compare(a.Path, b.Path) }) {
		t.Error("Options() is not sorted by path")
	}
}

// TestReverseConsistent checks that every answer of FromArchUnit and
// FromArchPackage comes from a row that names the unit or package, and
// that every unit and package a row names finds that row.
func TestReverseConsistent(t *testing.T) {
	tb := table(t)
	var units, pkgs []string
	for _, o := range tb.Options() {
		units = append(append(append(units, o.FromUnits...), o.Arch.Units...), o.Arch.UserUnits...)
		pkgs = append(append(pkgs, o.FromPackages...), o.Arch.Packages...)
		for _, u := range o.FromUnits {
			if !slices.Contains(tb.FromArchUnit(u), o) {
				t.Errorf("%s: FromArchUnit(%q) does not find %s", o.Origin, u, o.Path)
			}
		}
		for _, p := range o.FromPackages {
			if !slices.Contains(tb.FromArchPackage(p), o) {
				t.Errorf("%s: FromArchPackage(%q) does not find %s", o.Origin, p, o.Path)
			}
		}
	}
	for _, u := range units {
		for _, o := range tb.FromArchUnit(u) {
			if !slices.Contains(o.FromUnits, u) {
				t.Errorf("FromArchUnit(%q) answers %s, whose row does not name it", u, o.Path)
			}
			if at := strings.Index(u, "@."); at >= 0 {
				// A template unit: a manual step says which instance to enable.
				if !slices.ContainsFunc(o.Arch.Manual, func(s string) bool { return strings.Contains(s, u[:at+1]) }) {
					t.Errorf("FromArchUnit(%q) answers %s, which has no manual step naming an instance", u, o.Path)
				}
			} else if !slices.Contains(o.Arch.Units, u) && !slices.Contains(o.Arch.UserUnits, u) {
				t.Errorf("FromArchUnit(%q) answers %s, which does not enable it", u, o.Path)
			}
		}
	}
	for _, p := range pkgs {
		for _, o := range tb.FromArchPackage(p) {
			if !slices.Contains(o.FromPackages, p) {
				t.Errorf("FromArchPackage(%q) answers %s, whose row does not name it", p, o.Path)
			}
		}
	}
}

func paths(opts []*options.Option) []string {
	var out []string
	for _, o := range opts {
		out = append(out, o.Path)
	}
	return out
}

func TestLookups(t *testing.T) {
	tb := table(t)
	for _, tt := range []struct{ query, want string }{
		{"services.openssh.enable", "services.openssh.enable"},
		{"hardware.opengl.enable", "hardware.graphics.enable"},
		{"hardware.opengl.driSupport32Bit", "hardware.graphics.enable32Bit"},
		{"services.redis.servers.cache.enable", "services.redis.servers.<name>.enable"},
		{`services.redis.servers."".enable`, "services.redis.servers.<name>.enable"},
		{`services.redis.servers."a.b".enable`, "services.redis.servers.<name>.enable"},
		{"services.redis.servers.enable", ""},
		{"services.openssh", ""},
		{"services.nosuch.enable", ""},
	} {
		o, ok := tb.ForNixOS(tt.query)
		if got := ""; ok {
			got = o.Path
			if got != tt.want {
				t.Errorf("ForNixOS(%q) = %s, want %q", tt.query, got, tt.want)
			}
		} else if tt.want != "" {
			t.Errorf("ForNixOS(%q) found nothing, want %s", tt.query, tt.want)
		}
	}
	for _, tt := range []struct {
		unit string
		want []string
	}{
		{"sshd.service", []string{"services.openssh.enable"}},
		{"sshd", []string{"services.openssh.enable"}},
		{"docker.service", []string{"virtualisation.docker.enable"}},
		{"syncthing@alice.service", []string{"services.syncthing.enable"}},
		{"wg-quick@wg0.service", []string{"networking.wireguard.enable"}},
		{"systemd-networkd.service", []string{"systemd.network.enable"}},
		{"pipewire-pulse.socket", []string{"services.pipewire.pulse.enable"}},
		{"nosuch.service", nil},
	} {
		if got := paths(tb.FromArchUnit(tt.unit)); !slices.Equal(got, tt.want) {
			t.Errorf("FromArchUnit(%q) = %q, want %q", tt.unit, got, tt.want)
		}
	}
	for _, tt := range []struct {
		pkg  string
		want []string
	}{
		{"docker", []string{"virtualisation.docker.enable"}},
		{"openssh", nil},
		{"steam", []string{"programs.steam.enable"}},
		{"lib32-mesa", []string{"hardware.graphics.enable32Bit"}},
	} {
		if got := paths(tb.FromArchPackage(tt.pkg)); !slices.Equal(got, tt.want) {
			t.Errorf("FromArchPackage(%q) = %q, want %q", tt.pkg, got, tt.want)
		}
	}
}

func TestApply(t *testing.T) {
	tb := table(t)
	get := func(path string) *options.Option {
		o, ok := tb.ForNixOS(path)
		if !ok {
			t.Fatalf("no row for %s", path)
		}
		return o
	}

	a, err := get("services.openssh.enable").Apply("true")
	if err != nil || !slices.Equal(a.Units, []string{"sshd.service"}) {
		t.Errorf("openssh true: %+v, %v", a, err)
	}
	if a, err := get("services.openssh.enable").Apply("false"); err != nil || !a.IsZero() {
		t.Errorf("openssh false: %+v, %v", a, err)
	}

	a, err = get("services.openssh.settings.PasswordAuthentication").Apply("false")
	if err != nil || len(a.Files) != 1 || a.Files[0].Content != "PasswordAuthentication no\n" {
		t.Errorf("PasswordAuthentication false: %+v, %v", a, err)
	}

	a, err = get("boot.blacklistedKernelModules").Apply("nouveau", "pcspkr")
	if err != nil || len(a.Files) != 1 || a.Files[0].Content != "blacklist nouveau\nblacklist pcspkr\n" {
		t.Errorf("blacklist: %+v, %v", a, err)
	}

	a, err = get("time.timeZone").Apply("Europe/Paris")
	if err != nil || len(a.Manual) != 1 || !strings.Contains(a.Manual[0], `"timedatectl set-timezone Europe/Paris"`) {
		t.Errorf("time zone: %+v, %v", a, err)
	}
	if o := get("time.timeZone"); !strings.Contains(o.Arch.Manual[0], options.Placeholder) {
		t.Error("Apply changed the row")
	}

	a, err = get("boot.kernelParams").Apply("quiet", "mitigations=off")
	if err != nil || !slices.Equal(a.KernelParams, []string{"quiet", "mitigations=off"}) {
		t.Errorf("kernel params: %+v, %v", a, err)
	}

	for _, tt := range []struct {
		path   string
		values []string
		want   string
	}{
		{"services.openssh.enable", []string{"yes"}, `option services.openssh.enable takes true or false, not "yes"`},
		{"services.openssh.enable", nil, "option services.openssh.enable takes one bool value, not 0"},
		{"time.timeZone", []string{"a", "b"}, "option time.timeZone takes one string value, not 2"},
	} {
		if _, err := get(tt.path).Apply(tt.values...); err == nil || err.Error() != tt.want {
			t.Errorf("Apply(%q) on %s: %v, want %s", tt.values, tt.path, err, tt.want)
		}
	}
}

// TestTemplates checks that every templated row can be applied, and that
// nothing is left of the placeholder afterwards.
func TestTemplates(t *testing.T) {
	for _, o := range table(t).Options() {
		if !o.Templated() {
			continue
		}
		v := []string{"x"}
		if o.Kind == options.KindBool {
			v = []string{"true"}
		}
		a, err := o.Apply(v...)
		if err != nil {
			t.Errorf("%s: %v", o.Origin, err)
			continue
		}
		text := fmt.Sprint(a)
		if strings.Contains(text, "{{") || strings.Contains(text, "}}") {
			t.Errorf("%s: %s keeps a template after Apply: %s", o.Origin, o.Path, text)
		}
	}
}

// TestMultilibSteps checks the rule that a row with multilib packages says
// how to enable [multilib].
func TestMultilibSteps(t *testing.T) {
	for _, o := range table(t).Options() {
		if len(o.Arch.Multilib) == 0 {
			continue
		}
		if !slices.ContainsFunc(o.Arch.Manual, func(s string) bool { return strings.Contains(s, "/etc/pacman.conf") }) {
			t.Errorf("%s: %s installs from multilib without saying how to enable it", o.Origin, o.Path)
		}
	}
}
