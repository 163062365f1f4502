# A shared base, a role module and the host itself, each overriding the
# one before with mkDefault, mkForce and mkOverride.
{ config, lib, pkgs, ... }:

{
  imports = [
    ./modules/base.nix
    ./modules/role-media.nix
  ];

  networking.hostName = "cinema";
  time.timeZone = lib.mkForce "America/Chicago";

  # The host does not want the base's firewall rules for ssh.
  services.openssh.ports = lib.mkForce [ 2200 ];
  services.openssh.settings.PermitRootLogin = "no";

  # Plain definition beats the role's mkDefault.
  services.jellyfin.openFirewall = false;

  boot.kernelParams = lib.mkAfter [ "mitigations=auto" ];
  environment.systemPackages = lib.mkBefore [ pkgs.neofetch ];

  environment.variables = lib.mkMerge [
    { TERMINAL = "foot"; }
    (lib.mkIf config.services.jellyfin.enable { JELLYFIN_DATA = "/var/lib/jellyfin"; })
    (lib.mkIf config.services.plex.enable { PLEX_HOME = "/var/lib/plex"; })
  ];

  system.stateVersion = "24.05";
}
