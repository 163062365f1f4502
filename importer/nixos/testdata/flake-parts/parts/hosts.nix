{ inputs, self, withSystem, ... }:

let
  mkSystem = name: system: withSystem system ({ pkgs, ... }:
    inputs.nixpkgs.lib.nixosSystem {
      inherit system;
      specialArgs = { inherit inputs; };
      modules = [
        self.nixosModules.common
        ../hosts/${name}
        inputs.home-manager.nixosModules.home-manager
      ];
    });
in
{
  flake.nixosConfigurations = {
    nimbus = mkSystem "nimbus" "x86_64-linux";
  };
}
