package cluster

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// chunking splits n rows into fixed chunks. The chunk size depends on n
// only, never on the number of workers, and every reduction adds the
// per-chunk partial results in chunk order: that is what makes results
// bit-identical whatever the worker count.
type chunking struct {
	n, size, count int
}

func newChunking(n int) chunking {
	size := min(max((n+63)/64, 256), 4096)
	return chunking{n: n, size: size, count: (n + size - 1) / size}
}

// bounds returns the half-open row range of chunk c.
func (c chunking) bounds(ch int) (lo, hi int) {
	lo = ch * c.size
	return lo, min(lo+c.size, c.n)
}

// workerCount resolves a Workers setting: 0 or less means GOMAXPROCS.
func workerCount(w int) int {
	if w <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return w
}

// parallel calls fn(ch) once for every chunk index in [0, count), on up to
// workers goroutines, and returns when all calls have returned. Which
// goroutine runs a chunk is not fixed; fn must write only to state owned by
// its chunk.
func parallel(workers, count int, fn func(ch int)) {
	parallelW(workers, count, func(_, ch int) { fn(ch) })
}

// parallelW is parallel that also passes fn the index of the goroutine,
// in [0, workers), for per-goroutine scratch space.
func parallelW(workers, count int, fn func(w, ch int)) {
	workers = min(workers, count)
	if workers <= 1 {
		for ch := range count {
			fn(0, ch)
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
				ch := int(next.Add(1) - 1)
				if ch >= count {
					return
				}
				fn(w, ch)
			}
		}()
	}
	wg.Wait()
}
