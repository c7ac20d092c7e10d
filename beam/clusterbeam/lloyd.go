package clusterbeam

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/clientele-go/clientele/cluster"
)

// Lloyd drives Lloyd's k-means iterations as cluster.KMeans{Algorithm:
// cluster.Lloyd} runs them, with every assignment done by a pass the
// caller supplies (typically one Beam pipeline run around [Assign]): the
// same stopping rules, the same empty-cluster re-seeding, and so the same
// centroids up to the rounding of sums added in another order (about
// 1e-15 relative per iteration).
//
// The zero value uses cluster.KMeans's defaults.
type Lloyd struct {
	// MaxIter caps the iterations. 0 means 300.
	MaxIter int
	// Tol is the convergence tolerance, relative to the mean feature
	// variance, as cluster.KMeans.Tol. 0 means 1e-4; negative means 0.
	Tol float64
}

// Result is the outcome of [Lloyd.Fit].
type Result struct {
	Centroids  [][]float64
	Iterations int
	// Converged reports that the fit stopped by its convergence rule (no
	// label changed, or the centroids moved by at most the tolerance)
	// rather than at MaxIter.
	Converged bool
	// Inertia is that of the last assignment: the rows against the
	// centroids before the last update.
	Inertia float64
}

// ErrInput reports data that cluster.KMeans would reject: fewer rows or
// distinct rows than K, or starting centroids of the wrong shape.
var ErrInput = errors.New("clusterbeam: input unfit for k-means")

// Fit runs the iterations from init (K rows of st.Dim finite values,
// not modified), given the Stats of the rows, calling pass once per
// iteration with the current and previous centroids. It checks ctx
// between iterations.
func (l Lloyd) Fit(ctx context.Context, init [][]float64, st *Stats, pass func(context.Context, State) (*Step, error)) (*Result, error) {
	k := len(init)
	switch {
	case l.MaxIter < 0:
		return nil, fmt.Errorf("%w: Lloyd.MaxIter = %d", cluster.ErrConfig, l.MaxIter)
	case math.IsNaN(l.Tol):
		return nil, fmt.Errorf("%w: Lloyd.Tol is NaN", cluster.ErrConfig)
	case k == 0:
		return nil, fmt.Errorf("%w: no starting centroids", ErrInput)
	case st.Rows < int64(k):
		return nil, fmt.Errorf("%w: K = %d with %d rows", ErrInput, k, st.Rows)
	case k > 1 && len(st.Distinct) < k:
		return nil, fmt.Errorf("%w: %d distinct rows, K = %d", ErrInput, len(st.Distinct), k)
	}
	for j, c := range init {
		if len(c) != st.Dim {
			return nil, fmt.Errorf("%w: starting centroid %d has %d values, the rows %d", ErrInput, j+1, len(c), st.Dim)
		}
		for _, v := range c {
			if math.IsInf(v, 0) || math.IsNaN(v) {
				return nil, fmt.Errorf("%w: starting centroid %d is not finite", ErrInput, j+1)
			}
		}
	}
	maxIter := l.MaxIter
	if maxIter == 0 {
		maxIter = 300
	}
	tol := l.Tol
	if tol == 0 {
		tol = 1e-4
	}
	tol = max(tol, 0) * st.MeanVariance()
	res := &Result{}
	cur := clone(init)
	var prev [][]float64
	for it := 1; it <= maxIter; it++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("clusterbeam: fit stopped before iteration %d: %w", it, err)
		}
		step, err := pass(ctx, State{Centroids: cur, Previous: prev})
		if err != nil {
			return nil, fmt.Errorf("clusterbeam: iteration %d: %w", it, err)
		}
		if step.Sums.K != k || step.Sums.Dim != st.Dim || step.Sums.Rows != int(st.Rows) {
			return nil, fmt.Errorf("clusterbeam: iteration %d: the pass summed %d rows into %d×%d, want %d into %d×%d",
				it, step.Sums.Rows, step.Sums.K, step.Sums.Dim, st.Rows, k, st.Dim)
		}
		next, shift := update(cur, step)
		res.Iterations, res.Inertia = it, step.Sums.Inertia
		prev, cur = cur, next
		if step.Changed == 0 || shift <= tol {
			res.Converged = true
			break
		}
	}
	res.Centroids = cur
	return res, nil
}

// update moves the centroids to the means of their rows, re-seeding empty
// clusters as cluster.KMeans does: the rows farthest from their
// centroids (farthest first, lower Pos on ties) become the centroids of
// the empty clusters (lowest index first) and leave the sums of their
// clusters; a cluster left without rows keeps its centroid. It returns
// the new centroids and the total squared shift.
func update(cur [][]float64, step *Step) ([][]float64, float64) {
	s := step.Sums
	k, d := s.K, s.Dim
	sums, wsum := slices.Clone(s.Sum), slices.Clone(s.Weight)
	counts := slices.Clone(s.Weight) // every row weighs 1
	reseeded := make([]int, k)
	far := slices.Clone(step.Far)
	slices.SortFunc(far, farther)
	var empty []int
	for j := range k {
		reseeded[j] = -1
		if !(wsum[j] > 0) {
			empty = append(empty, j)
		}
	}
	for i, j := range empty {
		if i >= len(far) {
			break
		}
		r := far[i]
		reseeded[j] = i
		for t, v := range r.X {
			sums[r.Label*d+t] -= v
			sums[j*d+t] = v
		}
		wsum[r.Label]--
		counts[r.Label]--
		wsum[j], counts[j] = 1, 1
	}
	out := make([][]float64, k)
	var shift float64
	for j := range k {
		c := make([]float64, d)
		switch {
		case reseeded[j] >= 0:
			copy(c, far[reseeded[j]].X)
		case counts[j] > 0 && wsum[j] > 0:
			for t := range c {
				c[t] = sums[j*d+t] / wsum[j]
			}
		default:
			copy(c, cur[j])
		}
		out[j] = c
		shift += sqDist(c, cur[j])
	}
	return out, shift
}

func clone(x [][]float64) [][]float64 {
	out := make([][]float64, len(x))
	for i, r := range x {
		out[i] = slices.Clone(r)
	}
	return out
}
