{ config, lib, pkgs, ... }:

let
  cfg = config.fleet.backup;
in
{
  options.fleet.backup = {
    enable = lib.mkEnableOption "nightly borg backups";
    paths = lib.mkOption {
      type = lib.types.listOf lib.types.str;
      default = [ "/home" "/etc" ];
    };
    repo = lib.mkOption {
      type = lib.types.str;
      example = "ssh://borg@vault/./backups";
    };
  };

  config = lib.mkIf cfg.enable {
    services.borgbackup.jobs.nightly = {
      paths = cfg.paths;
      repo = cfg.repo;
      encryption.mode = "repokey-blake2";
      encryption.passCommand = "cat /root/borg-passphrase";
      compression = "auto,zstd";
      startAt = "daily";
    };
    environment.systemPackages = [ pkgs.borgbackup ];
  };
}
