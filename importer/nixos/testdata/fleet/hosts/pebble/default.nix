{ config, lib, pkgs, ... }:

{
  fleet.role = "appliance";
  boot.loader.grub.enable = false;
  boot.loader.generic-extlinux-compatible.enable = true;
  fileSystems."/" = { device = "/dev/disk/by-label/NIXOS_SD"; fsType = "ext4"; };

  services.home-assistant = {
    enable = true;
    extraComponents = [ "met" "esphome" "zha" ];
    config = {
      homeassistant = {
        name = "Home";
        unit_system = "metric";
        time_zone = config.time.timeZone;
      };
      http.server_port = 8123;
    };
  };
  services.mosquitto.enable = true;
  networking.firewall.allowedTCPPorts = [ 8123 1883 ];
  environment.systemPackages = [ pkgs.libraspberrypi ];
}
