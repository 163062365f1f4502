{ config, lib, pkgs, ... }:

let
  onLaptop = builtins.getEnv "LAPTOP" == "1";
in
{
  time.timeZone = "Europe/Paris";
  services.openssh.enable = lib.mkDefault true;
  services.openssh.ports = lib.mkDefault [ 22 ];
  services.openssh.settings.X11Forwarding = lib.mkOverride 900 false;

  environment.systemPackages = lib.mkMerge [
    (lib.mkIf onLaptop [ pkgs.powertop ])
    (lib.optionals config.services.printing.wantDrivers [ pkgs.gutenprint ])
    (lib.mkIf config.services.printing.enable [ pkgs.system-config-printer ])
  ];
}
