# Package lists, grouped so that a host can pick what it needs.
{ config, lib, pkgs, ... }:

let
  cli = with pkgs; [
    git
    gh
    ripgrep
    fd
    jq
    bat
    eza
    zoxide
    starship
  ];

  monitoring = with pkgs; [ htop btop powertop lm_sensors ];

  media = with pkgs; [ mpv imv yt-dlp ];

  office = [ pkgs.libreoffice pkgs.zathura pkgs.hunspellDicts.pl_PL ];

  laptop = config.services.tlp.enable;
in
{
  environment.systemPackages =
    cli
    ++ monitoring
    ++ media
    ++ lib.optionals config.programs.sway.enable office
    ++ lib.optionals laptop [ pkgs.acpi pkgs.brightnessctl ]
    ++ lib.optional config.hardware.bluetooth.enable pkgs.bluetuith
    ++ lib.optional config.virtualisation.docker.enable pkgs.docker-compose;

  fonts.packages = with pkgs; [ inter jetbrains-mono font-awesome ];
}
