{
  description = "A project flake that also carries the dev box's NixOS configuration";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11";
    flake-utils.url = "github:numtide/flake-utils";
  };

  outputs = { self, nixpkgs, flake-utils }:
    flake-utils.lib.eachDefaultSystem (system:
      let
        pkgs = nixpkgs.legacyPackages.${system};
      in
      {
        packages.default = pkgs.callPackage ./package.nix { };
        devShells.default = pkgs.mkShell {
          packages = with pkgs; [ go gopls golangci-lint ];
        };
        formatter = pkgs.nixfmt-rfc-style;
      })
    // {
      nixosConfigurations.devbox = nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        modules = [
          ./nixos/configuration.nix
          ({ pkgs, ... }: {
            environment.systemPackages = [ self.packages.x86_64-linux.default ];
          })
        ];
      };
    };
}
