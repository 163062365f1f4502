{ config, lib, pkgs, ... }:

lib.mkIf (config.fleet.role == "server") {
  services.fail2ban.enable = true;
  services.prometheus.exporters.node = {
    enable = true;
    openFirewall = true;
  };
  documentation.enable = false;
  environment.systemPackages = [ pkgs.tmux pkgs.ncdu ];
  boot.kernelParams = [ "console=ttyS0" ];
}
