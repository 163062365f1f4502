{ pkgs, ... }:

{
  imports = [ ./desktop.nix ./media.nix ];
  environment.systemPackages = [ pkgs.firefox ];
}
