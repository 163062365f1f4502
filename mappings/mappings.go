package mappings

// Distro names one side of a mapping.
type Distro string

// The two sides.
const (
	NixOS Distro = "nixos"
	Arch  Distro = "arch"
)

// Method says how a row was matched.
type Method string

// The methods, from most to least trusted. MethodSameName is reserved for
// a weaker tier to come.
const (
	// MethodUser is a row from a user's override file; it wins over every
	// other row.
	MethodUser Method = "user"
	// MethodBaseline says the name needs nothing on the other side and is
	// no loss: the other side provides it by default (Arch base,
	// base-devel, linux-firmware on NixOS) or it has no use there (an AUR
	// helper on NixOS). Its Match has an empty Target.
	MethodBaseline Method = "baseline"
	// MethodCurated is a row written and reviewed by hand.
	MethodCurated Method = "curated"
	// MethodEcosystem is a language-ecosystem rule (python-foo ↔
	// python3Packages.foo) checked against the registry name.
	MethodEcosystem Method = "ecosystem"
	// MethodSameUpstreamAndName pairs the same name with the same upstream.
	MethodSameUpstreamAndName Method = "same-upstream-and-name"
	// MethodSameUpstream pairs the same upstream under different names.
	MethodSameUpstream Method = "same-upstream"
	// MethodSameName pairs the same name with unknown upstreams.
	MethodSameName Method = "same-name"
)

var methods = map[Method]bool{
	MethodUser: true, MethodBaseline: true, MethodCurated: true, MethodEcosystem: true, MethodSameUpstreamAndName: true,
	MethodSameUpstream: true, MethodSameName: true,
}

// Confidence says how sure a match is.
type Confidence string

// The confidence levels.
const (
	// ConfidenceHigh means the identity and the name to install are both
	// certain.
	ConfidenceHigh Confidence = "high"
	// ConfidenceMedium means the identity is certain but the name to
	// install, or the upstream fact, is shared with other packages.
	ConfidenceMedium Confidence = "medium"
	// ConfidenceLow means a plausible guess that a user should confirm.
	ConfidenceLow Confidence = "low"
)

var confidences = map[Confidence]bool{ConfidenceHigh: true, ConfidenceMedium: true, ConfidenceLow: true}

// Match is a name mapped to the other side.
type Match struct {
	// From is the side the name was given in.
	From Distro `json:"from"`
	// Name is the name asked about (nixpkgs attribute path or Arch name).
	Name string `json:"name"`
	// Target is the name on the other side.
	Target string `json:"target"`
	// Repo is where Target lives: core, extra, multilib or aur for Arch
	// targets, "nixpkgs" for NixOS targets.
	Repo string `json:"repo"`
	// Project is a neutral project id, such as the upstream repository.
	Project string `json:"project"`
	// Method says how the row was matched.
	Method Method `json:"method"`
	// Confidence says how sure the match is.
	Confidence Confidence `json:"confidence"`
	// Evidence is one line a user can check.
	Evidence string `json:"evidence"`
	// Setting is, when the other side turns the package on through its
	// configuration rather than a package list, what to write there:
	// "services.pipewire.pulse.enable = true",
	// "boot.kernelPackages = pkgs.linuxPackages_zen". Target may then be
	// empty (nothing to install) or a package that also works on its own.
	Setting string `json:"setting,omitempty"`
}

// NothingToInstall reports whether the match needs no package on the other
// side: a baseline package, or one replaced by a Setting. Such a name is
// not a loss, and exporters list it as provided rather than unmapped.
func (m *Match) NothingToInstall() bool { return m != nil && m.Target == "" }

// Result is the answer to a lookup.
type Result struct {
	// Match is the mapping, or nil when the name is unmapped.
	Match *Match
	// Reason says, when unmapped, why in plain words.
	Reason string
	// Suggestions are, when unmapped, at most five names on the other side
	// worth checking by hand, in a fixed order: same-name candidates first,
	// then packages from the same upstream; when there are none, up to
	// three names spelt most like it (a small edit distance).
	Suggestions []string
}

// Mapper looks names up on the other side.
type Mapper interface {
	// Lookup maps name, given in from's naming, to the other side.
	Lookup(from Distro, name string) Result
}
