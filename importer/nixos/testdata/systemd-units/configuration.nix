# Hand-written units: a web app, a timer-driven job and a user service.
{ config, lib, pkgs, ... }:

let
  appPort = 8080;
  syncScript = pkgs.writeShellScript "photo-sync" ''
    ${pkgs.rclone}/bin/rclone sync /srv/photos remote:photos
  '';
in
{
  networking.hostName = "relay";
  boot.loader.systemd-boot.enable = true;

  users.users.webapp = {
    isSystemUser = true;
    group = "webapp";
    home = "/var/lib/webapp";
  };
  users.groups.webapp = { };

  systemd.services.webapp = {
    description = "Internal web app";
    wantedBy = [ "multi-user.target" ];
    after = [ "network.target" "postgresql.service" ];
    requires = [ "postgresql.service" ];
    environment = {
      PORT = toString appPort;
      DATABASE_URL = "postgresql:///webapp?host=/run/postgresql";
    };
    serviceConfig = {
      ExecStart = "${pkgs.nodejs_20}/bin/node /var/lib/webapp/server.js";
      User = "webapp";
      Group = "webapp";
      Restart = "always";
      RestartSec = 5;
      StateDirectory = "webapp";
      ProtectSystem = "strict";
      NoNewPrivileges = true;
    };
  };

  systemd.services.photo-sync = {
    description = "Sync photos to the cloud";
    serviceConfig = {
      Type = "oneshot";
      ExecStart = syncScript;
    };
  };
  systemd.timers.photo-sync = {
    wantedBy = [ "timers.target" ];
    timerConfig = {
      OnCalendar = "hourly";
      RandomizedDelaySec = "10m";
    };
  };

  systemd.services.old-cleanup.enable = false;

  systemd.user.services.ssh-agent-env = {
    description = "Export the SSH agent socket";
    wantedBy = [ "default.target" ];
    serviceConfig.ExecStart = "${pkgs.coreutils}/bin/true";
  };

  systemd.tmpfiles.rules = [ "d /srv/photos 0750 webapp webapp -" ];

  services.postgresql = {
    enable = true;
    ensureDatabases = [ "webapp" ];
    ensureUsers = [ { name = "webapp"; ensureDBOwnership = true; } ];
  };

  networking.firewall.allowedTCPPorts = [ appPort ];
  system.stateVersion = "24.05";
}
