{ pkgs, ... }:

{
  imports = [ ./apps.nix ];
  environment.systemPackages = [ pkgs.vlc ];
}
