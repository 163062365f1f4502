# The repository was cloned without the git-crypt'ed or untracked files:
# hardware-configuration.nix and one module are not there.
{ config, lib, pkgs, ... }:

{
  imports = [
    ./hardware-configuration.nix
    ./modules/fonts.nix
    ./modules/vpn.nix
  ];

  networking.hostName = "drift";
  boot.loader.systemd-boot.enable = true;
  users.users.omar = {
    isNormalUser = true;
    extraGroups = [ "wheel" ];
  };
  environment.systemPackages = [ pkgs.git ];
  environment.etc."motd".text = builtins.readFile ./motd.txt;
  system.stateVersion = "24.11";
}
