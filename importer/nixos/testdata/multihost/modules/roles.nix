{ config, lib, pkgs, ... }:

{
  options.roles = {
    desktop.enable = lib.mkEnableOption "the desktop role";
    web = {
      enable = lib.mkOption { type = lib.types.bool; default = false; };
      domain = lib.mkOption { type = lib.types.str; default = "example.org"; };
    };
  };

  config = lib.mkMerge [
    (lib.mkIf config.roles.desktop.enable {
      services.xserver.enable = true;
      services.xserver.desktopManager.gnome.enable = true;
      fonts.packages = [ pkgs.noto-fonts-emoji ];
    })
    (lib.mkIf config.roles.web.enable {
      services.nginx = {
        enable = true;
        virtualHosts.${config.roles.web.domain} = {
          forceSSL = true;
          root = "/var/www";
        };
      };
      networking.firewall.allowedTCPPorts = [ 80 443 ];
    })
  ];
}
