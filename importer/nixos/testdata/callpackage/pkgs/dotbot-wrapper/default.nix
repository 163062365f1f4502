{ python, fetchFromGitHub }:

python.pkgs.buildPythonApplication rec {
  pname = "dotbot";
  version = "1.20.1";
  src = fetchFromGitHub {
    owner = "anishathalye";
    repo = "dotbot";
    rev = "v${version}";
    hash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  };
}
