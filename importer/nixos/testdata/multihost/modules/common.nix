{ config, lib, pkgs, hostName, ... }:

let
  base = with pkgs; [ vim git tmux ];
  net = with pkgs; [ curl wget dig ];
in
{
  networking.hostName = hostName;
  time.timeZone = "Europe/Paris";
  i18n.defaultLocale = "fr_FR.UTF-8";
  console.keyMap = "fr";

  environment.systemPackages = base ++ net
    ++ lib.optionals config.roles.desktop.enable (with pkgs; [ firefox libreoffice ])
    ++ lib.optionals config.services.nginx.enable [ pkgs.certbot ];

  services.openssh.enable = true;
  services.tailscale.enable = lib.mkDefault true;
  programs.bash.shellAliases.l = "ls -alh";
  environment.etc."motd".text = "Welcome to ${hostName}\n";
}
