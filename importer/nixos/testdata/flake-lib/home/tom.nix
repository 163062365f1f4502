{ pkgs, ... }:

{
  home.stateVersion = "24.11";
  home.packages = [ pkgs.minecraft pkgs.scratch ];
  home.file.".config/autostart/minecraft.desktop".text = ''
    [Desktop Entry]
    Name=Minecraft
    Exec=minecraft-launcher
  '';
}
