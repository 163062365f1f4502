{
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11";
  inputs.nixos-hardware.url = "github:NixOS/nixos-hardware";

  outputs = { self, nixpkgs, nixos-hardware, ... }@inputs:
    let
      mkHost = name: extra: nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        specialArgs = { inherit inputs; hostName = name; };
        modules = [
          ./modules/common.nix
          ./modules/roles.nix
          ./hosts/${name}
        ] ++ extra;
      };
    in
    {
      nixosConfigurations = {
        box = mkHost "box" [ nixos-hardware.nixosModules.framework-13-7040-amd ];
        server = mkHost "server" [ ];
      };
    };
}
