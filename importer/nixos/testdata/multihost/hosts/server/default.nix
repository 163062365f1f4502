{ config, lib, pkgs, ... }:

{
  roles.web.enable = true;
  roles.web.domain = "server.example.org";
  boot.loader.grub.enable = true;
  services.openssh.settings.PermitRootLogin = "no";
  services.postgresql = {
    enable = true;
    package = pkgs.postgresql_16;
    ensureDatabases = [ "app" ];
  };
  environment.systemPackages = lib.mkIf config.services.postgresql.enable [ pkgs.pgcli ];
  users.users.deploy = { isSystemUser = true; group = "deploy"; };
  users.groups.deploy = { };
}
