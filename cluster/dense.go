package cluster

import (
	"math"
)

// Dense is a row-major matrix of float64 values: row i occupies
// Data[i*Cols : (i+1)*Cols]. It lets callers who already hold their data
// flat hand it to [KMeans.FitDense] without a copy.
//
// The zero value is an empty matrix.
type Dense struct {
	Rows, Cols int
	Data       []float64
}

// NewDense copies the rows of X into a new Dense matrix. It returns an
// error wrapping [ErrEmpty] when X has no rows or its first row no values,
// [ErrRagged] naming the first row whose length differs from the first
// row's, and [ErrNotFinite] naming the first NaN or infinite value.
// It does not keep X.
func NewDense(X [][]float64) (*Dense, error) { return newDense(X, 0) }

func newDense(X [][]float64, workers int) (*Dense, error) {
	if len(X) == 0 {
		return nil, inputErr("X", -1, -1, ErrEmpty)
	}
	d := len(X[0])
	if d == 0 {
		return nil, inputErr("X", 0, -1, ErrEmpty)
	}
	for i, row := range X {
		if len(row) != d {
			return nil, inputErr("X", i, -1, ErrRagged)
		}
	}
	m := &Dense{Rows: len(X), Cols: d, Data: make([]float64, len(X)*d)}
	ck := newChunking(len(X))
	bad := make([]int, ck.count) // first bad flat index per chunk, or -1
	parallel(workerCount(workers), ck.count, func(ch int) {
		lo, hi := ck.bounds(ch)
		for i := lo; i < hi; i++ {
			copy(m.Data[i*d:(i+1)*d], X[i])
		}
		bad[ch] = -1
		if t := firstNonFinite(m.Data[lo*d : hi*d]); t >= 0 {
			bad[ch] = lo*d + t
		}
	})
	if err := firstBad("X", d, bad); err != nil {
		return nil, err
	}
	return m, nil
}

// Row returns row i of m, sharing m's storage. It panics if i is out of
// range, like a slice index.
func (m *Dense) Row(i int) []float64 {
	return m.Data[i*m.Cols : (i+1)*m.Cols : (i+1)*m.Cols]
}

// check validates m's shape and values.
func (m *Dense) check(workers int) error {
	if m == nil || m.Rows <= 0 || m.Cols <= 0 {
		return inputErr("X", -1, -1, ErrEmpty)
	}
	if len(m.Data) != m.Rows*m.Cols {
		return inputErr("X", -1, -1, ErrRagged)
	}
	ck := newChunking(m.Rows)
	bad := make([]int, ck.count)
	parallel(workers, ck.count, func(ch int) {
		lo, hi := ck.bounds(ch)
		bad[ch] = -1
		if t := firstNonFinite(m.Data[lo*m.Cols : hi*m.Cols]); t >= 0 {
			bad[ch] = lo*m.Cols + t
		}
	})
	return firstBad("X", m.Cols, bad)
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
