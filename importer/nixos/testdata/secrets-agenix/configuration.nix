# Classic configuration with agenix pulled in by fetchTarball.
{ config, lib, pkgs, ... }:

let
  agenix = builtins.fetchTarball {
    url = "https://github.com/ryantm/agenix/archive/main.tar.gz";
    sha256 = "0000000000000000000000000000000000000000000000000000";
  };
in
{
  imports = [ "${agenix}/modules/age.nix" ];

  networking.hostName = "hearth";
  boot.loader.systemd-boot.enable = true;

  age.secrets = {
    wifi.file = ./secrets/wifi.age;
    nextcloud-admin = {
      file = ./secrets/nextcloud-admin.age;
      owner = "nextcloud";
    };
    github-token.file = ./secrets/github-token.age;
  };

  networking.wireless = {
    enable = true;
    secretsFile = config.age.secrets.wifi.path;
    networks."Hearth-5G".pskRaw = "ext:psk_home";
  };

  services.nextcloud = {
    enable = true;
    hostName = "hearth.lan";
    config.adminpassFile = config.age.secrets.nextcloud-admin.path;
  };

  users.users.ada = {
    isNormalUser = true;
    extraGroups = [ "wheel" ];
    initialPassword = "correct horse battery staple";
  };

  nix.settings.access-tokens = "github.com=ghp_exampleexampleexample";
  environment.variables.GITHUB_TOKEN_FILE = config.age.secrets.github-token.path;
  environment.systemPackages = [ (pkgs.callPackage "${agenix}/pkgs/agenix.nix" { }) ];

  system.stateVersion = "24.05";
}
