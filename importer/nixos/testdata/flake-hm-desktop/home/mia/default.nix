{ config, pkgs, lib, user, osConfig, ... }:

{
  imports = [
    ./shell.nix
    ./git.nix
    ./neovim.nix
  ];

  home.username = user;
  home.homeDirectory = "/home/${user}";
  home.stateVersion = "24.11";

  home.packages = with pkgs; [
    firefox
    thunderbird
    telegram-desktop
    obs-studio
    krita
    nerd-fonts.jetbrains-mono
  ] ++ lib.optionals osConfig.hardware.bluetooth.enable [ pkgs.bluez-tools ];

  catppuccin = {
    enable = true;
    flavor = "mocha";
  };

  programs.kitty = {
    enable = true;
    font = {
      name = "JetBrainsMono Nerd Font";
      size = 12;
    };
    settings = {
      scrollback_lines = 10000;
      enable_audio_bell = false;
    };
  };

  services.kdeconnect.enable = true;

  systemd.user.services.rclone-drive = {
    Unit = {
      Description = "Mount Google Drive with rclone";
      After = [ "network-online.target" ];
    };
    Service = {
      ExecStart = "${pkgs.rclone}/bin/rclone mount drive: %h/Drive --vfs-cache-mode writes";
      Restart = "on-failure";
    };
    Install.WantedBy = [ "default.target" ];
  };

  programs.home-manager.enable = true;
}
