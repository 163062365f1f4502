{ config, pkgs, lib, ... }:

let
  languages = with pkgs; [ go gopls rustup python3 nodejs ];
  tools = with pkgs; [ gnumake gcc jq shellcheck ];
in
{
  virtualisation.docker.enable = true;
  users.users.alex.extraGroups = [ "docker" ];

  environment.systemPackages = languages ++ tools ++ [
    (pkgs.python3.withPackages (ps: [ ps.requests ps.pyyaml ]))
  ];
}
