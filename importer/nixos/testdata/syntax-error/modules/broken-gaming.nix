{ pkgs, ... }:

{
  programs.steam.enable = true;
  environment.systemPackages = with pkgs; [
    lutris
    heroic
  # the closing bracket went missing here
  hardware.graphics.enable32Bit = true;
}
