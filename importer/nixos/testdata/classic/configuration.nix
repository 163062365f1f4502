# A classic single-file NixOS configuration, as nixos-generate-config
# leaves it after a few months of use.
{ config, pkgs, lib, ... }:

let
  devTools = with pkgs; [ gcc gnumake cmake ];
  pythonEnv = pkgs.python3.withPackages (ps: [ ps.requests ps.numpy ]);
in
{
  imports = [ ./hardware-configuration.nix ];

  boot.loader.systemd-boot.enable = true;
  boot.loader.efi.canTouchEfiVariables = true;
  boot.kernelPackages = pkgs.linuxPackages_zen;
  boot.kernelParams = [ "quiet" "splash" ];

  networking.hostName = "thinkpad";
  networking.networkmanager.enable = true;

  time.timeZone = "Europe/Berlin";
  i18n.defaultLocale = "en_US.UTF-8";
  i18n.supportedLocales = [ "en_US.UTF-8/UTF-8" "de_DE.UTF-8/UTF-8" ];
  console.keyMap = "de";

  services.xserver.enable = true;
  services.xserver.xkb.layout = "de";
  services.displayManager.sddm.enable = true;
  services.desktopManager.plasma6.enable = true;
  services.printing.enable = true;
  services.openssh = {
    enable = true;
    settings.PasswordAuthentication = false;
    ports = [ 22 2222 ];
  };
  services.pipewire = {
    enable = true;
    alsa.enable = true;
    pulse.enable = true;
  };

  users.users.alice = {
    isNormalUser = true;
    description = "Alice Liddell";
    extraGroups = [ "wheel" "networkmanager" "video" ];
    shell = pkgs.zsh;
    hashedPassword = "$6$abc$notarealhash";
    packages = with pkgs; [ thunderbird kdePackages.kate ];
  };
  users.groups.media.gid = 1500;

  programs.zsh = {
    enable = true;
    shellAliases = { ll = "ls -l"; gs = "git status"; };
  };
  programs.firefox.enable = true;
  programs.steam.enable = lib.mkDefault false;

  environment.systemPackages = with pkgs; [
    firefox
    git
    vim
    wget
    ripgrep
    htop
    pythonEnv
    (writeShellScriptBin "hello-world" ''
      echo "hello from ${pkgs.cowsay}/bin/cowsay"
    '')
    (callPackage ./pkgs/mytool { })
  ] ++ devTools ++ lib.optionals config.services.xserver.enable [ xclip ];

  environment.variables = {
    EDITOR = "vim";
    PAGER = "${pkgs.less}/bin/less";
  };
  environment.shellAliases.update = "sudo nixos-rebuild switch";
  environment.etc."issue.d/welcome".text = "Welcome to thinkpad\n";

  fonts.packages = [ pkgs.noto-fonts pkgs.fira-code ];

  nixpkgs.config.allowUnfree = true;
  nix.settings.experimental-features = [ "nix-command" "flakes" ];
  virtualisation.docker.enable = true;

  system.stateVersion = "24.05";
}
