{ config, pkgs, lib, fullName, ... }:

let
  cliTools = with pkgs; [ ripgrep jq yq ];
  guiTools = [ pkgs.obsidian pkgs.spotify ];
in
{
  home.username = "dave";
  home.homeDirectory = "/home/dave";
  home.stateVersion = "24.05";

  home.packages = cliTools ++ guiTools ++ [
    (pkgs.python3.withPackages (ps: with ps; [ requests rich ]))
    (pkgs.writeShellScriptBin "backup" "rsync -a ~/ /mnt/backup/")
  ];

  programs.git = {
    enable = true;
    userName = fullName;
    aliases.co = "checkout";
    signing.key = "ABCDEF0123456789";
  };
  programs.zsh = {
    enable = true;
    shellAliases = { ll = "eza -l"; };
    initExtra = "bindkey -e";
  };
  programs.starship.enable = lib.mkDefault true;

  xdg.dataFile."applications/notes.desktop".text = "[Desktop Entry]\nName=Notes\n";
  home.sessionVariables = { BROWSER = "firefox"; PATH_EXTRA = [ "/opt/bin" "/usr/local/bin" ]; };
  age.secrets.token.file = ./token.age;
}
