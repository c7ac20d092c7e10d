package cluster

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/clientele-go/clientele/internal/parallel"
)

// Online is a mini-batch k-means fit fed one batch at a time, for data that
// arrives as a stream or does not fit in memory. Create it with
// [MiniBatchKMeans.Online]. The first PartialFit seeds the centroids from
// its batch unless InitCentroids were given.
//
// Online is not safe for concurrent use, except that Sums and Model only
// read it and may run concurrently with each other.
type Online struct {
	cfg     MiniBatchKMeans
	d       int
	centers []float64
	counts  []float64
	rng     *rand.Rand
	workers int
	steps   int
	seen    int   // rows since the last reassignment
	initErr error // bad InitCentroids

	bp      problem         // the batch being assigned, reused between steps
	pn      panel           // the centroids laid out for the kernels
	part    []float64       // per-chunk partial sums, reused between steps
	scratch []*chunkScratch // per-goroutine kernel outputs, reused between steps
}

// Online returns a streaming fit with this configuration. With
// InitCentroids it starts from them at once, so Sums and Apply work before
// any PartialFit (bad InitCentroids are reported by the first call that
// needs them); without, the first PartialFit seeds it. BatchSize, MaxIter,
// MaxNoImprovement, Tol and Progress do not apply: the caller chooses the
// batches and when to stop.
func (mb MiniBatchKMeans) Online() *Online {
	o := &Online{cfg: mb, rng: rand.New(rand.NewPCG(mb.Seed, 0x6d696e69)), workers: parallel.Workers(mb.Workers)}
	if ic := mb.InitCentroids; ic != nil {
		if err := mb.checkConfig(); err != nil {
			o.initErr = err
		} else if len(ic) == 0 {
			o.initErr = fmt.Errorf("%w: MiniBatchKMeans.InitCentroids has no rows", ErrConfig)
		} else if o.centers, o.initErr = flatCentroids(ic, mb.K, len(ic[0])); o.initErr == nil {
			o.d = len(ic[0])
			o.counts = make([]float64, mb.K)
		}
	}
	return o
}

// PartialFit runs one mini-batch step on batch: assign its rows to the
// nearest centroids, move the centroids, and reassign starved centroids.
// batch.Weights, when not nil, weight the rows. On the first call without
// InitCentroids, the batch must hold at least K distinct rows, which seed
// the centroids. Errors are as for [KMeans.Fit]; on error the state is
// unchanged.
func (o *Online) PartialFit(ctx context.Context, batch Data) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("cluster: partial fit: %w", err)
	}
	if o.initErr != nil {
		return o.initErr
	}
	if err := o.cfg.checkConfig(); err != nil {
		return err
	}
	m, err := batch.matrix("batch", o.workers)
	if err != nil {
		return err
	}
	weights := batch.Weights
	if err := checkWeights(weights, m.n); err != nil {
		return err
	}
	if o.centers == nil {
		if err := o.init(ctx, m, weights); err != nil {
			return err
		}
	}
	if m.d != o.d {
		return inputErr("batch", 0, -1, ErrRagged)
	}
	s := newSums(o.cfg.K, o.d)
	o.sums(m, weights, s)
	o.step(m, weights, s)
	return nil
}

func (o *Online) init(ctx context.Context, m *dense, w []float64) error {
	k := o.cfg.K
	if k > m.n {
		return fmt.Errorf("%w: MiniBatchKMeans.K = %d with %d rows in the first batch", ErrConfig, k, m.n)
	}
	if err := checkDistinct(m, w, k); err != nil {
		return err
	}
	p := newProblem(m, w, o.workers)
	if o.cfg.Init == Random {
		o.centers = p.randomInit(k, o.rng)
	} else {
		s, err := p.plusPlus(ctx, k, o.rng)
		if err != nil {
			return err
		}
		o.centers = s.centers
	}
	o.d = m.d
	o.counts = make([]float64, k)
	return nil
}

// Sums assigns the rows of batch to the current centroids and returns the
// per-centroid sums without changing o; batch.Weights may be nil. It
// returns an error wrapping [ErrEmpty] before the centroids exist.
func (o *Online) Sums(batch Data) (*Sums, error) {
	if o.initErr != nil {
		return nil, o.initErr
	}
	if o.centers == nil {
		return nil, fmt.Errorf("%w: no centroids yet; call PartialFit or set InitCentroids", ErrEmpty)
	}
	m, err := batch.matrix("batch", o.workers)
	if err != nil {
		return nil, err
	}
	if m.d != o.d {
		return nil, inputErr("batch", 0, -1, ErrRagged)
	}
	if err := checkWeights(batch.Weights, m.n); err != nil {
		return nil, err
	}
	s := newSums(o.cfg.K, o.d)
	o.sums(m, batch.Weights, s)
	return s, nil
}

// Apply moves each centroid to the running weighted mean of every row
// assigned to it so far: c ← (c×W + Sum)/(W + Weight), where W is the
// weight the centroid had accumulated. It does not reassign centroids. It
// returns an error wrapping [ErrConfig] for Sums of the wrong shape.
func (o *Online) Apply(s *Sums) error {
	if o.initErr != nil {
		return o.initErr
	}
	if o.centers == nil {
		return fmt.Errorf("%w: no centroids yet; call PartialFit or set InitCentroids", ErrEmpty)
	}
	if s.K != o.cfg.K || s.Dim != o.d || len(s.Sum) != s.K*s.Dim || len(s.Weight) != s.K {
		return fmt.Errorf("%w: Sums of shape %d×%d for %d×%d centroids", ErrConfig, s.K, s.Dim, o.cfg.K, o.d)
	}
	o.apply(s)
	return nil
}

// Model returns a copy of the current centroids as a model for Predict,
// with the number of steps taken as Iterations and no labels or inertia.
// It returns nil before the centroids exist.
func (o *Online) Model() *Model {
	if o.centers == nil {
		return nil
	}
	return &Model{Centroids: unflatten(o.centers, o.cfg.K, o.d), Iterations: o.steps}
}

func (o *Online) apply(s *Sums) {
	d := o.d
	for j, wj := range s.Weight {
		if !(wj > 0) {
			continue
		}
		old := o.counts[j]
		total := old + wj
		c := o.centers[j*d : (j+1)*d]
		for t := range c {
			c[t] = (float64(c[t]*old) + s.Sum[j*d+t]) / total
		}
		o.counts[j] = total
	}
	o.steps++
	o.seen += s.Rows
}

// step applies the sums s of batch m (weights w) and reassigns starved
// centroids, as one step of scikit-learn's fit or partial_fit: whether to
// reassign is decided before the sums are applied (its _random_reassign
// looks for an empty centroid among the counts the step starts from, so
// the first step always may), which centroids to move after.
func (o *Online) step(m *dense, w []float64, s *Sums) {
	hadEmpty := slices.Contains(o.counts, 0)
	o.apply(s)
	o.reassign(m, w, hadEmpty)
}

// reassign moves starved centroids to random rows of the batch, as
// scikit-learn's _mini_batch_step with random_reassign; hadEmpty reports
// whether a centroid had no weight before the step.
func (o *Online) reassign(m *dense, w []float64, hadEmpty bool) {
	ratio := o.cfg.ReassignmentRatio
	if ratio == 0 {
		ratio = 0.01
	}
	k := o.cfg.K
	if ratio < 0 || k < 2 {
		return
	}
	if !hadEmpty && o.seen < 10*k {
		return
	}
	o.seen = 0
	limit := ratio * slices.Max(o.counts)
	var move []int
	for j, c := range o.counts {
		if c < limit {
			move = append(move, j)
		}
	}
	// At most half the batch becomes new centroids: the lightest move,
	// the heavier stay (scikit-learn reassigns the first batch_size/2 of
	// np.argsort(weight_sums)).
	if maxMove := m.n / 2; len(move) > maxMove {
		slices.SortStableFunc(move, func(a, b int) int {
			return compareFloat(o.counts[a], o.counts[b])
		})
		move = move[:maxMove]
		slices.Sort(move)
	}
	if len(move) == 0 || len(move) == k {
		return
	}
	// Candidate rows: those with positive weight.
	var rows []int
	for i := range m.n {
		if w == nil || w[i] > 0 {
			rows = append(rows, i)
		}
	}
	if len(rows) < len(move) {
		return
	}
	pick := sampleIndices(len(rows), len(move), o.rng)
	o.rng.Shuffle(len(pick), func(a, b int) { pick[a], pick[b] = pick[b], pick[a] })
	floor := math.Inf(1)
	for j, c := range o.counts {
		if !slices.Contains(move, j) {
			floor = min(floor, c)
		}
	}
	d := o.d
	for idx, j := range move {
		copy(o.centers[j*d:(j+1)*d], m.row(rows[pick[idx]]))
		o.counts[j] = floor
	}
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
