{ pkgs, ... }:

{
  home.packages = with pkgs; [
    spotify
    calibre
    yt-dlp
  ];

  programs.mpv = {
    enable = true;
    config = {
      profile = "gpu-hq";
      hwdec = "auto-safe";
    };
  };

  services.syncthing.enable = true;
}
