{ config, pkgs, lib, osConfig, ... }:

{
  home.username = "carol";
  home.homeDirectory = "/home/carol";
  home.stateVersion = "24.11";

  home.packages = with pkgs; [ bat fd tree ]
    ++ lib.optionals osConfig.programs.fish.enable [ fishPlugins.done ];

  home.sessionVariables.EDITOR = "hx";
  home.shellAliases.cat = "bat";

  programs.git = {
    enable = true;
    userName = "Carol";
    userEmail = "carol@example.org";
    extraConfig.init.defaultBranch = "main";
  };
  programs.helix.enable = true;
  programs.fish = {
    enable = true;
    shellAliases.g = "git";
  };

  home.file.".inputrc".source = ./dotfiles/inputrc;
  home.file."bin/hello" = {
    text = "#!/bin/sh\necho hello\n";
    executable = true;
  };
  xdg.configFile."helix/config.toml".text = ''
    theme = "gruvbox"
  '';

  services.syncthing.enable = true;
  systemd.user.services.backup = {
    Unit.Description = "Back up the home folder";
    Service.ExecStart = "${pkgs.restic}/bin/restic backup /home/carol";
  };
}
