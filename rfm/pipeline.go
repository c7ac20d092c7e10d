package rfm

import (
	"context"
	"iter"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/ingest"
	"github.com/clientele-go/clientele/internal/parallel"
)

// maxShards caps the shards of a parallel Compute: one goroutine reads
// the orders for all of them, so more than a few only add overhead.
const maxShards = 8

// ctxEvery is the number of orders between two checks of the context, a
// power of two.
const ctxEvery = 4096

// shardOf returns which of n shards owns the customer whose hash is h. It
// uses bits that pick neither an index table nor a tag.
func shardOf(h uint64, n int) int {
	return int((h >> 8 & 0xFFFFFF) * uint64(n) >> 24)
}

// computeStream is Compute after the checks. The calling goroutine reads
// and prepares the orders, hashes each customer ID once and deals the
// records out by that hash to the shards, each on a goroutine of its own
// when there are several workers. Every customer's orders thus reach one
// shard in stream order, so each customer's values are exactly those of
// one pass, and the shards' customers, each list ordered by the stream
// position of its first used order, merge into the one-pass order. The
// hash seed decides only which shard does the work.
func computeStream(ctx context.Context, orders iter.Seq[customer.Order], asOf time.Time, opts Options) ([]Values, Skipped, error) {
	w := parallel.Workers(opts.Workers)
	n := min(w, maxShards)
	hasher := ingest.NewHasher()
	shards := make([]*shard, n)
	for k := range shards {
		shards[k] = newShard(&hasher, opts)
	}
	router := ingest.NewRouter(n, w > 1, func(k int, recs []record) { shards[k].apply(recs) })
	defer router.Close(false) // also when the host's iterator panics

	prep := newPreparer(asOf, opts)
	dedup := !opts.TrustOrderIDs
	var (
		err  error
		r    record
		read int
	)
	for o := range orders {
		if read++; read&(ctxEvery-1) == 0 {
			if err = ctx.Err(); err != nil {
				break
			}
		}
		use, perr := prep.prepare(&o, &r)
		if !use {
			if err = perr; err != nil {
				break
			}
			continue
		}
		r.h, r.k = hasher.Hash(r.id)
		if dedup && r.oid != "" {
			r.oh, _ = hasher.Hash(r.oid)
		}
		k := shardOf(r.h, n)
		*router.Next(k) = r
		router.Done(k)
	}
	router.Close(err == nil)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, Skipped{}, err
	}
	return collect(shards, prep, opts)
}

// collect returns the shards' values in the one-pass order and the
// counts of what was skipped.
func collect(shards []*shard, prep preparer, opts Options) ([]Values, Skipped, error) {
	skipped := prep.skipped
	for _, s := range shards {
		skipped.Duplicate += s.dups
		skipped.NoPurchase += s.idx.Len() - s.buyers
	}
	if len(shards) == 1 {
		return shards[0].values(prep.asOfDay, opts), skipped, nil
	}
	parts := make([][]Values, len(shards))
	firsts := make([][]int64, len(shards))
	parallel.For(opts.Workers, len(shards), func(_, k int) {
		s := shards[k]
		parts[k] = make([]Values, s.buyers)
		firsts[k] = s.fill(parts[k], 0, s.idx.Len(), prep.asOfDay, opts, make([]int64, 0, s.buyers))
	})
	return ingest.MergeOrder(parts, firsts), skipped, nil
}
