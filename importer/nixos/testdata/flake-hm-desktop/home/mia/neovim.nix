{ pkgs, ... }:

{
  programs.neovim = {
    enable = true;
    defaultEditor = true;
    viAlias = true;
    plugins = with pkgs.vimPlugins; [
      telescope-nvim
      nvim-treesitter.withAllGrammars
      catppuccin-nvim
      lualine-nvim
    ];
    extraPackages = with pkgs; [ lua-language-server nil ];
  };

  xdg.configFile."nvim/lua" = {
    source = ./config/nvim/lua;
    recursive = true;
  };
  xdg.configFile."nvim/init.lua".source = ./config/nvim/init.lua;
}
