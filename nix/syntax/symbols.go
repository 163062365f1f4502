package syntax

import (
	"hash/maphash"
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
	count int  // symbols created so far
	clone bool // copy names, which otherwise point into the source

	// A worker's table (see newWorkerTable) numbers the names of one
	// file after another as a new table would, without emptying a map.
	w       wsymTable
	gen     uint32  // the file being numbered
	created []*wsym // the symbols the file created, in order
	nums    []int32 // their numbers
}

// wsym is a name in a worker's table. The worker writes gen and num;
// session belongs to the goroutine that merges files into a Session.
type wsym struct {
	name    string // a copy, which outlives the source
	hash    uint64
	gen     uint32 // file num is for; startupGen for a start-up symbol
	num     int32
	session int32 // number in the Session, or -1 when not known yet
}

// wsymTable is a hash set of wsyms by name, with open addressing: a
// worker looks up every name of every file in it, which a map does
// more slowly.
type wsymTable struct {
	slots []*wsym // a power of two of them, at most half full
	n     int
	seed  maphash.Seed
	syms  slab[wsym]
}

// find returns the wsym of name, adding it when it is new. The start-up
// symbols are added as they are met.
func (t *wsymTable) find(name string) *wsym {
	h := maphash.String(t.seed, name)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		e := t.slots[i]
		if e == nil {
			e = t.syms.alloc()
			*e = wsym{name: strings.Clone(name), hash: h, session: -1}
			if r, ok := startupSymbols[name]; ok {
				e.gen, e.num, e.session = startupGen, r, r
			}
			t.slots[i] = e
			if t.n++; 2*t.n > len(t.slots) {
				t.grow()
			}
			return e
		}
		if e.hash == h && e.name == name {
			return e
		}
	}
}

func (t *wsymTable) grow() {
	old := t.slots
	t.slots = make([]*wsym, 2*len(old))
	mask := uint64(len(t.slots) - 1)
	for _, e := range old {
		if e == nil {
			continue
		}
		i := e.hash & mask
		for t.slots[i] != nil {
			i = (i + 1) & mask
		}
		t.slots[i] = e
	}
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

// newWorkerTable returns a table for numbering the symbols of one
// file after another, with room for size more names; newFile starts
// each.
func newWorkerTable(size int) *symbolTable {
	initStartup()
	n := 16
	for n < 2*size {
		n *= 2
	}
	t := &symbolTable{w: wsymTable{slots: make([]*wsym, n), seed: maphash.MakeSeed()}}
	t.newFile()
	return t
}

// startupGen marks the start-up symbols of a worker's table, whose
// numbers hold for every file. (Files count from 1 and would take
// 2³² of them to reach it.)
const startupGen = ^uint32(0)

// newFile makes t, a worker's table, number a new file's symbols.
func (t *symbolTable) newFile() {
	t.gen++
	t.next = int32(len(nixStartupSymbols))
	t.count = 0
	t.created = t.created[:0]
	t.nums = t.nums[:0]
}

// internWorker is intern for a worker's table.
func (t *symbolTable) internWorker(name string) int32 {
	e := t.w.find(name)
	if e.gen == t.gen || e.gen == startupGen {
		return e.num
	}
	e.gen, e.num = t.gen, t.newNumber()
	t.created = append(t.created, e)
	t.nums = append(t.nums, e.num)
	return e.num
}

// newNumber returns the number of the next symbol created.
func (t *symbolTable) newNumber() int32 {
	r := t.next
	t.next++
	t.count++
	if t.count == nixEarlyHoles {
		t.next += int32(len(nixDerivationSymbols))
	}
	return r
}

// intern returns the number of name, creating the symbol if needed.
func (t *symbolTable) intern(name string) int32 {
	if t.w.slots != nil {
		return t.internWorker(name)
	}
	if r, ok := startupSymbols[name]; ok {
		return r
	}
	if r, ok := t.m[name]; ok {
		return r
	}
	r := t.newNumber()
	if t.clone {
		name = strings.Clone(name)
	}
	t.m[name] = r
	return r
}

// merge interns the symbols that a worker's table created for a file,
// in order, into t, and returns the ranks that translate the file's
// numbers into t's, in the memory of r.
func (t *symbolTable) merge(r ranks, created []*wsym, nums []int32, next int32) ranks {
	if n := int(next); len(r) < n {
		for i := len(r); i < n; i++ {
			r = append(r, int32(i)) // start-up symbols keep their numbers
		}
	}
	for i, e := range created {
		if e.session < 0 {
			e.session = t.intern(e.name)
		}
		r[nums[i]] = e.session
	}
	return r[:next]
}
