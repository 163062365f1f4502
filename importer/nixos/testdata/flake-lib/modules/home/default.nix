{
  default = { pkgs, ... }: {
    home.packages = [ pkgs.tldr ];
    programs.bat.enable = true;
  };
}
