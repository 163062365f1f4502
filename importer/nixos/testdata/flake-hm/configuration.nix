{ config, pkgs, username, ... }:

{
  networking.hostName = "laptop";
  boot.loader.systemd-boot.enable = true;
  users.users.${username} = {
    isNormalUser = true;
    extraGroups = [ "wheel" "audio" ];
    shell = pkgs.fish;
  };
  programs.fish.enable = true;
  environment.systemPackages = [ pkgs.git pkgs.curl ];
  nix.settings.experimental-features = [ "nix-command" "flakes" ];
  system.stateVersion = "24.11";
}
