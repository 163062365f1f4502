{ buildGoModule }:

buildGoModule {
  pname = "devtool";
  version = "0.1.0";
  src = ./.;
  vendorHash = null;
}
