{ config, pkgs, ... }:

{
  networking.hostName = "nimbus";
  boot.loader.systemd-boot.enable = true;
  fileSystems."/" = { device = "/dev/sda2"; fsType = "ext4"; };

  services.nextcloud = {
    enable = true;
    hostName = "cloud.example.ch";
    package = pkgs.nextcloud30;
    config.adminpassFile = "/var/lib/nextcloud/admin-pass";
    settings.default_phone_region = "CH";
  };

  users.users.lea = {
    isNormalUser = true;
    extraGroups = [ "wheel" ];
  };
  home-manager.users.lea = { pkgs, ... }: {
    home.stateVersion = "24.11";
    home.packages = [ pkgs.nextcloud-client ];
    programs.git = {
      enable = true;
      userName = "Lea";
    };
  };

  system.stateVersion = "24.11";
}
