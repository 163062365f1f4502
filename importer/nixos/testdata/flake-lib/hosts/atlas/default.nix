{ config, pkgs, ... }:

{
  boot.loader.systemd-boot.enable = true;
  fileSystems."/" = { device = "/dev/disk/by-label/nixos"; fsType = "ext4"; };

  users.users.rosa = {
    isNormalUser = true;
    extraGroups = [ "wheel" "lp" ];
  };
  users.users.tom = {
    isNormalUser = true;
    extraGroups = [ "lp" ];
  };
  services.printing.enable = true;
  system.stateVersion = "24.11";
}
