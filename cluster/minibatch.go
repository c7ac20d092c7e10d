package cluster

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
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
	// 3×BatchSize, at least K, at most the number of rows.
	InitSize int
	// BatchSize is the number of rows per step, drawn uniformly with
	// replacement. 0 means 1024.
	BatchSize int
	// MaxIter is the number of passes over the data: Fit runs at most
	// ⌈MaxIter×n/BatchSize⌉ steps. 0 means 100.
	MaxIter int
	// MaxNoImprovement stops Fit after that many consecutive steps without
	// a new minimum of the smoothed batch inertia (an exponentially
	// weighted average, as scikit-learn). 0 means 10; negative disables.
	MaxNoImprovement int
	// Tol stops Fit when the squared centroid shift summed over centroids
	// is at most Tol times the mean feature variance of X. 0 disables it,
	// as scikit-learn's default.
	Tol float64
	// ReassignmentRatio: after a step, centroids whose accumulated weight
	// is below ReassignmentRatio times the largest are moved to random rows
	// of the batch, and their weight is reset to the smallest weight of the
	// others, as scikit-learn does. It runs when a centroid has no weight
	// yet or every 10×K rows seen. 0 means 0.01; negative disables.
	ReassignmentRatio float64
	// Seed seeds every random choice (math/rand/v2 PCG).
	Seed uint64
	// Workers is the number of goroutines; 0 means GOMAXPROCS. The result
	// does not depend on it.
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
		return fmt.Errorf("%w: K = %d", ErrK, mb.K)
	case mb.BatchSize < 0:
		return fmt.Errorf("%w: BatchSize = %d", ErrConfig, mb.BatchSize)
	case mb.MaxIter < 0:
		return fmt.Errorf("%w: MaxIter = %d", ErrConfig, mb.MaxIter)
	case mb.InitSize < 0:
		return fmt.Errorf("%w: InitSize = %d", ErrConfig, mb.InitSize)
	case math.IsNaN(mb.Tol) || math.IsNaN(mb.ReassignmentRatio):
		return fmt.Errorf("%w: Tol or ReassignmentRatio is NaN", ErrConfig)
	case mb.Init != KMeansPlusPlus && mb.Init != Random:
		return fmt.Errorf("%w: Init = %v", ErrConfig, mb.Init)
	}
	return nil
}

// Fit clusters the rows of X by mini-batch steps, then labels every row
// with its nearest final centroid and reports the inertia over all of X.
// Errors are as for [KMeans.Fit].
func (mb MiniBatchKMeans) Fit(ctx context.Context, X [][]float64) (*Model, error) {
	return mb.FitWeighted(ctx, X, nil)
}

// FitWeighted is Fit with a weight per row (nil means all 1); batches are
// still drawn uniformly, and weights scale each row's pull on its centroid.
func (mb MiniBatchKMeans) FitWeighted(ctx context.Context, X [][]float64, weights []float64) (*Model, error) {
	if len(X) == 0 {
		return nil, inputErr("X", -1, -1, ErrEmpty)
	}
	if err := mb.checkConfig(); err != nil {
		return nil, err
	}
	if mb.K > len(X) {
		return nil, fmt.Errorf("%w: K = %d with %d rows", ErrK, mb.K, len(X))
	}
	workers := workerCount(mb.Workers)
	m, err := newDense(X, workers)
	if err != nil {
		return nil, err
	}
	if err := checkWeights(weights, m.Rows); err != nil {
		return nil, err
	}
	n, d, k := m.Rows, m.Cols, mb.K
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

	bs := mb.batchSize()
	maxIter := mb.MaxIter
	if maxIter == 0 {
		maxIter = 100
	}
	steps := (maxIter*n + bs - 1) / bs
	tol := 0.0
	if mb.Tol > 0 {
		tol = mb.Tol * p.meanVariance()
	}
	maxNoImp := mb.MaxNoImprovement
	if maxNoImp == 0 {
		maxNoImp = 10
	}
	alpha := min(float64(bs)*2/float64(n+1), 1)

	batch := &Dense{Rows: bs, Cols: d, Data: make([]float64, bs*d)}
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
			copy(batch.Row(b), m.Row(i))
			if bw != nil {
				bw[b] = weights[i]
			}
		}
		o.sums(batch, bw, sums)
		copy(prev, o.centers)
		o.apply(sums)
		o.reassign(batch, bw)
		batchInertia := sums.Inertia / max(sumOrdered(sums.Weight), math.SmallestNonzeroFloat64)
		if mb.Progress != nil {
			mb.Progress(step, batchInertia)
		}
		if step == 1 {
			ewa, ewaMin = batchInertia, batchInertia
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
		ewa = ewa*(1-alpha) + batchInertia*alpha
		if ewa < ewaMin {
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
		size = 3 * mb.batchSize()
	}
	size = min(max(size, k), n)
	src := p
	if size < n {
		idx := sampleIndices(n, size, rng)
		sub := &Dense{Rows: size, Cols: p.d, Data: make([]float64, 0, size*p.d)}
		var sw []float64
		for _, i := range idx {
			sub.Data = append(sub.Data, p.row(i)...)
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

// Sums holds one assignment step of k-means: for each centroid, the
// weighted sum and total weight of the rows nearest to it, plus those rows'
// inertia. Sums from different shards of the data, computed against the
// same centroids, add up with [Sums.Merge]; [Online.Apply] then moves the
// centroids. Float addition is not associative, so merge shards in a fixed
// order for reproducible results.
type Sums struct {
	K, Dim  int
	Sum     []float64 // K×Dim, row-major: weighted sum of the rows of each cluster
	Weight  []float64 // K: total weight of the rows of each cluster
	Inertia float64   // weighted sum of squared distances to the nearest centroid
	Rows    int       // number of rows
}

func newSums(k, d int) *Sums {
	return &Sums{K: k, Dim: d, Sum: make([]float64, k*d), Weight: make([]float64, k)}
}

// Merge adds t into s. It returns an error wrapping [ErrConfig] when the
// shapes differ, and then leaves s unchanged.
func (s *Sums) Merge(t *Sums) error {
	if s.K != t.K || s.Dim != t.Dim || len(s.Sum) != s.K*s.Dim || len(t.Sum) != len(s.Sum) ||
		len(s.Weight) != s.K || len(t.Weight) != s.K {
		return fmt.Errorf("%w: merging Sums of shape %d×%d into %d×%d", ErrConfig, t.K, t.Dim, s.K, s.Dim)
	}
	for i, v := range t.Sum {
		s.Sum[i] += v
	}
	for j, v := range t.Weight {
		s.Weight[j] += v
	}
	s.Inertia += t.Inertia
	s.Rows += t.Rows
	return nil
}

// Online is a mini-batch k-means fit fed one batch at a time, for data that
// arrives as a stream or does not fit in memory. Create it with
// [MiniBatchKMeans.Online]. The first PartialFit seeds the centroids from
// its batch unless InitCentroids were given.
//
// Online is not safe for concurrent use, except that Sums and Centroids
// only read it and may run concurrently with each other.
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

	bp      problem     // the batch being assigned, reused between steps
	pn      panel       // the centroids laid out for distance passes
	part    []float64   // per-chunk partial sums, reused between steps
	scratch [][]float64 // per-goroutine distances, reused between steps
}

// Online returns a streaming fit with this configuration. With
// InitCentroids it starts from them at once, so Sums and Apply work before
// any PartialFit (bad InitCentroids are reported by the first call that
// needs them); without, the first PartialFit seeds it. BatchSize, MaxIter,
// MaxNoImprovement, Tol and Progress do not apply: the caller chooses the
// batches and when to stop.
func (mb MiniBatchKMeans) Online() *Online {
	o := &Online{cfg: mb, rng: rand.New(rand.NewPCG(mb.Seed, 0x6d696e69)), workers: workerCount(mb.Workers)}
	if ic := mb.InitCentroids; ic != nil {
		if err := mb.checkConfig(); err != nil {
			o.initErr = err
		} else if len(ic) == 0 {
			o.initErr = fmt.Errorf("%w: no rows", ErrInitShape)
		} else if o.centers, o.initErr = flatCentroids(ic, mb.K, len(ic[0])); o.initErr == nil {
			o.d = len(ic[0])
			o.counts = make([]float64, mb.K)
		}
	}
	return o
}

// PartialFit runs one mini-batch step on batch (unit weights).
func (o *Online) PartialFit(ctx context.Context, batch [][]float64) error {
	return o.PartialFitWeighted(ctx, batch, nil)
}

// PartialFitWeighted runs one mini-batch step on batch with the given row
// weights (nil means all 1): assign, move the centroids, and reassign
// starved centroids. On the first call without InitCentroids, the batch
// must hold at least K distinct rows, which seed the centroids. Errors are
// as for [KMeans.Fit]; on error the state is unchanged.
func (o *Online) PartialFitWeighted(ctx context.Context, batch [][]float64, weights []float64) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("cluster: partial fit: %w", err)
	}
	if o.initErr != nil {
		return o.initErr
	}
	if err := o.cfg.checkConfig(); err != nil {
		return err
	}
	if len(batch) == 0 {
		return inputErr("batch", -1, -1, ErrEmpty)
	}
	m, err := newDense(batch, o.workers)
	if err != nil {
		return err
	}
	if err := checkWeights(weights, m.Rows); err != nil {
		return err
	}
	if o.centers == nil {
		if err := o.init(ctx, m, weights); err != nil {
			return err
		}
	}
	if m.Cols != o.d {
		return inputErr("batch", 0, -1, ErrRagged)
	}
	s := newSums(o.cfg.K, o.d)
	o.sums(m, weights, s)
	o.apply(s)
	o.reassign(m, weights)
	return nil
}

func (o *Online) init(ctx context.Context, m *Dense, w []float64) error {
	k := o.cfg.K
	if k > m.Rows {
		return fmt.Errorf("%w: K = %d with %d rows in the first batch", ErrK, k, m.Rows)
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
	o.d = m.Cols
	o.counts = make([]float64, k)
	return nil
}

// Sums assigns the rows of batch to the current centroids and returns the
// per-centroid sums without changing o. weights may be nil. It returns an
// error wrapping [ErrEmpty] before the centroids exist.
func (o *Online) Sums(batch [][]float64, weights []float64) (*Sums, error) {
	if o.initErr != nil {
		return nil, o.initErr
	}
	if o.centers == nil {
		return nil, fmt.Errorf("%w: no centroids yet; call PartialFit or set InitCentroids", ErrEmpty)
	}
	if len(batch) == 0 {
		return nil, inputErr("batch", -1, -1, ErrEmpty)
	}
	m, err := newDense(batch, o.workers)
	if err != nil {
		return nil, err
	}
	if m.Cols != o.d {
		return nil, inputErr("batch", 0, -1, ErrRagged)
	}
	if err := checkWeights(weights, m.Rows); err != nil {
		return nil, err
	}
	s := newSums(o.cfg.K, o.d)
	o.sums(m, weights, s)
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

// Centroids returns a copy of the current centroids, or nil before the
// first PartialFit.
func (o *Online) Centroids() [][]float64 {
	if o.centers == nil {
		return nil
	}
	return unflatten(o.centers, o.cfg.K, o.d)
}

// Model returns the current centroids as a model for Predict, with the
// number of steps taken as Iterations and no labels or inertia. It returns
// nil before the first PartialFit.
func (o *Online) Model() *Model {
	if o.centers == nil {
		return nil
	}
	return &Model{Centroids: o.Centroids(), Iterations: o.steps}
}

// sums fills s from the rows of m against the current centroids, in
// fixed chunks reduced in order.
func (o *Online) sums(m *Dense, w []float64, s *Sums) {
	k, d := o.cfg.K, o.d
	workers := o.workers
	if m.Rows*k < 1<<16 {
		workers = 1 // too little work to pay for goroutines; same result
	}
	o.bp = problem{n: m.Rows, d: m.Cols, x: m.Data, w: w, ck: newChunking(m.Rows), workers: workers}
	p := &o.bp
	ck := p.ck
	stride := k*d + k + 1
	if cap(o.part) < ck.count*stride {
		o.part = make([]float64, ck.count*stride)
	}
	part := o.part[:ck.count*stride]
	clear(part)
	if o.scratch == nil {
		o.scratch = make([][]float64, o.workers)
	}
	scratch := o.scratch
	o.pn.set(o.centers, k, d)
	parallelW(workers, ck.count, func(wk, ch int) {
		if scratch[wk] == nil {
			scratch[wk] = make([]float64, k)
		}
		lo, hi := ck.bounds(ch)
		ps := part[ch*(k*d+k+1) : (ch+1)*(k*d+k+1)]
		sum, wt := ps[:k*d], ps[k*d:k*d+k]
		for i := lo; i < hi; i++ {
			x := p.row(i)
			j, dd := nearest(x, &o.pn, scratch[wk])
			wi := p.weight(i)
			for t, v := range x {
				sum[j*d+t] += float64(wi * v)
			}
			wt[j] += wi
			ps[k*d+k] += float64(wi * dd)
		}
	})
	clear(s.Sum)
	clear(s.Weight)
	s.Inertia, s.Rows = 0, m.Rows
	for ch := range ck.count {
		ps := part[ch*(k*d+k+1) : (ch+1)*(k*d+k+1)]
		for t, v := range ps[:k*d] {
			s.Sum[t] += v
		}
		for j, v := range ps[k*d : k*d+k] {
			s.Weight[j] += v
		}
		s.Inertia += ps[k*d+k]
	}
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

// reassign moves starved centroids to random rows of the batch, as
// scikit-learn's _mini_batch_step with random_reassign.
func (o *Online) reassign(m *Dense, w []float64) {
	ratio := o.cfg.ReassignmentRatio
	if ratio == 0 {
		ratio = 0.01
	}
	k := o.cfg.K
	if ratio < 0 || k < 2 {
		return
	}
	hasZero := slices.Contains(o.counts, 0)
	if !hasZero && o.seen < 10*k {
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
	// At most half the batch becomes new centroids; keep the heaviest.
	if maxMove := m.Rows / 2; len(move) > maxMove {
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
	for i := range m.Rows {
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
		copy(o.centers[j*d:(j+1)*d], m.Row(rows[pick[idx]]))
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
