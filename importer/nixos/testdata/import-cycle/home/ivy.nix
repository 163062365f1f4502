{ pkgs, ... }:

{
  imports = [ ./shell.nix ];
  home.stateVersion = "24.11";
  home.packages = [ pkgs.feh ];
}
