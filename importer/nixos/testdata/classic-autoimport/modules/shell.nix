{ pkgs, ... }:

{
  programs.zsh = {
    enable = true;
    ohMyZsh = {
      enable = true;
      plugins = [ "git" "sudo" "z" ];
      theme = "robbyrussell";
    };
  };
  users.defaultUserShell = pkgs.zsh;
  environment.shells = [ pkgs.zsh ];
  environment.shellAliases = {
    ".." = "cd ..";
    k = "kubectl";
  };
}
