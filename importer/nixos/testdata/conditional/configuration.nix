# One configuration for the desktop and the laptop: what differs hangs off
# a few facts, some known at evaluation time and some not.
{ config, lib, pkgs, ... }:

let
  hostName = "bramble";
  isLaptop = hostName == "bramble";
  hasNvidia = builtins.pathExists /proc/driver/nvidia;
  workMachine = builtins.getEnv "WORK" == "1";

  basePackages = with pkgs; [ git vim curl ];
  laptopPackages = with pkgs; [ powertop acpi brightnessctl ];
  desktopPackages = with pkgs; [ openrgb liquidctl ];
  workPackages = with pkgs; [ slack zoom-us teams-for-linux ];
in
{
  networking.hostName = hostName;
  boot.loader.systemd-boot.enable = true;

  environment.systemPackages =
    basePackages
    ++ (if isLaptop then laptopPackages else desktopPackages)
    ++ lib.optionals workMachine workPackages
    ++ lib.optional hasNvidia pkgs.nvtopPackages.nvidia
    ++ lib.optionals (!workMachine) [ pkgs.steam-run pkgs.lutris ]
    ++ [ pkgs.htop ];

  services.tlp.enable = isLaptop;
  services.thermald.enable = lib.mkIf isLaptop true;
  services.hardware.openrgb.enable = !isLaptop;
  hardware.nvidia.modesetting.enable = hasNvidia;

  services.xserver.videoDrivers = lib.optional hasNvidia "nvidia" ++ [ "modesetting" ];

  users.users.finn = {
    isNormalUser = true;
    extraGroups = [ "wheel" "video" ]
      ++ lib.optional config.networking.networkmanager.enable "networkmanager"
      ++ lib.optional workMachine "docker";
  };

  virtualisation.docker.enable = workMachine;

  services.printing = {
    enable = true;
  } // lib.optionalAttrs workMachine {
    drivers = [ pkgs.hplip ];
  };

  environment.etc."hosts.local".text = ''
    127.0.0.1 ${hostName}.local
  '' + lib.optionalString workMachine ''
    10.0.0.5 intranet.corp.example.com
  '';

  environment.variables = lib.optionalAttrs isLaptop { POWER_PROFILE = "battery"; };

  programs.steam.enable = lib.mkDefault (!workMachine);

  system.stateVersion = "24.05";
}
