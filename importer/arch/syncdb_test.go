package arch

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

func TestReadSyncDB(t *testing.T) {
	t.Parallel()
	tarball := makeTar(t, map[string]string{
		"zsh-5.9-5/desc":      desc("NAME", "zsh", "VERSION", "5.9-5", "GROUPS", "shells"),
		"bash-5.2.026-2/desc": desc("NAME", "bash", "VERSION", "5.2.026-2", "GROUPS", "base\nshells"),
		// Old databases keep %DEPENDS% in a file of its own.
		"bash-5.2.026-2/depends": desc("DEPENDS", "glibc\nreadline"),
		"bash-5.2.026-2/files":   "%FILES%\nusr/bin/bash\n\n",
	})
	want := []string{
		`"bash" "5.2.026-2" arch="" dep=false groups=[base shells] provides=[] depends=[glibc readline] desc="" @/var/lib/pacman/sync/core.db/bash-5.2.026-2/desc:2:1`,
		`"zsh" "5.9-5" arch="" dep=false groups=[shells] provides=[] depends=[] desc="" @/var/lib/pacman/sync/core.db/zsh-5.9-5/desc:2:1`,
	}
	for _, how := range []string{"none", "gzip", "zstd", "xz"} {
		t.Run(how, func(t *testing.T) {
			t.Parallel()
			fsys := fstest.MapFS{"var/lib/pacman/sync/core.db": {Data: pack(t, how, tarball)}}
			pkgs, findings, err := readSyncDB(fsys, "var/lib/pacman/sync/core.db")
			if err != nil || len(findings) > 0 {
				t.Fatalf("error %v, findings %v", err, findings)
			}
			var got []string
			for _, p := range pkgs {
				got = append(got, renderDBPackage(p))
			}
			compare(t, "packages", got, want)
		})
	}
}

func TestReadSyncDBErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data []byte
		want string // the error, or the findings joined by newlines
	}{
		{"empty", nil, "error: file is empty"},
		{"text", []byte("hello, this is not a database\n"), "error: not a tar archive, packed or not with gzip, zstd or xz"},
		{"bzip2", []byte("BZh91AY&SY"), "error: bzip2 compression is not supported (gzip, zstd, xz or none are)"},
		{"truncated gzip", pack(t, "gzip", makeTar(t, map[string]string{"a-1-1/desc": desc("NAME", "a", "VERSION", "1-1")}))[:30], "error: read archive: unexpected EOF"},
		{"bad entry", pack(t, "gzip", makeTar(t, map[string]string{
			"a-1-1/desc":       desc("NAME", "a", "VERSION", "1-1"),
			"b-1-1/desc":       "%NAME%\nb\n",
			"c-1-1/depends":    desc("DEPENDS", "a"),
			"ignored/sub/desc": "junk",
		})), "error /var/lib/pacman/sync/x.db/b-1-1/desc: no %VERSION% field\n" +
			"error /var/lib/pacman/sync/x.db/b-1-1/desc: package entry b-1-1 is left out: its desc has no valid %NAME% and %VERSION%\n" +
			"error /var/lib/pacman/sync/x.db/c-1-1/desc: package entry c-1-1 has no desc and is left out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fsys := fstest.MapFS{"var/lib/pacman/sync/x.db": {Data: tt.data}}
			_, findings, err := readSyncDB(fsys, "var/lib/pacman/sync/x.db")
			got := strings.Join(renderFindings(findings), "\n")
			if err != nil {
				got = "error: " + err.Error()
			}
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestSyncDBBomb checks that a database that unpacks to more than the
// bound is refused, after reading no more than the bound.
func TestSyncDBBomb(t *testing.T) {
	t.Parallel()
	huge := strings.Repeat("x", 1<<20)
	r := &boundedReader{r: bytes.NewReader([]byte(huge)), n: 1 << 10, err: errBomb}
	var buf bytes.Buffer
	_, err := buf.ReadFrom(r)
	if err != errBomb || buf.Len() != 1<<10 {
		t.Errorf("read %d bytes, error %v; want %d and errBomb", buf.Len(), err, 1<<10)
	}
	r = &boundedReader{r: bytes.NewReader([]byte(huge[:1<<10])), n: 1 << 10, err: errBomb}
	buf.Reset()
	if _, err := buf.ReadFrom(r); err != nil || buf.Len() != 1<<10 {
		t.Errorf("read %d bytes, error %v; want %d and none", buf.Len(), err, 1<<10)
	}
}

var errBomb = bytesError("too much")

type bytesError string

func (e bytesError) Error() string { return string(e) }

// TestSyncOrder checks that the repository of a package is the first
// section of pacman.conf whose database has it, and that databases that
// pacman.conf does not name come after, by name.
func TestSyncOrder(t *testing.T) {
	t.Parallel()
	db := func(name string) *fstest.MapFile {
		return &fstest.MapFile{Data: syncDB(t, "gzip", [3]string{name, "1-1", ""}, [3]string{"shared", "1-1", ""})}
	}
	fsys := fstest.MapFS{
		"var/lib/pacman/local/ALPM_DB_VERSION": file("9\n"),
		"var/lib/pacman/sync/aaa.db":           db("aaa"),
		"var/lib/pacman/sync/core.db":          db("core"),
		"var/lib/pacman/sync/testing.db":       db("testing"),
		"var/lib/pacman/sync/core.files":       {Data: []byte("not read")},
		"etc/pacman.conf":                      file("[options]\n[testing]\n[core]\n[missing]\n"),
	}
	names, findings, err := syncDBNames(fsys)
	if err != nil || len(findings) > 0 {
		t.Fatal(err, findings)
	}
	compare(t, "order", names, []string{"testing", "core", "aaa"})
}
