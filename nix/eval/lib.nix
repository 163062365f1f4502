# The part of nixpkgs' lib that NixOS configurations lean on, written
# for nixarch's evaluator. The module-system constructors (mkIf,
# mkOverride, mkOption, types…) come from Go as tagged values in prim.
prim:
let
  b = builtins;
  id = x: x;
  const = x: _: x;
  flip = f: a: c: f c a;
  optional = cond: x: if cond then [ x ] else [ ];
  optionals = cond: xs: if cond then xs else [ ];
  optionalAttrs = cond: as: if cond then as else { };
  optionalString = cond: s: if cond then s else "";
  concatMapStrings = f: xs: b.concatStringsSep "" (map f xs);
  concatMapStringsSep = sep: f: xs: b.concatStringsSep sep (map f xs);
  concatStrings = b.concatStringsSep "";
  concatStringsSep = b.concatStringsSep;
  concatLines = xs: b.concatStringsSep "" (map (x: x + "\n") xs);
  hasPrefix = pre: s: b.substring 0 (b.stringLength pre) s == pre;
  hasSuffix = suf: s:
    let ls = b.stringLength s; lf = b.stringLength suf;
    in lf <= ls && b.substring (ls - lf) lf s == suf;
  removePrefix = pre: s:
    if hasPrefix pre s then b.substring (b.stringLength pre) (-1) s else s;
  removeSuffix = suf: s:
    if hasSuffix suf s then b.substring 0 (b.stringLength s - b.stringLength suf) s else s;
  hasInfix = inf: s: b.match ".*${escapeRegex inf}.*" "${s}" != null;
  escapeRegex = s: b.replaceStrings
    [ "\\" "." "*" "+" "?" "(" ")" "[" "]" "{" "}" "|" "^" "$" ]
    [ "\\\\" "\\." "\\*" "\\+" "\\?" "\\(" "\\)" "\\[" "\\]" "\\{" "\\}" "\\|" "\\^" "\\$" ] s;
  splitString = sep: s: b.filter b.isString (b.split (escapeRegex sep) s);
  toUpper = b.replaceStrings lowerChars upperChars;
  toLower = b.replaceStrings upperChars lowerChars;
  lowerChars = stringToCharacters "abcdefghijklmnopqrstuvwxyz";
  upperChars = stringToCharacters "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  stringToCharacters = s: b.genList (p: b.substring p 1 s) (b.stringLength s);
  escapeShellArg = arg:
    let s = b.toString arg; in
    if b.match "[[:alnum:],._+:@%/-]+" s == null
    then "'${b.replaceStrings [ "'" ] [ "'\\''" ] s}'"
    else s;
  escapeShellArgs = concatMapStringsSep " " escapeShellArg;
  fileContents = file: removeSuffix "\n" (b.readFile file);
  trim = s: let m = b.match "[[:space:]]*(.*[^[:space:]])[[:space:]]*" s; in if m == null then "" else b.head m;
  versionAtLeast = v1: v2: b.compareVersions v1 v2 >= 0;
  versionOlder = v1: v2: b.compareVersions v2 v1 == 1;

  flatten = x: if b.isList x then b.concatMap flatten x else [ x ];
  unique = b.foldl' (acc: e: if b.elem e acc then acc else acc ++ [ e ]) [ ];
  foldl = op: nul: list: b.foldl' op nul list;
  foldr = op: nul: list:
    let len = b.length list; go = n: if n == len then nul else op (b.elemAt list n) (go (n + 1));
    in go 0;
  imap0 = f: list: b.genList (n: f n (b.elemAt list n)) (b.length list);
  imap1 = f: list: b.genList (n: f (n + 1) (b.elemAt list n)) (b.length list);
  range = first: last: if first > last then [ ] else b.genList (n: first + n) (last - first + 1);
  last = list: b.elemAt list (b.length list - 1);
  init = list: b.genList (b.elemAt list) (b.length list - 1);
  take = count: list: b.genList (b.elemAt list) (if count < b.length list then count else b.length list);
  drop = count: list: let len = b.length list; in
    if count >= len then [ ] else b.genList (n: b.elemAt list (n + count)) (len - count);
  reverseList = xs: let l = b.length xs; in b.genList (n: b.elemAt xs (l - n - 1)) l;
  toList = x: if b.isList x then x else [ x ];
  count = pred: b.foldl' (c: x: if pred x then c + 1 else c) 0;
  findFirst = pred: default: list:
    let found = b.filter pred list; in if found == [ ] then default else b.head found;
  remove = e: b.filter (x: x != e);
  subtractLists = e: b.filter (x: !(b.elem x e));
  intersectLists = e: b.filter (x: b.elem x e);
  zipListsWith = f: fst: snd:
    b.genList (n: f (b.elemAt fst n) (b.elemAt snd n))
      (if b.length fst < b.length snd then b.length fst else b.length snd);
  sort = b.sort;
  naturalSort = b.sort (a: c: a < c);

  genAttrs = names: f: b.listToAttrs (map (n: { name = n; value = f n; }) names);
  nameValuePair = name: value: { inherit name value; };
  mapAttrsToList = f: attrs: map (name: f name attrs.${name}) (b.attrNames attrs);
  attrsToList = mapAttrsToList nameValuePair;
  mapAttrs' = f: set: b.listToAttrs (map (attr: f attr set.${attr}) (b.attrNames set));
  filterAttrs = pred: set:
    b.listToAttrs (b.concatMap (name: let v = set.${name}; in if pred name v then [ (nameValuePair name v) ] else [ ]) (b.attrNames set));
  attrByPath = attrPath: default: e:
    let attr = b.head attrPath; in
    if attrPath == [ ] then e
    else if e ? ${attr} then attrByPath (b.tail attrPath) default e.${attr}
    else default;
  hasAttrByPath = attrPath: e:
    let attr = b.head attrPath; in
    if attrPath == [ ] then true
    else if e ? ${attr} then hasAttrByPath (b.tail attrPath) e.${attr}
    else false;
  getAttrFromPath = attrPath: set: attrByPath attrPath (b.throw "cannot find attribute '${concatStringsSep "." attrPath}'") set;
  setAttrByPath = attrPath: value:
    if attrPath == [ ] then value
    else { ${b.head attrPath} = setAttrByPath (b.tail attrPath) value; };
  recursiveUpdateUntil = pred: lhs: rhs:
    let f = attrPath: b.zipAttrsWith (n: values:
      let here = attrPath ++ [ n ]; in
      if b.length values == 1 || pred here (b.elemAt values 1) (b.head values)
      then b.head values
      else f here values);
    in f [ ] [ rhs lhs ];
  recursiveUpdate = recursiveUpdateUntil (path: lhs: rhs: !(b.isAttrs lhs && b.isAttrs rhs));
  foldAttrs = op: nul: list_of_attrs:
    b.foldl' (acc: el: b.foldl' (a: n: a // { ${n} = op el.${n} (a.${n} or nul); }) acc (b.attrNames el)) { } (reverseList list_of_attrs);
  collect = pred: attrs:
    if pred attrs then [ attrs ]
    else if b.isAttrs attrs then b.concatMap (collect pred) (b.attrValues attrs)
    else [ ];
  mapAttrsRecursive = f: set:
    let recurse = path: b.mapAttrs (name: value:
      if b.isAttrs value then recurse (path ++ [ name ]) value else f (path ++ [ name ]) value);
    in recurse [ ] set;
  isDerivation = value: value.type or null == "derivation";
  genAttrs' = xs: f: b.listToAttrs (map f xs);

  setPrio = priority: pkg: pkg;
  hiPrio = setPrio (-10);
  lowPrio = setPrio 10;
  getName = x: if b.isString x then (b.parseDrvName x).name else x.pname or (b.parseDrvName x.name).name;
  getVersion = x: if b.isString x then (b.parseDrvName x).version else x.version or (b.parseDrvName x.name).version;

  fix = f: let x = f x; in x;
  extends = overlay: f: final: let prev = f final; in prev // overlay final prev;
  composeExtensions = f: g: final: prev:
    let fApplied = f final prev; prev' = prev // fApplied; in fApplied // g final prev';
  composeManyExtensions = b.foldl' (acc: f: composeExtensions acc f) (final: prev: { });
  pipe = b.foldl' (x: f: f x);
  forEach = xs: f: map f xs;
  concatMapAttrs = f: v: b.foldl' (acc: a: acc // a) { } (mapAttrsToList f v);
  importJSON = path: b.fromJSON (b.readFile path);
  importTOML = path: b.fromTOML (b.readFile path);
  listFilesRecursive = dir:
    flatten (mapAttrsToList (name: type:
      if type == "directory" then listFilesRecursive (dir + "/${name}") else dir + "/${name}")
      (b.readDir dir));

  getOutput = output: pkg: pkg;
  getBin = getOutput "bin";
  getLib = getOutput "lib";
  getDev = getOutput "dev";
  getMan = getOutput "man";
  getExe = prim.getExe;
  getExe' = x: y: "${getBin x}/bin/${y}";
  makeSearchPath = subDir: paths: concatStringsSep ":" (map (p: "${p}/${subDir}") paths);
  makeBinPath = makeSearchPath "bin";
  makeLibraryPath = makeSearchPath "lib";

  mkIf = prim.mkIf;
  mkMerge = prim.mkMerge;
  mkOverride = prim.mkOverride;
  mkOptionDefault = mkOverride 1500;
  mkDefault = mkOverride 1000;
  mkImageMediaOverride = mkOverride 60;
  mkForce = mkOverride 50;
  mkVMOverride = mkOverride 10;
  mkOrder = prim.mkOrder;
  mkBefore = mkOrder 500;
  mkAfter = mkOrder 1500;
  mkOption = prim.mkOption;
  mkEnableOption = name: mkOption {
    default = false;
    example = true;
    description = "Whether to enable ${name}.";
    type = types.bool;
  };
  mkPackageOption = prim.mkPackageOption;
  mkPackageOptionMD = prim.mkPackageOption;
  literalExpression = prim.literalExpression;
  literalMD = prim.literalExpression;
  literalExample = prim.literalExpression;
  mdDoc = id;
  types = prim.types;
  mkRemovedOptionModule = a: c: { };
  mkRenamedOptionModule = a: c: { };
  mkAliasOptionModule = a: c: { };

  trivial = { inherit id const flip pipe importJSON importTOML; boolToString = c: if c then "true" else "false"; };
  fixedPoints = { inherit fix extends composeExtensions composeManyExtensions; };
  filesystem = { inherit listFilesRecursive; };
  meta = { inherit setPrio hiPrio lowPrio; };
  strings = {
    inherit concatMapStrings concatMapStringsSep concatStrings concatStringsSep concatLines
      hasPrefix hasSuffix removePrefix removeSuffix hasInfix escapeRegex splitString
      toUpper toLower stringToCharacters escapeShellArg escapeShellArgs fileContents
      optionalString versionAtLeast versionOlder trim;
  };
  lists = {
    inherit optional optionals flatten unique foldl foldr imap0 imap1 range last init take
      drop reverseList toList count findFirst remove subtractLists intersectLists
      zipListsWith sort naturalSort forEach;
    inherit (b) elem elemAt head tail length filter concatMap concatLists;
  };
  attrsets = {
    inherit optionalAttrs genAttrs nameValuePair mapAttrsToList attrsToList mapAttrs'
      filterAttrs attrByPath hasAttrByPath getAttrFromPath setAttrByPath recursiveUpdate
      recursiveUpdateUntil foldAttrs collect mapAttrsRecursive isDerivation getBin getLib
      getDev getMan getExe getExe' getOutput concatMapAttrs;
    inherit (b) attrNames attrValues mapAttrs listToAttrs removeAttrs intersectAttrs catAttrs;
  };
  modules = { inherit mkIf mkMerge mkOverride mkDefault mkForce mkOrder mkBefore mkAfter; };
  options = { inherit mkOption mkEnableOption mkPackageOption literalExpression; };
in
strings // lists // attrsets // modules // options // trivial // fixedPoints // meta // {
  inherit strings lists attrsets modules options trivial fixedPoints filesystem meta types
    literalMD literalExample mdDoc getName getVersion
    mkOptionDefault mkImageMediaOverride mkVMOverride mkRemovedOptionModule
    mkRenamedOptionModule mkAliasOptionModule makeSearchPath makeBinPath makeLibraryPath
    mkPackageOptionMD genAttrs';
  inherit (b) map filter attrNames attrValues mapAttrs listToAttrs elem elemAt head tail length
    removeAttrs intersectAttrs isAttrs isList isString isBool isInt isFunction toString
    concatLists concatMap foldl' genList replaceStrings substring stringLength split match
    baseNameOf dirOf seq deepSeq trace throw tryEval toJSON fromJSON catAttrs zipAttrsWith
    hasAttr getAttr readFile pathExists all any typeOf partition groupBy isFloat;
  boolToString = trivial.boolToString;
  inherit (prim) maintainers licenses platforms systems teams;
  version = "24.11";
}
