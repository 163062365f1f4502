{ lib, ... }:

with lib;
{
  options.fleet = {
    role = mkOption {
      type = types.enum [ "workstation" "server" "appliance" ];
      default = "server";
      description = "What this machine is for.";
    };
    admin = mkOption {
      type = types.str;
      default = "root";
      description = "The admin user.";
    };
    gaming.enable = mkEnableOption "Steam and friends";
    extraPackages = mkOption {
      type = types.listOf types.package;
      default = [ ];
    };
  };
}
