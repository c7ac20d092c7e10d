package tagging

import (
	"context"
	"fmt"
	"iter"
	"slices"

	"github.com/clientele-go/clientele/internal/parallel"
)

// batchSize is the number of profiles tagged as one unit of work.
const batchSize = 1024

// Apply tags every profile with the taggers, in pipeline order, and
// yields one Result per profile in input order, whatever the number of
// workers: the results are identical for every Options.Workers.
//
// Profiles are read from profiles on the goroutine that ranges over the
// returned sequence, in batches of 1,024, Workers batches to a round. The
// rounds are tagged in parallel on Options.Workers goroutines while the
// next round is read and the previous one delivered, so at most 2×Workers
// batches are held and memory does not grow with the input. All
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
		r := runner{ctx: ctx, pl: pl, opts: opts, yield: yield}
		r.run(profiles, parallel.Workers(opts.Workers))
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
}

func newBatch() *batch {
	return &batch{profiles: make([]Profile, 0, batchSize)}
}

// reset empties b for reuse, dropping its references to host data.
func (b *batch) reset() {
	clear(b.profiles)
	clear(b.results)
	clear(b.errs)
	b.profiles, b.results, b.errs = b.profiles[:0], b.results[:0], b.errs[:0]
	b.err = nil
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

// run reads the profiles in rounds of up to workers batches and delivers
// their results in order. With several workers a round is tagged by
// parallel.For on a goroutine of its own while the caller's goroutine
// reads the next round and then delivers the previous one, so that
// reading, tagging and delivering overlap; the goroutine is always waited
// for before run returns.
func (r *runner) run(profiles iter.Seq[Profile], workers int) {
	ctx, cancel := context.WithCancel(r.ctx)
	scratch := make([]struct{ w, acc work }, workers)
	tagRound := func(round []*batch) {
		parallel.For(workers, len(round), func(w, i int) {
			r.pl.tagBatch(ctx, round[i], &scratch[w].w, &scratch[w].acc)
		})
	}
	var (
		free    []*batch      // recycled batches
		cur     []*batch      // the round being read
		pending []*batch      // the round being tagged
		done    chan struct{} // closed when pending is tagged
		b       *batch        // the batch being filled
	)
	defer func() {
		cancel() // stops the tagging early after a break
		if done != nil {
			<-done
		}
	}()
	// deliver yields the results of round and recycles its batches; false
	// means stop.
	deliver := func(round []*batch) bool {
		for _, x := range round {
			ok := r.deliver(x)
			x.reset()
			free = append(free, x)
			if !ok {
				return false
			}
		}
		return true
	}
	// flush starts tagging cur and delivers the round before it.
	flush := func() bool {
		if workers == 1 {
			tagRound(cur)
			ok := deliver(cur)
			cur = cur[:0]
			return ok
		}
		if done != nil {
			<-done
		}
		prev := pending
		pending, cur = cur, prev[:0]
		done = make(chan struct{})
		go func(round []*batch, done chan struct{}) {
			defer close(done)
			tagRound(round)
		}(pending, done)
		return deliver(prev)
	}
	next := 0
	for p := range profiles {
		if err := r.ctx.Err(); err != nil {
			r.stop(err)
			return
		}
		if b == nil {
			if n := len(free); n > 0 {
				b, free = free[n-1], free[:n-1]
			} else {
				b = newBatch()
			}
			b.first = next
		}
		b.profiles = append(b.profiles, p)
		next++
		if len(b.profiles) == batchSize {
			cur, b = append(cur, b), nil
			if len(cur) == workers && !flush() {
				return
			}
		}
	}
	if b != nil {
		cur = append(cur, b)
	}
	if len(cur) > 0 && !flush() {
		return
	}
	if done != nil {
		<-done
		done = nil
	}
	if !deliver(pending) {
		return
	}
	r.finish()
}
