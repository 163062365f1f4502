{ user, ... }:

{
  programs.git = {
    enable = true;
    userName = "Mia Santos";
    userEmail = "mia@example.pt";
    lfs.enable = true;
    extraConfig = {
      init.defaultBranch = "main";
      pull.rebase = true;
      push.autoSetupRemote = true;
    };
    ignores = [ ".direnv" "result" ".DS_Store" ];
  };
}
