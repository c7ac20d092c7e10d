package cluster

import (
	"math"

	"github.com/clientele-go/clientele/internal/parallel"
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
// index on ties, as [Model.Predict] does (X.Weights are ignored). It
// returns an error wrapping [ErrEmpty], [ErrRagged] or [ErrNotFinite]
// (naming the row) for bad input or centroids, and does not keep X. It
// uses up to GOMAXPROCS goroutines; the result does not depend on them.
func (m *Model) PredictAll(X Data) ([]int, error) {
	x, pn, err := m.prepare(X)
	if err != nil {
		return nil, err
	}
	labels := make([]int, x.n)
	ck := chunksOf(x.n)
	parallel.For(0, ck.Count, func(_, ch int) {
		lo, hi := ck.Bounds(ch)
		lab, best, second := make([]int32, hi-lo), make([]float64, hi-lo), make([]float64, hi-lo)
		nearestRows(x.x[lo*x.d:hi*x.d], pn, lab, best, second)
		for i, l := range lab {
			labels[lo+i] = int(l)
		}
	})
	return labels, nil
}

// Transform returns the Euclidean distance from every row of X to every
// centroid: row i of the result holds K distances, as scikit-learn's
// KMeans.transform (X.Weights are ignored). The rows of the result share
// one backing array. Errors and concurrency are as for
// [Model.PredictAll].
func (m *Model) Transform(X Data) ([][]float64, error) {
	x, pn, err := m.prepare(X)
	if err != nil {
		return nil, err
	}
	k := pn.k
	flat := make([]float64, x.n*k)
	ck := chunksOf(x.n)
	ldo := pn.groups * 8
	parallel.For(0, ck.Count, func(_, ch int) {
		lo, hi := ck.Bounds(ch)
		dist := make([]float64, (hi-lo)*ldo)
		distRows(x.x[lo*x.d:hi*x.d], hi-lo, pn, dist, ldo)
		for i := range hi - lo {
			out := flat[(lo+i)*k : (lo+i+1)*k]
			for j := range out {
				out[j] = math.Sqrt(dist[i*ldo+j])
			}
		}
	})
	return unflattenOwned(flat, x.n, k), nil
}

// Score returns the inertia of X under the model: the sum over rows of the
// squared Euclidean distance to the nearest centroid, each times its weight
// in X.Weights (nil means 1). scikit-learn's KMeans.score is its negative.
// The sum runs in fixed chunks added in order, so it does not depend on
// the number of goroutines. Errors are as for [Model.PredictAll], plus
// [ErrWeight] for bad weights.
func (m *Model) Score(X Data) (float64, error) {
	x, pn, err := m.prepare(X)
	if err != nil {
		return 0, err
	}
	if err := checkWeights(X.Weights, x.n); err != nil {
		return 0, err
	}
	p := newProblem(x, X.Weights, parallel.Workers(0))
	part := make([]float64, p.ck.Count)
	parallel.For(p.workers, p.ck.Count, func(_, ch int) {
		lo, hi := p.ck.Bounds(ch)
		lab, best, second := make([]int32, hi-lo), make([]float64, hi-lo), make([]float64, hi-lo)
		nearestRows(p.x[lo*p.d:hi*p.d], pn, lab, best, second)
		part[ch] = p.weightedSum(lo, best)
	})
	return sumOrdered(part), nil
}

// prepare validates the centroids and X and lays the centroids out for the
// kernels.
func (m *Model) prepare(X Data) (*dense, *panel, error) {
	if len(m.Centroids) == 0 || len(m.Centroids[0]) == 0 {
		return nil, nil, inputErr("Centroids", -1, -1, ErrEmpty)
	}
	k, d := len(m.Centroids), len(m.Centroids[0])
	flat := make([]float64, 0, k*d)
	for j, c := range m.Centroids {
		if len(c) != d {
			return nil, nil, inputErr("Centroids", j, -1, ErrRagged)
		}
		if t := firstNonFinite(c); t >= 0 {
			return nil, nil, inputErr("Centroids", j, t, ErrNotFinite)
		}
		flat = append(flat, c...)
	}
	x, err := X.matrix("X", 0)
	if err != nil {
		return nil, nil, err
	}
	if x.d != d {
		return nil, nil, inputErr("X", 0, -1, ErrRagged)
	}
	pn := new(panel)
	pn.set(flat, k, d)
	return x, pn, nil
}
