package cluster

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/clientele-go/clientele/internal/parallel"
)

// Init selects how [KMeans] picks its starting centroids.
type Init int

const (
	// KMeansPlusPlus is greedy k-means++ seeding, as scikit-learn does it:
	// the first centroid is a point drawn with probability proportional to
	// its weight; each further centroid is the best of 2+⌊ln K⌋ candidates
	// drawn with probability proportional to weight × squared distance to
	// the nearest centroid so far (D² sampling), best meaning the one that
	// leaves the smallest weighted sum of squared distances.
	KMeansPlusPlus Init = iota
	// Random picks K distinct rows, with probability proportional to
	// their weights, without replacement.
	Random
)

// String returns "k-means++" or "random".
func (i Init) String() string {
	switch i {
	case KMeansPlusPlus:
		return "k-means++"
	case Random:
		return "random"
	}
	return fmt.Sprintf("Init(%d)", int(i))
}

// Algorithm selects the k-means iteration. All of them produce the same
// labels and centroids from the same starting centroids; they differ only
// in speed.
type Algorithm int

const (
	// Auto starts with Lloyd and switches to Hamerly when the data show it
	// will be faster: from the second iteration, it samples every 16th row
	// and measures how many have a gap between their nearest and second
	// nearest centroids wider than twice the last centroid shift (rows
	// Hamerly's bounds would skip), and weighs that against the cost of a
	// distance pass, which grows with the number of features times K.
	// Hamerly pays only for well separated clusters at a large d·K
	// (several hundred); at a small one, such as 8 features and K = 8,
	// Lloyd's kernel is faster however separated the clusters are. The
	// choice depends only on the data and on the kernels the build has
	// (the pure-Go ones make Hamerly pay sooner), and both give the same
	// result.
	Auto Algorithm = iota
	// Lloyd computes the distance from every point to every centroid in
	// every iteration.
	Lloyd
	// Hamerly keeps, per point, an upper bound on the distance to its own
	// centroid and a lower bound on the distance to the second nearest, and
	// skips the distance computations that the triangle inequality shows
	// cannot change the label (Hamerly 2010, "Making k-means even faster").
	// The bounds are widened by a few ulps so that a skipped point is one
	// that Lloyd would have given the same label.
	Hamerly
)

// String returns "auto", "lloyd" or "hamerly".
func (a Algorithm) String() string {
	switch a {
	case Auto:
		return "auto"
	case Lloyd:
		return "lloyd"
	case Hamerly:
		return "hamerly"
	}
	return fmt.Sprintf("Algorithm(%d)", int(a))
}

// KMeans configures a k-means fit. Call [KMeans.Fit] on a value:
// KMeans{K: 8, Seed: 1}.Fit(ctx, cluster.Data{Rows: X}).
//
// Zero fields take the defaults given on each; only K is required. A KMeans
// value is not modified by fitting and may be used from several goroutines
// at once.
//
// # Iteration and convergence
//
// Each iteration assigns every point to its nearest centroid (the lowest
// index wins a tie) and moves every centroid to the weighted mean of its
// points. As in scikit-learn, the fit stops when an iteration changes no
// label ("strict convergence"), or when the sum over centroids of the
// squared distance moved is at most Tol times the mean over features of the
// feature variance of X (population variance, unweighted), or after
// MaxIter iterations. Unless it stopped by strict convergence, a last
// assignment pass makes the labels match the final centroids. Inertia is
// then the weighted sum of squared distances from each point to its
// centroid.
//
// # Empty clusters
//
// When an iteration leaves clusters with no weight, they are re-seeded as
// scikit-learn does: the points with positive weight farthest from the
// centroid they were just assigned to (largest distance first, lowest row on
// ties) become the new centroids of the empty clusters (lowest cluster index
// first), and their weight moves out of the cluster they were assigned to.
// Their labels are updated by the next iteration. If that leaves the donor
// cluster without points, the donor keeps its previous centroid.
//
// # Duplicates
//
// Fitting data with fewer distinct points of positive weight than K returns
// an error wrapping [ErrTooFewDistinct]. With InitCentroids or Random init,
// starting centroids may coincide; the duplicates then start empty and are
// re-seeded as above.
type KMeans struct {
	// K is the number of clusters, from 1 to the number of rows.
	K int
	// Init selects the seeding; the zero value is KMeansPlusPlus.
	Init Init
	// InitCentroids, when not nil, are the starting centroids (K rows of
	// one value per feature); Init and NInit are then ignored. They are
	// copied, not modified.
	InitCentroids [][]float64
	// NInit is the number of seedings to run; the fit with the lowest
	// inertia is kept (the first on ties). 0 means 1 for KMeansPlusPlus and
	// 10 for Random, as scikit-learn's n_init="auto".
	NInit int
	// MaxIter caps the iterations of each run. 0 means 300.
	MaxIter int
	// Tol is the convergence tolerance, relative to the mean feature
	// variance. 0 means 1e-4; a negative value means 0, so that only
	// strict convergence or MaxIter stops the fit.
	Tol float64
	// Seed seeds every random choice (math/rand/v2 PCG). The same data,
	// settings and Seed give the bit-identical result.
	Seed uint64
	// Workers is the number of goroutines to use; 0 means GOMAXPROCS and a
	// negative value is an error. The result does not depend on it.
	Workers int
	// Algorithm selects the iteration; the zero value Auto picks one.
	Algorithm Algorithm
	// Float32, when set, runs the assignment passes in float32: X is
	// copied once into float32 (half its size) and every pass reads that
	// copy against the centroids rounded to float32, so an iteration moves
	// half the memory. Centroid sums and centroids, seeding, empty-cluster
	// handling, the convergence test and the reported Inertia stay in
	// float64 (Inertia on the float64 data, for the final labels).
	//
	// Squared distances are then sums of float32 squares, each within
	// about d·2⁻²⁴ (6e-8 per feature), relative, of the float64 value, so
	// a row whose two nearest centroids are closer than that may take the
	// other one; on well-conditioned data (standardised features, clusters
	// that are not piled on each other) the labels are those of a float64
	// fit, and the centroids agree to about 1e-7 relative. Every value must
	// fit in float32 (|v| < 3.4e38; larger is an error wrapping
	// [ErrNotFinite]) and squared distances above 3.4e38 overflow, so scale
	// large features first. Float32 fits use Lloyd: Auto picks it, and
	// Hamerly, whose bounds need float64 distances, is an error.
	Float32 bool
	// Progress, when not nil, is called after each iteration with the
	// 1-based iteration number and the inertia of that iteration's
	// assignment (points against the centroids they were assigned to,
	// before the centroids moved). It is called from the goroutine that
	// called Fit, never concurrently.
	Progress func(iter int, inertia float64)
}

// Fit clusters the rows of X (see [Data] for the two forms it accepts and
// for weights). X is not modified or kept. Fit returns an error wrapping
// [ErrEmpty], [ErrRagged], [ErrNotFinite] (as an [*InputError] naming the
// row and column), [ErrWeight], [ErrTooFewDistinct] or [ErrConfig], or
// ctx.Err() wrapped when ctx is cancelled; cancellation is noticed within
// one iteration.
func (km KMeans) Fit(ctx context.Context, X Data) (*Model, error) {
	if err := km.checkConfig(); err != nil {
		return nil, err
	}
	m, err := X.matrix("X", parallel.Workers(km.Workers))
	if err != nil {
		return nil, err
	}
	if km.K > m.n {
		return nil, fmt.Errorf("%w: KMeans.K = %d with %d rows", ErrConfig, km.K, m.n)
	}
	return km.fit(ctx, m, X.Weights)
}

func (km KMeans) checkConfig() error {
	switch {
	case km.K < 1:
		return fmt.Errorf("%w: KMeans.K = %d, want at least 1", ErrConfig, km.K)
	case km.MaxIter < 0:
		return fmt.Errorf("%w: KMeans.MaxIter = %d", ErrConfig, km.MaxIter)
	case km.NInit < 0:
		return fmt.Errorf("%w: KMeans.NInit = %d", ErrConfig, km.NInit)
	case km.Workers < 0:
		return fmt.Errorf("%w: KMeans.Workers = %d", ErrConfig, km.Workers)
	case math.IsNaN(km.Tol):
		return fmt.Errorf("%w: KMeans.Tol is NaN", ErrConfig)
	case km.Init != KMeansPlusPlus && km.Init != Random:
		return fmt.Errorf("%w: KMeans.Init = %v", ErrConfig, km.Init)
	case km.Algorithm < Auto || km.Algorithm > Hamerly:
		return fmt.Errorf("%w: KMeans.Algorithm = %v", ErrConfig, km.Algorithm)
	case km.Float32 && km.Algorithm == Hamerly:
		return fmt.Errorf("%w: KMeans.Algorithm = hamerly with Float32 (Hamerly needs float64 distances)", ErrConfig)
	}
	return nil
}

func (km KMeans) fit(ctx context.Context, X *dense, weights []float64) (*Model, error) {
	n, d, k := X.n, X.d, km.K
	if err := checkWeights(weights, n); err != nil {
		return nil, err
	}
	var init []float64
	if km.InitCentroids != nil {
		var err error
		if init, err = flatCentroids(km.InitCentroids, k, d); err != nil {
			return nil, err
		}
	}
	if err := checkDistinct(X, weights, k); err != nil {
		return nil, err
	}
	p := newProblem(X, weights, parallel.Workers(km.Workers))
	if km.Float32 {
		if err := p.setFloat32(); err != nil {
			return nil, err
		}
	}
	maxIter := km.MaxIter
	if maxIter == 0 {
		maxIter = 300
	}
	tol := km.Tol
	if tol == 0 {
		tol = 1e-4
	}
	tol = max(tol, 0) * p.meanVariance()
	alg := km.Algorithm
	if alg == Auto && (k == 1 || km.Float32) {
		alg = Lloyd
	}
	e := newEngine(p, k, alg)
	if init != nil {
		return e.run(ctx, &seeding{centers: init}, maxIter, tol, km.Progress)
	}
	nInit := km.NInit
	if nInit == 0 {
		nInit = 1
		if km.Init == Random {
			nInit = 10
		}
	}
	rng := rand.New(rand.NewPCG(km.Seed, 0x6b6d65616e73)) // "kmeans"
	var best *Model
	for range nInit {
		var start *seeding
		var err error
		if km.Init == Random {
			start = &seeding{centers: p.randomInit(k, rng)}
		} else if start, err = p.plusPlus(ctx, k, rng); err != nil {
			return nil, err
		}
		m, err := e.run(ctx, start, maxIter, tol, km.Progress)
		if err != nil {
			return nil, err
		}
		if best == nil || m.Inertia < best.Inertia {
			best = m
		}
	}
	return best, nil
}

// flatCentroids validates and flattens InitCentroids.
func flatCentroids(c [][]float64, k, d int) ([]float64, error) {
	if len(c) != k {
		return nil, fmt.Errorf("%w: InitCentroids has %d rows for K = %d", ErrConfig, len(c), k)
	}
	flat := make([]float64, 0, k*d)
	for j, row := range c {
		if len(row) != d {
			return nil, inputErr("InitCentroids", j, -1, ErrConfig)
		}
		if t := firstNonFinite(row); t >= 0 {
			return nil, inputErr("InitCentroids", j, t, ErrNotFinite)
		}
		flat = append(flat, row...)
	}
	return flat, nil
}

// checkDistinct returns an error wrapping ErrTooFewDistinct when fewer than
// k rows of positive weight are pairwise distinct. It stops at the k-th
// distinct row, so it costs O(k) on typical data.
func checkDistinct(X *dense, w []float64, k int) error {
	if k == 1 {
		return nil
	}
	seen := make(map[string]struct{}, k)
	key := make([]byte, 8*X.d)
	for i := range X.n {
		if w != nil && w[i] == 0 {
			continue
		}
		for t, v := range X.row(i) {
			b := math.Float64bits(v + 0) // +0 folds -0 into 0
			for s := range 8 {
				key[8*t+s] = byte(b >> (8 * s))
			}
		}
		if _, ok := seen[string(key)]; !ok {
			seen[string(key)] = struct{}{}
			if len(seen) >= k {
				return nil
			}
		}
	}
	return fmt.Errorf("%w: %d distinct rows with positive weight, K = %d", ErrTooFewDistinct, len(seen), k)
}
