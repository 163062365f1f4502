# Replacing modules: a shared module set is imported whole, then pieces
# are switched off with disabledModules, including one of NixOS's own.
{ config, lib, pkgs, modulesPath, ... }:

{
  imports = [
    ./modules
    ./overrides/adguardhome.nix
  ];

  disabledModules = [
    ./modules/printing.nix
    "services/networking/adguardhome.nix"
    "${modulesPath}/programs/command-not-found/command-not-found.nix"
  ];

  networking.hostName = "sentinel";
  boot.loader.systemd-boot.enable = true;
  services.adguardhome.enable = true;
  services.adguardhome.port = 8053;

  system.stateVersion = "24.11";
}
