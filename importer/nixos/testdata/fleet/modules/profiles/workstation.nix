{ config, lib, pkgs, unstable, ... }:

let
  cfg = config.fleet;
in
{
  config = lib.mkIf (cfg.role == "workstation") (lib.mkMerge [
    {
      services.xserver.enable = true;
      services.xserver.displayManager.gdm.enable = true;
      services.xserver.desktopManager.gnome.enable = true;
      services.pipewire = {
        enable = true;
        pulse.enable = true;
      };
      environment.systemPackages = with pkgs; [ firefox gnome-tweaks ] ++ [ unstable.zed-editor ];
      fonts.packages = [ pkgs.cantarell-fonts ];
    }
    (lib.mkIf cfg.gaming.enable {
      programs.steam.enable = true;
      programs.gamescope.enable = true;
      environment.systemPackages = [ pkgs.heroic pkgs.prismlauncher ];
      hardware.graphics.enable32Bit = true;
    })
  ]);
}
