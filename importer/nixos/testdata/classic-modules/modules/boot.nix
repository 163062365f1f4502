{ pkgs, ... }:

{
  boot.loader.systemd-boot.enable = true;
  boot.loader.efi.canTouchEfiVariables = true;
  boot.kernelPackages = pkgs.linuxPackages_6_6;
  boot.kernelParams = [ "mem_sleep_default=deep" "nvme.noacpi=1" ];
  boot.kernelModules = [ "i2c-dev" ];
}
