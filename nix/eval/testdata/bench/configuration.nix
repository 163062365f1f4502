{ config, pkgs, lib, ... }:

let
  inherit (lib) mkIf mkDefault mkForce mkMerge optional optionals optionalAttrs genAttrs mapAttrs' nameValuePair concatStringsSep filterAttrs mapAttrsToList;
  users = {
    user0 = { uid = 1000; admin = true; shell = "zsh"; keys = [ "ssh-ed25519 AAAA0" ]; };
    user1 = { uid = 1001; admin = false; shell = "fish"; keys = [ "ssh-ed25519 AAAA1" ]; };
    user2 = { uid = 1002; admin = false; shell = "bash"; keys = [ "ssh-ed25519 AAAA2" ]; };
    user3 = { uid = 1003; admin = true; shell = "zsh"; keys = [ "ssh-ed25519 AAAA3" ]; };
    user4 = { uid = 1004; admin = false; shell = "fish"; keys = [ "ssh-ed25519 AAAA4" ]; };
    user5 = { uid = 1005; admin = false; shell = "bash"; keys = [ "ssh-ed25519 AAAA5" ]; };
    user6 = { uid = 1006; admin = true; shell = "zsh"; keys = [ "ssh-ed25519 AAAA6" ]; };
    user7 = { uid = 1007; admin = false; shell = "fish"; keys = [ "ssh-ed25519 AAAA7" ]; };
    user8 = { uid = 1008; admin = false; shell = "bash"; keys = [ "ssh-ed25519 AAAA8" ]; };
    user9 = { uid = 1009; admin = true; shell = "zsh"; keys = [ "ssh-ed25519 AAAA9" ]; };
    user10 = { uid = 1010; admin = false; shell = "fish"; keys = [ "ssh-ed25519 AAAA10" ]; };
    user11 = { uid = 1011; admin = false; shell = "bash"; keys = [ "ssh-ed25519 AAAA11" ]; };
    user12 = { uid = 1012; admin = true; shell = "zsh"; keys = [ "ssh-ed25519 AAAA12" ]; };
    user13 = { uid = 1013; admin = false; shell = "fish"; keys = [ "ssh-ed25519 AAAA13" ]; };
    user14 = { uid = 1014; admin = false; shell = "bash"; keys = [ "ssh-ed25519 AAAA14" ]; };
    user15 = { uid = 1015; admin = true; shell = "zsh"; keys = [ "ssh-ed25519 AAAA15" ]; };
    user16 = { uid = 1016; admin = false; shell = "fish"; keys = [ "ssh-ed25519 AAAA16" ]; };
    user17 = { uid = 1017; admin = false; shell = "bash"; keys = [ "ssh-ed25519 AAAA17" ]; };
    user18 = { uid = 1018; admin = true; shell = "zsh"; keys = [ "ssh-ed25519 AAAA18" ]; };
    user19 = { uid = 1019; admin = false; shell = "fish"; keys = [ "ssh-ed25519 AAAA19" ]; };
  };
  admins = lib.filterAttrs (n: u: u.admin) users;
  mkUser = name: u: {
    isNormalUser = true;
    uid = u.uid;
    extraGroups = [ "video" "audio" ] ++ optional u.admin "wheel" ++ optionals config.virtualisation.docker.enable [ "docker" ];
    shell = pkgs.${u.shell};
    openssh.authorizedKeys.keys = u.keys;
    description = "User ${name} (${toString u.uid})";
  };
  ports = builtins.genList (n: 8000 + n) 50;
  sites = lib.genAttrs (map (n: "site${toString n}.example.org") (lib.range 1 30)) (name: {
    forceSSL = true;
    enableACME = true;
    locations."/".proxyPass = "http://127.0.0.1:${toString (8000 + builtins.stringLength name)}";
  });
in
{
  imports = [ ./hardware.nix ];
  users.users = lib.mapAttrs mkUser users;
  security.sudo.extraRules = lib.mapAttrsToList (name: u: { users = [ name ]; commands = [ { command = "ALL"; options = [ "NOPASSWD" ]; } ]; }) admins;
  environment.systemPackages = with pkgs; [
    firefox
    git
    vim
    neovim
    htop
    btop
    ripgrep
    fd
    bat
    eza
    jq
    yq
    curl
    wget
    tmux
    zsh
    fish
    alacritty
    kitty
    wezterm
    vlc
    mpv
    gimp
    inkscape
    blender
    krita
    obs-studio
    thunderbird
    libreoffice
    keepassxc
    syncthing
    rsync
    rclone
    restic
    borgbackup
    age
    sops
    gnupg
    pinentry
    openssh
    mosh
    nmap
    wireshark
    tcpdump
    iperf3
    dig
    whois
    traceroute
    mtr
    ncdu
    duf
    tree
    file
    unzip
    zip
    p7zip
    gnumake
    cmake
    gcc
    clang
    go
    rustup
    nodejs
    python3
    ruby
    perl
    lua
    ghc
    cabal-install
    stack
    docker-compose
    podman
    kubectl
    helm
    terraform
    ansible
    awscli2
    google-cloud-sdk
    azure-cli
    gh
    glab
    lazygit
    delta
    direnv
    nix-direnv
    starship
    zoxide
    fzf
    atuin
    tealdeer
    man-pages
    pciutils
    usbutils
    lm_sensors
    smartmontools
    powertop
    acpi
    brightnessctl
    pavucontrol
    playerctl
    (python3.withPackages (ps: with ps; [ requests numpy pandas flask ]))
    (writeShellScriptBin "backup" ''
      ${pkgs.restic}/bin/restic backup /home
    '')
  ] ++ lib.optionals config.services.xserver.enable [ xclip xsel ];
  networking.firewall.allowedTCPPorts = [ 22 80 443 ] ++ ports;
  services.nginx = { enable = true; virtualHosts = sites; };
  services.openssh = { enable = true; settings = { PasswordAuthentication = false; PermitRootLogin = mkForce "no"; }; };
  environment.etc = lib.listToAttrs (map (n: nameValuePair "conf.d/${toString n}.conf" { text = concatStringsSep "\n" (map toString (lib.range 1 n)); }) (lib.range 1 40));
  environment.variables = { EDITOR = "${pkgs.neovim}/bin/nvim"; PAGER = lib.getExe pkgs.bat; };
  programs.zsh.shellAliases = builtins.listToAttrs (map (p: { name = "x${p}"; value = "exec ${p}"; }) [ "ls" "cat" "grep" "find" ]);
  boot.kernel.sysctl = lib.recursiveUpdate { "vm.swappiness" = 10; } { "net.core.somaxconn" = 4096; };
  system.stateVersion = "24.11";
}
