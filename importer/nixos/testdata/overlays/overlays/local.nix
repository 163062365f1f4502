final: prev:

{
  # Built from a local derivation.
  wallpapers = final.callPackage ../pkgs/wallpapers { };

  # Patched upstream packages.
  waybar = prev.waybar.overrideAttrs (old: {
    mesonFlags = (old.mesonFlags or [ ]) ++ [ "-Dexperimental=true" ];
  });
  ncmpcpp = prev.ncmpcpp.override {
    visualizerSupport = true;
    clockSupport = true;
  };

  # Scripts with nix-provided dependencies.
  screenshot = final.writeShellScriptBin "screenshot" ''
    ${final.grim}/bin/grim -g "$(${final.slurp}/bin/slurp)" - | ${final.wl-clipboard}/bin/wl-copy
  '';

  # A whole package set, rebuilt with a Python option.
  python3 = prev.python3.override {
    packageOverrides = pyfinal: pyprev: {
      httpx = pyprev.httpx.overridePythonAttrs (_: { doCheck = false; });
    };
  };
}
