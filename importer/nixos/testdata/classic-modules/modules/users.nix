{ config, pkgs, ... }:

{
  users.users.kasia = {
    isNormalUser = true;
    description = "Katarzyna";
    uid = 1000;
    extraGroups = [ "wheel" "networkmanager" "video" "input" ];
    shell = pkgs.fish;
    initialHashedPassword = "$6$rounds=100000$example$onlyforthefixture";
  };
  programs.fish.enable = true;

  users.groups.plugdev = { };
}
