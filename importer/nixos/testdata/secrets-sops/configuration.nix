{ config, lib, pkgs, ... }:

{
  networking.hostName = "bastion";
  boot.loader.grub = { enable = true; device = "/dev/vda"; };
  fileSystems."/" = { device = "/dev/vda1"; fsType = "ext4"; };

  sops = {
    defaultSopsFile = ./secrets/bastion.yaml;
    age.sshKeyPaths = [ "/etc/ssh/ssh_host_ed25519_key" ];
    secrets = {
      "users/admin/password".neededForUsers = true;
      "wireguard/private-key" = {
        owner = "systemd-network";
        mode = "0400";
      };
      "restic/password" = { };
      "grafana/admin" = {
        owner = config.users.users.grafana.name;
      };
    };
  };

  users.mutableUsers = false;
  users.users.admin = {
    isNormalUser = true;
    extraGroups = [ "wheel" ];
    hashedPasswordFile = config.sops.secrets."users/admin/password".path;
  };
  users.users.root.hashedPassword = "!";
  users.users.grafana = {
    isSystemUser = true;
    group = "grafana";
  };
  users.groups.grafana = { };

  networking.wireguard.interfaces.wg0 = {
    ips = [ "10.100.0.1/24" ];
    listenPort = 51820;
    privateKeyFile = config.sops.secrets."wireguard/private-key".path;
    peers = [
      {
        publicKey = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";
        allowedIPs = [ "10.100.0.2/32" ];
      }
    ];
  };

  services.restic.backups.daily = {
    repository = "s3:s3.eu-central-1.amazonaws.com/bastion-backups";
    passwordFile = config.sops.secrets."restic/password".path;
    paths = [ "/etc" "/var/lib" ];
    timerConfig.OnCalendar = "daily";
  };

  services.grafana = {
    enable = true;
    settings.security = {
      admin_user = "admin";
      admin_password = "$__file{${config.sops.secrets."grafana/admin".path}}";
      secret_key = "hunter2-do-not-use";
    };
  };

  services.openssh.enable = true;
  environment.systemPackages = [ pkgs.sops pkgs.age pkgs.ssh-to-age ];
  system.stateVersion = "24.11";
}
