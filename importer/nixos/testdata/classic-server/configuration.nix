# Headless home server: web, database, backups. One file, edited over ssh.
{ config, lib, pkgs, ... }:

let
  domain = "home.example.net";
  backupPaths = [ "/var/lib/postgresql" "/srv/www" "/home/ops" ];
in
{
  imports = [ ./hardware-configuration.nix ];

  boot.loader.grub = {
    enable = true;
    device = "/dev/sda";
  };
  boot.kernel.sysctl."net.ipv4.ip_forward" = 1;

  networking = {
    hostName = "atlas";
    domain = "example.net";
    useDHCP = false;
    interfaces.eno1.ipv4.addresses = [ { address = "192.168.1.10"; prefixLength = 24; } ];
    defaultGateway = "192.168.1.1";
    nameservers = [ "1.1.1.1" "9.9.9.9" ];
    firewall = {
      enable = true;
      allowedTCPPorts = [ 22 80 443 ];
      allowedUDPPorts = [ 51820 ];
    };
  };

  time.timeZone = "Europe/Amsterdam";
  i18n.defaultLocale = "en_GB.UTF-8";
  console.keyMap = "uk";

  zramSwap = {
    enable = true;
    memoryPercent = 25;
  };

  services.openssh = {
    enable = true;
    ports = [ 22 ];
    settings = {
      PasswordAuthentication = false;
      KbdInteractiveAuthentication = false;
      PermitRootLogin = "prohibit-password";
    };
  };

  services.fail2ban = {
    enable = true;
    maxretry = 5;
    ignoreIP = [ "192.168.1.0/24" ];
  };

  services.nginx = {
    enable = true;
    recommendedGzipSettings = true;
    recommendedOptimisation = true;
    recommendedProxySettings = true;
    recommendedTlsSettings = true;
    virtualHosts.${domain} = {
      forceSSL = true;
      enableACME = true;
      root = "/srv/www";
      locations."/grafana/" = {
        proxyPass = "http://127.0.0.1:${toString config.services.grafana.settings.server.http_port}/";
        proxyWebsockets = true;
      };
    };
  };

  security.acme = {
    acceptTerms = true;
    defaults.email = "admin@example.net";
  };

  services.postgresql = {
    enable = true;
    package = pkgs.postgresql_15;
    ensureDatabases = [ "grafana" "nextcloud" ];
    ensureUsers = [
      { name = "grafana"; ensureDBOwnership = true; }
    ];
    settings = {
      max_connections = 100;
      shared_buffers = "512MB";
    };
  };

  services.grafana = {
    enable = true;
    settings = {
      server = {
        http_addr = "127.0.0.1";
        http_port = 3000;
        root_url = "https://${domain}/grafana/";
      };
      database = {
        type = "postgres";
        host = "/run/postgresql";
        user = "grafana";
      };
      security.admin_password = "$__file{/var/lib/grafana/admin-pass}";
    };
  };

  services.prometheus = {
    enable = true;
    port = 9090;
    exporters.node = {
      enable = true;
      enabledCollectors = [ "systemd" ];
    };
  };

  # Nightly backup of the important bits with restic.
  systemd.services.restic-nightly = {
    description = "Nightly restic backup";
    after = [ "network-online.target" ];
    wants = [ "network-online.target" ];
    path = [ pkgs.restic pkgs.openssh ];
    environment.RESTIC_REPOSITORY = "sftp:backup@nas:/restic/atlas";
    serviceConfig = {
      Type = "oneshot";
      User = "root";
      EnvironmentFile = "/etc/restic/env";
    };
    script = ''
      restic backup ${lib.concatStringsSep " " backupPaths}
      restic forget --keep-daily 7 --keep-weekly 4 --prune
    '';
  };
  systemd.timers.restic-nightly = {
    wantedBy = [ "timers.target" ];
    timerConfig = {
      OnCalendar = "*-*-* 03:15:00";
      Persistent = true;
    };
  };

  users.mutableUsers = false;
  users.users.ops = {
    isNormalUser = true;
    description = "Operations";
    extraGroups = [ "wheel" "systemd-journal" ];
    shell = pkgs.bash;
    hashedPasswordFile = "/etc/secrets/ops.passwd";
    openssh.authorizedKeys.keys = [
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnly ops@laptop"
    ];
  };
  users.users.root.openssh.authorizedKeys.keyFiles = [ ./keys/root.pub ];

  security.sudo.wheelNeedsPassword = false;

  environment.systemPackages = with pkgs; [
    vim
    git
    htop
    iotop
    ncdu
    tmux
    restic
    pgcli
    lsof
  ];

  environment.etc."restic/excludes".text = ''
    *.tmp
    /home/*/.cache
  '';
  environment.etc."nginx/extra/robots.txt" = {
    source = ./files/robots.txt;
    mode = "0644";
  };

  services.journald.extraConfig = "SystemMaxUse=1G";
  nix.gc.automatic = true;

  system.autoUpgrade = {
    enable = true;
    allowReboot = false;
  };
  system.stateVersion = "23.11";
}
