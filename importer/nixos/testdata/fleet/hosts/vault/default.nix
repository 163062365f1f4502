{ config, lib, pkgs, ... }:

{
  fleet.admin = "ops";
  boot.loader.grub = {
    enable = true;
    devices = [ "/dev/sda" "/dev/sdb" ];
  };
  boot.swraid.enable = true;
  fileSystems."/" = { device = "/dev/md0"; fsType = "ext4"; };
  fileSystems."/backups" = { device = "/dev/md1"; fsType = "xfs"; };

  users.users.borg = {
    isSystemUser = true;
    group = "borg";
    home = "/backups";
    createHome = true;
  };
  users.groups.borg = { };

  services.nfs.server = {
    enable = true;
    exports = ''
      /backups  192.168.10.0/24(rw,no_subtree_check)
    '';
  };
  networking.firewall.allowedTCPPorts = [ 2049 ];
  time.timeZone = "UTC";
}
