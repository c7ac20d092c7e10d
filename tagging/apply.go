package tagging

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"slices"
	"sync"
)

// batchSize is the number of profiles tagged as one unit of work.
const batchSize = 1024

// Apply tags every profile with the taggers, in pipeline order, and
// yields one Result per profile in input order, whatever the number of
// workers: the results are identical for every Options.Workers.
//
// Profiles are read from profiles on the goroutine that ranges over the
// returned sequence, in batches of 1,024 that Options.Workers goroutines
// tag in parallel while later batches are read; at most 2×Workers+1
// batches are in flight, so memory does not grow with the input. All
// goroutines have stopped when the range loop ends, including by break.
// Each Result owns its tags (they share an allocation with the other
// Results of their batch), so results may be kept; Apply itself keeps
// nothing. Taggers must follow the [Tagger] contract; profiles must not be
// changed until the range loop has moved past their Result.
//
// The error yielded with a Result is nil, or:
//
//   - a [*ProfileError] (or several joined) for a profile that fails
//     [Profile.Validate] (the Result has no computed tags), for a tagger
//     that failed on it (the Result has the other taggers' tags) or for a
//     manual tag in an unknown group (the Result is complete). The
//     sequence goes on; the caller decides whether to stop.
//   - a configuration error (see [NewPipeline]), yielded once with a
//     Result whose Index is -1, before any profile is read.
//   - ctx's error, wrapped, when ctx is cancelled: yielded once with a
//     Result whose Index is -1, after the results already delivered,
//     which are complete; no result follows it. Apply checks ctx before
//     each profile it reads, every 64 profiles it tags and before each
//     batch of results it delivers.
//
// The sequence can be ranged over again if profiles can; each time runs
// the whole pipeline anew.
func Apply(ctx context.Context, profiles iter.Seq[Profile], taggers []Tagger, opts Options) iter.Seq2[Result, error] {
	return func(yield func(Result, error) bool) {
		pl, err := NewPipeline(taggers, opts)
		if err != nil {
			yield(Result{Index: -1}, err)
			return
		}
		workers := opts.Workers
		if workers == 0 {
			workers = runtime.GOMAXPROCS(0)
		}
		r := runner{ctx: ctx, pl: pl, opts: opts, yield: yield}
		if workers == 1 {
			r.sequential(ctx, profiles)
		} else {
			r.parallel(ctx, profiles, workers)
		}
	}
}

// batch is a unit of work: up to batchSize profiles and their results.
type batch struct {
	first    int // input index of profiles[0]
	profiles []Profile
	results  []Result
	errs     []error
	ends     []int // end of each result's tags in the batch's tag slab
	err      error // ctx error that stopped the batch
	done     chan struct{}
	finished bool // done has been received from
}

func newBatch() *batch {
	return &batch{profiles: make([]Profile, 0, batchSize), done: make(chan struct{}, 1)}
}

// reset empties b for reuse, dropping its references to host data.
func (b *batch) reset() {
	clear(b.profiles)
	clear(b.results)
	clear(b.errs)
	b.profiles, b.results, b.errs = b.profiles[:0], b.results[:0], b.errs[:0]
	b.err, b.finished = nil, false
}

// tagBatch tags the profiles of b, using w as per-profile scratch and acc to
// gather the batch's tags before they are copied to one exact-size slab.
func (pl *Pipeline) tagBatch(ctx context.Context, b *batch, w, acc *work) {
	n := len(b.profiles)
	b.results = slices.Grow(b.results[:0], n)[:n]
	b.errs = slices.Grow(b.errs[:0], n)[:n]
	b.ends = slices.Grow(b.ends[:0], n)[:n]
	acc.tags, acc.src = acc.tags[:0], acc.src[:0]
	for i := range b.profiles {
		if i&63 == 0 {
			if err := ctx.Err(); err != nil {
				b.err = err
				return
			}
		}
		b.results[i], b.errs[i] = pl.one(&b.profiles[i], b.first+i, w)
		acc.tags = append(acc.tags, w.tags...)
		acc.src = append(acc.src, w.src...)
		b.ends[i] = len(acc.tags)
	}
	tags := slices.Clone(acc.tags)
	src := slices.Clone(acc.src)
	lo := 0
	for i := range b.results {
		hi := b.ends[i]
		b.results[i].Tags = Set{tags: tags[lo:hi:hi]}
		b.results[i].src = src[lo:hi:hi]
		lo = hi
	}
}

// runner delivers batches to the consumer in order.
type runner struct {
	ctx   context.Context // the caller's
	pl    *Pipeline
	opts  Options
	yield func(Result, error) bool
	done  int // results delivered
	calls int // Progress calls
}

// deliver yields the results of b; false means stop.
func (r *runner) deliver(b *batch) bool {
	err := b.err
	if err == nil {
		err = r.ctx.Err() // no more results once cancelled
	}
	if err != nil {
		r.stop(err)
		return false
	}
	for i := range b.results {
		if !r.yield(b.results[i], b.errs[i]) {
			return false
		}
		r.done++
	}
	r.progress()
	return true
}

func (r *runner) progress() {
	if r.opts.Progress != nil {
		r.calls++
		r.opts.Progress(r.done, r.opts.Total)
	}
}

// finish reports progress for a run without profiles.
func (r *runner) finish() {
	if r.calls == 0 {
		r.progress()
	}
}

// stop yields the cancellation error.
func (r *runner) stop(err error) {
	r.yield(Result{Index: -1}, fmt.Errorf("tagging: stopped after %d profiles: %w", r.done, err))
}

func (r *runner) sequential(ctx context.Context, profiles iter.Seq[Profile]) {
	var w, acc work
	b := newBatch()
	next := 0
	for p := range profiles {
		if err := ctx.Err(); err != nil {
			r.stop(err)
			return
		}
		if len(b.profiles) == 0 {
			b.first = next
		}
		b.profiles = append(b.profiles, p)
		next++
		if len(b.profiles) == batchSize {
			r.pl.tagBatch(ctx, b, &w, &acc)
			if !r.deliver(b) {
				return
			}
			b.reset()
		}
	}
	if len(b.profiles) > 0 {
		r.pl.tagBatch(ctx, b, &w, &acc)
		if !r.deliver(b) {
			return
		}
	}
	r.finish()
}

func (r *runner) parallel(parent context.Context, profiles iter.Seq[Profile], workers int) {
	ctx, cancel := context.WithCancel(parent)
	maxInflight := 2*workers + 1
	jobs := make(chan *batch, maxInflight)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var w, acc work
			for b := range jobs {
				r.pl.tagBatch(ctx, b, &w, &acc)
				b.done <- struct{}{}
			}
		}()
	}
	defer func() {
		cancel() // stops workers early after a break
		close(jobs)
		wg.Wait()
	}()

	var pool, queue []*batch
	var cur *batch
	// head waits for the oldest batch in flight, delivers it and recycles
	// it; false means stop.
	head := func() bool {
		b := queue[0]
		if !b.finished {
			<-b.done
		}
		queue = append(queue[:0], queue[1:]...)
		ok := r.deliver(b)
		b.reset()
		pool = append(pool, b)
		return ok
	}
	dispatch := func() {
		queue = append(queue, cur)
		jobs <- cur
		cur = nil
	}
	next := 0
	for p := range profiles {
		if err := parent.Err(); err != nil {
			r.stop(err)
			return
		}
		if cur == nil {
			if len(queue) == maxInflight && !head() {
				return
			}
			if n := len(pool); n > 0 {
				cur, pool = pool[n-1], pool[:n-1]
			} else {
				cur = newBatch()
			}
			cur.first = next
		}
		cur.profiles = append(cur.profiles, p)
		next++
		if len(cur.profiles) == batchSize {
			dispatch()
			// Deliver what is ready without waiting.
			for len(queue) > 0 && ready(queue[0]) {
				if !head() {
					return
				}
			}
		}
	}
	if cur != nil {
		dispatch()
	}
	for len(queue) > 0 {
		if !head() {
			return
		}
	}
	r.finish()
}

// ready reports, without blocking, whether b has been tagged.
func ready(b *batch) bool {
	if b.finished {
		return true
	}
	select {
	case <-b.done:
		b.finished = true
		return true
	default:
		return false
	}
}
