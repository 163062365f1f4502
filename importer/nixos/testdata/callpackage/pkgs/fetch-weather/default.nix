{ writeShellScriptBin, curl, jq, city }:

writeShellScriptBin "fetch-weather" ''
  ${curl}/bin/curl -s "https://wttr.in/${city}?format=j1" | ${jq}/bin/jq .current_condition
''
