package customer

// unionFind is a disjoint-set forest over 0..n-1 with union by size and
// path halving. Which element becomes a root depends only on the
// sequence of unions, never on timing, so a fixed union order gives a
// fixed forest.
type unionFind struct {
	parent []int32
	size   []int32
}

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int32, n), size: make([]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
		u.size[i] = 1
	}
	return u
}

// find returns the root of x's set.
func (u *unionFind) find(x int32) int32 {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

// union joins the sets with roots ra and rb (which must be roots and
// differ) and returns the new root: the root of the larger set, or the
// smaller index when the sizes are equal.
func (u *unionFind) union(ra, rb int32) int32 {
	if u.size[ra] < u.size[rb] || u.size[ra] == u.size[rb] && rb < ra {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	u.size[ra] += u.size[rb]
	return ra
}
