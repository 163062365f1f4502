{
  a = ./foo;
  b = ../bar/baz.nix;
}