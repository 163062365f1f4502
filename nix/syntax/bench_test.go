package syntax

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// benchSources returns the files to parse: the corpus named by -corpus
// (for example a nixpkgs checkout), or testdata/corpus.
func benchSources(b *testing.B) [][]byte {
	var srcs [][]byte
	if *corpusFlag != "" {
		for _, f := range nixFiles(b, *corpusFlag) {
			src, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			srcs = append(srcs, src)
		}
		return srcs
	}
	for _, src := range corpusSources(b) {
		srcs = append(srcs, src)
	}
	return srcs
}

func benchmarkParse(b *testing.B, parse func([]byte)) {
	srcs := benchSources(b)
	total := 0
	for _, s := range srcs {
		total += len(s)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range srcs {
			parse(s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(srcs)), "ns/file")
}

// BenchmarkParse measures ParseFile; allocs/op is per pass over all
// files, divide by the file count for allocations per file.
func BenchmarkParse(b *testing.B) {
	benchmarkParse(b, func(src []byte) { ParseFile("/bench/f.nix", src, NoScopeCheck()) })
}

// BenchmarkPrintParse measures what nixarch debug parse does per file:
// parse, check scopes, print canonically.
func BenchmarkPrintParse(b *testing.B) {
	s := NewSession()
	benchmarkParse(b, func(src []byte) { s.PrintParse(io.Discard, "/bench/f.nix", src) })
}

// BenchmarkPrintParseFiles measures what one nixarch debug parse
// process does: Session.PrintParseFiles over the files (of -corpus, or
// testdata/corpus) in batches of 500, a new Session per batch, reading
// the files and using every CPU. It reports MB/s of source and
// allocations per file.
func BenchmarkPrintParseFiles(b *testing.B) {
	dir := *corpusFlag
	if dir == "" {
		dir = filepath.Join("testdata", "corpus")
	}
	var files []string
	total := 0
	for _, f := range nixFiles(b, dir) {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		if _, errs := NewSession().Parse(f, src); len(errs) > 0 {
			continue // nix-instantiate would stop at it
		}
		files = append(files, f)
		total += len(src)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	mallocs := ms.Mallocs
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := 0; j < len(files); j += 500 {
			batch := files[j:min(j+500, len(files))]
			if err := NewSession().PrintParseFiles(io.Discard, batch, runtime.GOMAXPROCS(0)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&ms)
	n := float64(b.N * len(files))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/file")
	b.ReportMetric(float64(ms.Mallocs-mallocs)/n, "allocs/file")
}
