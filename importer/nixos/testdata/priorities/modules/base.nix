{ config, lib, pkgs, ... }:

{
  time.timeZone = lib.mkDefault "UTC";
  i18n.defaultLocale = lib.mkDefault "en_US.UTF-8";
  boot.loader.systemd-boot.enable = lib.mkDefault true;
  boot.kernelParams = [ "quiet" ];

  services.openssh = {
    enable = lib.mkDefault true;
    ports = [ 22 ];
    settings = {
      PasswordAuthentication = lib.mkDefault false;
      PermitRootLogin = lib.mkDefault "prohibit-password";
    };
  };

  environment.systemPackages = with pkgs; [ git htop ];
  programs.mtr.enable = lib.mkOverride 900 true;

  users.users.media = {
    isNormalUser = lib.mkDefault true;
    extraGroups = [ "wheel" ];
  };
}
