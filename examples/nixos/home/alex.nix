{ config, pkgs, lib, ... }:

{
  home.username = "alex";
  home.homeDirectory = "/home/alex";
  home.stateVersion = "24.11";

  home.packages = with pkgs; [
    bat
    eza
    tldr
    yt-dlp
    spotify
    obsidian
  ];

  home.sessionVariables = {
    EDITOR = "nvim";
    PAGER = "less -R";
  };
  home.shellAliases = {
    g = "git";
    cat = "bat";
  };

  programs.git = {
    enable = true;
    userName = "Alex Example";
    userEmail = "alex@example.org";
    aliases = {
      st = "status -sb";
      lg = "log --graph --oneline --decorate";
    };
    ignores = [ ".direnv/" "*.swp" ];
    extraConfig = {
      init.defaultBranch = "main";
      pull.rebase = true;
    };
  };

  programs.zsh = {
    enable = true;
    autosuggestion.enable = true;
    syntaxHighlighting.enable = true;
    history.size = 10000;
    initExtra = ''
      bindkey -e
    '';
  };

  programs.starship = {
    enable = true;
    settings = {
      add_newline = false;
      character.success_symbol = "[>](bold green)";
    };
  };

  programs.alacritty = {
    enable = true;
    settings = {
      font.size = 11.0;
      window.opacity = 0.95;
    };
  };

  programs.tmux = {
    enable = true;
    prefix = "C-a";
    mouse = true;
    baseIndex = 1;
  };

  programs.neovim = {
    enable = true;
    defaultEditor = true;
    extraLuaConfig = ''
      vim.opt.number = true
      vim.opt.expandtab = true
    '';
  };

  programs.ssh = {
    enable = true;
    matchBlocks."git.example.org" = {
      user = "git";
      identityFile = "~/.ssh/id_ed25519";
    };
  };

  programs.direnv.enable = true;
  programs.fzf.enable = true;

  home.file.".inputrc".source = ./dotfiles/inputrc;
  xdg.configFile."user-dirs.dirs".text = ''
    XDG_DOWNLOAD_DIR="$HOME/Downloads"
  '';

  systemd.user.services.notes-sync = {
    Unit.Description = "Sync the notes folder";
    Service.ExecStart = "${pkgs.git}/bin/git -C %h/notes pull --rebase";
    Install.WantedBy = [ "default.target" ];
  };
}
