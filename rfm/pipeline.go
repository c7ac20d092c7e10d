package rfm

import (
	"context"
	"hash/maphash"
	"iter"
	"sync"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/blocks"
	"github.com/clientele-go/clientele/internal/parallel"
)

// batchLen is the number of prepared orders handled at a time.
const batchLen = 1024

// maxShards caps the shards of a parallel Compute.
const maxShards = 8

// ctxEvery is the number of orders between two checks of the context, a
// power of two.
const ctxEvery = 4096

// addAll adds orders in batches on the calling goroutine: it prepares a
// batch, then applies it. It stops at the first order error, or when ctx
// is done, and returns the error, after applying the orders before it.
func (a *Accumulator) addAll(ctx context.Context, orders iter.Seq[customer.Order]) (err error) {
	recs := make([]record, 0, batchLen)
	n := 0
	for o := range orders {
		if n++; n&(ctxEvery-1) == 0 {
			if err = ctx.Err(); err != nil {
				break
			}
		}
		recs = recs[:len(recs)+1]
		use, perr := a.prep.prepare(&o, &recs[len(recs)-1])
		if !use {
			recs = recs[:len(recs)-1]
			if err = perr; err != nil {
				break
			}
			continue
		}
		if len(recs) == batchLen {
			a.applyBatch(recs, true)
			recs = recs[:0]
		}
	}
	a.applyBatch(recs, true)
	if err == nil {
		err = ctx.Err()
	}
	return err
}

// applyBatch applies recs in order. It first notices the changes of
// customer (unless the records come noticed) and loads the index slots
// of the new customers, so that the cache misses of a batch overlap
// instead of coming one at a time.
func (a *Accumulator) applyBatch(recs []record, notice bool) {
	if notice {
		a.touched ^= touchIDs(recs)
	}

	tags := a.tags[:0]
	for i := range recs {
		r := &recs[i]
		if notice {
			a.notice(r)
		}
		if r.newCustomer {
			tags = append(tags, r.tag)
		}
	}
	// A loop of independent loads, so the CPU overlaps their misses.
	var t uint64
	for _, tag := range tags {
		t ^= a.index.touch(tag)
	}
	a.touched ^= t
	a.tags = tags
	for i := range recs {
		a.apply(&recs[i])
	}
}

// touchIDs reads the first byte of every record's customer ID in a loop
// of independent loads, so that the cache misses on the ID strings of a
// batch overlap before the IDs are compared one by one.
func touchIDs(recs []record) uint64 {
	var t uint64
	for i := range recs {
		if id := recs[i].id; len(id) > 0 {
			t ^= uint64(id[0])
		}
	}
	return t
}

// computeSharded is Compute on w > 1 goroutines. The calling goroutine
// reads and prepares the orders and deals them out by a hash of the
// customer ID to w shards, each an Accumulator of its own on its own
// goroutine. (This is a pipeline, not a pool of interchangeable workers,
// so it does not use package parallel: the host's iterator must stay on
// the calling goroutine, where its panics reach the caller.) Every
// customer's orders thus reach one shard in stream order, so each
// customer's values are exactly those of one pass, and the shards'
// customers, each list ordered by the stream position of its first used
// order, merge into the one-pass order. The hash seed decides only which
// shard does the work.
func computeSharded(ctx context.Context, orders iter.Seq[customer.Order], asOf time.Time, opts Options, w int) ([]Values, Skipped, error) {
	opts.Workers = 1
	shards := make([]*Accumulator, w)
	for k := range shards {
		a, err := NewAccumulator(asOf, opts)
		if err != nil {
			return nil, Skipped{}, err
		}
		a.firsts = new(blocks.List[int64])
		shards[k] = a
	}
	seed := shards[0].index.seed
	for _, a := range shards {
		a.index.seed = seed
	}
	prep := shards[0].prep

	work := make([]chan []record, w)
	free := make(chan []record, 4*w)
	var wg sync.WaitGroup
	for k := range shards {
		work[k] = make(chan []record, 2)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for recs := range work[k] {
				shards[k].applyBatch(recs, false)
				select {
				case free <- recs[:0]:
				default:
				}
			}
		}()
	}
	batches := make([][]record, w)
	for k := range batches {
		batches[k] = make([]record, 0, batchLen)
	}
	// Hand on the last batches and wait for the shards, also if the
	// iterator panics.
	finished := false
	finish := func() {
		if finished {
			return
		}
		finished = true
		for k := range shards {
			if len(batches[k]) > 0 {
				work[k] <- batches[k]
			}
			close(work[k])
		}
		wg.Wait()
	}
	defer finish()

	var (
		err      error
		lastID   customer.ID
		haveLast bool
		k        int
		tag      uint64
		touched  uint64
	)
	// route deals a batch of prepared records out to the shards.
	route := func(recs []record) {
		touched ^= touchIDs(recs)
		for i := range recs {
			r := &recs[i]
			if !haveLast || r.id != lastID {
				lastID, haveLast = r.id, true
				h := maphash.String(seed, string(r.id))
				k, tag = int(uint32(h)%uint32(w)), h>>32
				r.newCustomer = true
			}
			r.tag = tag
			batches[k] = append(batches[k], *r)
			if len(batches[k]) == batchLen {
				work[k] <- batches[k]
				select {
				case batches[k] = <-free:
				default:
					batches[k] = make([]record, 0, batchLen)
				}
			}
		}
	}
	staged := make([]record, 0, batchLen)
	read := 0
	for o := range orders {
		if read++; read&(ctxEvery-1) == 0 {
			if err = ctx.Err(); err != nil {
				break
			}
		}
		staged = staged[:len(staged)+1]
		use, perr := prep.prepare(&o, &staged[len(staged)-1])
		if !use {
			staged = staged[:len(staged)-1]
			if err = perr; err != nil {
				break
			}
			continue
		}
		if len(staged) == batchLen {
			route(staged)
			staged = staged[:0]
		}
	}
	route(staged)
	finish()
	shards[0].touched ^= touched // after the shards are done
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, Skipped{}, err
	}
	// Merge the shards' values by the position of each customer's first
	// used order.
	parts := make([][]Values, w)
	firsts := make([][]int64, w)
	parallel.For(w, w, func(_, k int) {
		a := shards[k]
		parts[k] = make([]Values, a.buyers)
		firsts[k] = make([]int64, 0, a.buyers)
		a.fillValues(parts[k], 0, a.nums.Len())
		for i := range int32(a.nums.Len()) {
			if a.nums.At(i).buys > 0 {
				firsts[k] = append(firsts[k], *a.firsts.At(i))
			}
		}
	})
	skipped := prep.skipped
	for _, a := range shards {
		sk := a.Skipped()
		skipped.Duplicate += sk.Duplicate
		skipped.NoPurchase += sk.NoPurchase
	}
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]Values, 0, n)
	next := make([]int, w)
	for len(out) < n {
		best := -1
		for k := range parts {
			if next[k] < len(parts[k]) && (best < 0 || firsts[k][next[k]] < firsts[best][next[best]]) {
				best = k
			}
		}
		out = append(out, parts[best][next[best]])
		next[best]++
	}
	return out, skipped, nil
}
