{ config, lib, pkgs, ... }:

{
  config = lib.mkMerge [
    {
      services.jellyfin = {
        enable = true;
        openFirewall = lib.mkDefault true;
      };
      users.users.media.extraGroups = [ "jellyfin" "render" ];
      environment.systemPackages = [ pkgs.jellyfin-ffmpeg ];
    }
    (lib.mkIf config.services.jellyfin.enable {
      hardware.graphics.enable = true;
      environment.systemPackages = lib.mkAfter [ pkgs.intel-gpu-tools ];
      boot.kernelParams = lib.mkBefore [ "i915.enable_guc=2" ];
    })
    {
      programs.mtr.enable = lib.mkForce false;
      time.timeZone = "Europe/London";
    }
  ];
}
