{
  imports = [
    ./base.nix
    ./options.nix
    ./profiles/workstation.nix
    ./profiles/server.nix
    ./services/backup.nix
  ];
}
