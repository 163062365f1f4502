# A configuration split into modules, with priorities and conditions.
{ config, lib, pkgs, ... }:

{
  imports = [
    ./modules/desktop.nix
    ./modules/dev.nix
    ./modules/users.nix
  ];

  networking.hostName = lib.mkDefault "workstation";
  time.timeZone = "UTC";
  boot.loader.grub.enable = true;
  boot.loader.grub.device = "/dev/sda";

  # The module dev.nix declares this option; the host turns it on.
  my.dev.enable = true;

  environment.systemPackages = lib.mkBefore [ pkgs.coreutils ];
  services.openssh.enable = lib.mkForce false;
}
