{ config, pkgs, lib, ... }:

let
  user = "alice";
  myPython = pkgs.python3.withPackages (ps: with ps; [ requests numpy ]);
  greet = pkgs.writeShellScriptBin "greet" ''
    echo "hello ${user}"
    exec ${pkgs.cowsay}/bin/cowsay hi
  '';
in
{
  imports = [
    ./hardware-configuration.nix
    ./modules/desktop
  ];

  networking.hostName = "box";
  time.timeZone = "Europe/Berlin";

  users.users.${user} = {
    isNormalUser = true;
    extraGroups = [ "wheel" ] ++ lib.optional config.virtualisation.docker.enable "docker";
    shell = pkgs.zsh;
  };

  environment.systemPackages = with pkgs; [
    firefox
    git
    kdePackages.kate
    myPython
    greet
    (callPackage ./pkgs/hello { })
    (vim.override { python3 = true; })
  ] ++ lib.optionals (builtins.getEnv "WORK" != "") [ slack ];

  services.openssh.enable = lib.mkDefault true;
  services.openssh.settings.PermitRootLogin = lib.mkForce "no";
  programs.zsh.enable = true;
  environment.etc."motd".text = lib.mkAfter "welcome to ${config.networking.hostName}";
  environment.variables.EDITOR = "${pkgs.neovim}/bin/nvim";
  system.stateVersion = "24.11";
}
