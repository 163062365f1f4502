{ stdenvNoCC }:

stdenvNoCC.mkDerivation {
  pname = "wallpapers";
  version = "2024-06-01";
  src = ./.;
  installPhase = ''
    mkdir -p $out/share/backgrounds
    cp *.png $out/share/backgrounds/
  '';
}
