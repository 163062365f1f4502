package syntax

import (
	"io"
	"os"
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
