{ config, lib, pkgs, ... }:

let
  mod = "SUPER";
  workspaces = builtins.genList (i: toString (i + 1)) 5;
in
{
  wayland.windowManager.hyprland = {
    enable = true;
    xwayland.enable = true;
    settings = {
      monitor = [ ",preferred,auto,1" ];
      exec-once = [ "waybar" "mako" ];
      input = {
        kb_layout = "us,de";
        kb_options = "grp:alt_shift_toggle";
        follow_mouse = 1;
      };
      general = {
        gaps_in = 4;
        gaps_out = 8;
        border_size = 2;
      };
      bind = [
        "${mod}, Return, exec, foot"
        "${mod}, D, exec, wofi --show drun"
        "${mod} SHIFT, S, exec, screenshot-area"
      ] ++ map (n: "${mod}, ${n}, workspace, ${n}") workspaces;
    };
  };

  services.hypridle.enable = true;
  programs.hyprlock = {
    enable = true;
    settings.general.hide_cursor = true;
  };
}
