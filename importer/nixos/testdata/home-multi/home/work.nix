{ pkgs, lib, ... }:

{
  home.packages = with pkgs; [
    kubectl
    kubectx
    awscli2
    slack
    vpn-up
  ];

  programs.ssh = {
    enable = true;
    matchBlocks."bastion" = {
      hostname = "bastion.corp.example.com";
      user = "nokafor";
      identityFile = "~/.ssh/id_work";
    };
  };

  programs.git.extraConfig.url."git@github.com:corp/".insteadOf = "https://github.com/corp/";
  programs.bash.shellAliases.k = "kubectl";
}
