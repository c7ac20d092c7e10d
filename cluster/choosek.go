package cluster

import (
	"context"
	"fmt"
	"math"

	"github.com/clientele-go/clientele/internal/parallel"
)

// ChooseK fits k-means for each K in [MinK, MaxK] and scores each fit, to
// help pick the number of clusters by the elbow of the inertia curve or by
// the highest silhouette.
//
// The zero value tries K = 2 to 10 with KMeans defaults.
type ChooseK struct {
	// MinK and MaxK bound the range; 0 means 2 and 10. MinK may be 1, whose
	// silhouette is NaN (undefined for one cluster).
	MinK, MaxK int
	// KMeans is the template for every fit; its K is ignored and its
	// InitCentroids must be nil.
	KMeans KMeans
	// SilhouetteSample is the number of rows the silhouette is computed
	// on (see [Silhouette]); 0 means 5000, negative means all rows.
	// The sample uses KMeans.Seed.
	SilhouetteSample int
}

// KScore is the outcome of one fit in a [ChooseK] run.
type KScore struct {
	K          int
	Inertia    float64
	Silhouette float64 // NaN for K = 1
	Iterations int
}

// KChoice is the result of [ChooseK.Run].
type KChoice struct {
	// Scores holds one entry per K, in increasing K.
	Scores []KScore
	// BySilhouette is the K with the highest silhouette (the smallest such
	// K on ties), or 0 when no K has one.
	BySilhouette int
	// Elbow is the K whose point on the curve of log inertia against K lies
	// farthest below the straight line from the first K's point to the last
	// one's, with both axes scaled to [0, 1] (the "kneedle" rule on a log
	// scale, since inertia falls by orders of magnitude once K reaches the
	// true number of groups), or 0 with fewer than three K or a flat curve.
	Elbow int
}

// Run fits and scores each K in turn on X, sequentially (each fit uses the
// template's Workers). Errors are those of [KMeans.Fit] and [Silhouette.Score],
// and an error wrapping [ErrConfig] for a bad range or InitCentroids set.
// When no K fits, for instance MaxK above the number of distinct rows, Run
// returns the error of the first K that failed.
func (c ChooseK) Run(ctx context.Context, X Data) (*KChoice, error) {
	lo, hi := c.MinK, c.MaxK
	if lo == 0 {
		lo = 2
	}
	if hi == 0 {
		hi = 10
	}
	if lo < 1 || hi < lo {
		return nil, fmt.Errorf("%w: ChooseK.MinK to MaxK is %d to %d", ErrConfig, lo, hi)
	}
	if c.KMeans.InitCentroids != nil {
		return nil, fmt.Errorf("%w: ChooseK.KMeans.InitCentroids is set", ErrConfig)
	}
	sample := c.SilhouetteSample
	switch {
	case sample == 0:
		sample = 5000
	case sample < 0:
		sample = 0
	}
	if c.KMeans.Workers < 0 {
		return nil, fmt.Errorf("%w: ChooseK.KMeans.Workers = %d", ErrConfig, c.KMeans.Workers)
	}
	m, err := X.matrix("X", parallel.Workers(c.KMeans.Workers))
	if err != nil {
		return nil, err
	}
	X = Data{Flat: m.x, Cols: m.d, Weights: X.Weights} // validated and flat: no copy per K
	out := &KChoice{}
	bestSil := math.Inf(-1)
	for k := lo; k <= hi; k++ {
		km := c.KMeans
		km.K = k
		fit, err := km.Fit(ctx, X)
		if err != nil {
			return nil, fmt.Errorf("cluster: ChooseK at K = %d: %w", k, err)
		}
		sc := KScore{K: k, Inertia: fit.Inertia, Iterations: fit.Iterations, Silhouette: math.NaN()}
		if k >= 2 && k < m.n {
			s, err := Silhouette{SampleSize: sample, Seed: c.KMeans.Seed, Workers: c.KMeans.Workers}.Score(ctx, X, fit.Labels)
			if err != nil {
				return nil, fmt.Errorf("cluster: ChooseK at K = %d: %w", k, err)
			}
			sc.Silhouette = s
			if s > bestSil {
				bestSil, out.BySilhouette = s, k
			}
		}
		out.Scores = append(out.Scores, sc)
	}
	out.Elbow = elbow(out.Scores)
	return out, nil
}

// elbow implements the kneedle rule described on KChoice.Elbow.
func elbow(s []KScore) int {
	if len(s) < 3 {
		return 0
	}
	first, last := s[0], s[len(s)-1]
	// A perfect fit has inertia 0; floor the logarithm at a tiny fraction
	// of the first inertia.
	floor := first.Inertia * 1e-12
	logI := func(v float64) float64 { return math.Log(max(v, floor)) }
	dk := float64(last.K - first.K)
	di := logI(first.Inertia) - logI(last.Inertia)
	if !(di > 0) {
		return 0
	}
	best, bestGap := 0, 0.0
	for _, p := range s[1 : len(s)-1] {
		x := float64(p.K-first.K) / dk
		y := (logI(first.Inertia) - logI(p.Inertia)) / di // fraction of the total drop
		if gap := y - x; gap > bestGap {
			best, bestGap = p.K, gap
		}
	}
	return best
}
