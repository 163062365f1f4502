{ stdenv }: stdenv.mkDerivation { name = "mytool"; }
