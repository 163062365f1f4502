{ config, pkgs, ... }:

{
  imports = [ ./hardware.nix ];

  fleet.role = "workstation";
  fleet.admin = "ingrid";
  fleet.gaming.enable = true;
  fleet.extraPackages = with pkgs; [ blender godot_4 ];
  fleet.backup = {
    enable = true;
    repo = "ssh://borg@vault/./forge";
    paths = [ "/home/ingrid" ];
  };

  boot.loader.systemd-boot.enable = true;
  boot.kernelPackages = pkgs.linuxPackages_zen;
  hardware.nvidia.open = true;
  services.xserver.videoDrivers = [ "nvidia" ];
  users.users.ingrid.shell = pkgs.fish;
  programs.fish.enable = true;
}
