{ pkgs, ... }:

{
  imports = [ ./users.nix ../configuration.nix ];

  users.users.bob = {
    isNormalUser = true;
    uid = 1001;
    home = "/home/bob";
    extraGroups = [ "wheel" ];
    initialPassword = "changeme";
    openssh.authorizedKeys.keys = [ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA bob@laptop" ];
  };
  users.groups.developers.members = [ "bob" ];
  sops.secrets."wifi/psk" = { };
}
