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

// The methods, from most to least trusted. Only MethodSameUpstreamAndName
// fills the table so far; the others are reserved for the curated,
// ecosystem and weaker tiers to come.
const (
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
	MethodCurated: true, MethodEcosystem: true, MethodSameUpstreamAndName: true,
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
}

// Result is the answer to a lookup.
type Result struct {
	// Match is the mapping, or nil when the name is unmapped.
	Match *Match
	// Reason says, when unmapped, why in plain words.
	Reason string
	// Suggestions are, when unmapped, at most five names on the other side
	// worth checking by hand, in a fixed order: same-name candidates first,
	// then packages from the same upstream.
	Suggestions []string
}

// Mapper looks names up on the other side.
type Mapper interface {
	// Lookup maps name, given in from's naming, to the other side.
	Lookup(from Distro, name string) Result
}
