# A copy of the upstream module with a fix that is not released yet.
{ config, lib, pkgs, ... }:

let
  cfg = config.services.adguardhome;
in
{
  options.services.adguardhome = {
    enable = lib.mkEnableOption "AdGuard Home";
    port = lib.mkOption {
      type = lib.types.port;
      default = 3000;
    };
  };

  config = lib.mkIf cfg.enable {
    environment.systemPackages = [ pkgs.adguardhome ];
    networking.firewall.allowedTCPPorts = [ cfg.port 53 ];
    networking.firewall.allowedUDPPorts = [ 53 ];
  };
}
