package customer

import (
	"cmp"
	"context"
	"slices"

	"github.com/clientele-go/clientele/internal/parallel"
)

// compare runs the matcher on the pairs of the blocks touched this round
// that are not too large: pairs with a node merged in the previous round
// (every pair in round 1), and every pair of a block that was too large
// before. It returns the accepted pairs sorted by node numbers, without
// repeats, and the number of matcher calls.
func (e *engine[T]) compare(ctx context.Context, st *state[T]) ([]match, int, error) {
	type work struct{ keyer, block int32 }
	var todo []work
	var cost []int64 // cumulative pairs
	total := int64(0)
	for k, ix := range st.idx {
		for _, b := range ix.touch {
			blk := &ix.blocks[b]
			if st.round > 1 {
				blk.members = slices.DeleteFunc(blk.members, func(v int32) bool { return !st.alive[v] })
				blk.alive = int32(len(blk.members))
			}
			n := int64(blk.alive)
			blk.capped = n > int64(e.maxBlock)
			if n < 2 || blk.capped {
				continue
			}
			todo = append(todo, work{int32(k), b})
			total += n * (n - 1) / 2
			cost = append(cost, total)
		}
	}
	if len(todo) == 0 {
		return nil, 0, nil
	}
	// Fixed chunks of about equal numbers of pairs.
	const chunks = 64
	bounds := make([]int, 0, chunks+1)
	bounds = append(bounds, 0)
	for c := 1; c < chunks; c++ {
		i, _ := slices.BinarySearch(cost, total*int64(c)/chunks)
		bounds = append(bounds, max(i, bounds[len(bounds)-1]))
	}
	bounds = append(bounds, len(todo))
	found := make([][]match, chunks)
	counts := make([]int, chunks)
	err := parallel.ForErr(ctx, e.workers, chunks, func(_, c int) error {
		var out []match
		n := 0
		for wi, w := range todo[bounds[c]:bounds[c+1]] {
			if wi%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			blk := &st.idx[w.keyer].blocks[w.block]
			ms := blk.members
			for x := range ms {
				for y := x + 1; y < len(ms); y++ {
					p, q := ms[x], ms[y]
					if !blk.wasCap && !st.dirty[p] && !st.dirty[q] {
						continue
					}
					a, b := st.rec(p), st.rec(q)
					if e.info.id(a) > e.info.id(b) {
						a, b = b, a
					}
					n++
					if score, same := e.matcher.Match(a, b); same {
						out = append(out, match{min(p, q), max(p, q), score})
					}
				}
			}
		}
		found[c], counts[c] = out, n
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	matches := slices.Concat(found...)
	slices.SortFunc(matches, func(x, y match) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
	matches = slices.CompactFunc(matches, func(x, y match) bool { return x.a == y.a && x.b == y.b })
	n := 0
	for _, c := range counts {
		n += c
	}
	return matches, n, nil
}
