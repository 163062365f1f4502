# ~/.config/home-manager/home.nix on an Arch machine that already uses
# home-manager without flakes.
{ config, pkgs, lib, ... }:

{
  imports = [
    ./modules/hyprland.nix
    ./modules/theme.nix
  ];

  home.username = "theo";
  home.homeDirectory = "/home/theo";
  home.stateVersion = "24.05";

  nixpkgs.config.allowUnfree = true;

  home.packages = with pkgs; [
    wofi
    grim
    slurp
    wl-clipboard
    pavucontrol
    networkmanagerapplet
    (writeShellScriptBin "screenshot-area" ''
      ${grim}/bin/grim -g "$(${slurp}/bin/slurp)" ~/Pictures/$(date +%s).png
    '')
  ];

  programs.waybar = {
    enable = true;
    systemd.enable = true;
    style = builtins.readFile ./config/waybar/style.css;
    settings.mainBar = {
      layer = "top";
      position = "top";
      modules-left = [ "hyprland/workspaces" ];
      modules-right = [ "pulseaudio" "network" "battery" "clock" ];
    };
  };

  services.mako = {
    enable = true;
    defaultTimeout = 5000;
    backgroundColor = "#1e1e2eee";
  };

  services.gpg-agent = {
    enable = true;
    enableSshSupport = true;
    pinentryPackage = pkgs.pinentry-gnome3;
  };

  programs.foot = {
    enable = true;
    settings.main = {
      font = "Iosevka:size=11";
      pad = "8x8";
    };
  };

  xdg.configFile."waybar/scripts" = {
    source = ./config/waybar/scripts;
    recursive = true;
  };

  home.sessionVariables = {
    NIXOS_OZONE_WL = "1";
    TERMINAL = "foot";
  };

  programs.home-manager.enable = true;
}
