{ config, lib, pkgs, ... }:

{
  networking.hostName = "quasar";
  boot.loader.systemd-boot.enable = true;
  fileSystems."/" = { device = "/dev/nvme0n1p2"; fsType = "btrfs"; };

  nixpkgs.overlays = [
    (final: prev: {
      # pin one package to the stable channel
      neovim-unwrapped = final.stable.neovim-unwrapped;
    })
  ];

  programs.sway.enable = true;

  environment.systemPackages = with pkgs; [
    waybar
    ncmpcpp
    screenshot
    wallpapers
    neovim-unwrapped
    stable.libreoffice
    rust-bin.stable.latest.default
    (python3.withPackages (ps: [ ps.httpx ps.rich ]))
  ];

  system.stateVersion = "24.11";
}
