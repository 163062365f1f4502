# Modules that import each other: desktop pulls in apps, apps pulls in
# desktop again. NixOS itself would import each once; nixarch reports
# the loop and carries on.
{ config, pkgs, ... }:

{
  imports = [ ./modules/desktop.nix ];

  networking.hostName = "loop";
  boot.loader.systemd-boot.enable = true;
  users.users.ivy = {
    isNormalUser = true;
    extraGroups = [ "wheel" ];
  };
  home-manager.users.ivy = ./home/ivy.nix;
  system.stateVersion = "24.11";
}
