{ pkgs, ... }:

{
  time.timeZone = "Asia/Tokyo";
  environment.systemPackages = with pkgs; [ vim git ];
  services.openssh.enable = true;
}
