{ lib, ... }:
{
  boot.initrd.availableKernelModules = [ "xhci_pci" "ahci" "nvme" "usb_storage" "sd_mod" ];
  fileSystems."/" = { device = "/dev/disk/by-uuid/0000"; fsType = "ext4"; };
  fileSystems."/boot" = { device = "/dev/disk/by-uuid/1111"; fsType = "vfat"; };
  nixpkgs.hostPlatform = lib.mkDefault "x86_64-linux";
  hardware.cpu.intel.updateMicrocode = lib.mkDefault true;
}
