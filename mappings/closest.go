package mappings

import (
	"sort"
	"strings"
)

// maxClosest is how many names spelt like an unmapped one a lookup
// suggests when nothing better explains it.
const maxClosest = 3

// spelling indexes one side's names by length, for closest.
type spelling map[int][]string

func newSpelling(names []string) spelling {
	s := spelling{}
	for _, n := range names {
		s[len(n)] = append(s[len(n)], n)
	}
	return s
}

// closest returns up to maxClosest names within a small edit distance of
// name (1 for names of up to four bytes, else 2), nearest first, then in
// byte order. Only names whose length is within that distance are
// compared, and each comparison stops once it exceeds it, so a lookup
// costs well under a millisecond. Suggestions are never mappings.
func (s spelling) closest(name string) []string {
	limit := 2
	if len(name) <= 4 {
		limit = 1
	}
	type cand struct {
		name string
		dist int
	}
	var found []cand
	for l := len(name) - limit; l <= len(name)+limit; l++ {
		for _, n := range s[l] {
			if n == name {
				continue
			}
			if d := distanceWithin(name, n, limit); d <= limit {
				found = append(found, cand{n, d})
			}
		}
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].dist != found[j].dist {
			return found[i].dist < found[j].dist
		}
		return found[i].name < found[j].name
	})
	var out []string
	for _, c := range found[:min(maxClosest, len(found))] {
		out = append(out, c.name)
	}
	return out
}

// distanceWithin is the Levenshtein distance between a and b, compared
// case-insensitively, or limit+1 once it is known to exceed limit.
func distanceWithin(a, b string, limit int) int {
	a, b = strings.ToLower(a), strings.ToLower(b)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
