package cluster

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/clientele-go/clientele/internal/parallel"
)

// MiniBatchKMeans configures mini-batch k-means (Sculley 2010, "Web-scale
// k-means clustering"), following scikit-learn's MiniBatchKMeans: each step
// assigns a random batch of rows to the nearest centroids and moves each
// centroid to the running weighted mean of every row ever assigned to it.
// It trades a little inertia for a cost per step that does not grow with
// the data.
//
// [MiniBatchKMeans.Fit] samples batches from X itself; [Online] takes
// batches one at a time from a stream; [Sums] lets a host compute a step on
// several shards and merge the results.
//
// Zero fields take the defaults given on each; only K is required. A
// MiniBatchKMeans value is not modified by fitting and may be shared.
type MiniBatchKMeans struct {
	// K is the number of clusters.
	K int
	// Init selects the seeding (see [KMeans]); it runs on InitSize rows
	// sampled without replacement, or on the whole of X if those hold
	// fewer than K distinct rows.
	Init Init
	// InitCentroids, when not nil, are the starting centroids (K rows of
	// one value per feature); Init is then ignored. They are copied.
	InitCentroids [][]float64
	// InitSize is the number of rows sampled for seeding. 0 means
	// 3×BatchSize; below K it is 3×K; at most the number of rows (as
	// scikit-learn's init_size).
	InitSize int
	// BatchSize is the number of rows per step, drawn uniformly with
	// replacement. 0 means 1024. Fit takes at most the number of rows
	// (as scikit-learn), so a small X is not sampled many times over in
	// each step.
	BatchSize int
	// MaxIter is the number of passes over the data: Fit runs at most
	// ⌊MaxIter×n/BatchSize⌋ steps, at least MaxIter (as scikit-learn's
	// n_steps). 0 means 100.
	MaxIter int
	// MaxNoImprovement stops Fit after that many consecutive steps without
	// a new minimum of the smoothed batch inertia, as scikit-learn: an
	// exponentially weighted average of each batch's inertia divided by
	// BatchSize, from the second step on (the first step's inertia is the
	// initial centroids'). 0 means 10; negative disables.
	MaxNoImprovement int
	// Tol stops Fit when the squared centroid shift summed over centroids
	// in a step after the first is at most Tol times the mean feature
	// variance of X. 0 disables it, as scikit-learn's default.
	Tol float64
	// ReassignmentRatio: after a step, centroids whose accumulated weight
	// is below ReassignmentRatio times the largest are moved to random rows
	// of the batch, and their weight is reset to the smallest weight of the
	// others, as scikit-learn does; when more are below than half the batch
	// has rows, only the lightest half a batch move. It runs on a step that
	// starts with a centroid of no weight (so on the first) and every 10×K
	// rows seen. 0 means 0.01; negative disables. Two differences from
	// scikit-learn: the new rows are drawn among those of positive weight
	// (scikit-learn draws among all), and [Online] counts the rows each
	// PartialFit gets (scikit-learn's partial_fit counts every call as
	// large as its first).
	ReassignmentRatio float64
	// Seed seeds every random choice (math/rand/v2 PCG).
	Seed uint64
	// Workers is the number of goroutines; 0 means GOMAXPROCS and a
	// negative value is an error. The result does not depend on it.
	Workers int
	// Progress, when not nil, is called after each step of Fit with the
	// 1-based step number and that batch's inertia per unit of weight.
	Progress func(step int, inertia float64)
}

func (mb MiniBatchKMeans) batchSize() int {
	if mb.BatchSize == 0 {
		return 1024
	}
	return mb.BatchSize
}

func (mb MiniBatchKMeans) checkConfig() error {
	switch {
	case mb.K < 1:
		return fmt.Errorf("%w: MiniBatchKMeans.K = %d, want at least 1", ErrConfig, mb.K)
	case mb.BatchSize < 0:
		return fmt.Errorf("%w: MiniBatchKMeans.BatchSize = %d", ErrConfig, mb.BatchSize)
	case mb.MaxIter < 0:
		return fmt.Errorf("%w: MiniBatchKMeans.MaxIter = %d", ErrConfig, mb.MaxIter)
	case mb.InitSize < 0:
		return fmt.Errorf("%w: MiniBatchKMeans.InitSize = %d", ErrConfig, mb.InitSize)
	case mb.Workers < 0:
		return fmt.Errorf("%w: MiniBatchKMeans.Workers = %d", ErrConfig, mb.Workers)
	case math.IsNaN(mb.Tol) || math.IsNaN(mb.ReassignmentRatio):
		return fmt.Errorf("%w: MiniBatchKMeans.Tol or ReassignmentRatio is NaN", ErrConfig)
	case mb.Init != KMeansPlusPlus && mb.Init != Random:
		return fmt.Errorf("%w: MiniBatchKMeans.Init = %v", ErrConfig, mb.Init)
	}
	return nil
}

// Fit clusters the rows of X by mini-batch steps, then labels every row
// with its nearest final centroid and reports the inertia over all of X.
// Batches are drawn uniformly whatever the weights; weights scale each
// row's pull on its centroid. Errors are as for [KMeans.Fit].
func (mb MiniBatchKMeans) Fit(ctx context.Context, X Data) (*Model, error) {
	if err := mb.checkConfig(); err != nil {
		return nil, err
	}
	workers := parallel.Workers(mb.Workers)
	m, err := X.matrix("X", workers)
	if err != nil {
		return nil, err
	}
	if mb.K > m.n {
		return nil, fmt.Errorf("%w: MiniBatchKMeans.K = %d with %d rows", ErrConfig, mb.K, m.n)
	}
	weights := X.Weights
	if err := checkWeights(weights, m.n); err != nil {
		return nil, err
	}
	n, d, k := m.n, m.d, mb.K
	p := newProblem(m, weights, workers)
	rng := rand.New(rand.NewPCG(mb.Seed, 0x6d696e69)) // "mini"
	o := &Online{cfg: mb, d: d, rng: rng, workers: workers}
	if mb.InitCentroids != nil {
		if o.centers, err = flatCentroids(mb.InitCentroids, k, d); err != nil {
			return nil, err
		}
	} else {
		if err := checkDistinct(m, weights, k); err != nil {
			return nil, err
		}
		if o.centers, err = mb.seed(ctx, p, rng); err != nil {
			return nil, err
		}
	}
	o.counts = make([]float64, k)

	bs := min(mb.batchSize(), n)
	maxIter := mb.MaxIter
	if maxIter == 0 {
		maxIter = 100
	}
	steps := maxIter * n / bs
	tol := 0.0
	if mb.Tol > 0 {
		tol = mb.Tol * p.meanVariance()
	}
	maxNoImp := mb.MaxNoImprovement
	if maxNoImp == 0 {
		maxNoImp = 10
	}
	alpha := min(float64(bs)*2/float64(n+1), 1)

	batch := &dense{n: bs, d: d, x: make([]float64, bs*d)}
	var bw []float64
	if weights != nil {
		bw = make([]float64, bs)
	}
	sums := newSums(k, d)
	prev := make([]float64, k*d)
	var ewa, ewaMin float64
	noImp, step := 0, 0
	converged := false
	for step = 1; step <= steps; step++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("cluster: mini-batch fit stopped at step %d: %w", step, err)
		}
		for b := range bs {
			i := rng.IntN(n)
			copy(batch.row(b), m.row(i))
			if bw != nil {
				bw[b] = weights[i]
			}
		}
		o.sums(batch, bw, sums)
		copy(prev, o.centers)
		o.step(batch, bw, sums)
		if mb.Progress != nil {
			mb.Progress(step, sums.Inertia/max(sumOrdered(sums.Weight), math.SmallestNonzeroFloat64))
		}
		if step == 1 {
			// As scikit-learn's _mini_batch_convergence: the first step's
			// inertia is the initial centroids', so neither the tolerance
			// nor the average looks at it.
			continue
		}
		if tol > 0 {
			var shift float64
			for j := range k {
				shift += sqDist(o.centers[j*d:(j+1)*d], prev[j*d:(j+1)*d])
			}
			if shift <= tol {
				converged = true
				break
			}
		}
		// scikit-learn divides by the batch size, also with weights. The
		// float64 conversions keep the products unfused (no FMA), so the
		// step Fit stops at is the same on every processor.
		batchInertia := sums.Inertia / float64(bs)
		if step == 2 {
			ewa = batchInertia
		} else {
			ewa = float64(ewa*(1-alpha)) + float64(batchInertia*alpha)
		}
		if step == 2 || ewa < ewaMin {
			ewaMin, noImp = ewa, 0
		} else {
			noImp++
		}
		if maxNoImp > 0 && noImp >= maxNoImp {
			converged = true
			break
		}
	}
	step = min(step, steps)
	e := newEngine(p, k, Lloyd)
	copy(e.centers, o.centers)
	e.labels = make([]int, n)
	e.assign(ctx, false, false, false)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("cluster: mini-batch fit stopped in the final assignment: %w", err)
	}
	return &Model{
		Centroids:  unflatten(o.centers, k, d),
		Labels:     e.labels,
		Inertia:    e.inertia(),
		Iterations: step,
		Converged:  converged,
	}, nil
}

// seed picks the starting centroids from a sample of InitSize rows.
func (mb MiniBatchKMeans) seed(ctx context.Context, p *problem, rng *rand.Rand) ([]float64, error) {
	n, k := p.n, mb.K
	size := mb.InitSize
	if size == 0 {
		size = 3 * min(mb.batchSize(), n)
	}
	if size < k {
		size = 3 * k
	}
	size = min(size, n)
	src := p
	if size < n {
		idx := sampleIndices(n, size, rng)
		sub := &dense{n: size, d: p.d, x: make([]float64, 0, size*p.d)}
		var sw []float64
		for _, i := range idx {
			sub.x = append(sub.x, p.row(i)...)
			if p.w != nil {
				sw = append(sw, p.w[i])
			}
		}
		if checkDistinct(sub, sw, k) == nil && (sw == nil || sumOrdered(sw) > 0) {
			src = newProblem(sub, sw, p.workers)
		}
	}
	if mb.Init == Random {
		return src.randomInit(k, rng), nil
	}
	s, err := src.plusPlus(ctx, k, rng)
	if err != nil {
		return nil, err
	}
	return s.centers, nil
}

// sampleIndices returns size distinct indices in [0, n), in increasing
// order (Floyd's algorithm).
func sampleIndices(n, size int, rng *rand.Rand) []int {
	picked := make(map[int]bool, size)
	for j := n - size; j < n; j++ {
		t := rng.IntN(j + 1)
		if picked[t] {
			t = j
		}
		picked[t] = true
	}
	idx := make([]int, 0, size)
	for i := range picked {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	return idx
}
