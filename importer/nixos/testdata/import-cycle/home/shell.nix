{ ... }:

{
  imports = [ ./ivy.nix ];
  programs.bash.enable = true;
  programs.bash.shellAliases.la = "ls -A";
}
