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
	left := func(o model.Origin, what, why string) {
		found = append(found, model.Finding{Severity: model.SeverityManual, Origin: o,
			Message: "secret " + what + " is not written (" + why + "): carry it over by hand"})
	}
	c := *sys
	c.Environment = nil
	for _, v := range sys.Environment {
		if why := secret.Variable(v.Name, v.Value); why != "" {
			left(v.Origin, "environment variable "+v.Name, why)
			continue
		}
		c.Environment = append(c.Environment, v)
	}
	c.Aliases = nil
	for _, a := range sys.Aliases {
		if why := secret.Content(a.Command); why != "" {
			left(a.Origin, "alias "+a.Name, why)
			continue
		}
		c.Aliases = append(c.Aliases, a)
	}
	c.EtcFiles = nil
	for _, f := range sys.EtcFiles {
		if why := fileSecret(f.Target, f.Source, f.Content); why != "" {
			left(f.Origin, "file "+f.Target, why)
			continue
		}
		c.EtcFiles = append(c.EtcFiles, f)
	}
	c.Dotfiles = nil
	for _, d := range sys.Dotfiles {
		if why := fileSecret(d.Target, d.Source, d.Content); why != "" {
			left(d.Origin, "dotfile ~/"+d.Target, why)
			continue
		}
		c.Dotfiles = append(c.Dotfiles, d)
	}
	return &c, found
}

// fileSecret says why a file is a secret, by its target, its source or
// its content, or returns "".
func fileSecret(target, source, content string) string {
	for _, p := range []string{target, source} {
		if why := secret.Path(p); p != "" && why != "" {
			return "it is " + why
		}
	}
	return secret.Content(content)
}
