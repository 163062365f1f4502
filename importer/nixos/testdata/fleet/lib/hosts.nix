{
  forge = { };
  vault = { extraModules = [ ]; };
}
