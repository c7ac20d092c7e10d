package parallel_test

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/clientele-go/clientele/internal/parallel"
)

func TestWorkers(t *testing.T) {
	if got, want := parallel.Workers(0), runtime.GOMAXPROCS(0); got != want {
		t.Errorf("Workers(0) = %d, want GOMAXPROCS %d", got, want)
	}
	if got := parallel.Workers(-3); got != runtime.GOMAXPROCS(0) {
		t.Errorf("Workers(-3) = %d, want GOMAXPROCS", got)
	}
	if got := parallel.Workers(5); got != 5 {
		t.Errorf("Workers(5) = %d, want 5", got)
	}
}

func TestForEveryIndexOnce(t *testing.T) {
	for _, workers := range []int{0, 1, 2, 3, 8, 100} {
		for _, count := range []int{0, 1, 2, 7, 1000} {
			hits := make([]atomic.Int32, count)
			maxW := atomic.Int32{}
			parallel.For(workers, count, func(w, i int) {
				hits[i].Add(1)
				for {
					m := maxW.Load()
					if int32(w) <= m || maxW.CompareAndSwap(m, int32(w)) {
						break
					}
				}
			})
			for i := range hits {
				if n := hits[i].Load(); n != 1 {
					t.Fatalf("For(%d, %d): index %d ran %d times, want 1", workers, count, i, n)
				}
			}
			if limit := min(parallel.Workers(workers), max(count, 1)); int(maxW.Load()) >= limit {
				t.Errorf("For(%d, %d): goroutine index %d, want < %d", workers, count, maxW.Load(), limit)
			}
		}
	}
}

func TestForOneWorkerRunsInOrder(t *testing.T) {
	var got []int
	parallel.For(1, 5, func(w, i int) {
		if w != 0 {
			t.Errorf("w = %d, want 0", w)
		}
		got = append(got, i) // no race: one goroutine
	})
	for i, v := range got {
		if v != i {
			t.Fatalf("sequential order %v, want 0..4", got)
		}
	}
}

func TestForErrLowestIndex(t *testing.T) {
	errA, errB := errors.New("a"), errors.New("b")
	for _, workers := range []int{1, 2, 4} {
		err := parallel.ForErr(t.Context(), workers, 100, func(_, i int) error {
			switch i {
			case 3:
				return errA
			case 60:
				return errB
			}
			return nil
		})
		if !errors.Is(err, errA) {
			t.Errorf("ForErr(workers=%d) = %v, want the error of index 3", workers, err)
		}
	}
}

func TestForErrCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	ran := atomic.Int32{}
	err := parallel.ForErr(ctx, 2, 10, func(_, _ int) error { ran.Add(1); return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("ForErr on a cancelled context = %v, want context.Canceled", err)
	}
	if ran.Load() != 0 {
		t.Errorf("ForErr on a cancelled context ran %d pieces, want 0", ran.Load())
	}
	if err := parallel.ForErr(t.Context(), 2, 0, nil); err != nil {
		t.Errorf("ForErr with no pieces = %v, want nil", err)
	}
}

func TestDo(t *testing.T) {
	var a, b atomic.Int32
	parallel.Do(2, func() { a.Add(1) }, func() { b.Add(2) })
	if a.Load() != 1 || b.Load() != 2 {
		t.Errorf("Do ran a=%d b=%d, want 1 and 2", a.Load(), b.Load())
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name                        string
		n, target, minSize, maxSize int
		want                        parallel.Chunks
	}{
		{"empty", 0, 64, 256, 4096, parallel.Chunks{}},
		{"small goes to one chunk of min size", 100, 64, 256, 4096, parallel.Chunks{N: 100, Size: 256, Count: 1}},
		{"target chunks", 64000, 64, 256, 4096, parallel.Chunks{N: 64000, Size: 1000, Count: 64}},
		{"max size caps", 1 << 20, 64, 256, 4096, parallel.Chunks{N: 1 << 20, Size: 4096, Count: 256}},
		{"uneven tail", 10, 3, 1, 0, parallel.Chunks{N: 10, Size: 4, Count: 3}},
		{"zero min counts as one", 3, 10, 0, 0, parallel.Chunks{N: 3, Size: 1, Count: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parallel.Split(tt.n, tt.target, tt.minSize, tt.maxSize)
			if got != tt.want {
				t.Fatalf("Split(%d, %d, %d, %d) = %+v, want %+v", tt.n, tt.target, tt.minSize, tt.maxSize, got, tt.want)
			}
			covered := 0
			for c := range got.Count {
				lo, hi := got.Bounds(c)
				if lo != covered || hi <= lo {
					t.Fatalf("chunk %d = [%d, %d), want to start at %d and be non-empty", c, lo, hi, covered)
				}
				covered = hi
			}
			if covered != tt.n {
				t.Fatalf("chunks cover %d items, want %d", covered, tt.n)
			}
		})
	}
}
