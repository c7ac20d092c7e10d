package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers resolves a Workers setting: 0 or less means runtime.GOMAXPROCS(0);
// any other value is returned as it is.
func Workers(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

// For calls fn(w, i) once for every i in [0, count), on up to workers
// goroutines (resolved by [Workers]), and returns when all calls have
// returned. w is the index, in [0, min(workers, count)), of the goroutine
// making the call, for per-goroutine scratch space; the calls on one
// goroutine are sequential. Pieces are handed out in index order as
// goroutines become free. With one worker, or one piece, everything runs on
// the calling goroutine. fn must write only to state owned by piece i or by
// goroutine w.
func For(workers, count int, fn func(w, i int)) {
	workers = min(Workers(workers), count)
	if workers <= 1 {
		for i := range count {
			fn(0, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	wg.Add(workers)
	for w := range workers {
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= count {
					return
				}
				fn(w, i)
			}
		}()
	}
	wg.Wait()
}

// ForErr is [For] for work that can fail or be cancelled. Once a call has
// failed or ctx is done, no further piece is started. ForErr returns the
// error of the failed piece with the lowest index, so the error does not
// depend on timing when pieces fail independently of each other; else
// ctx.Err() if ctx was cancelled before all pieces ran; else nil.
func ForErr(ctx context.Context, workers, count int, fn func(w, i int) error) error {
	errs := make([]error, count)
	var failed atomic.Bool
	For(workers, count, func(w, i int) {
		if failed.Load() || ctx.Err() != nil {
			return
		}
		if errs[i] = fn(w, i); errs[i] != nil {
			failed.Store(true)
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

// Do runs the given functions, each once, on up to workers goroutines and
// returns when all have returned. It suits a few unequal pieces of work,
// such as one per column.
func Do(workers int, fns ...func()) {
	For(workers, len(fns), func(_, i int) { fns[i]() })
}
