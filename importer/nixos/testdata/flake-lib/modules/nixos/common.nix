{ lib, pkgs, hostname, ... }:

{
  networking.hostName = hostname;
  time.timeZone = lib.mkDefault "America/Toronto";
  i18n.defaultLocale = "en_CA.UTF-8";
  environment.systemPackages = with pkgs; [ git curl file ];
  programs.nano.enable = false;
  programs.neovim = {
    enable = true;
    defaultEditor = true;
  };
}
