{ inputs, outputs }:

let
  inherit (inputs.nixpkgs) lib;
in
{
  mkSystem = { hostname, users, system ? "x86_64-linux" }:
    lib.nixosSystem {
      inherit system;
      specialArgs = { inherit inputs outputs hostname; };
      modules = [
        ../hosts/${hostname}
        outputs.nixosModules.default
        inputs.home-manager.nixosModules.home-manager
        {
          home-manager.useGlobalPkgs = true;
          home-manager.extraSpecialArgs = { inherit inputs outputs; };
          home-manager.sharedModules = [ outputs.homeModules.default ];
          home-manager.users = lib.genAttrs users (name: import ../home/${name}.nix);
        }
      ];
    };
}
