{ pkgs, ... }:

{
  environment.systemPackages = [ pkgs.mpv ];
  disabledModules = [ ./old-media.nix ];
}
