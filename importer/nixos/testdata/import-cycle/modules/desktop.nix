{ pkgs, ... }:

{
  imports = [ ./apps.nix ];
  services.xserver.enable = true;
  services.xserver.windowManager.i3.enable = true;
  environment.systemPackages = [ pkgs.i3status pkgs.dmenu ];
}
