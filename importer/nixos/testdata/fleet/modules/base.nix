{ config, lib, pkgs, hostName, ... }:

{
  networking.hostName = hostName;
  time.timeZone = lib.mkDefault "Europe/Oslo";
  i18n.defaultLocale = lib.mkDefault "en_US.UTF-8";
  console.keyMap = "no";

  users.users.${config.fleet.admin} = lib.mkIf (config.fleet.admin != "root") {
    isNormalUser = true;
    extraGroups = [ "wheel" ];
    openssh.authorizedKeys.keys = [ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFleetAdminKey admin@fleet" ];
  };

  services.openssh = {
    enable = true;
    settings.PasswordAuthentication = false;
  };

  environment.systemPackages = with pkgs; [ vim git htop curl ] ++ config.fleet.extraPackages;

  nix.settings.trusted-users = [ "root" config.fleet.admin ];
  system.stateVersion = "24.11";
}
