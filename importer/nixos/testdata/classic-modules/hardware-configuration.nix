{ config, lib, pkgs, modulesPath, ... }:

{
  imports = [ (modulesPath + "/installer/scan/not-detected.nix") ];

  boot.initrd.availableKernelModules = [ "xhci_pci" "thunderbolt" "nvme" ];
  boot.initrd.luks.devices."cryptroot".device = "/dev/disk/by-uuid/0f0e0d0c-0b0a-0908-0706-050403020100";
  boot.kernelModules = [ "kvm-intel" ];

  fileSystems."/" = { device = "/dev/mapper/cryptroot"; fsType = "btrfs"; options = [ "subvol=@" "compress=zstd" ]; };
  fileSystems."/home" = { device = "/dev/mapper/cryptroot"; fsType = "btrfs"; options = [ "subvol=@home" "compress=zstd" ]; };
  fileSystems."/boot" = { device = "/dev/disk/by-uuid/12CE-A600"; fsType = "vfat"; };

  swapDevices = [ ];
  hardware.cpu.intel.updateMicrocode = lib.mkDefault config.hardware.enableRedistributableFirmware;
}
