{ config, lib, pkgs, ... }:

let
  cfg = config.my.dev;
in
{
  options.my.dev = {
    enable = lib.mkEnableOption "development tools";
    editor = lib.mkOption {
      type = lib.types.str;
      default = "nvim";
      description = "The editor.";
    };
  };

  config = lib.mkMerge [
    (lib.mkIf cfg.enable {
      environment.systemPackages = with pkgs; [ git gcc neovim ]
        ++ lib.optional config.services.xserver.enable vscode;
      environment.variables.EDITOR = cfg.editor;
      virtualisation.podman.enable = true;
    })
    (lib.mkIf config.services.postgresql.enable {
      environment.systemPackages = [ pkgs.pgcli ];
    })
    {
      environment.systemPackages = lib.mkAfter [ pkgs.jq ];
    }
  ];
}
