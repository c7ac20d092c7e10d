package cluster

import (
	"context"
	"fmt"
	"github.com/clientele-go/clientele/internal/parallel"
	"math"
	"slices"
)

// engine runs Lloyd or Hamerly iterations on one problem. Its buffers are
// reused across the NInit runs of a fit.
type engine struct {
	p   *problem
	k   int
	alg Algorithm

	labels        []int
	centers, next []float64 // k×d, current and next centroids

	// Per-chunk partial results, reduced in chunk order.
	partSum     []float64 // chunk × k × d
	partW       []float64 // chunk × k
	partN       []int     // chunk × k
	partInertia []float64 // chunk
	partChanged []int     // chunk

	scratch []*chunkScratch // per goroutine, allocated on first use
	warm    *seeding        // k-means++ output for the first assignment, if any
	pn      panel           // the current centroids laid out for the kernels

	sums   []float64 // k × d
	wsum   []float64 // k
	counts []int     // k

	// Hamerly state: per-point bounds and per-centroid quantities. The
	// bounds are kept conservative by the relative slack (see slackFor).
	upper, lower   []float64
	half           []float64 // half the distance to the nearest other centroid, shrunk
	shift          []float64 // distance each centroid moved last update, grown
	shift1, shift2 float64   // largest and second largest shift
	shiftArg       int       // centroid with the largest shift
	up, down       float64   // 1+slack and 1-slack

	// Auto: Lloyd passes that sample how many rows Hamerly would skip,
	// and switch to Hamerly when the cost model says it pays.
	auto       bool
	switched   bool  // the next pass is Hamerly's first
	switchIter int   // iteration after which the last run switched; 0: never
	partSample []int // chunk: rows sampled
	partSkip   []int // chunk: of those, rows whose gap beats twice the last shift
}

func newEngine(p *problem, k int, alg Algorithm) *engine {
	d, c := p.d, p.ck.Count
	auto := alg == Auto
	if auto {
		alg = Lloyd
	}
	e := &engine{
		p: p, k: k, alg: alg,
		centers:     make([]float64, k*d),
		next:        make([]float64, k*d),
		partSum:     make([]float64, c*k*d),
		partW:       make([]float64, c*k),
		partN:       make([]int, c*k),
		partInertia: make([]float64, c),
		partChanged: make([]int, c),
		sums:        make([]float64, k*d),
		wsum:        make([]float64, k),
		counts:      make([]int, k),
		scratch:     make([]*chunkScratch, p.workers),
	}
	slack := slackFor(d)
	e.up, e.down = 1+slack, 1-slack
	if alg == Hamerly {
		e.startHamerly()
	}
	if auto && k > 1 && p.x32 == nil {
		e.auto = true
		e.partSample = make([]int, c)
		e.partSkip = make([]int, c)
		e.shift = make([]float64, k)
	}
	return e
}

func (e *engine) startHamerly() {
	e.alg = Hamerly
	e.upper = make([]float64, e.p.n)
	e.lower = make([]float64, e.p.n)
	e.half = make([]float64, e.k)
	e.shift = make([]float64, e.k)
}

// autoSample is the stride of the rows Auto samples.
const autoSample = 16

// preferHamerly is Auto's cost model, fitted to whole fits of 200,000
// rows on one worker (blobs with d = 8 and 30, K = 8 to 96, σ from 0.3
// to 4; 2026-12-06): per row and iteration, a Lloyd pass costs about
// 8 + 0.058·d·K ns with the dot-product kernels (8 + 1.05·d·K with the
// pure-Go reference alone); a Hamerly pass about 24 ns of bounds
// bookkeeping and sums, plus, for the rows its bounds do not settle, the
// exact kernel at about 1.5 times Lloyd's cost per row (the same kernel
// in pure Go). So Hamerly never pays at d·K = 64 and can at d·K of
// several hundred. skip is the sampled fraction of rows whose gap
// between nearest and second nearest centroid exceeds twice the largest
// centroid shift of the last update: rows Hamerly would skip if the
// centroids moved as much again. Hamerly must save a fifth to be chosen,
// since switching costs one full exact pass. Whichever it picks, the
// labels and the model are the same.
func preferHamerly(d, k int, skip float64) bool {
	perDK, exact := 0.058, 1.5
	if simd == simdNone {
		perDK, exact = 1.05, 1
	}
	lloyd := 8 + perDK*float64(d*k)
	hamerly := 24 + (1-skip)*exact*lloyd
	return hamerly < 0.8*lloyd
}

// slackFor returns the relative widening applied to Hamerly's bounds for d
// features. It is (d+8)·2⁻⁵⁰, that is 8(d+8) unit roundoffs, several times the
// relative rounding error of sqDist's sum of d non-negative terms and of
// each bound update, so that (a) every bound is on the safe side of the
// exact distance and (b) a skipped point's own centroid is nearer than any
// other by more than rounding can hide. Together they make Hamerly skip only
// points to which Lloyd would give the same label.
func slackFor(d int) float64 {
	return float64(d+8) * 0x1p-50
}

// run iterates from the starting centroids and returns the model. When
// start carries k-means++'s nearest-centroid data, the first assignment
// takes the labels and distances from it instead of recomputing them.
func (e *engine) run(ctx context.Context, start *seeding, maxIter int, tol float64, progress func(int, float64)) (*Model, error) {
	p := e.p
	copy(e.centers, start.centers)
	e.warm = start
	if p.x32 != nil {
		e.warm = nil // every pass in float32, the first too
	}
	if e.auto {
		e.alg, e.switched, e.switchIter = Lloyd, false, 0 // each run decides afresh
	}
	if e.labels == nil {
		e.labels = make([]int, p.n)
	}
	for i := range e.labels {
		e.labels[i] = -1
	}
	strict, converged, iters := false, false, 0
	for it := 1; it <= maxIter; it++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("cluster: fit stopped before iteration %d: %w", it, err)
		}
		changed, inertia := e.assign(ctx, it == 1 || e.switched, progress != nil, true)
		e.switched, e.warm = false, nil
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("cluster: fit stopped in iteration %d: %w", it, err)
		}
		shift := e.update(ctx)
		if e.auto && e.alg == Lloyd && it > 1 {
			var sampled, skip int
			for ch := range p.ck.Count {
				sampled += e.partSample[ch]
				skip += e.partSkip[ch]
			}
			if sampled > 0 && preferHamerly(p.d, e.k, float64(skip)/float64(sampled)) {
				e.startHamerly()
				e.switched, e.switchIter = true, it
			}
		}
		iters = it
		if progress != nil {
			progress(it, inertia)
		}
		e.centers, e.next = e.next, e.centers
		if changed == 0 {
			strict, converged = true, true
			break
		}
		if shift <= tol {
			converged = true
			break
		}
	}
	if !strict {
		// Make the labels match the final centroids.
		e.assign(ctx, iters == 0 || e.switched, false, false) // a switch just made: bounds not set yet
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("cluster: fit stopped in the final assignment: %w", err)
		}
	}
	m := &Model{
		Centroids:  unflatten(e.centers, e.k, p.d),
		Labels:     e.labels,
		Inertia:    e.inertia(),
		Iterations: iters,
		Converged:  converged,
	}
	e.labels = nil // the model owns them now
	return m, nil
}

// chunkScratch holds one goroutine's kernel outputs for a chunk of rows.
type chunkScratch struct {
	labels       []int32
	best, second []float64
	best32       []float32 // float32 passes
	rows         []float64 // rows gathered for the kernel (Hamerly)
	idx          []int     // their row numbers
	dist         []float64 // per row of the chunk: squared distance to its centroid
}

func (e *engine) scratchFor(w int) *chunkScratch {
	size := e.p.ck.Size
	sc := e.scratch[w]
	if sc == nil {
		sc = &chunkScratch{
			labels: make([]int32, size),
			best:   make([]float64, size),
			second: make([]float64, size),
		}
		if e.p.x32 != nil {
			sc.best32 = make([]float32, size)
		}
	}
	if e.alg == Hamerly && sc.rows == nil {
		sc.rows = make([]float64, size*e.p.d)
		sc.idx = make([]int, size)
		sc.dist = make([]float64, size)
	}
	e.scratch[w] = sc
	return sc
}

// assign labels every point with its nearest centroid and, when sums is
// set, accumulates the per-chunk sums for the update. It returns how many
// labels changed and, when wantInertia is set, the inertia of the
// assignment. first says that no bounds exist yet.
func (e *engine) assign(ctx context.Context, first, wantInertia, sums bool) (int, float64) {
	p, k, d := e.p, e.k, e.p.d
	if sums {
		clear(e.partSum)
		clear(e.partW)
		clear(e.partN)
	}
	if e.alg == Hamerly {
		e.halfDistances()
	}
	if p.x32 != nil {
		e.pn.set32(e.centers, k, d)
	} else {
		e.pn.set(e.centers, k, d)
	}
	parallel.For(p.workers, p.ck.Count, func(w, ch int) {
		if ctx.Err() != nil {
			return
		}
		lo, hi := p.ck.Bounds(ch)
		var changed int
		var inertia float64
		sc := e.scratchFor(w)
		labsReady := false // sc.labels holds the chunk's labels already
		if first && e.warm != nil && e.warm.near != nil {
			changed, inertia = e.warmChunk(lo, hi)
		} else if e.alg == Hamerly && !first {
			changed, inertia = e.hamerlyChunk(lo, hi, wantInertia, sc)
		} else if p.x32 != nil {
			changed, inertia = e.lloydChunk32(lo, hi, wantInertia, sc)
			labsReady = true
		} else {
			changed, inertia = e.lloydChunk(lo, hi, wantInertia, sc)
			labsReady = true
		}
		e.partChanged[ch] = changed
		e.partInertia[ch] = inertia
		if !sums {
			return
		}
		ps := e.partSum[ch*k*d : (ch+1)*k*d]
		pw := e.partW[ch*k : (ch+1)*k]
		pn := e.partN[ch*k : (ch+1)*k]
		m := hi - lo
		lab := sc.labels[:m]
		if labsReady {
			for _, j := range lab {
				pn[j]++
			}
		} else {
			for i, j := range e.labels[lo:hi] {
				lab[i] = int32(j)
				pn[j]++
			}
		}
		var ws []float64
		if p.w != nil {
			ws = p.w[lo:hi]
			for i, l := range lab {
				pw[l] += ws[i]
			}
		} else {
			for j := range k {
				pw[j] = float64(pn[j])
			}
		}
		switch {
		case p.x32 == nil:
			accumulate(p.x[lo*d:hi*d], d, lab, ws, ps)
		case ws == nil:
			accumulate32(p.x32[lo*d:hi*d], d, lab, ps)
		default:
			rows := p.x32[lo*d : hi*d]
			for i, l := range lab {
				s := ps[int(l)*d : int(l)*d+d]
				wi := ws[i]
				for t, v := range rows[i*d : i*d+d] {
					s[t] += float64(wi * float64(v))
				}
			}
		}
	})
	var changed int
	for _, c := range e.partChanged {
		changed += c
	}
	return changed, sumOrdered(e.partInertia)
}

// warmChunk is the first assignment from k-means++'s nearest centroids.
// Hamerly's lower bounds start at 0, which only forces a distance
// computation in the next pass.
func (e *engine) warmChunk(lo, hi int) (changed int, inertia float64) {
	p := e.p
	for i := lo; i < hi; i++ {
		e.labels[i] = int(e.warm.near[i])
		bd := e.warm.closest[i]
		inertia += float64(p.weight(i) * bd)
		if e.alg == Hamerly {
			e.upper[i] = math.Sqrt(bd) * e.up
			e.lower[i] = 0
		}
	}
	return hi - lo, inertia
}

// lloydChunk labels rows lo to hi with the kernel. Plain Lloyd takes the
// labels from the fast kernel and, only when wantInertia is set, computes
// the exact distances to the chosen centroids; Hamerly's first pass takes
// exact distances for its bounds.
func (e *engine) lloydChunk(lo, hi int, wantInertia bool, sc *chunkScratch) (changed int, inertia float64) {
	p, d := e.p, e.p.d
	m := hi - lo
	lab, best, second := sc.labels[:m], sc.best[:m], sc.second[:m]
	rows := p.x[lo*d : hi*d]
	shifted := false
	if e.alg == Hamerly {
		nearestRows(rows, &e.pn, lab, best, second)
	} else {
		shifted = nearestRowsFast(rows, &e.pn, lab, best, second, p.rowNormMax(lo/p.ck.Size))
	}
	labels := e.labels[lo:hi]
	for i, l := range lab {
		if labels[i] != int(l) {
			labels[i] = int(l)
			changed++
		}
	}
	if e.alg == Hamerly {
		up, down := e.up, e.down
		upper, lower := e.upper[lo:hi], e.lower[lo:hi]
		for i := range lab {
			upper[i] = math.Sqrt(best[i]) * up
			lower[i] = math.Sqrt(second[i]) * down
		}
		return changed, p.weightedSum(lo, best)
	}
	if e.auto {
		// Sample every autoSample-th row (fixed rows: the decision
		// depends on the data only). The fast kernel's scores, with ‖x‖²
		// added back, are close enough for an estimate.
		ch := lo / p.ck.Size
		var sampled, skip int
		for i := (autoSample - lo%autoSample) % autoSample; i < m; i += autoSample {
			sampled++
			b, s := best[i], second[i]
			if shifted {
				xx := sqNorm(rows[i*d : i*d+d])
				b, s = max(b+xx, 0), max(s+xx, 0)
			}
			if math.Sqrt(s)-math.Sqrt(b) > 2*e.shift1 {
				skip++
			}
		}
		e.partSample[ch], e.partSkip[ch] = sampled, skip
	}
	if wantInertia {
		for i, l := range lab {
			j := int(l)
			best[i] = sqDist(rows[i*d:i*d+d], e.centers[j*d:j*d+d])
		}
		inertia = p.weightedSum(lo, best)
	}
	return changed, inertia
}

// lloydChunk32 is lloydChunk for KMeans.Float32: labels from the float32
// kernel; with wantInertia, exact float64 distances to the chosen centroids.
func (e *engine) lloydChunk32(lo, hi int, wantInertia bool, sc *chunkScratch) (changed int, inertia float64) {
	p, d := e.p, e.p.d
	m := hi - lo
	lab := sc.labels[:m]
	nearestRows32(p.x32[lo*d:hi*d], &e.pn, lab, sc.best32[:m])
	labels := e.labels[lo:hi]
	for i, l := range lab {
		if labels[i] != int(l) {
			labels[i] = int(l)
			changed++
		}
	}
	if wantInertia {
		best := sc.best[:m]
		rows := p.x[lo*d : hi*d]
		for i, l := range lab {
			j := int(l)
			best[i] = sqDist(rows[i*d:i*d+d], e.centers[j*d:j*d+d])
		}
		inertia = p.weightedSum(lo, best)
	}
	return changed, inertia
}

// hamerlyChunk skips the rows whose bounds prove their label unchanged,
// tightens the upper bound of the others with the distance to their own
// centroid, and sends those still in doubt through the kernel as one batch.
func (e *engine) hamerlyChunk(lo, hi int, wantInertia bool, sc *chunkScratch) (changed int, inertia float64) {
	p, d := e.p, e.p.d
	up, down := e.up, e.down
	dist := sc.dist[:hi-lo]
	pending := sc.idx[:0]
	for i := lo; i < hi; i++ {
		a := e.labels[i]
		u := (e.upper[i] + e.shift[a]) * up
		dm := e.shift1
		if a == e.shiftArg {
			dm = e.shift2
		}
		l := e.lower[i]*down - dm*up
		m := max(e.half[a], l)
		bd := -1.0
		if !(u*up < m) {
			x := p.row(i)
			bd = sqDist(x, e.centers[a*d:(a+1)*d])
			u = math.Sqrt(bd) * up
			if !(u*up < m) {
				copy(sc.rows[len(pending)*d:], x)
				pending = append(pending, i)
			}
		}
		e.upper[i], e.lower[i] = u, l
		if wantInertia && bd < 0 {
			bd = sqDist(p.row(i), e.centers[a*d:(a+1)*d])
		}
		dist[i-lo] = bd
	}
	if m := len(pending); m > 0 {
		lab, best, second := sc.labels[:m], sc.best[:m], sc.second[:m]
		nearestRows(sc.rows[:m*d], &e.pn, lab, best, second)
		for q, i := range pending {
			if l := int(lab[q]); l != e.labels[i] {
				e.labels[i] = l
				changed++
			}
			dist[i-lo] = best[q]
			e.upper[i] = math.Sqrt(best[q]) * up
			e.lower[i] = math.Sqrt(second[q]) * down
		}
	}
	if wantInertia {
		inertia = p.weightedSum(lo, dist)
	}
	return changed, inertia
}

// halfDistances sets half[j] to a lower bound on half the distance from
// centroid j to its nearest other centroid.
func (e *engine) halfDistances() {
	k, d := e.k, e.p.d
	for j := range k {
		e.half[j] = math.Inf(1)
	}
	for j := range k {
		cj := e.centers[j*d : (j+1)*d]
		for j2 := j + 1; j2 < k; j2++ {
			dd := sqDist(cj, e.centers[j2*d:(j2+1)*d])
			e.half[j] = min(e.half[j], dd)
			e.half[j2] = min(e.half[j2], dd)
		}
	}
	for j := range k {
		e.half[j] = 0.5 * math.Sqrt(e.half[j]) * e.down
	}
}

// update reduces the per-chunk sums in chunk order, writes the new
// centroids to next, re-seeds empty clusters and returns the total squared
// centroid shift.
func (e *engine) update(ctx context.Context) float64 {
	p, k, d := e.p, e.k, e.p.d
	clear(e.sums)
	clear(e.wsum)
	clear(e.counts)
	for ch := range p.ck.Count {
		ps := e.partSum[ch*k*d : (ch+1)*k*d]
		for t, v := range ps {
			e.sums[t] += v
		}
		for j := range k {
			e.wsum[j] += e.partW[ch*k+j]
			e.counts[j] += e.partN[ch*k+j]
		}
	}
	reseeded := e.relocate(ctx)
	for j := range k {
		dst := e.next[j*d : (j+1)*d]
		switch {
		case reseeded[j] >= 0:
			copy(dst, p.row(reseeded[j]))
		case e.counts[j] > 0 && e.wsum[j] > 0:
			w := e.wsum[j]
			for t := range dst {
				dst[t] = e.sums[j*d+t] / w
			}
		default:
			copy(dst, e.centers[j*d:(j+1)*d])
		}
	}
	var total float64
	bounds := e.alg == Hamerly || e.auto
	if bounds {
		e.shift1, e.shift2, e.shiftArg = 0, 0, -1
	}
	for j := range k {
		dd := sqDist(e.next[j*d:(j+1)*d], e.centers[j*d:(j+1)*d])
		total += dd
		if bounds {
			s := math.Sqrt(dd) * e.up
			e.shift[j] = s
			switch {
			case s > e.shift1:
				e.shift1, e.shift2, e.shiftArg = s, e.shift1, j
			case s > e.shift2:
				e.shift2 = s
			}
		}
	}
	return total
}

// relocate re-seeds clusters with no weight and returns, per cluster, the
// row that became its centroid or -1.
func (e *engine) relocate(ctx context.Context) []int {
	p, k, d := e.p, e.k, e.p.d
	reseeded := make([]int, k)
	var empty []int
	for j := range k {
		reseeded[j] = -1
		if !(e.wsum[j] > 0) {
			empty = append(empty, j)
		}
	}
	if len(empty) == 0 {
		return reseeded
	}
	type far struct {
		dist float64
		row  int
	}
	farther := func(a, b far) int {
		if a.dist != b.dist {
			if a.dist > b.dist {
				return -1
			}
			return 1
		}
		return a.row - b.row
	}
	m := len(empty)
	tops := make([][]far, p.ck.Count)
	parallel.For(p.workers, p.ck.Count, func(_, ch int) {
		if ctx.Err() != nil {
			return
		}
		lo, hi := p.ck.Bounds(ch)
		top := make([]far, 0, m+1)
		for i := lo; i < hi; i++ {
			if p.weight(i) <= 0 {
				continue
			}
			a := e.labels[i]
			f := far{sqDist(p.row(i), e.centers[a*d:(a+1)*d]), i}
			if len(top) == m && farther(f, top[m-1]) > 0 {
				continue
			}
			pos, _ := slices.BinarySearchFunc(top, f, farther)
			top = slices.Insert(top, pos, f)
			if len(top) > m {
				top = top[:m]
			}
		}
		tops[ch] = top
	})
	all := slices.Concat(tops...)
	slices.SortFunc(all, farther)
	for idx, j := range empty {
		if idx >= len(all) {
			break
		}
		i := all[idx].row
		w := p.weight(i)
		old := e.labels[i]
		x := p.row(i)
		for t, v := range x {
			e.sums[old*d+t] -= float64(w * v)
			e.sums[j*d+t] = float64(w * v)
		}
		e.wsum[old] -= w
		e.counts[old]--
		e.wsum[j] = w
		e.counts[j] = 1
		reseeded[j] = i
	}
	return reseeded
}

// inertia returns the weighted sum of squared distances from each point to
// its labelled centroid.
func (e *engine) inertia() float64 {
	p, d := e.p, e.p.d
	parallel.For(p.workers, p.ck.Count, func(_, ch int) {
		lo, hi := p.ck.Bounds(ch)
		var s float64
		for i := lo; i < hi; i++ {
			a := e.labels[i]
			s += float64(p.weight(i) * sqDist(p.row(i), e.centers[a*d:(a+1)*d]))
		}
		e.partInertia[ch] = s
	})
	return sumOrdered(e.partInertia)
}

func unflatten(flat []float64, rows, cols int) [][]float64 {
	return unflattenOwned(slices.Clone(flat[:rows*cols]), rows, cols)
}

// unflattenOwned is unflatten without the copy: the rows share data.
func unflattenOwned(data []float64, rows, cols int) [][]float64 {
	out := make([][]float64, rows)
	for i := range out {
		out[i] = data[i*cols : (i+1)*cols : (i+1)*cols]
	}
	return out
}
