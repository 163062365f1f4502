{ pkgs }:

{
  hello-nix = pkgs.callPackage ./hello-nix { };
  dotbot-wrapper = pkgs.callPackage ./dotbot-wrapper { python = pkgs.python3; };
}
