{ config, pkgs, lib, email, ... }:

{
  home.stateVersion = "24.05";
  targets.genericLinux.enable = true;
  nixpkgs.config.allowUnfree = true;

  home.packages = with pkgs; [
    ripgrep
    fd
    jq
    htop
    notes-sync
    (python3.withPackages (ps: with ps; [ ipython httpx ]))
  ];

  programs.git = {
    enable = true;
    userName = "Nina Okafor";
    userEmail = email;
    signing = {
      key = "~/.ssh/id_ed25519.pub";
      signByDefault = true;
    };
    extraConfig.gpg.format = "ssh";
  };

  programs.bash = {
    enable = true;
    historyControl = [ "ignoredups" "erasedups" ];
    shellAliases.gs = "git status";
    bashrcExtra = builtins.readFile ../dotfiles/bashrc-extra.sh;
  };

  programs.direnv = {
    enable = true;
    nix-direnv.enable = true;
  };

  home.file.".editorconfig".source = ../dotfiles/editorconfig;
  home.file.".local/bin/tm" = {
    executable = true;
    text = ''
      #!/usr/bin/env bash
      tmux new-session -A -s "''${1:-main}"
    '';
  };

  home.sessionPath = [ "$HOME/.local/bin" ];
  home.sessionVariables.LESS = "-R";

  programs.home-manager.enable = true;
}
