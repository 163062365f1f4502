{ ... }:

{
  services.caddy = {
    enable = true;
    virtualHosts."localhost:8080".extraConfig = ''
      respond "hello from kestrel"
    '';
  };
}
