{
  default = ./common.nix;
}
