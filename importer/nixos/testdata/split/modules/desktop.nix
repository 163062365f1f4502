{ config, lib, pkgs, ... }:

{
  services.xserver.enable = true;
  services.openssh.enable = true;
  networking.hostName = "desktop";
  environment.systemPackages = with pkgs; [ firefox vlc ];
  environment.sessionVariables.MOZ_ENABLE_WAYLAND = "1";
  programs.dconf.enable = config.services.xserver.enable;
}
