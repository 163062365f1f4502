{ pkgs, ... }:

{
  imports = [ ./scanning.nix ];
  services.printing = {
    enable = true;
    drivers = [ pkgs.brlaser ];
  };
  environment.systemPackages = [ pkgs.system-config-printer ];
}
