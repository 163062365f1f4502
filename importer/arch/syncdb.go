package arch

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"

	"github.com/nixarch/nixarch/model"
)

// The bounds on one sync database. Arch's extra.db is about 8 MiB packed
// and 40 MiB unpacked.
const (
	// MaxSyncDBSize is the largest sync database file, in bytes (256 MiB).
	MaxSyncDBSize = 256 << 20
	// MaxSyncDBUnpacked is the most bytes a sync database may unpack to
	// (1 GiB), so that a compression bomb cannot fill memory or time.
	MaxSyncDBUnpacked = 1 << 30
)

// A compression is a way a sync database file may be packed, found by
// its first bytes, as libarchive does; repo-add's choice depends on the
// file name it is given and on makepkg.conf, so the name proves nothing.
type compression struct {
	name  string
	magic []byte
	open  func(io.Reader) (io.Reader, error)
}

var compressions = []compression{
	{"gzip", []byte{0x1f, 0x8b}, func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
	{"zstd", []byte{0x28, 0xb5, 0x2f, 0xfd}, func(r io.Reader) (io.Reader, error) {
		return zstd.NewReader(r, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(MaxSyncDBUnpacked))
	}},
	{"xz", []byte{0xfd, '7', 'z', 'X', 'Z', 0x00}, func(r io.Reader) (io.Reader, error) { return xz.NewReader(r) }},
}

// unsupported are packings libalpm can read but nixarch does not.
var unsupported = []compression{
	{name: "bzip2", magic: []byte("BZh")},
	{name: "lzip", magic: []byte("LZIP")},
	{name: "lz4", magic: []byte{0x04, 0x22, 0x4d, 0x18}},
	{name: "compress (.Z)", magic: []byte{0x1f, 0x9d}},
}

// unpack returns the tar stream inside r, which may be compressed with
// gzip, zstd or xz, or not at all.
func unpack(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(512)
	if err != nil && err != io.EOF {
		return nil, err
	}
	if len(head) == 0 {
		return nil, errors.New("file is empty")
	}
	for _, c := range compressions {
		if bytes.HasPrefix(head, c.magic) {
			zr, err := c.open(br)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", c.name, err)
			}
			return zr, nil
		}
	}
	for _, c := range unsupported {
		if bytes.HasPrefix(head, c.magic) {
			return nil, fmt.Errorf("%s compression is not supported (gzip, zstd, xz or none are)", c.name)
		}
	}
	if len(head) >= 262 && string(head[257:262]) == "ustar" {
		return br, nil
	}
	return nil, errors.New("not a tar archive, packed or not with gzip, zstd or xz")
}

// readSyncDB reads the sync database file. Packages are sorted by name; a
// bad entry is left out with an error finding at the entry, whose origin is
// the archive's path followed by the entry's ("/var/lib/pacman/sync/core.db/
// bash-5.2-1/desc:3:1").
func readSyncDB(fsys fs.FS, file string) ([]DBPackage, []model.Finding, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, nil, trimPathError(err)
	}
	defer f.Close()
	packed := &boundedReader{r: f, n: MaxSyncDBSize, err: fmt.Errorf("file is larger than %s", byteSize(MaxSyncDBSize))}
	r, err := unpack(packed)
	if err != nil {
		return nil, nil, err
	}
	if c, ok := r.(io.Closer); ok {
		defer c.Close()
	}
	if d, ok := r.(*zstd.Decoder); ok {
		defer d.Close()
	}
	tr := tar.NewReader(&boundedReader{r: r, n: MaxSyncDBUnpacked, err: fmt.Errorf("unpacks to more than %s", byteSize(MaxSyncDBUnpacked))})
	type entry struct {
		dir     string
		parser  descParser
		hasDesc bool
	}
	var (
		entries  []*entry
		byDir    = make(map[string]*entry)
		findings []model.Finding
	)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read archive: %w", err)
		}
		dir, base := path.Split(strings.TrimPrefix(h.Name, "./"))
		dir = strings.TrimSuffix(dir, "/")
		if h.Typeflag != tar.TypeReg || strings.Contains(dir, "/") || dir == "" || (base != "desc" && base != "depends") {
			continue
		}
		name := systemPath(file) + "/" + dir + "/" + base
		if h.Size > MaxDescSize {
			findings = append(findings, model.Finding{
				Severity: model.SeverityError,
				Message:  fmt.Sprintf("entry is larger than %s and is left out", byteSize(MaxDescSize)),
				Origin:   model.Origin{File: name},
			})
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, nil, fmt.Errorf("read archive: %s: %w", h.Name, err)
		}
		e := byDir[dir]
		if e == nil {
			if len(entries) == MaxPackages {
				return nil, nil, fmt.Errorf("more than %d packages", MaxPackages)
			}
			e = &entry{dir: dir}
			byDir[dir] = e
			entries = append(entries, e)
		}
		if base == "desc" {
			e.hasDesc = true
			// The origin of the package is its desc, even when depends
			// came first.
			e.parser.pkg.Origin = model.Origin{File: name}
		}
		e.parser.parse(name, data)
	}
	var pkgs []DBPackage
	for _, e := range entries {
		file := systemPath(file) + "/" + e.dir + "/desc"
		if !e.hasDesc {
			findings = append(findings, model.Finding{
				Severity: model.SeverityError,
				Message:  fmt.Sprintf("package entry %s has no desc and is left out", e.dir),
				Origin:   model.Origin{File: file},
			})
			continue
		}
		e.parser.finish(file)
		findings = append(findings, errorFindings(e.parser.errs)...)
		if !usable(e.parser.pkg) {
			findings = append(findings, model.Finding{
				Severity: model.SeverityError,
				Message:  fmt.Sprintf("package entry %s is left out: its desc has no valid %%NAME%% and %%VERSION%%", e.dir),
				Origin:   model.Origin{File: file},
			})
			continue
		}
		pkgs = append(pkgs, e.parser.pkg)
	}
	pkgs, dups := sortPackages(pkgs)
	return pkgs, append(findings, dups...), nil
}

// A boundedReader reads at most n bytes from r and then fails with err.
type boundedReader struct {
	r   io.Reader
	n   int64
	err error
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.n <= 0 {
		// One byte more tells the end of r from a file over the bound.
		var one [1]byte
		if n, _ := b.r.Read(one[:]); n > 0 {
			return 0, b.err
		}
		return b.r.Read(p)
	}
	if int64(len(p)) > b.n {
		p = p[:b.n]
	}
	n, err := b.r.Read(p)
	b.n -= int64(n)
	return n, err
}
