{ pkgs, ... }:

{
  fonts.packages = with pkgs; [ ibm-plex noto-fonts ];
  fonts.fontconfig.defaultFonts.monospace = [ "IBM Plex Mono" ];
}
