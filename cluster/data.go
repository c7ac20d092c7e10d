package cluster

import (
	"math"

	"github.com/clientele-go/clientele/internal/parallel"
)

// Data is the input of every fit, prediction and score in this package: n
// rows of d features, given either as Rows (one slice per row) or as Flat
// (one row-major slice), plus optional sample weights.
//
// Exactly one of Rows and Flat must be set. Rows is copied once into a
// flat matrix; Flat is read in place, without a copy, so hosts that already
// hold their features flat pay nothing to hand them over. Neither is
// modified or kept after the call returns. Every value must be finite.
//
// The zero value holds no rows; fitting it is an error wrapping [ErrEmpty].
type Data struct {
	// Rows holds one slice per row, all of the same non-zero length.
	Rows [][]float64
	// Flat holds the rows back to back: row i is
	// Flat[i*Cols : (i+1)*Cols]. Its length must be a multiple of Cols.
	Flat []float64
	// Cols is the number of features per row of Flat. It must be positive
	// when Flat is set, and is ignored with Rows.
	Cols int
	// Weights, when not nil, holds one weight per row: a row of weight w
	// counts as w copies of it in every mean, in the inertia and in
	// k-means++ sampling. Weights must be finite and non-negative with a
	// positive sum; rows of weight 0 still get a label. nil means every
	// weight is 1. Scores that do not use weights (the silhouette) ignore
	// them.
	Weights []float64
}

// dense is a validated row-major matrix: row i is x[i*d : (i+1)*d].
type dense struct {
	n, d int
	x    []float64
}

func (m *dense) row(i int) []float64 { return m.x[i*m.d : (i+1)*m.d : (i+1)*m.d] }

// matrix validates X's shape and values and returns it as a flat matrix,
// copying Rows but not Flat. input names X in errors ("X", "batch").
func (X Data) matrix(input string, workers int) (*dense, error) {
	switch {
	case X.Flat != nil && X.Rows != nil:
		return nil, inputErr(input, -1, -1, ErrRagged) // ambiguous: both forms set
	case X.Flat != nil:
		if X.Cols <= 0 || len(X.Flat) == 0 {
			return nil, inputErr(input, -1, -1, ErrEmpty)
		}
		if len(X.Flat)%X.Cols != 0 {
			return nil, inputErr(input, len(X.Flat)/X.Cols, -1, ErrRagged)
		}
		m := &dense{n: len(X.Flat) / X.Cols, d: X.Cols, x: X.Flat}
		return m, m.checkFinite(input, workers)
	}
	if len(X.Rows) == 0 {
		return nil, inputErr(input, -1, -1, ErrEmpty)
	}
	d := len(X.Rows[0])
	if d == 0 {
		return nil, inputErr(input, 0, -1, ErrEmpty)
	}
	for i, row := range X.Rows {
		if len(row) != d {
			return nil, inputErr(input, i, -1, ErrRagged)
		}
	}
	m := &dense{n: len(X.Rows), d: d, x: make([]float64, len(X.Rows)*d)}
	ck := chunksOf(m.n)
	bad := make([]int, ck.Count) // first bad flat index per chunk, or -1
	parallel.For(workers, ck.Count, func(_, ch int) {
		lo, hi := ck.Bounds(ch)
		for i := lo; i < hi; i++ {
			copy(m.x[i*d:(i+1)*d], X.Rows[i])
		}
		bad[ch] = -1
		if t := firstNonFinite(m.x[lo*d : hi*d]); t >= 0 {
			bad[ch] = lo*d + t
		}
	})
	return m, firstBad(input, d, bad)
}

// checkFinite reports the first NaN or infinite value of m.
func (m *dense) checkFinite(input string, workers int) error {
	ck := chunksOf(m.n)
	bad := make([]int, ck.Count)
	parallel.For(workers, ck.Count, func(_, ch int) {
		lo, hi := ck.Bounds(ch)
		bad[ch] = -1
		if t := firstNonFinite(m.x[lo*m.d : hi*m.d]); t >= 0 {
			bad[ch] = lo*m.d + t
		}
	})
	return firstBad(input, m.d, bad)
}

// chunksOf splits n rows into the fixed chunks every parallel pass of the
// package uses. The split depends on n only, never on the number of
// workers, and every reduction adds the per-chunk partial results in chunk
// order: that is what makes results bit-identical whatever the worker
// count. The chunk size is a multiple of 8, the kernels' block of rows.
func chunksOf(n int) parallel.Chunks {
	c := parallel.Split(n, 64, 256, 4096)
	if r := c.Size % 8; r != 0 {
		c.Size += 8 - r
		c.Count = (n + c.Size - 1) / c.Size
	}
	return c
}

func firstBad(input string, d int, bad []int) error {
	for _, b := range bad {
		if b >= 0 {
			return inputErr(input, b/d, b%d, ErrNotFinite)
		}
	}
	return nil
}

// firstNonFinite returns the index of the first NaN or ±Inf in v, or -1.
func firstNonFinite(v []float64) int {
	// x-x is NaN exactly when x is NaN or infinite, and a sum with a NaN
	// term is NaN: test blocks without a branch per value.
	const block = 64
	for lo := 0; lo < len(v); lo += block {
		b := v[lo:min(lo+block, len(v))]
		var acc float64
		for _, x := range b {
			acc += x - x
		}
		if acc == 0 {
			continue
		}
		for i, x := range b {
			if x-x != 0 {
				return lo + i
			}
		}
	}
	return -1
}

// checkWeights validates sample weights for n rows. nil means unit weights.
func checkWeights(w []float64, n int) error {
	if w == nil {
		return nil
	}
	if len(w) != n {
		return inputErr("weights", -1, -1, ErrWeight)
	}
	var sum float64
	for i, v := range w {
		if !(v >= 0) || math.IsInf(v, 1) {
			return inputErr("weights", i, -1, ErrWeight)
		}
		sum += v
	}
	if !(sum > 0) || math.IsInf(sum, 0) {
		return inputErr("weights", -1, -1, ErrWeight)
	}
	return nil
}
