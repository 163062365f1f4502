package arch

import (
	"github.com/nixarch/nixarch/internal/secret"
	"github.com/nixarch/nixarch/model"
)

// withoutSecrets returns sys without the environment variables, aliases,
// /etc files and dotfiles that package secret finds to hold a secret, and
// a manual finding for each one left out. Importers leave secrets out
// already; this keeps a model edited by hand from carrying one into
// setup.sh, system.yaml or /etc. sys is not changed.
func withoutSecrets(sys *model.System) (*model.System, []model.Finding) {
	var found []model.Finding
	left := func(o model.Origin, what, why string) bool {
		if why == "" {
			return false
		}
		found = append(found, model.Finding{Severity: model.SeverityManual, Origin: o,
			Message: "secret " + what + " is not written (" + why + "): carry it over by hand"})
		return true
	}
	c := *sys
	c.Environment = without(sys.Environment, func(v model.Variable) bool {
		return left(v.Origin, "environment variable "+v.Name, secret.Variable(v.Name, v.Value))
	})
	c.Aliases = without(sys.Aliases, func(a model.Alias) bool {
		return left(a.Origin, "alias "+a.Name, secret.Content(a.Command))
	})
	c.EtcFiles = without(sys.EtcFiles, func(f model.EtcFile) bool {
		return left(f.Origin, "file "+f.Target, secret.File(f.Target, f.Source, f.Content))
	})
	c.Dotfiles = without(sys.Dotfiles, func(d model.Dotfile) bool {
		return left(d.Origin, "dotfile ~/"+d.Target, secret.File(d.Target, d.Source, d.Content))
	})
	return &c, found
}

// without returns a new slice of the items of xs that drop does not
// report, in order; xs is not changed.
func without[T any](xs []T, drop func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if !drop(x) {
			out = append(out, x)
		}
	}
	return out
}
