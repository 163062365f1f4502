{ pkgs, ... }:

{
  roles.desktop.enable = true;
  boot.kernelPackages = pkgs.linuxPackages_latest;
  boot.loader.systemd-boot.enable = true;
  users.users.erin = {
    isNormalUser = true;
    extraGroups = [ "wheel" "video" ];
    hashedPasswordFile = "/run/secrets/erin";
  };
}
