{ stdenv }:
stdenv.mkDerivation { name = "hello"; }
