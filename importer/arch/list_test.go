package arch

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/nixarch/nixarch/model"
)

// listTests cover every line format and every error. Packages are written
// "origin name [version] [repo=repo]", findings "severity origin: message"
// and errors as Error() gives them. The file is always pkgs.txt.
var listTests = []struct {
	name     string
	in       string
	opts     ListOptions
	pkgs     []string
	findings []string
	errs     []string
}{
	{
		name: "pacman -Qqe",
		in:   "base\nlinux\nvim\n",
		pkgs: []string{"pkgs.txt:1:1 base", "pkgs.txt:2:1 linux", "pkgs.txt:3:1 vim"},
	},
	{
		name: "pacman -Qe",
		in:   "linux 6.6.1.arch1-1\nvim 1:9.0.1-1\nyay-bin r123.abcdef-2\nlib32-foo 2.3-1.1\n",
		pkgs: []string{
			"pkgs.txt:1:1 linux 6.6.1.arch1-1",
			"pkgs.txt:2:1 vim 1:9.0.1-1",
			"pkgs.txt:3:1 yay-bin r123.abcdef-2",
			"pkgs.txt:4:1 lib32-foo 2.3-1.1",
		},
	},
	{
		name: "names and versions mixed",
		in:   "base\nvim 1:9.0.1-1\ngit\n",
		pkgs: []string{"pkgs.txt:1:1 base", "pkgs.txt:2:1 vim 1:9.0.1-1", "pkgs.txt:3:1 git"},
	},
	{
		name: "every name character",
		in:   "gcc@12\npython-foo_bar\nlibc++\n0ad\nx.org\n",
		pkgs: []string{"pkgs.txt:1:1 gcc@12", "pkgs.txt:2:1 python-foo_bar", "pkgs.txt:3:1 libc++", "pkgs.txt:4:1 0ad", "pkgs.txt:5:1 x.org"},
	},
	{
		name: "foreign list",
		in:   "yay 12.3.5-1\nparu-bin\nAddPackage aconfmgr-git\n",
		opts: ListOptions{Foreign: true},
		pkgs: []string{"pkgs.txt:1:1 yay 12.3.5-1 repo=foreign", "pkgs.txt:2:1 paru-bin repo=foreign", "pkgs.txt:3:12 aconfmgr-git repo=foreign"},
	},
	{
		name: "aconfmgr",
		in: "# Packages\n" +
			"AddPackage linux # The Linux kernel and modules\n" +
			"AddPackage --foreign yay # Yet another yogurt\n" +
			"AddPackage 'git' \"vim\"\n" +
			"AddPackage\tgcc'@'\"12\"\n",
		pkgs: []string{
			"pkgs.txt:2:12 linux",
			"pkgs.txt:3:22 yay repo=foreign",
			"pkgs.txt:4:12 git",
			"pkgs.txt:4:18 vim",
			"pkgs.txt:5:12 gcc@12",
		},
	},
	{
		name: "comments blanks and spaces",
		in:   "# pacman -Qqe\n\n  base  \n\tvim\t# editor\n   # indented comment\nfoo#bar\n",
		pkgs: []string{"pkgs.txt:3:3 base", "pkgs.txt:4:2 vim"},
		errs: []string{`pkgs.txt:6:1: invalid package name "foo#bar": '#' is not allowed (a-z 0-9 @ . _ + -)`},
	},
	{
		name: "CRLF",
		in:   "base\r\nvim 1:9.0.1-1\r\nAddPackage git # vcs\r\n",
		pkgs: []string{"pkgs.txt:1:1 base", "pkgs.txt:2:1 vim 1:9.0.1-1", "pkgs.txt:3:12 git"},
	},
	{
		name: "byte order mark",
		in:   "\ufeffbase\nvim\n",
		pkgs: []string{"pkgs.txt:1:1 base", "pkgs.txt:2:1 vim"},
	},
	{
		name: "byte order mark before an error",
		in:   "\ufeff Base\n",
		errs: []string{`pkgs.txt:1:2: invalid package name "Base": 'B' is not allowed (package names are lowercase)`},
	},
	{
		name: "no final line ending",
		in:   "base\nvim",
		pkgs: []string{"pkgs.txt:1:1 base", "pkgs.txt:2:1 vim"},
	},
	{
		name:     "empty",
		in:       "",
		findings: []string{"info pkgs.txt: package list has no packages"},
	},
	{
		name:     "only comments",
		in:       "# nothing here\n\n   \n",
		findings: []string{"info pkgs.txt: package list has no packages"},
	},
	{
		name: "duplicate",
		in:   "base\nvim\nAddPackage --foreign base\n",
		pkgs: []string{"pkgs.txt:1:1 base", "pkgs.txt:2:1 vim"},
		findings: []string{
			`warning pkgs.txt:3:22: duplicate package "base": first listed at line 1`,
		},
	},
	{
		name: "other aconfmgr commands",
		in: "AddPackage base\n" +
			"RemovePackage vim\n" +
			"IgnorePackage --foreign yay\n" +
			"AddPackageGroup base-devel\n" +
			"AddPackageGroup\n" +
			"CopyFile /etc/pacman.conf\n" +
			"CopyFileTo /etc/a /etc/b 600\n" +
			"CreateFile /etc/c > /dev/null\n" +
			"GetPackageOriginalFile pacman /etc/pacman.conf\n" +
			"CreateLink /etc/localtime /usr/share/zoneinfo/UTC\n" +
			"CreateDir /srv 755\n" +
			"RemoveFile /etc/d\n" +
			"  SetFileProperty /etc/e mode 600 # keep it private\n" +
			"IgnorePath '/var/*'\n" +
			"AddFileContentFilter '/etc/f' Filter\n",
		pkgs: []string{"pkgs.txt:1:12 base"},
		findings: []string{
			"warning pkgs.txt:2:1: aconfmgr RemovePackage is not imported from a package list; packages it removes are still imported where AddPackage names them",
			"warning pkgs.txt:3:1: aconfmgr IgnorePackage is not imported from a package list",
			`warning pkgs.txt:4:1: package group "base-devel" is not expanded: list its packages (pacman -Sgq base-devel) instead`,
			"warning pkgs.txt:5:1: aconfmgr AddPackageGroup is not imported from a package list",
			"warning pkgs.txt:6:1: aconfmgr CopyFile is not imported from a package list",
			"warning pkgs.txt:7:1: aconfmgr CopyFileTo is not imported from a package list",
			"warning pkgs.txt:8:1: aconfmgr CreateFile is not imported from a package list",
			"warning pkgs.txt:9:1: aconfmgr GetPackageOriginalFile is not imported from a package list",
			"warning pkgs.txt:10:1: aconfmgr CreateLink is not imported from a package list",
			"warning pkgs.txt:11:1: aconfmgr CreateDir is not imported from a package list",
			"warning pkgs.txt:12:1: aconfmgr RemoveFile is not imported from a package list",
			"warning pkgs.txt:13:3: aconfmgr SetFileProperty is not imported from a package list",
			"warning pkgs.txt:14:1: aconfmgr IgnorePath is not imported from a package list",
			"warning pkgs.txt:15:1: aconfmgr AddFileContentFilter is not imported from a package list",
		},
	},
	{
		name: "bash control flow",
		in: "if [[ $HOSTNAME = laptop ]]\nthen\n  AddPackage tlp\nelse\n  AddPackage cpupower\nfi\n" +
			"for p in a b; do AddPackage $p; done\ntime\n",
		pkgs: []string{"pkgs.txt:3:14 tlp", "pkgs.txt:5:14 cpupower", "pkgs.txt:8:1 time"},
		findings: []string{
			`warning pkgs.txt:1:1: bash "if" is not evaluated: packages under it are imported unconditionally`,
			`warning pkgs.txt:4:1: bash "else" is not evaluated: packages under it are imported unconditionally`,
			`warning pkgs.txt:7:1: bash "for" is not evaluated: packages under it are imported unconditionally`,
		},
	},
	{
		name: "three words",
		in:   "base\nvim 1:9.0.1-1 extra\n",
		pkgs: []string{"pkgs.txt:1:1 base"},
		errs: []string{`pkgs.txt:2:15: unexpected word "extra": a package list line is "name" or "name version"`},
	},
	{
		name: "bad versions",
		in:   "firefox chromium\nvim 9.0\nvim2 a:1-1\nvim3 1:2:3-1\nvim4 1-x\nvim5 -1\nvim6 1/2-1\nvim7 1-1.\nvim8 ''\n",
		errs: []string{
			`pkgs.txt:1:9: invalid version "chromium": want [epoch:]pkgver-pkgrel, such as 1:2.3.4-1`,
			`pkgs.txt:2:5: invalid version "9.0": want [epoch:]pkgver-pkgrel, such as 1:2.3.4-1`,
			`pkgs.txt:3:6: invalid version "a:1-1": want [epoch:]pkgver-pkgrel, such as 1:2.3.4-1`,
			`pkgs.txt:4:6: invalid version "1:2:3-1": want [epoch:]pkgver-pkgrel, such as 1:2.3.4-1`,
			`pkgs.txt:5:6: invalid version "1-x": want [epoch:]pkgver-pkgrel, such as 1:2.3.4-1`,
			`pkgs.txt:6:6: invalid version "-1": want [epoch:]pkgver-pkgrel, such as 1:2.3.4-1`,
			`pkgs.txt:7:6: invalid version "1/2-1": want [epoch:]pkgver-pkgrel, such as 1:2.3.4-1`,
			`pkgs.txt:8:6: invalid version "1-1.": want [epoch:]pkgver-pkgrel, such as 1:2.3.4-1`,
			`pkgs.txt:9:6: invalid version "": want [epoch:]pkgver-pkgrel, such as 1:2.3.4-1`,
		},
	},
	{
		name: "AddPackage without a name",
		in:   "AddPackage\n  AddPackage --foreign # AUR\n",
		errs: []string{
			"pkgs.txt:1:1: AddPackage without a package name",
			"pkgs.txt:2:3: AddPackage without a package name",
		},
	},
	{
		name: "AddPackage flags",
		in:   "AddPackage --needed base\nAddPackage vim --foreign\nAddPackage -f git\n",
		pkgs: []string{"pkgs.txt:1:21 base", "pkgs.txt:2:12 vim", "pkgs.txt:3:15 git"},
		errs: []string{
			`pkgs.txt:1:12: unknown AddPackage flag "--needed"`,
			"pkgs.txt:2:16: AddPackage --foreign must come before the package names",
			`pkgs.txt:3:12: unknown AddPackage flag "-f"`,
		},
	},
	{
		name: "invalid names",
		in: "Firefox\n-foo\n.foo\nfoo/bar\nf\u00f6o\n\xff\n''\nAddPackage ''\nAddPackage $pkg\n'AddPackage' vim\n" +
			"foo\x00\nfoo\rbar\n",
		errs: []string{
			`pkgs.txt:1:1: invalid package name "Firefox": 'F' is not allowed (package names are lowercase)`,
			`pkgs.txt:2:1: invalid package name "-foo": must not start with '-'`,
			`pkgs.txt:3:1: invalid package name ".foo": must not start with '.'`,
			`pkgs.txt:4:1: invalid package name "foo/bar": '/' is not allowed (a-z 0-9 @ . _ + -)`,
			`pkgs.txt:5:1: invalid package name "föo": 'ö' is not allowed (a-z 0-9 @ . _ + -)`,
			`pkgs.txt:6:1: invalid package name "\xff": byte 0xff is not allowed (a-z 0-9 @ . _ + -)`,
			`pkgs.txt:7:1: empty package name`,
			`pkgs.txt:8:12: empty package name`,
			`pkgs.txt:9:12: invalid package name "$pkg": '$' is not allowed (a-z 0-9 @ . _ + -)`,
			`pkgs.txt:10:1: invalid package name "AddPackage": 'A' is not allowed (package names are lowercase)`,
			`pkgs.txt:11:1: invalid package name "foo\x00": '\x00' is not allowed (a-z 0-9 @ . _ + -)`,
			`pkgs.txt:12:1: invalid package name "foo\rbar": '\r' is not allowed (a-z 0-9 @ . _ + -)`,
		},
	},
	{
		name: "unterminated quote",
		in:   "AddPackage 'base\nvim\"\n",
		errs: []string{
			"pkgs.txt:1:12: quoted string not terminated",
			"pkgs.txt:2:4: quoted string not terminated",
		},
	},
	{
		name: "longest line",
		in:   strings.Repeat("a", MaxLineLength) + "\r\n",
		pkgs: []string{"pkgs.txt:1:1 " + strings.Repeat("a", MaxLineLength)},
	},
	{
		name: "line too long",
		in:   "base\n" + strings.Repeat("a", MaxLineLength+1) + "\nvim\n" + strings.Repeat("#", 100_000) + "\ngit",
		pkgs: []string{"pkgs.txt:1:1 base", "pkgs.txt:3:1 vim", "pkgs.txt:5:1 git"},
		errs: []string{
			"pkgs.txt:2:4097: line is longer than 4096 bytes",
			"pkgs.txt:4:4097: line is longer than 4096 bytes",
		},
	},
	{
		name: "too many errors",
		in:   strings.Repeat("Bad\n", MaxErrors) + "base\n  Worse\nvim\n",
		pkgs: []string{"pkgs.txt:21:1 base"},
		errs: append(repeatf(MaxErrors, `pkgs.txt:%d:1: invalid package name "Bad": 'B' is not allowed (package names are lowercase)`),
			"pkgs.txt:22:3: too many errors"),
	},
}

// repeatf returns format formatted with 1 to n.
func repeatf(n int, format string) []string {
	var s []string
	for i := 1; i <= n; i++ {
		s = append(s, fmt.Sprintf(format, i))
	}
	return s
}

func TestReadPackageList(t *testing.T) {
	for _, tt := range listTests {
		t.Run(tt.name, func(t *testing.T) {
			pkgs, findings, err := ReadPackageList("pkgs.txt", strings.NewReader(tt.in), tt.opts)
			checkResult(t, pkgs, findings, err, tt.pkgs, tt.findings, tt.errs)
		})
	}
}

// limitTests check the bounds, shrunk to a size a test can write out.
var limitTests = []struct {
	name     string
	in       string
	limits   limits
	pkgs     []string
	findings []string
	errs     []string
}{
	{
		name:   "input at the size limit",
		in:     "aaaa\nbbbb\ncccc\nddd\n", // 20 bytes
		limits: limits{maxLine: 16, maxInput: 20, maxPackages: 10, maxErrors: 10},
		pkgs:   []string{"pkgs.txt:1:1 aaaa", "pkgs.txt:2:1 bbbb", "pkgs.txt:3:1 cccc", "pkgs.txt:4:1 ddd"},
	},
	{
		name:   "input too large",
		in:     "aaaa\nbbbb\ncccc\ndddd\neeee\n", // e is byte 21
		limits: limits{maxLine: 16, maxInput: 20, maxPackages: 10, maxErrors: 10},
		pkgs:   []string{"pkgs.txt:1:1 aaaa", "pkgs.txt:2:1 bbbb", "pkgs.txt:3:1 cccc", "pkgs.txt:4:1 dddd"},
		errs:   []string{"pkgs.txt:5:1: input is larger than 20 bytes"},
	},
	{
		name:   "input too large with a byte order mark",
		in:     "\ufeffaaa\nbbbbbbbbbbbbbbbb",
		limits: limits{maxLine: 16, maxInput: 20, maxPackages: 10, maxErrors: 10},
		pkgs:   []string{"pkgs.txt:1:1 aaa"},
		errs:   []string{"pkgs.txt:2:14: input is larger than 20 bytes"},
	},
	{
		name:   "input too large on the first line",
		in:     "\ufeffaaaaaaaaaaaaaaaaaaaaaaaaa",
		limits: limits{maxLine: 100, maxInput: 20, maxPackages: 10, maxErrors: 10},
		errs:   []string{"pkgs.txt:1:18: input is larger than 20 bytes"},
	},
	{
		name:   "line too long",
		in:     "\ufeffaaaa\r\nbbbbb\r\ncccc",
		limits: limits{maxLine: 4, maxInput: 100, maxPackages: 10, maxErrors: 10},
		pkgs:   []string{"pkgs.txt:1:1 aaaa", "pkgs.txt:3:1 cccc"},
		errs:   []string{"pkgs.txt:2:5: line is longer than 4 bytes"},
	},
	{
		name:     "too many packages",
		in:       "a\nb\na\nc\nd\ne\n",
		limits:   limits{maxLine: 100, maxInput: 100, maxPackages: 3, maxErrors: 10},
		pkgs:     []string{"pkgs.txt:1:1 a", "pkgs.txt:2:1 b", "pkgs.txt:4:1 c"},
		findings: []string{`warning pkgs.txt:3:1: duplicate package "a": first listed at line 1`},
		errs:     []string{"pkgs.txt:5:1: more than 3 packages"},
	},
	{
		name:   "too many packages on one line",
		in:     "AddPackage a b c d Bad\n",
		limits: limits{maxLine: 100, maxInput: 100, maxPackages: 3, maxErrors: 10},
		pkgs:   []string{"pkgs.txt:1:12 a", "pkgs.txt:1:14 b", "pkgs.txt:1:16 c"},
		errs:   []string{"pkgs.txt:1:18: more than 3 packages"},
	},
	{
		name:   "too many errors",
		in:     "A\nB\nC\nD\n",
		limits: limits{maxLine: 100, maxInput: 100, maxPackages: 10, maxErrors: 2},
		errs: []string{
			`pkgs.txt:1:1: invalid package name "A": 'A' is not allowed (package names are lowercase)`,
			`pkgs.txt:2:1: invalid package name "B": 'B' is not allowed (package names are lowercase)`,
			"pkgs.txt:3:1: too many errors",
		},
	},
	{
		name:   "too many errors on one line",
		in:     "AddPackage -a -b -c\n",
		limits: limits{maxLine: 100, maxInput: 100, maxPackages: 10, maxErrors: 2},
		errs: []string{
			`pkgs.txt:1:12: unknown AddPackage flag "-a"`,
			`pkgs.txt:1:15: unknown AddPackage flag "-b"`,
			"pkgs.txt:1:18: too many errors",
		},
	},
}

func TestReadPackageListLimits(t *testing.T) {
	for _, tt := range limitTests {
		t.Run(tt.name, func(t *testing.T) {
			pkgs, findings, err := readPackageList("pkgs.txt", strings.NewReader(tt.in), ListOptions{}, tt.limits)
			checkResult(t, pkgs, findings, err, tt.pkgs, tt.findings, tt.errs)
		})
	}
}

func TestReadPackageListMaxInputSize(t *testing.T) {
	line := strings.Repeat("#", 1023) + "\n"
	in := strings.Repeat(line, MaxInputSize/len(line)) + "base\n"
	_, _, err := ReadPackageList("big.txt", strings.NewReader(in), ListOptions{})
	const want = "big.txt:16385:1: input is larger than 16 MiB"
	if err == nil || err.Error() != want {
		t.Fatalf("got error %v, want %s", err, want)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestReadPackageListReadError(t *testing.T) {
	_, _, err := ReadPackageList("pkgs.txt", failingReader{}, ListOptions{})
	const want = "read package list pkgs.txt: disk on fire"
	if err == nil || err.Error() != want {
		t.Fatalf("got error %v, want %s", err, want)
	}
}

// checkResult compares what ReadPackageList returned with the rendered
// packages, findings and errors a test wants.
func checkResult(t *testing.T, pkgs []model.Package, findings []model.Finding, err error, wantPkgs, wantFindings, wantErrs []string) {
	t.Helper()
	compare(t, "packages", renderPackages(pkgs), wantPkgs)
	compare(t, "findings", renderFindings(findings), wantFindings)
	var gotErrs []string
	if err != nil {
		var list model.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("error %v is a %T, not a model.ErrorList", err, err)
		}
		for _, e := range list {
			gotErrs = append(gotErrs, e.Error())
		}
	}
	compare(t, "errors", gotErrs, wantErrs)
	for _, p := range pkgs {
		if p.Owner != model.OwnerSystem {
			t.Errorf("package %s has owner %q, want %q", p.Name, p.Owner, model.OwnerSystem)
		}
	}
}

func compare(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") == strings.Join(want, "\n") {
		return
	}
	t.Errorf("%s:\ngot:\n\t%s\nwant:\n\t%s", what, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
}

func renderPackages(pkgs []model.Package) []string {
	var s []string
	for _, p := range pkgs {
		line := p.Origin.String() + " " + p.Name
		if p.Version != "" {
			line += " " + p.Version
		}
		if p.Repo != "" {
			line += " repo=" + p.Repo
		}
		s = append(s, line)
	}
	return s
}

func renderFindings(findings []model.Finding) []string {
	var s []string
	for _, f := range findings {
		s = append(s, fmt.Sprintf("%s %s: %s", f.Severity, f.Origin, f.Message))
	}
	return s
}
