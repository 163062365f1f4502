{
  description = "Home Manager on two non-NixOS machines";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixpkgs-unstable";
    home-manager = {
      url = "github:nix-community/home-manager";
      inputs.nixpkgs.follows = "nixpkgs";
    };
  };

  outputs = { nixpkgs, home-manager, ... }:
    let
      system = "x86_64-linux";
      pkgs = import nixpkgs {
        inherit system;
        config.allowUnfree = true;
        overlays = [ (import ./overlays) ];
      };
      mkHome = { username, profile, email }: home-manager.lib.homeManagerConfiguration {
        inherit pkgs;
        modules = [
          ./home/common.nix
          ./home/${profile}.nix
          {
            home.username = username;
            home.homeDirectory = "/home/${username}";
          }
        ];
        extraSpecialArgs = { inherit email profile; };
      };
    in
    {
      homeConfigurations = {
        "nina@work" = mkHome { username = "nina"; profile = "work"; email = "nina@corp.example.com"; };
        "nina@home" = mkHome { username = "nina"; profile = "personal"; email = "nina@example.org"; };
      };
    };
}
