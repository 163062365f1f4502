{ lib, stdenvNoCC, rsync, makeWrapper }:

stdenvNoCC.mkDerivation {
  pname = "notes-sync";
  version = "0.3.0";
  src = ./.;
  nativeBuildInputs = [ makeWrapper ];
  installPhase = ''
    install -Dm755 notes-sync.sh $out/bin/notes-sync
    wrapProgram $out/bin/notes-sync --prefix PATH : ${lib.makeBinPath [ rsync ]}
  '';
}
