# Packages written next to the configuration and brought in with
# callPackage, the way nixpkgs does it.
{ config, lib, pkgs, ... }:

let
  myPkgs = import ./pkgs { inherit pkgs; };
  weather = pkgs.callPackage ./pkgs/fetch-weather { city = "Oslo"; };
in
{
  networking.hostName = "tinker";
  boot.loader.systemd-boot.enable = true;

  environment.systemPackages = [
    myPkgs.hello-nix
    myPkgs.dotbot-wrapper
    weather
    (pkgs.callPackage ./pkgs/hello-nix { greeting = "hej"; })
    (pkgs.callPackage ({ writeShellApplication, curl }: writeShellApplication {
      name = "ip-now";
      runtimeInputs = [ curl ];
      text = "curl -s https://ifconfig.me";
    }) { })
    pkgs.git
  ];

  systemd.services.weather-cache = {
    description = "Refresh the weather cache";
    serviceConfig.ExecStart = "${weather}/bin/fetch-weather --cache";
    startAt = "hourly";
  };

  system.stateVersion = "24.05";
}
