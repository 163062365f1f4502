{ config, lib, pkgs, ... }:

{
  time.timeZone = "Europe/Zurich";
  i18n.defaultLocale = "de_CH.UTF-8";
  console.keyMap = "sg";
  services.openssh.enable = true;
  environment.systemPackages = with pkgs; [ git vim htop ];
  nix.settings.experimental-features = [ "nix-command" "flakes" ];
}
