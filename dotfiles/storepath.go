package dotfiles

import (
	"github.com/nixarch/nixarch/internal/nixpath"
	"github.com/nixarch/nixarch/model"
)

// archPaths rewrites Nix store and profile paths in s to the Arch path
// where that is obvious (bin, share and lib go to /usr), and reports the
// rest as findings at origin. at names the option for messages.
func (r *renderer) archPaths(s, at string, origin model.Origin) string {
	out, changes := nixpath.Rewrite(s)
	for _, c := range changes {
		switch {
		case c.Kind == nixpath.Guessed:
			r.info(origin, "%s: %s guessed as %s", at, c.From, c.To)
		case c.Kind == nixpath.Unknown && c.Package != "":
			r.warn(origin, "%s: package reference %s has no obvious Arch path (pkgs.%s); left as is, fix it by hand", at, c.From, c.Package)
		case c.Kind == nixpath.Unknown:
			r.warn(origin, "%s: Nix store path %s has no obvious Arch path; left as is, fix it by hand", at, c.From)
		case c.What == "package reference":
			r.info(origin, "%s: %s written as %s", at, c.From, c.To)
		default:
			r.info(origin, "%s: %s %s written as %s", at, c.What, c.From, c.To)
		}
	}
	return out
}
