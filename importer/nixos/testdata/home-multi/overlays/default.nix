# Local tweaks on top of nixpkgs.
final: prev: {
  # Newer kubectl plugins than nixpkgs has.
  kubectx = prev.kubectx.overrideAttrs (old: {
    postInstall = (old.postInstall or "") + ''
      ln -s $out/bin/kubectx $out/bin/kctx
    '';
  });

  # A small script that the work profile uses.
  vpn-up = final.writeShellScriptBin "vpn-up" ''
    exec ${final.openconnect}/bin/openconnect --protocol=gp vpn.corp.example.com
  '';

  # My own tool, packaged next to the flake.
  notes-sync = final.callPackage ../pkgs/notes-sync { };
}
