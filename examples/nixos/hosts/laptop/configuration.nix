{ config, pkgs, lib, ... }:

{
  imports = [
    ./hardware-configuration.nix
    ../../modules/desktop.nix
    ../../modules/development.nix
  ];

  boot.loader.systemd-boot.enable = true;
  boot.loader.efi.canTouchEfiVariables = true;
  boot.kernelPackages = pkgs.linuxPackages_zen;
  boot.kernelParams = [ "quiet" "mem_sleep_default=deep" ];

  networking.hostName = "thinkpad";
  networking.networkmanager.enable = true;
  networking.firewall.allowedTCPPorts = [ 22 ];

  time.timeZone = "Europe/Berlin";
  i18n.defaultLocale = "en_US.UTF-8";
  i18n.extraLocaleSettings = {
    LC_TIME = "de_DE.UTF-8";
    LC_MEASUREMENT = "de_DE.UTF-8";
  };
  console.keyMap = "de";

  nixpkgs.config.allowUnfree = true;

  users.users.alex = {
    isNormalUser = true;
    description = "Alex Example";
    extraGroups = [ "wheel" "networkmanager" "video" ];
    shell = pkgs.zsh;
    hashedPassword = "$6$examplesalt$notARealHashJustTheShapeOfOne";
  };
  programs.zsh.enable = true;

  environment.systemPackages = with pkgs; [
    vim
    wget
    curl
    git
    htop
    ripgrep
    fd
    unzip
    pciutils
    usbutils
  ];

  environment.variables.EDITOR = "nvim";
  environment.shellAliases = {
    ll = "ls -l";
    update = "sudo nixos-rebuild switch --flake /etc/nixos#laptop";
  };
  environment.etc."xdg/user-dirs.defaults".text = ''
    DESKTOP=Desktop
    DOWNLOAD=Downloads
  '';

  services.openssh.enable = true;
  services.fwupd.enable = true;
  services.tailscale.enable = true;

  systemd.services.battery-threshold = {
    description = "Stop charging the battery at 80%";
    wantedBy = [ "multi-user.target" ];
    serviceConfig = {
      Type = "oneshot";
      ExecStart = "${pkgs.bash}/bin/bash -c 'echo 80 > /sys/class/power_supply/BAT0/charge_control_end_threshold'";
    };
  };

  system.stateVersion = "24.11";
}
