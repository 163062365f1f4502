package report

import (
	"strings"
)

// SchemaVersion is the version of the JSON shape. It changes only when a
// field changes meaning or disappears.
const SchemaVersion = 1

// Report is the outcome of mapping a system to a target distribution. Its
// JSON shape is fixed; lists are never null.
type Report struct {
	SchemaVersion int          `json:"schemaVersion"`
	Source        Source       `json:"source"`
	To            string       `json:"to"`
	Summary       Summary      `json:"summary"`
	Packages      []Package    `json:"packages"`
	Unmapped      []Unmapped   `json:"unmapped"`
	Options       []Option     `json:"options"`
	Dotfiles      []Dotfile    `json:"dotfiles"`
	Findings      []Finding    `json:"findings"`
	Manual        []ManualStep `json:"manual"`

	// exported records the sections the target's exporter writes, so that
	// an exporter can check the report it is given agrees with it.
	exported map[Section]bool
}

// Source says what the system was imported from.
type Source struct {
	Kind string `json:"kind"`
	Path string `json:"path"`
	Host string `json:"host"`
}

// Summary counts the lists of a Report. Packages is Mapped plus Unmapped;
// AUR counts the packages on the AUR side: foreign (AUR or local)
// packages of an Arch source, and packages mapped to an AUR target.
type Summary struct {
	Packages int `json:"packages"`
	Mapped   int `json:"mapped"`
	Unmapped int `json:"unmapped"`
	AUR      int `json:"aur"`
	Options  int `json:"options"`
	Dotfiles int `json:"dotfiles"`
	Findings int `json:"findings"`
}

// Package is a package that maps: From in the source, To in the target.
// An empty To means nothing is installed and nothing is lost: the target
// provides the package by default, or Setting stands for it.
type Package struct {
	From       string `json:"from"`
	To         string `json:"to"`
	Setting    string `json:"setting,omitempty"`
	Repo       string `json:"repo"`
	Method     string `json:"method"`
	Confidence string `json:"confidence"`
	Origin     string `json:"origin"`
	Evidence   string `json:"evidence"`
}

// Unmapped is a package with no counterpart in the target, with the
// mapper's reason and its suggestions, best first.
type Unmapped struct {
	Name        string   `json:"name"`
	Origin      string   `json:"origin"`
	Reason      string   `json:"reason"`
	Suggestions []string `json:"suggestions"`
}

// Option is a service or program setting from the source and the actions it
// asks of the target: "enable" or "disable", then "set KEY" per setting.
type Option struct {
	Option string `json:"option"`
	// Value is the Nix value to set the option to, when the target is
	// NixOS and the value is known.
	Value   string   `json:"value,omitempty"`
	Actions []string `json:"actions"`
	Origin  string   `json:"origin"`
}

// Dotfile is a file in a user's home. Target is written as ~USER/PATH;
// From is the file it is copied from, "inline" when the model holds the
// content, or the option a dotfiles renderer wrote it from (programs.git).
type Dotfile struct {
	Target string `json:"target"`
	From   string `json:"from"`
	Origin string `json:"origin"`
}

// Finding is something the user should know: carried from the importer, or
// added by Build for what is not exported.
type Finding struct {
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Origin   string `json:"origin"`
}

// ManualStep is something the user must do by hand, and why.
type ManualStep struct {
	Step   string `json:"step"`
	Why    string `json:"why"`
	Origin string `json:"origin"`
}

// HasUnmapped reports whether some package has no counterpart in the
// target. The CLI's --strict turns that into exit status 3.
func (r *Report) HasUnmapped() bool { return len(r.Unmapped) > 0 }

// Exported reports whether the target's exporter writes section s, as
// declared to Build with Exports.
func (r *Report) Exported(s Section) bool { return r.exported[s] }

// normalized returns a copy of r whose lists are empty rather than nil, so
// that JSON has [] for them even for a Report built by hand.
func (r *Report) normalized() Report {
	c := *r
	c.Packages = nonNil(c.Packages)
	c.Unmapped = nonNil(c.Unmapped)
	for i := range c.Unmapped {
		c.Unmapped[i].Suggestions = nonNil(c.Unmapped[i].Suggestions)
	}
	c.Options = nonNil(c.Options)
	for i := range c.Options {
		c.Options[i].Actions = nonNil(c.Options[i].Actions)
	}
	c.Dotfiles = nonNil(c.Dotfiles)
	c.Findings = nonNil(c.Findings)
	c.Manual = nonNil(c.Manual)
	return c
}

// nonNil returns a copy of s that is never nil.
func nonNil[T any](s []T) []T {
	return append(make([]T, 0, len(s)), s...)
}

// OneLine makes s safe to show on one line of a terminal, a table cell, a
// shell or Nix comment: line breaks (Unicode's too), tabs and other
// control characters, escape sequences included, become spaces and
// invalid UTF-8 becomes U+FFFD. Exporters use it for every comment.
func OneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == '\u2028', r == '\u2029':
			return ' '
		}
		return r
	}, s)
}
