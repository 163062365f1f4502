{ pkgs, ... }:

{
  environment.systemPackages = with pkgs; [
    kubectl
    kubernetes-helm
    k9s
    terraform
    awscli2
    google-cloud-sdk
    packer
  ];
  nixpkgs.config.allowUnfree = true;
}
