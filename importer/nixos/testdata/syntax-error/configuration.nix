# A half-finished edit: one module does not parse. The rest of the
# configuration must still come through.
{ config, pkgs, ... }:

{
  imports = [
    ./modules/audio.nix
    ./modules/broken-gaming.nix
    ./modules/editor.nix
  ];

  networking.hostName = "oops";
  boot.loader.systemd-boot.enable = true;
  environment.systemPackages = [ pkgs.git ];
  system.stateVersion = "24.11";
}
