# Every .nix file in modules/ and services/ is imported; no list to keep
# in sync by hand.
{ config, lib, pkgs, ... }:

let
  nixFilesIn = dir:
    map (name: dir + "/${name}")
      (lib.attrNames
        (lib.filterAttrs (name: type: type == "regular" && lib.hasSuffix ".nix" name)
          (builtins.readDir dir)));
in
{
  imports = [ ./hardware.nix ] ++ nixFilesIn ./modules ++ nixFilesIn ./services;

  networking.hostName = "kestrel";
  time.timeZone = "Australia/Sydney";
  i18n.defaultLocale = "en_AU.UTF-8";
  boot.loader.systemd-boot.enable = true;

  system.stateVersion = "24.05";
}
