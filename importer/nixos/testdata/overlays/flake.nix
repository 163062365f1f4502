{
  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
    nixpkgs-stable.url = "github:NixOS/nixpkgs/nixos-24.05";
    rust-overlay.url = "github:oxalica/rust-overlay";
  };

  outputs = { self, nixpkgs, nixpkgs-stable, rust-overlay, ... }@inputs: {
    overlays.default = import ./overlays/local.nix;

    nixosConfigurations.quasar = nixpkgs.lib.nixosSystem {
      system = "x86_64-linux";
      modules = [
        ({ ... }: {
          nixpkgs.overlays = [
            self.overlays.default
            rust-overlay.overlays.default
            (final: prev: {
              stable = import nixpkgs-stable {
                inherit (final) system;
                config.allowUnfree = true;
              };
            })
          ];
        })
        ./configuration.nix
      ];
    };
  };
}
