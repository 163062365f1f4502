# shellcheck shell=bash
AddPackage base # Minimal package set to define a basic Arch Linux installation
AddPackage base-devel # Basic tools to build Arch Linux packages
AddPackage 'linux' # The Linux kernel and modules
AddPackage "linux-firmware" # Firmware files for Linux
AddPackage git vim # Two at once

AddPackage --foreign aconfmgr-git # A configuration manager for Arch Linux
AddPackage --foreign yay-bin # Yet another yogurt. Pacman wrapper and AUR helper written in go.

AddPackageGroup gnome

if [[ $HOSTNAME == laptop ]]
then
	AddPackage tlp # Linux Advanced Power Management
fi

IgnorePackage --foreign some-debug-build
RemovePackage nano

CopyFile /etc/pacman.conf
CopyFileTo /etc/hostname-laptop /etc/hostname
CreateLink /etc/localtime /usr/share/zoneinfo/Europe/Berlin
SetFileProperty /etc/sudoers mode 440
IgnorePath '/var/lib/*'
