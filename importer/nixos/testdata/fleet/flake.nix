{
  description = "The fleet: one flake, three machines";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11";
    nixpkgs-unstable.url = "github:NixOS/nixpkgs/nixos-unstable";
    nixos-hardware.url = "github:NixOS/nixos-hardware/master";
  };

  outputs = { self, nixpkgs, nixpkgs-unstable, nixos-hardware, ... }@inputs:
    let
      lib = nixpkgs.lib;
      hosts = import ./lib/hosts.nix;
      mkHost = name: cfg: lib.nixosSystem {
        system = cfg.system or "x86_64-linux";
        specialArgs = {
          inherit inputs self;
          hostName = name;
          unstable = import nixpkgs-unstable { system = cfg.system or "x86_64-linux"; };
        };
        modules = [
          ./modules
          ./hosts/${name}
        ] ++ (cfg.extraModules or [ ]);
      };
    in
    {
      nixosModules.default = import ./modules;
      nixosConfigurations = lib.mapAttrs mkHost hosts // {
        pebble = mkHost "pebble" {
          system = "aarch64-linux";
          extraModules = [ nixos-hardware.nixosModules.raspberry-pi-4 ];
        };
      };
    };
}
