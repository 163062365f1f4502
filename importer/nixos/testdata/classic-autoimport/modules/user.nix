{
  users.users.liam = {
    isNormalUser = true;
    extraGroups = [ "wheel" "docker" ];
  };
  virtualisation.docker = {
    enable = true;
    autoPrune.enable = true;
  };
}
