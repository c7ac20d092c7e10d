package ingest

import (
	"sync"
)

// BatchLen is the number of records a Router hands over at a time.
const BatchLen = 512

// Router deals records out to shards in batches. The goroutine that reads
// the orders pushes each record to the shard its customer hash picks;
// each shard applies its batches, in push order, on a goroutine of its
// own (or, when the Router is synchronous, on the pushing goroutine). It
// is a pipeline rather than a pool of interchangeable workers, so it does
// not use package parallel: the host's iterator stays on the calling
// goroutine, where its panics reach the caller.
//
// Push and Close must be called from one goroutine. Close must be called
// once pushing is done, also when the reader stops early or panics (call
// it in a defer); no goroutine outlives it.
type Router[R any] struct {
	apply   func(shard int, recs []R)
	batches [][]R
	work    []chan []R
	free    chan []R
	wg      sync.WaitGroup
	closed  bool
}

// NewRouter returns a Router for shards shards (at least 1) that calls
// apply(k, recs) for every batch of shard k. With async false everything
// runs on the calling goroutine; else each shard gets a goroutine.
func NewRouter[R any](shards int, async bool, apply func(shard int, recs []R)) *Router[R] {
	r := &Router[R]{apply: apply, batches: make([][]R, shards)}
	for k := range r.batches {
		r.batches[k] = make([]R, 0, BatchLen)
	}
	if !async {
		return r
	}
	r.work = make([]chan []R, shards)
	r.free = make(chan []R, 4*shards)
	for k := range r.work {
		r.work[k] = make(chan []R, 4)
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			for recs := range r.work[k] {
				apply(k, recs)
				select {
				case r.free <- recs[:0]:
				default:
				}
			}
		}()
	}
	return r
}

// Shards returns the number of shards.
func (r *Router[R]) Shards() int { return len(r.batches) }

// Next returns a pointer to the next record of shard k, to be filled in
// place; the record counts once Done(k) is called.
func (r *Router[R]) Next(k int) *R {
	b := r.batches[k]
	return &b[:len(b)+1][len(b)]
}

// Done adds the record filled through Next(k) to shard k's batch.
func (r *Router[R]) Done(k int) {
	b := r.batches[k][:len(r.batches[k])+1]
	r.batches[k] = b
	if len(b) == cap(b) {
		r.flush(k)
	}
}

// flush hands shard k's batch over.
func (r *Router[R]) flush(k int) {
	b := r.batches[k]
	if len(b) == 0 {
		return
	}
	if r.work == nil {
		r.apply(k, b)
		r.batches[k] = b[:0]
		return
	}
	r.work[k] <- b
	select {
	case r.batches[k] = <-r.free:
	default:
		r.batches[k] = make([]R, 0, BatchLen)
	}
}

// Close hands over the last batches, when flush is true, and waits for
// the shards to finish. Later calls do nothing.
func (r *Router[R]) Close(flush bool) {
	if r.closed {
		return
	}
	r.closed = true
	for k := range r.batches {
		if flush {
			r.flush(k)
		}
		if r.work != nil {
			close(r.work[k])
		}
	}
	r.wg.Wait()
}
