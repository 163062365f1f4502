# Things that go wrong: a missing module, a module with a syntax error,
# conflicting definitions, conditions nobody can decide.
{ config, lib, pkgs, ... }:

let
  onLaptop = builtins.getEnv "LAPTOP" == "1";
in
{
  imports = [
    ./missing.nix
    ./broken-module.nix
    ./other.nix
  ];

  networking.hostName = "robust";
  time.timeZone = "Europe/Rome";

  environment.systemPackages = [ pkgs.git ]
    ++ lib.optionals onLaptop [ pkgs.powertop pkgs.tlp ]
    ++ (if onLaptop then [ pkgs.brightnessctl ] else [ pkgs.ipmitool ]);

  services.tlp.enable = lib.mkIf onLaptop true;
  services.fail2ban = lib.mkIf (!onLaptop) { enable = true; maxretry = 3; };
  programs.gnupg.agent = { enable = true; pinentryPackage = pkgs.pinentry-curses; };
  users.users.root.shell = pkgs.bash;
  environment.variables.WEIRD = { a = 1; };
  services.mystery = builtins.fetchGit { url = "https://example.org/x"; };
  environment.etc."nixos-src".source = ./.;
}
