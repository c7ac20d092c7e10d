package cluster

import (
	"math"
)

// Model is a fitted clustering.
//
// A Model is not modified by its methods and is safe for concurrent use
// as long as no one writes to its fields.
type Model struct {
	// Centroids holds one row per cluster, one value per feature.
	Centroids [][]float64
	// Labels holds the cluster of each fitted row, in [0, K). It is nil
	// for a model from [Online], which sees its data only in passing.
	Labels []int
	// Inertia is the weighted sum of squared Euclidean distances from each
	// fitted row to its centroid.
	Inertia float64
	// Iterations is the number of iterations run (for a mini-batch fit, the
	// number of mini-batch steps).
	Iterations int
	// Converged reports whether the fit stopped by its convergence rule
	// rather than by reaching its iteration limit.
	Converged bool
}

// Predict returns the index of the centroid nearest to x, the lowest index
// on ties. It returns -1 when x does not have one value per feature or
// holds a NaN or infinite value, or when the model has no centroids.
func (m *Model) Predict(x []float64) int {
	if len(m.Centroids) == 0 || len(x) != len(m.Centroids[0]) || firstNonFinite(x) >= 0 {
		return -1
	}
	best, bd := -1, math.Inf(1)
	for j, c := range m.Centroids {
		if len(c) != len(x) {
			return -1
		}
		if dd := sqDist(x, c); dd < bd || best < 0 {
			best, bd = j, dd
		}
	}
	return best
}

// PredictAll labels every row of X with its nearest centroid, the lowest
// index on ties (X.Weights are ignored). It returns an error wrapping
// [ErrEmpty], [ErrRagged] or [ErrNotFinite] (naming the row) for bad input,
// and does not keep X.
func (m *Model) PredictAll(X Data) ([]int, error) {
	if len(m.Centroids) == 0 {
		return nil, inputErr("Centroids", -1, -1, ErrEmpty)
	}
	x, err := X.matrix("X", 0)
	if err != nil {
		return nil, err
	}
	d := len(m.Centroids[0])
	if x.d != d {
		return nil, inputErr("X", 0, -1, ErrRagged)
	}
	labels := make([]int, x.n)
	for i := range labels {
		labels[i] = m.Predict(x.row(i))
	}
	return labels, nil
}
