{ pkgs, ... }:

{
  home.stateVersion = "24.11";
  home.packages = with pkgs; [ gimp darktable ];
  programs.git = {
    enable = true;
    userName = "Rosa";
    userEmail = "rosa@example.ca";
  };
}
