{
  description = "Hosts built through a helper library";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11";
    home-manager.url = "github:nix-community/home-manager/release-24.11";
    home-manager.inputs.nixpkgs.follows = "nixpkgs";
  };

  outputs = { self, nixpkgs, home-manager, ... }@inputs:
    let
      inherit (self) outputs;
      myLib = import ./lib { inherit inputs outputs; };
    in
    {
      nixosModules = import ./modules/nixos;
      homeModules = import ./modules/home;

      nixosConfigurations = {
        atlas = myLib.mkSystem {
          hostname = "atlas";
          users = [ "rosa" "tom" ];
        };
      };
    };
}
