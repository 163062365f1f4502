# A polyglot development machine: language toolchains, editors with
# extensions and a few environments built with withPackages.
{ config, lib, pkgs, ... }:

let
  python = pkgs.python312.withPackages (ps: with ps; [
    pip
    virtualenv
    black
    mypy
    pytest
    ipython
  ]);

  texlive = pkgs.texlive.combine {
    inherit (pkgs.texlive) scheme-medium latexmk biblatex;
  };

  vscode = pkgs.vscode-with-extensions.override {
    vscodeExtensions = with pkgs.vscode-extensions; [
      ms-python.python
      golang.go
      rust-lang.rust-analyzer
      jnoortheen.nix-ide
    ];
  };

  languages = with pkgs; [ go rustc cargo nodejs_22 zig jdk21 ];
  tools = with pkgs; [ gnumake cmake ninja meson pkg-config gdb valgrind strace ];
in
{
  networking.hostName = "workbench";
  boot.loader.systemd-boot.enable = true;

  environment.systemPackages = languages ++ tools ++ [
    python
    texlive
    vscode
    (pkgs.haskellPackages.ghcWithPackages (hs: [ hs.aeson hs.lens ]))
    (pkgs.lua5_4.withPackages (lp: [ lp.luafilesystem ]))
    pkgs.jetbrains.idea-community
    (lib.hiPrio pkgs.gcc)
    (lib.lowPrio pkgs.clang)
    (lib.getBin pkgs.postgresql_16)
    (pkgs.emacsWithPackagesFromUsePackage or pkgs.emacs)
  ];

  programs.nix-ld = {
    enable = true;
    libraries = with pkgs; [ stdenv.cc.cc zlib openssl ];
  };
  programs.direnv.enable = true;
  programs.git = {
    enable = true;
    lfs.enable = true;
    config.init.defaultBranch = "main";
  };
  programs.java = {
    enable = true;
    package = pkgs.jdk21;
  };

  virtualisation.podman = {
    enable = true;
    dockerCompat = true;
    defaultNetwork.settings.dns_enabled = true;
  };

  users.users.devon = {
    isNormalUser = true;
    extraGroups = [ "wheel" "podman" ];
    shell = pkgs.nushell;
  };

  environment.variables = {
    GOPATH = "$HOME/go";
    JAVA_HOME = "${pkgs.jdk21}/lib/openjdk";
    PKG_CONFIG_PATH = lib.makeSearchPath "lib/pkgconfig" [ pkgs.openssl.dev pkgs.zlib.dev ];
  };

  documentation.dev.enable = true;
  system.stateVersion = "24.11";
}
