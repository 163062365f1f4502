{ pkgs, ... }:

{
  hardware.sane.enable = true;
  environment.systemPackages = [ pkgs.simple-scan ];
}
