{ stdenv, lib, greeting ? "hello" }:

stdenv.mkDerivation {
  pname = "hello-nix";
  version = "1.0";
  src = ./.;
  buildPhase = ''
    echo 'echo ${greeting}' > hello-nix
  '';
  installPhase = "install -Dm755 hello-nix $out/bin/hello-nix";
  meta.license = lib.licenses.mit;
}
