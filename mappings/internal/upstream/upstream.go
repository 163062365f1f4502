// Package upstream turns the upstream facts of a package (homepage, source
// URL, nvchecker key, nixpkgs src form) into comparable keys, so that a
// nixpkgs attribute and an Arch package can be said to come from the same
// upstream project.
//
// A Key is "kind:value". The kinds, and exactly what produces each, are:
//
//	home:HOST/PATH     a normalised homepage: scheme, "www.", a fragment,
//	                   a trailing "/", "index.html" and ".git" dropped, then
//	                   a ".html"/".htm" extension, then a last segment equal
//	                   to the one before it (dialog/dialog.html → dialog);
//	                   the host lowercased, the path kept as written
//	repo:HOST/PATH     a forge repository: github.com/OWNER/REPO,
//	                   codeberg.org, bitbucket.org, gitea.com, notabug.org
//	                   (OWNER/REPO), git.sr.ht/~OWNER/REPO, and GitLab
//	                   instances (gitlab.*, invent.kde.org, salsa.debian.org,
//	                   framagit.org: the whole group/…/project path up to
//	                   "/-/" or an archive marker), all lowercased; taken
//	                   from homepages, source URLs and nvchecker keys
//	                   (github:, gitlab:HOST/PATH, bitbucket:, git:URL)
//	pypi:NAME          PEP 503 normalised; from pypi.org/project,
//	                   pypi.io|pypi.python.org|files.pythonhosted.org
//	                   /packages/source/X/NAME, nixpkgs "pypi:NAME", nvchecker
//	crates:NAME        crates.io, static.crates.io, nixpkgs "crates:", nvchecker
//	                   cratesio:
//	cpan:DIST          lowercased; metacpan.org/release|dist, search.cpan.org
//	                   /dist, any CPAN authors/id/… tarball name without its
//	                   version, nvchecker cpan:
//	hackage:NAME       hackage.haskell.org/package/NAME[-VERSION], nvchecker
//	npm:NAME           registry.npmjs.org/NAME, npmjs.com/package/NAME, nvchecker
//	gem:NAME           rubygems.org/gems/NAME, rubygems.org/downloads/NAME-V.gem,
//	                   nvchecker gems:
//	gnu:NAME           gnu.org/software/NAME, ftp.gnu.org/[pub/]gnu/NAME,
//	                   ftpmirror.gnu.org/NAME, alpha.gnu.org/gnu/NAME,
//	                   mirror://gnu/NAME
//	savannah:NAME      savannah.(non)gnu.org/projects/NAME,
//	                   download.savannah.(non)gnu.org/releases/NAME,
//	                   mirror://savannah/NAME
//	sf:NAME            a SourceForge project: sourceforge.net/projects|p/NAME,
//	                   NAME.sourceforge.net|io, NAME.sf.net,
//	                   download(s).sourceforge.net/[project/]NAME,
//	                   mirror://sourceforge/NAME
//	launchpad:NAME     launchpad.net/NAME, code.|git.launchpad.net/NAME
//	dl:HOST/DIR/STEM   where a source tarball is released, for any other
//	                   host: nixpkgs mirror:// URLs expanded to one canonical
//	                   site, known mirror hosts folded together (kernel.org,
//	                   mozilla, GNOME, X.org, Apache), every version-looking
//	                   path segment replaced by "*", and the file name kept
//	                   without its archive extension and version (no key
//	                   when nothing but a version is left); nixpkgs
//	                   "kde:frameworks|plasma|gear" sources become the
//	                   download.kde.org directory of that set plus the pname
//
// A source URL whose path still holds a shell expression the static
// PKGBUILD reader left unexpanded is read as far as it is exact: a whole
// directory segment starting with "$" ("$(echo", "${_pkgname::1}") counts
// as a version directory "*" (download.kde.org/stable/plasma/$(echo/kwin-
// 6.1.4.tar.xz gives dl:download.kde.org/stable/plasma/*/kwin), a file name
// holding one leaves only the forge or registry key
// (github.com/O/R/archive/${_git_tag}.tar.gz gives repo:github.com/o/r),
// and an expression glued to other text in a directory gives no key.
//
// Not accepted: a homepage or source that is a bare site root (no path) for
// repo/registry/site kinds; GitLab nvchecker keys without a host (the host
// is not recorded in the data, and guessing gitlab.com would be wrong for
// e.g. freetype); raw.githubusercontent.com and *.github.io, which often
// point at a different repository than the project's own; nixpkgs
// "kde:SET" sources of other sets than the three above.
//
// Keys say nothing about how many projects share them. A homepage or
// release directory shared by many projects (gnu.org/software,
// download.kde.org/stable/…) is detected by counting, in the generator.
package upstream

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// Key is one comparable upstream fact, "kind:value".
type Key string

// Kind returns the part of k before the first colon.
func (k Key) Kind() string {
	kind, _, _ := strings.Cut(string(k), ":")
	return kind
}

// Value returns the part of k after the first colon.
func (k Key) Value() string {
	_, v, _ := strings.Cut(string(k), ":")
	return v
}

// KindHome is the kind of homepage keys, which may name a place (a site's
// software index) rather than a project; KindDL the kind of release keys.
const (
	KindHome = "home"
	KindDL   = "dl"
)

// Homepage returns the keys of a homepage URL: its home: key and, when the
// URL points into a forge, registry or project site, that key too.
func Homepage(raw string) []Key {
	u := parse(raw)
	if u == nil {
		return nil
	}
	var keys []Key
	if h := normHome(u); h != "" {
		keys = append(keys, Key(KindHome+":"+h))
	}
	if k := project(u, false); k != "" {
		keys = append(keys, k)
	}
	return keys
}

// NormalizeHomepage returns the home: value of raw ("" when raw is not an
// http(s) URL).
func NormalizeHomepage(raw string) string {
	u := parse(raw)
	if u == nil {
		return ""
	}
	return normHome(u)
}

// Source returns the keys of a source URL (an Arch source[0] or a nixpkgs
// src): a forge, registry or project-site key, or else a dl: key.
func Source(raw string) []Key {
	raw = strings.TrimSpace(raw)
	switch {
	case strings.HasPrefix(raw, "pypi:"):
		return one("pypi", pypiName(raw[len("pypi:"):]))
	case strings.HasPrefix(raw, "crates:"):
		return one("crates", strings.ToLower(raw[len("crates:"):]))
	case strings.HasPrefix(raw, "mirror://"):
		raw = expandMirror(raw)
		if raw == "" {
			return nil
		}
	}
	// Arch writes VCS sources as "name::git+https://…#tag=…".
	if before, after, ok := strings.Cut(raw, "::"); ok && !strings.Contains(before, "/") {
		raw = after
	}
	raw = strings.TrimPrefix(raw, "git+")
	raw, fileKnown := unexpanded(raw)
	u := parse(raw)
	if u == nil {
		return nil
	}
	if k := project(u, true); k != "" {
		if strings.Contains(string(k), "*") {
			return nil // an unexpanded directory where the project is named
		}
		return []Key{k}
	}
	if !fileKnown {
		return nil
	}
	if k := releaseDir(u); k != "" {
		return []Key{Key(KindDL + ":" + k)}
	}
	return nil
}

// Nvchecker returns the keys of an Arch .nvchecker.toml entry written as
// "source:key" (github:owner/repo, pypi:name, git:URL, …).
func Nvchecker(s string) []Key {
	src, key, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || key == "" || key == "None" {
		return nil
	}
	switch src {
	case "github":
		return repoKey("github.com", strings.Split(key, "/"))
	case "gitlab":
		segs := strings.Split(key, "/")
		if !strings.Contains(segs[0], ".") {
			return nil // host not recorded
		}
		return gitlabKey(strings.ToLower(segs[0]), segs[1:])
	case "bitbucket":
		return repoKey("bitbucket.org", strings.Split(key, "/"))
	case "gitea":
		return repoKey("gitea.com", strings.Split(key, "/"))
	case "git":
		return Source(key)
	case "pypi":
		return one("pypi", pypiName(key))
	case "cratesio":
		return one("crates", strings.ToLower(key))
	case "cpan":
		return one("cpan", strings.ToLower(key))
	case "hackage":
		return one("hackage", strings.ToLower(key))
	case "npm":
		return one("npm", strings.ToLower(key))
	case "gems":
		return one("gem", strings.ToLower(key))
	}
	return nil
}

// Sorted returns keys sorted and without duplicates.
func Sorted(keys []Key) []Key {
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	out := keys[:0]
	for i, k := range keys {
		if i == 0 || k != keys[i-1] {
			out = append(out, k)
		}
	}
	return out
}

// unexpanded rewrites a source URL whose path still holds shell
// expressions the static PKGBUILD reader could not expand. A directory
// segment that is one ("$(echo" where the PKGBUILD wrote
// "$(echo $pkgver | cut -d. -f1-3)", the reader having stopped at the
// space; "${_pkgname::1}") becomes "*", the mark of a version directory; a
// file name that holds one is dropped, and fileKnown says so, since it no
// longer names a release. Other URLs are returned as they are.
func unexpanded(raw string) (out string, fileKnown bool) {
	if !strings.Contains(raw, "$") {
		return raw, true
	}
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw, true
	}
	segs := strings.Split(rest, "/")
	if strings.Contains(segs[0], "$") {
		return raw, true // the host: parse rejects it
	}
	fileKnown = true
	for i := 1; i < len(segs); i++ {
		switch {
		case !strings.Contains(segs[i], "$"):
		case i == len(segs)-1:
			segs, fileKnown = segs[:i], false
		case strings.HasPrefix(segs[i], "$"):
			segs[i] = "*"
		default:
			return raw, true // an expression glued to text: no guess
		}
	}
	return scheme + "://" + strings.Join(segs, "/"), fileKnown
}

func one(kind, v string) []Key {
	if v == "" {
		return nil
	}
	return []Key{Key(kind + ":" + v)}
}

func parse(raw string) *url.URL {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.ContainsAny(raw, " \t${}") {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "ftp" && u.Scheme != "git") || u.Host == "" {
		return nil
	}
	u.Host = strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	u.Host = strings.TrimSuffix(u.Host, ".")
	u.Fragment = ""
	return u
}

func normHome(u *url.URL) string {
	p := u.EscapedPath()
	for {
		before := p
		p = strings.TrimSuffix(p, "/")
		p = strings.TrimSuffix(p, "/index.html")
		p = strings.TrimSuffix(p, ".git")
		if p == before {
			break
		}
	}
	// A page named after its directory is the directory's page:
	// /dialog/dialog.html and /dialog are one, and so are /jalv.html and
	// /jalv.
	// Only a page with an extension: github.com/neovim/neovim stays.
	for _, ext := range []string{".html", ".htm"} {
		page, ok := strings.CutSuffix(p, ext)
		if !ok {
			continue
		}
		p = page
		if i := strings.LastIndexByte(p, '/'); i > 0 {
			if j := strings.LastIndexByte(p[:i], '/'); j >= 0 && strings.EqualFold(p[j+1:i], p[i+1:]) {
				p = p[:i]
			}
		}
		break
	}
	s := u.Host + p
	if u.RawQuery != "" {
		s += "?" + u.RawQuery
	}
	return s
}

var pypiSep = regexp.MustCompile(`[-_.]+`)

func pypiName(s string) string { return pypiSep.ReplaceAllString(strings.ToLower(s), "-") }

func segments(u *url.URL) []string {
	var segs []string
	for _, s := range strings.Split(u.EscapedPath(), "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	return segs
}

var githubReserved = map[string]bool{
	"about": true, "apps": true, "features": true, "login": true, "marketplace": true,
	"orgs": true, "settings": true, "sponsors": true, "topics": true, "users": true,
}

// ownerRepoHosts are forges whose repositories are exactly OWNER/REPO.
var ownerRepoHosts = map[string]bool{
	"github.com": true, "codeberg.org": true, "bitbucket.org": true,
	"gitea.com": true, "notabug.org": true, "git.sr.ht": true,
}

func isGitLab(host string) bool {
	return strings.HasPrefix(host, "gitlab.") || host == "invent.kde.org" ||
		host == "salsa.debian.org" || host == "framagit.org" || host == "0xacab.org"
}

// gitlabStop are path segments after which a GitLab URL no longer names
// the project.
var gitlabStop = map[string]bool{
	"-": true, "repository": true, "archive": true, "uploads": true, "tags": true,
	"releases": true, "commit": true, "tree": true, "blob": true, "raw": true, "wikis": true,
}

// gitlabKey is repoKey for a host known to run GitLab.
func gitlabKey(host string, segs []string) []Key { return forgeKey(host, segs, true) }

func repoKey(host string, segs []string) []Key { return forgeKey(host, segs, isGitLab(host)) }

func forgeKey(host string, segs []string, gitlab bool) []Key {
	var path []string
	switch {
	case ownerRepoHosts[host]:
		if len(segs) < 2 || (host == "github.com" && githubReserved[strings.ToLower(segs[0])]) {
			return nil
		}
		if host == "git.sr.ht" && !strings.HasPrefix(segs[0], "~") {
			return nil
		}
		path = segs[:2]
	case gitlab:
		for _, s := range segs {
			if gitlabStop[s] || strings.HasSuffix(s, ".tar.gz") || strings.HasSuffix(s, ".tar.bz2") || strings.HasSuffix(s, ".tar.xz") || strings.HasSuffix(s, ".zip") {
				break
			}
			path = append(path, s)
		}
		if len(path) < 2 {
			return nil
		}
	default:
		return nil
	}
	last := len(path) - 1
	path = append([]string(nil), path...)
	path[last] = strings.TrimSuffix(path[last], ".git")
	if path[last] == "" {
		return nil
	}
	return []Key{Key("repo:" + host + "/" + strings.ToLower(strings.Join(path, "/")))}
}

var versionTail = regexp.MustCompile(`-v?[0-9][0-9A-Za-z._+~-]*$`)

var archiveExt = regexp.MustCompile(`\.(tar\.(gz|bz2|xz|zst|lz|Z)|tgz|tbz2?|txz|zip|gem|tar)$`)

// project returns a forge, registry or project-site key for u, or "".
// fromSource enables the forms only found in download URLs.
func project(u *url.URL, fromSource bool) Key {
	host, segs := u.Host, segments(u)
	if host == "sr.ht" {
		host = "git.sr.ht"
	}
	if k := repoKey(host, segs); k != nil {
		return k[0]
	}
	first := func(n int) string {
		if len(segs) > n {
			return segs[n]
		}
		return ""
	}
	lc := strings.ToLower
	switch {
	case host == "codeload.github.com" && fromSource:
		if k := repoKey("github.com", segs); k != nil {
			return k[0]
		}
	case host == "pypi.org" && first(0) == "project", host == "pypi.python.org" && first(0) == "pypi":
		return key("pypi", pypiName(first(1)))
	case (host == "pypi.io" || host == "pypi.python.org" || host == "files.pythonhosted.org") && first(0) == "packages" && first(1) == "source":
		return key("pypi", pypiName(first(3)))
	case host == "crates.io" && first(0) == "crates", host == "static.crates.io" && first(0) == "crates":
		return key("crates", lc(first(1)))
	case host == "crates.io" && first(0) == "api" && first(2) == "crates":
		return key("crates", lc(first(3)))
	case host == "metacpan.org" && (first(0) == "release" || first(0) == "dist"), host == "search.cpan.org" && first(0) == "dist":
		return key("cpan", lc(first(1)))
	case strings.HasSuffix(host, "cpan.org") || host == "cpan.metacpan.org":
		for i, s := range segs {
			if s == "authors" && first(i+1) == "id" && len(segs) > i+3 && fromSource {
				return key("cpan", lc(distName(segs[len(segs)-1])))
			}
		}
	case host == "hackage.haskell.org" && first(0) == "package":
		return key("hackage", lc(versionTail.ReplaceAllString(first(1), "")))
	case host == "registry.npmjs.org" && fromSource:
		if strings.HasPrefix(first(0), "@") {
			return key("npm", lc(first(0)+"/"+first(1)))
		}
		return key("npm", lc(first(0)))
	case host == "npmjs.com" && first(0) == "package":
		if strings.HasPrefix(first(1), "@") {
			return key("npm", lc(first(1)+"/"+first(2)))
		}
		return key("npm", lc(first(1)))
	case host == "rubygems.org" && first(0) == "gems":
		return key("gem", lc(strings.TrimSuffix(versionTail.ReplaceAllString(strings.TrimSuffix(first(1), ".gem"), ""), ".gem")))
	case host == "rubygems.org" && first(0) == "downloads" && fromSource:
		return key("gem", lc(versionTail.ReplaceAllString(strings.TrimSuffix(first(1), ".gem"), "")))
	case host == "gnu.org" && first(0) == "software" && len(segs) >= 2:
		return key("gnu", lc(first(1)))
	case host == "ftp.gnu.org" || host == "alpha.gnu.org":
		if first(0) == "pub" {
			segs = segs[1:]
		}
		if len(segs) >= 3 && segs[0] == "gnu" {
			return key("gnu", lc(segs[1]))
		}
	case host == "ftpmirror.gnu.org":
		if first(0) == "gnu" {
			segs = segs[1:]
		}
		if len(segs) >= 2 {
			return key("gnu", lc(segs[0]))
		}
	case (host == "savannah.gnu.org" || host == "savannah.nongnu.org") && first(0) == "projects":
		return key("savannah", lc(first(1)))
	case (host == "download.savannah.gnu.org" || host == "download.savannah.nongnu.org" || host == "download-mirror.savannah.gnu.org") && first(0) == "releases" && len(segs) >= 3:
		return key("savannah", lc(first(1)))
	case host == "sourceforge.net" && (first(0) == "projects" || first(0) == "p"):
		return key("sf", lc(first(1)))
	case host == "downloads.sourceforge.net" || host == "download.sourceforge.net":
		if first(0) == "project" || first(0) == "sourceforge" {
			segs = segs[1:]
		}
		if len(segs) >= 2 {
			return key("sf", lc(segs[0]))
		}
	case strings.HasSuffix(host, ".sourceforge.net") || strings.HasSuffix(host, ".sourceforge.io") || strings.HasSuffix(host, ".sf.net"):
		name := host[:strings.IndexByte(host, '.')]
		if name != "downloads" && name != "download" && name != "prdownloads" && name != "git" && name != "svn" && name != "hg" {
			return key("sf", name)
		}
		if (name == "git" || name == "svn") && first(0) == "p" {
			return key("sf", lc(first(1)))
		}
	case host == "launchpad.net" || host == "code.launchpad.net" || host == "git.launchpad.net":
		if f := first(0); f != "" && !strings.HasPrefix(f, "~") && !strings.HasPrefix(f, "+") {
			return key("launchpad", lc(f))
		}
	}
	return ""
}

func key(kind, v string) Key {
	if v == "" {
		return ""
	}
	return Key(kind + ":" + v)
}

// distName strips the archive extension and version from a tarball name:
// "Class-MethodMaker-2.24.tar.gz" → "Class-MethodMaker".
// A version glued to the name ("go1.23.0.src", "boost_1_83_0") is dropped
// only when it has a dotted or underscored number, so "x264" stays.
func distName(file string) string {
	stem := archiveExt.ReplaceAllString(file, "")
	if s := versionTail.ReplaceAllString(stem, ""); s != stem {
		return s
	}
	return gluedVersion.ReplaceAllString(stem, "")
}

var gluedVersion = regexp.MustCompile(`[_.]?v?[0-9]+([._][0-9]+)+[0-9A-Za-z._+~-]*$`)

// mirrors expands the nixpkgs mirror:// schemes that have one canonical
// site. gnu, savannah, sourceforge and cpan expand to a site that project()
// understands.
var mirrors = map[string]string{
	"gnu":         "https://ftp.gnu.org/gnu/",
	"savannah":    "https://download.savannah.gnu.org/releases/",
	"sourceforge": "https://downloads.sourceforge.net/",
	"cpan":        "https://cpan.metacpan.org/",
	"hackage":     "https://hackage.haskell.org/package/",
	"mozilla":     "https://archive.mozilla.org/pub/",
	"gnome":       "https://download.gnome.org/",
	"xorg":        "https://xorg.freedesktop.org/releases/",
	"kde":         "https://download.kde.org/",
	"kernel":      "https://kernel.org/pub/",
	"apache":      "https://archive.apache.org/dist/",
	"gnupg":       "https://gnupg.org/ftp/gcrypt/",
	"samba":       "https://download.samba.org/pub/",
	"alsa":        "https://alsa-project.org/files/pub/",
	"debian":      "https://deb.debian.org/debian/",
	"maven":       "https://repo1.maven.org/maven2/",
	"openbsd":     "https://ftp.openbsd.org/pub/OpenBSD/",
}

func expandMirror(raw string) string {
	rest := strings.TrimPrefix(raw, "mirror://")
	name, path, ok := strings.Cut(rest, "/")
	base, known := mirrors[name]
	if !ok || !known {
		return ""
	}
	return base + path
}

// siteAliases folds mirror hosts of one release site together; the
// longest matching prefix of "host/path" wins.
var siteAliases = []struct{ from, to string }{
	{"ftp.mozilla.org/pub/", "archive.mozilla.org/pub/"},
	{"download.cdn.mozilla.net/pub/", "archive.mozilla.org/pub/"},
	{"download-installer.cdn.mozilla.net/pub/", "archive.mozilla.org/pub/"},
	{"cdn.kernel.org/pub/", "kernel.org/pub/"},
	{"mirrors.edge.kernel.org/pub/", "kernel.org/pub/"},
	{"ftp.gnome.org/pub/gnome/", "download.gnome.org/"},
	{"ftp.gnome.org/pub/GNOME/", "download.gnome.org/"},
	{"x.org/releases/", "xorg.freedesktop.org/releases/"},
	{"x.org/archive/", "xorg.freedesktop.org/releases/"},
	{"xorg.freedesktop.org/archive/", "xorg.freedesktop.org/releases/"},
	{"downloads.apache.org/", "archive.apache.org/dist/"},
	{"dlcdn.apache.org/", "archive.apache.org/dist/"},
	{"apache.org/dist/", "archive.apache.org/dist/"},
	{"ftp.gnupg.org/gcrypt/", "gnupg.org/ftp/gcrypt/"},
	{"files.kde.org/", "download.kde.org/"},
	{"download.kde.org/Attic/", "download.kde.org/"},
}

var versionSeg = regexp.MustCompile(`^(v|V|version-|release-|rel-)?[0-9][0-9A-Za-z._+~-]*$`)

// noReleaseDir are hosts whose URLs are handled by project() or whose
// paths name no project (archives of arbitrary pages, blob stores).
var noReleaseDir = map[string]bool{
	"raw.githubusercontent.com": true, "web.archive.org": true, "storage.googleapis.com": true,
	"github.com": true, "codeload.github.com": true, "objects.githubusercontent.com": true,
	"files.pythonhosted.org": true, "pypi.io": true, "pypi.python.org": true, "pypi.org": true,
	"static.crates.io": true, "crates.io": true, "registry.npmjs.org": true, "rubygems.org": true,
	"hackage.haskell.org": true, "sources.archlinux.org": true, "gitlab.archlinux.org": true,
	"deb.debian.org": true, "ftp.debian.org": true, "sources.debian.org": true,
}

func releaseDir(u *url.URL) string {
	if noReleaseDir[u.Host] || isGitLab(u.Host) || ownerRepoHosts[u.Host] || strings.HasSuffix(u.Host, "cpan.org") {
		return ""
	}
	segs := segments(u)
	if len(segs) < 2 {
		return "" // a file at the site root names no directory
	}
	dir := segs[:len(segs)-1]
	full := u.Host + "/" + strings.Join(dir, "/") + "/"
	from, to := "", ""
	for _, a := range siteAliases {
		if strings.HasPrefix(full, a.from) && len(a.from) > len(from) {
			from, to = a.from, a.to
		}
	}
	if from != "" {
		full = to + strings.TrimPrefix(full, from)
	}
	parts := strings.Split(strings.TrimSuffix(full, "/"), "/")
	for i := 1; i < len(parts); i++ {
		if versionSeg.MatchString(parts[i]) {
			parts[i] = "*"
		}
	}
	stem := distName(segs[len(segs)-1])
	if stem == "" || versionSeg.MatchString(stem) {
		return "" // a bare directory is a place, not a project
	}
	return strings.Join(append(parts, stem), "/")
}

// kdeSets are the nixpkgs KDE sets and where download.kde.org releases them.
var kdeSets = map[string]string{
	"frameworks": "download.kde.org/stable/frameworks/*/",
	"plasma":     "download.kde.org/stable/plasma/*/",
	"gear":       "download.kde.org/stable/release-service/*/src/",
}

// KDE returns the dl: key of a nixpkgs kdePackages attribute whose src is
// "kde:SET": nixpkgs fetches those sets from download.kde.org, one tarball
// per pname, the same place Arch's PKGBUILDs fetch them from.
func KDE(src, pname string) []Key {
	set, ok := strings.CutPrefix(src, "kde:")
	dir, known := kdeSets[set]
	if !ok || !known || pname == "" || strings.Contains(pname, "/") {
		return nil
	}
	return []Key{Key(KindDL + ":" + dir + pname)}
}
