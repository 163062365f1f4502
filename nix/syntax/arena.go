package syntax

// slab hands out values of type T from chunks allocated at once, and
// slices of them. A parser that is used again (see parser.reset) hands
// out the same memory again, so that printing many files one after the
// other allocates little: reset may only be called when nothing refers
// to the values any more.
type slab[T any] struct {
	chunks [][]T
	ci     int // index of cur in chunks
	cur    []T // the chunk handed out from
	n      int // elements of cur handed out
	size   int // elements in all chunks
	max    int // elements in a chunk at most, if not slabMax
}

const (
	slabFirst = 8    // elements in a slab's first chunk
	slabMax   = 1024 // elements in a chunk at most
)

// alloc returns a pointer to a zero T.
func (s *slab[T]) alloc() *T {
	if s.n >= len(s.cur) {
		s.grow(1)
	}
	x := &s.cur[s.n]
	s.n++
	return x
}

// make returns a slice of n zero Ts whose capacity is n, so that
// appending to it copies.
func (s *slab[T]) make(n int) []T {
	if n == 0 {
		return nil
	}
	if n > s.limit()/4 {
		return make([]T, n)
	}
	if len(s.cur)-s.n < n {
		s.grow(n)
	}
	x := s.cur[s.n : s.n+n : s.n+n]
	s.n += n
	return x
}

// copyOf returns a copy of xs in the slab, nil when xs is empty.
func (s *slab[T]) copyOf(xs []T) []T {
	out := s.make(len(xs))
	copy(out, xs)
	return out
}

// grow makes cur a chunk with room for n elements: the next chunk kept
// from before a reset, or a new one.
//
//go:noinline
func (s *slab[T]) grow(n int) {
	for s.ci+1 < len(s.chunks) {
		s.ci++
		if c := s.chunks[s.ci]; len(c) >= n {
			s.cur, s.n = c, 0
			return
		}
	}
	size := max(slabFirst, s.limit()/128)
	if k := len(s.chunks); k > 0 {
		size = min(2*len(s.chunks[k-1]), s.limit())
	}
	size = max(size, n)
	c := make([]T, size)
	s.chunks = append(s.chunks, c)
	s.ci = len(s.chunks) - 1
	s.cur, s.n = c, 0
	s.size += size
}

func (s *slab[T]) limit() int {
	if s.max > 0 {
		return s.max
	}
	return slabMax
}

// reset zeroes the elements handed out and starts over with the first
// chunk.
func (s *slab[T]) reset() {
	if len(s.chunks) == 0 {
		return
	}
	for i := 0; i < s.ci; i++ {
		clear(s.chunks[i])
	}
	// Only what was handed out of the last chunk: the rest may never
	// have been touched.
	clear(s.cur[:s.n])
	s.ci = 0
	s.cur, s.n = s.chunks[0], 0
}
