# /etc/nixos/configuration.nix: the host; everything else lives in modules/.
{ config, lib, pkgs, ... }:

{
  imports = [
    ./hardware-configuration.nix
    ./modules/boot.nix
    ./modules/locale.nix
    ./modules/packages.nix
    ./modules/sway.nix
    ./modules/users.nix
  ];

  networking.hostName = "lilith";
  networking.networkmanager.enable = true;
  networking.networkmanager.wifi.backend = "iwd";

  services.tlp = {
    enable = true;
    settings = {
      CPU_SCALING_GOVERNOR_ON_AC = "performance";
      CPU_SCALING_GOVERNOR_ON_BAT = "powersave";
      START_CHARGE_THRESH_BAT0 = 75;
      STOP_CHARGE_THRESH_BAT0 = 80;
    };
  };
  services.fwupd.enable = true;
  services.thermald.enable = true;
  hardware.bluetooth.enable = true;

  system.stateVersion = "24.11";
}
