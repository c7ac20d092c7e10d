package customer

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/clientele-go/clientele/internal/parallel"
)

// This file holds Dedup's blocking: the keys of every record, indexed
// per keyer (see keyindex.go), and their upkeep as records merge.

// build computes every key of every input record in one parallel pass
// and indexes them, one index per keyer. It also counts the records
// without keys and what note counts.
func (e *engine[T]) build(ctx context.Context, st *state[T], stats *DedupStats) error {
	const chunk = 1 << 14
	n := len(st.in)
	chunks := parallel.Split(n, 1, chunk, chunk)
	nc := chunks.Count
	// Each keyer's entries go into one array: the first key of record v
	// into the chunk's stretch of it (at most one per record), further
	// keys into the chunk's overflow. The stretches are then closed up.
	es := make([][]entry, len(e.keyers))
	for k := range es {
		es[k] = make([]entry, n)
	}
	filled := make([][]int, nc)       // chunk -> keyer -> entries in its stretch
	overflow := make([][][]entry, nc) // chunk -> keyer -> further keys
	notes := make([]DedupStats, nc)
	noKey := make([]int, nc)
	err := parallel.ForErr(ctx, e.workers, nc, func(_, c int) error {
		lo, hi := chunks.Bounds(c)
		filled[c] = make([]int, len(e.keyers))
		overflow[c] = make([][]entry, len(e.keyers))
		var keys []Key
		for v := lo; v < hi; v++ {
			r := &st.in[v]
			if e.note != nil {
				e.note(r, &notes[c])
			}
			keyed := false
			for k := range e.keyers {
				keys = e.keys(k, keys[:0], r)
				for j, key := range keys {
					en := newEntry(st.hash.sum(key), int32(v))
					if j == 0 {
						es[k][lo+filled[c][k]] = en
						filled[c][k]++
					} else {
						overflow[c][k] = append(overflow[c][k], en)
					}
				}
				keyed = keyed || len(keys) > 0
			}
			if !keyed {
				noKey[c]++
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	for c := range nc {
		stats.NoKey += noKey[c]
		stats.InvalidPhone += notes[c].InvalidPhone
	}
	return parallel.ForErr(ctx, e.workers, len(e.keyers), func(_, k int) error {
		w := 0
		for c := range nc {
			lo, _ := chunks.Bounds(c)
			w += copy(es[k][w:], es[k][lo:lo+filled[c][k]])
		}
		all := es[k][:w]
		for c := range nc {
			all = append(all, overflow[c][k]...)
			overflow[c][k] = nil
		}
		es[k] = nil
		st.idx[k] = newIndex(all, st.round)
		return nil
	})
}

// keys returns the distinct keys of r under keyer k.
func (e *engine[T]) keys(k int, dst []Key, r *T) []Key {
	dst = e.keyers[k].Keys(dst, r)
	out := dst[:0]
	for j, key := range dst {
		if !slices.Contains(dst[:j], key) {
			out = append(out, key)
		}
	}
	return out
}

// advance replaces each group of nodes by their merged node, updates the
// indexes and starts the next round.
func (e *engine[T]) advance(ctx context.Context, st *state[T], groups [][]int32) error {
	merged := make([]node[T], len(groups))
	err := parallel.ForErr(ctx, e.workers, len(groups), func(_, i int) error {
		var members []int32
		for _, v := range groups[i] {
			if int(v) < len(st.in) {
				members = append(members, v)
			} else {
				members = append(members, st.merged[int(v)-len(st.in)].members...)
			}
		}
		merged[i] = e.merge(members, st.in)
		return nil
	})
	if err != nil {
		return err
	}
	first := int32(len(st.alive))
	st.round++
	clear(st.dirty)
	for _, g := range groups {
		for _, v := range g {
			st.alive[v] = false
		}
	}
	if st.merged == nil {
		st.merged = merged
	} else {
		st.merged = append(st.merged, merged...)
	}
	for range merged {
		st.alive = append(st.alive, true)
		st.dirty = append(st.dirty, true)
	}
	return parallel.ForErr(ctx, e.workers, len(e.keyers), func(_, k int) error {
		ix := st.idx[k]
		// Blocks that were capped are looked at again: they may have shrunk.
		for _, b := range ix.touch {
			blk := &ix.blocks[b]
			blk.wasCap = blk.capped
			if blk.capped {
				blk.round = st.round
			}
		}
		ix.touch = slices.DeleteFunc(ix.touch, func(b int32) bool { return !ix.blocks[b].capped })
		var keys []Key
		for v := first; v < int32(len(st.alive)); v++ {
			keys = e.keys(k, keys[:0], st.rec(v))
			for _, key := range keys {
				ix.add(st.hash.sum(key), v, st.round, st.alive)
			}
		}
		return nil
	})
}

// capped lists the blocks that are too large, by key name and smallest
// ID.
func (e *engine[T]) capped(st *state[T]) []CappedBlock {
	var report []CappedBlock
	for k, ix := range st.idx {
		for b := range ix.blocks {
			blk := &ix.blocks[b]
			if !blk.capped {
				continue
			}
			var first ID
			for _, v := range blk.members {
				if id := e.info.id(st.rec(v)); st.alive[v] && (first == "" || id < first) {
					first = id
				}
			}
			report = append(report, CappedBlock{Key: e.names[k], Size: int(blk.alive), First: first})
		}
	}
	slices.SortFunc(report, func(a, b CappedBlock) int {
		return cmp.Or(strings.Compare(a.Key, b.Key), cmp.Compare(a.First, b.First), cmp.Compare(a.Size, b.Size))
	})
	return report
}
