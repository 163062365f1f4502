{ lib, ... }:

{
  time.timeZone = lib.mkDefault "Europe/Warsaw";
  i18n.defaultLocale = "pl_PL.UTF-8";
  i18n.supportedLocales = [ "pl_PL.UTF-8/UTF-8" "en_US.UTF-8/UTF-8" ];
  console = {
    keyMap = "pl2";
    font = "Lat2-Terminus16";
  };
  services.xserver.xkb = {
    layout = "pl";
    options = "caps:escape";
  };
}
