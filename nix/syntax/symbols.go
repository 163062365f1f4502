package syntax

import (
	"strings"
	"sync"
)

// symbolTable numbers names the way Nix 2.8 orders its symbols: the
// symbols Nix creates at start-up first, then every other name in the
// order Nix's parser creates it. Nix compares symbols by address, so
// this order decides how let bindings and formals are printed.
type symbolTable struct {
	m     map[string]int32
	next  int32
	count int      // symbols created so far
	names []string // created symbols in order, when recording
	rec   bool
	clone bool // copy names, which otherwise point into the source
}

var (
	startupOnce    sync.Once
	startupSymbols map[string]int32
	globalNames    map[string]bool
)

func initStartup() {
	startupOnce.Do(func() {
		startupSymbols = make(map[string]int32, len(nixStartupSymbols))
		for i, s := range nixStartupSymbols {
			startupSymbols[s] = int32(i)
		}
		for i, s := range nixDerivationSymbols {
			startupSymbols[s] = int32(len(nixStartupSymbols) + nixEarlyHoles + i)
		}
		globalNames = make(map[string]bool, len(nixGlobals))
		for _, s := range nixGlobals {
			globalNames[s] = true
		}
	})
}

func newSymbolTable() *symbolTable {
	initStartup()
	return &symbolTable{m: make(map[string]int32), next: int32(len(nixStartupSymbols))}
}

// intern returns the number of name, creating the symbol if needed.
func (t *symbolTable) intern(name string) int32 {
	if r, ok := startupSymbols[name]; ok {
		return r
	}
	if r, ok := t.m[name]; ok {
		return r
	}
	r := t.next
	t.next++
	t.count++
	if t.count == nixEarlyHoles {
		t.next += int32(len(nixDerivationSymbols))
	}
	if t.clone {
		name = strings.Clone(name)
	}
	t.m[name] = r
	if t.rec {
		t.names = append(t.names, name)
	}
	return r
}

// remap interns the symbols that local created, in order, into t and
// returns the ranks that translate local's numbers into t's.
func (t *symbolTable) remap(local *symbolTable) ranks {
	r := make(ranks, local.next)
	for i := range r {
		r[i] = int32(i) // start-up symbols keep their numbers
	}
	for _, name := range local.names {
		r[local.m[name]] = t.intern(name)
	}
	return r
}
