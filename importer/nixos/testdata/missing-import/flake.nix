{
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11";
  inputs.home-manager.url = "github:nix-community/home-manager/release-24.11";

  outputs = { nixpkgs, home-manager, ... }: {
    nixosConfigurations.drift = nixpkgs.lib.nixosSystem {
      system = "x86_64-linux";
      modules = [
        ./configuration.nix
        home-manager.nixosModules.home-manager
        { home-manager.users.omar = import ./home/omar.nix; }
      ];
    };
  };
}
