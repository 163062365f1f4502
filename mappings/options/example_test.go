package options_test

import (
	"fmt"

	"github.com/nixarch/nixarch/mappings/options"
)

func ExampleTable_ForNixOS() {
	t, err := options.Default()
	if err != nil {
		panic(err)
	}
	o, _ := t.ForNixOS("virtualisation.docker.enable")
	fmt.Println(o.Arch.Packages, o.Arch.Units, o.Arch.Groups)

	o, _ = t.ForNixOS("hardware.opengl.enable") // an alias
	fmt.Println(o.Path)

	o, _ = t.ForNixOS("time.timeZone")
	a, _ := o.Apply("Europe/Paris")
	fmt.Println(a.Manual[0])
	// Output:
	// [docker] [docker.service] [docker]
	// hardware.graphics.enable
	// Set the time zone with "timedatectl set-timezone Europe/Paris", which links /etc/localtime to /usr/share/zoneinfo/Europe/Paris.
}

func ExampleTable_FromArchUnit() {
	t, _ := options.Default()
	for _, unit := range []string{"sshd.service", "syncthing@alice.service", "getty@tty1.service"} {
		for _, o := range t.FromArchUnit(unit) {
			fmt.Println(unit, "→", o.Path)
		}
	}
	// Output:
	// sshd.service → services.openssh.enable
	// syncthing@alice.service → services.syncthing.enable
}

func ExampleTable_FromArchPackage() {
	t, _ := options.Default()
	for _, o := range t.FromArchPackage("steam") {
		fmt.Println(o.Path, o.Arch.Multilib)
	}
	// Output:
	// programs.steam.enable [steam]
}
