# Edit this configuration file to define what should be installed on
# your system.  Help is available in the configuration.nix(5) man page
# and in the NixOS manual (accessible by running ‘nixos-help’).

{ config, pkgs, lib, ... }:

let
  # Python with the libraries I use for scripts and notebooks.
  myPython = pkgs.python3.withPackages (ps: with ps; [
    requests
    numpy
    pandas
    matplotlib
    jupyterlab
  ]);

  # Small helper to update the flatpaks and the system in one go.
  update-all = pkgs.writeShellScriptBin "update-all" ''
    set -eu
    sudo nixos-rebuild switch --upgrade
    ${pkgs.flatpak}/bin/flatpak update -y
  '';
in
{
  imports =
    [ # Include the results of the hardware scan.
      ./hardware-configuration.nix
    ];

  # Bootloader.
  boot.loader.systemd-boot.enable = true;
  boot.loader.systemd-boot.configurationLimit = 10;
  boot.loader.efi.canTouchEfiVariables = true;
  boot.kernelPackages = pkgs.linuxPackages_latest;
  boot.kernelParams = [ "quiet" "splash" "amd_pstate=active" ];
  boot.plymouth.enable = true;
  boot.supportedFilesystems = [ "ntfs" ];

  networking.hostName = "nixos-desktop"; # Define your hostname.
  # networking.wireless.enable = true;  # Enables wireless support via wpa_supplicant.

  # Enable networking
  networking.networkmanager.enable = true;
  networking.firewall.allowedTCPPorts = [ 22000 ];
  networking.firewall.allowedUDPPorts = [ 22000 21027 ];

  # Set your time zone.
  time.timeZone = "America/New_York";

  # Select internationalisation properties.
  i18n.defaultLocale = "en_US.UTF-8";

  i18n.extraLocaleSettings = {
    LC_ADDRESS = "en_US.UTF-8";
    LC_MEASUREMENT = "en_US.UTF-8";
    LC_MONETARY = "en_US.UTF-8";
    LC_TIME = "en_GB.UTF-8";
  };

  # Enable the X11 windowing system.
  services.xserver.enable = true;

  # Enable the GNOME Desktop Environment.
  services.xserver.displayManager.gdm.enable = true;
  services.xserver.desktopManager.gnome.enable = true;

  # Configure keymap in X11
  services.xserver.xkb = {
    layout = "us";
    variant = "";
  };

  # Enable CUPS to print documents.
  services.printing.enable = true;
  services.printing.drivers = [ pkgs.hplip pkgs.gutenprint ];
  services.avahi = {
    enable = true;
    nssmdns4 = true;
    openFirewall = true;
  };

  # Enable sound with pipewire.
  hardware.pulseaudio.enable = false;
  security.rtkit.enable = true;
  services.pipewire = {
    enable = true;
    alsa.enable = true;
    alsa.support32Bit = true;
    pulse.enable = true;
    jack.enable = true;
  };

  services.flatpak.enable = true;
  services.fwupd.enable = true;
  services.syncthing = {
    enable = true;
    user = "sam";
    dataDir = "/home/sam/Sync";
    configDir = "/home/sam/.config/syncthing";
  };

  # Define a user account. Don't forget to set a password with ‘passwd’.
  users.users.sam = {
    isNormalUser = true;
    description = "Sam Porter";
    extraGroups = [ "networkmanager" "wheel" "libvirtd" "docker" "audio" "video" ];
    shell = pkgs.zsh;
    hashedPassword = "$y$j9T$Yk1E2EXAMPLEONLY$notarealhashatall0123456789abcdefghi";
    packages = with pkgs; [
      thunderbird
      signal-desktop
      discord
      spotify
      obsidian
    ];
  };

  # Allow unfree packages
  nixpkgs.config.allowUnfree = true;

  programs.zsh = {
    enable = true;
    enableCompletion = true;
    autosuggestions.enable = true;
    syntaxHighlighting.enable = true;
    shellAliases = {
      ll = "ls -alF";
      rebuild = "sudo nixos-rebuild switch";
      gc = "sudo nix-collect-garbage --delete-older-than 14d";
    };
  };
  programs.firefox.enable = true;
  programs.steam = {
    enable = true;
    remotePlay.openFirewall = true;
    dedicatedServer.openFirewall = false;
  };
  programs.gamemode.enable = true;
  programs.gnupg.agent = {
    enable = true;
    enableSSHSupport = true;
  };
  programs.virt-manager.enable = true;

  virtualisation.libvirtd.enable = true;
  virtualisation.docker.enable = true;

  # List packages installed in system profile. To search, run:
  # $ nix search wget
  environment.systemPackages = with pkgs; [
    # editors
    vim
    neovim
    vscode
    # terminal tools
    wget
    curl
    git
    git-lfs
    htop
    btop
    ripgrep
    fd
    fzf
    bat
    eza
    jq
    yq-go
    tree
    unzip
    p7zip
    tmux
    direnv
    nix-direnv
    # networking
    nmap
    dig
    wireguard-tools
    # desktop
    gnome-tweaks
    gnomeExtensions.appindicator
    gnomeExtensions.dash-to-dock
    kitty
    alacritty
    vlc
    mpv
    gimp
    inkscape
    libreoffice-fresh
    keepassxc
    qbittorrent
    # development
    gcc
    gnumake
    cmake
    pkg-config
    rustup
    go
    nodejs_20
    myPython
    # gaming
    lutris
    mangohud
    protonup-qt
    # bits and pieces
    (discord.override { withOpenASAR = true; })
    (pkgs.mpv.override { scripts = [ pkgs.mpvScripts.mpris ]; })
    (btop.overrideAttrs (old: { patches = (old.patches or [ ]) ++ [ ./btop-theme.patch ]; }))
    update-all
  ];

  fonts.packages = with pkgs; [
    noto-fonts
    noto-fonts-cjk-sans
    noto-fonts-emoji
    liberation_ttf
    fira-code
    fira-code-symbols
    (nerdfonts.override { fonts = [ "FiraCode" "JetBrainsMono" ]; })
  ];

  environment.variables = {
    EDITOR = "nvim";
    VISUAL = "nvim";
  };
  environment.sessionVariables.NIXOS_OZONE_WL = "1";

  environment.etc."xdg/user-dirs.defaults".text = ''
    DESKTOP=Desktop
    DOWNLOAD=Downloads
    DOCUMENTS=Documents
  '';

  # Open ports in the firewall.
  # networking.firewall.allowedTCPPorts = [ ... ];
  # Or disable the firewall altogether.
  # networking.firewall.enable = false;

  nix.settings = {
    experimental-features = [ "nix-command" "flakes" ];
    auto-optimise-store = true;
  };
  nix.gc = {
    automatic = true;
    dates = "weekly";
    options = "--delete-older-than 30d";
  };

  # This value determines the NixOS release from which the default
  # settings for stateful data, like file locations and database versions
  # on your system were taken. It‘s perfectly fine and recommended to leave
  # this value at the release version of the first install of this system.
  system.stateVersion = "24.05"; # Did you read the comment?
}
