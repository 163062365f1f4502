{ ... }:

{
  perSystem = { pkgs, ... }: {
    devShells.default = pkgs.mkShell {
      packages = [ pkgs.nixos-rebuild pkgs.deploy-rs ];
    };
    formatter = pkgs.alejandra;
  };
}
