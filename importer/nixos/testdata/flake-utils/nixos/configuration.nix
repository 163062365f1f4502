{ config, pkgs, ... }:

{
  networking.hostName = "devbox";
  boot.loader.grub.enable = true;
  boot.loader.grub.device = "/dev/vda";
  fileSystems."/" = { device = "/dev/vda1"; fsType = "ext4"; };

  services.openssh.enable = true;
  virtualisation.podman = {
    enable = true;
    dockerCompat = true;
  };
  users.users.dev = {
    isNormalUser = true;
    extraGroups = [ "wheel" "podman" ];
    shell = pkgs.bashInteractive;
  };
  environment.systemPackages = with pkgs; [ go gopls git gnumake ];
  system.stateVersion = "24.11";
}
