package customer

import (
	"cmp"
	"slices"
	"strings"
)

// cluster joins the matched nodes in descending score order (then by
// ID), refusing to join two sets that hold different strong identifiers.
// It returns the node groups to merge, each in ascending node order, and
// the number of refusals.
func (e *engine[T]) cluster(st *state[T], matches []match) ([][]int32, int) {
	if len(matches) == 0 {
		return nil, 0
	}
	// Union order: score, then IDs, which do not depend on input order.
	type ordered struct {
		m      match
		lo, hi ID
	}
	os := make([]ordered, len(matches))
	for i, m := range matches {
		a, b := e.info.id(st.rec(m.a)), e.info.id(st.rec(m.b))
		os[i] = ordered{m, min(a, b), max(a, b)}
	}
	slices.SortFunc(os, func(x, y ordered) int {
		return cmp.Or(cmp.Compare(y.m.score, x.m.score), strings.Compare(string(x.lo), string(y.lo)), strings.Compare(string(x.hi), string(y.hi)))
	})
	for i := range os {
		matches[i] = os[i].m
	}
	// Union-find over the matched nodes only.
	local := make(map[int32]int32)
	var nodesOf []int32
	for _, m := range matches {
		for _, v := range [2]int32{m.a, m.b} {
			if _, ok := local[v]; !ok {
				local[v] = int32(len(nodesOf))
				nodesOf = append(nodesOf, v)
			}
		}
	}
	uf := newUnionFind(len(nodesOf))
	strong := make([]string, len(nodesOf))
	for i, v := range nodesOf {
		strong[i] = e.strong(st.rec(v))
	}
	conflicts := 0
	for _, m := range matches {
		ra, rb := uf.find(local[m.a]), uf.find(local[m.b])
		if ra == rb {
			continue
		}
		sa, sb := strong[ra], strong[rb]
		if sa != "" && sb != "" && sa != sb {
			conflicts++
			continue
		}
		strong[uf.union(ra, rb)] = cmp.Or(sa, sb)
	}
	byRoot := make(map[int32]int)
	var groups [][]int32
	for i, v := range nodesOf {
		r := uf.find(int32(i))
		if uf.size[r] < 2 {
			continue
		}
		g, ok := byRoot[r]
		if !ok {
			g = len(groups)
			byRoot[r] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], v)
	}
	for _, g := range groups {
		slices.Sort(g)
	}
	slices.SortFunc(groups, func(a, b []int32) int { return cmp.Compare(a[0], b[0]) })
	return groups, conflicts
}
