{ config, lib, pkgs, ... }:
let
  cfg = config.my.desktop;
in
{
  options.my.desktop = {
    enable = lib.mkEnableOption "the desktop";
    browser = lib.mkOption {
      type = lib.types.package;
      default = pkgs.firefox;
      description = "The browser.";
    };
  };
  config = lib.mkIf cfg.enable (lib.mkMerge [
    { services.xserver.enable = true; }
    { environment.systemPackages = [ cfg.browser pkgs.alacritty ]; }
  ]);
}
