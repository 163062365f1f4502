{
  fileSystems."/" = { device = "/dev/disk/by-label/forge"; fsType = "ext4"; };
  fileSystems."/boot" = { device = "/dev/disk/by-label/EFI"; fsType = "vfat"; };
}
