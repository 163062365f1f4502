//go:build alpm

package arch

import (
	"testing"

	"github.com/nixarch/nixarch/model"
)

// These tests need the alpm build tag (go test -tags alpm): they check that
// the pure-Go backend and libalpm read the same databases the same way.

// TestBackendsAgree reads the same roots with both backends and compares
// what each Database returns and the models ImportRoot makes. libalpm does
// not give the line of a package's name, so origins are compared by file.
func TestBackendsAgree(t *testing.T) {
	t.Parallel()
	roots := map[string]func(t *testing.T) string{
		"pacman":  func(t *testing.T) string { return buildPacmanRoot(t).dir },
		"fixture": func(t *testing.T) string { return writeRoot(t, testRoot(t)) },
		"large":   func(t *testing.T) string { return writeLocalDB(t, 300) },
	}
	for name, build := range roots {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := build(t)
			goDB, err := OpenDatabase(dir, BackendGo)
			if err != nil {
				t.Fatal(err)
			}
			defer goDB.Close()
			alpmDB, err := OpenDatabase(dir, BackendALPM)
			if err != nil {
				t.Fatal(err)
			}
			defer alpmDB.Close()

			goLocal, goFindings, err := goDB.Local()
			if err != nil {
				t.Fatal(err)
			}
			alpmLocal, _, err := alpmDB.Local()
			if err != nil {
				t.Fatal(err)
			}
			if len(goFindings) > 0 {
				t.Errorf("findings from the Go backend: %v", goFindings)
			}
			compare(t, "local packages", renderDB(goLocal), renderDB(alpmLocal))
			if len(goLocal) == 0 {
				t.Error("no local packages")
			}

			goSync, _, err := goDB.Sync()
			if err != nil {
				t.Fatal(err)
			}
			alpmSync, _, err := alpmDB.Sync()
			if err != nil {
				t.Fatal(err)
			}
			if len(goSync) != len(alpmSync) {
				t.Fatalf("%d sync databases from Go, %d from libalpm", len(goSync), len(alpmSync))
			}
			for i := range goSync {
				if goSync[i].Name != alpmSync[i].Name || goSync[i].Origin != alpmSync[i].Origin {
					t.Errorf("sync database %d: Go %s %s, libalpm %s %s", i, goSync[i].Name, goSync[i].Origin, alpmSync[i].Name, alpmSync[i].Origin)
				}
				compare(t, "sync database "+goSync[i].Name, renderDB(goSync[i].Packages), renderDB(alpmSync[i].Packages))
			}

			goSys, err := ImportRoot(dir, RootOptions{Backend: BackendGo})
			if err != nil {
				t.Fatal(err)
			}
			alpmSys, err := ImportRoot(dir, RootOptions{Backend: BackendALPM})
			if err != nil {
				t.Fatal(err)
			}
			for _, sys := range []*model.System{goSys, alpmSys} {
				for i := range sys.Packages {
					sys.Packages[i].Origin = model.Origin{File: sys.Packages[i].Origin.File}
				}
			}
			if got, want := encode(t, alpmSys), encode(t, goSys); got != want {
				t.Errorf("libalpm's model:\n%s\ndiffers from Go's:\n%s", got, want)
			}
		})
	}
}

func TestDefaultBackendIsALPM(t *testing.T) {
	if DefaultBackend != BackendALPM || len(Backends()) != 2 {
		t.Errorf("DefaultBackend = %s, Backends() = %v", DefaultBackend, Backends())
	}
}

// renderDB renders packages with the file of their origin only.
func renderDB(pkgs []DBPackage) []string {
	var out []string
	for _, p := range pkgs {
		p.Origin = model.Origin{File: p.Origin.File}
		out = append(out, renderDBPackage(p))
	}
	return out
}

// BenchmarkReadLocalDBALPM is BenchmarkReadLocalDB with libalpm.
func BenchmarkReadLocalDBALPM(b *testing.B) {
	dir := writeLocalDB(b, 2000)
	b.ReportAllocs()
	for b.Loop() {
		// libalpm caches what it read in its handle: open a new one each time.
		db, err := OpenDatabase(dir, BackendALPM)
		if err != nil {
			b.Fatal(err)
		}
		pkgs, _, err := db.Local()
		db.Close()
		if err != nil || len(pkgs) != 2000 {
			b.Fatalf("got %d packages and error %v", len(pkgs), err)
		}
	}
}
