{
  imports = [
    ./common.nix
    ./printing.nix
    ./media.nix
  ];
}
