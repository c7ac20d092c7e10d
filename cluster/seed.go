package cluster

import (
	"context"
	"fmt"
	"github.com/clientele-go/clientele/internal/parallel"
	"math"
	"math/rand/v2"
)

// problem is validated data ready for the algorithms: flat rows, optional
// weights, fixed chunks and a worker count.
type problem struct {
	n, d    int
	x       []float64
	x32     []float32 // x in float32, for KMeans.Float32; nil otherwise
	w       []float64 // nil means unit weights
	ck      parallel.Chunks
	workers int
	normMax []float64 // per chunk, the largest ‖x_i‖², once computed (-1 before)
}

func newProblem(X *dense, w []float64, workers int) *problem {
	p := &problem{n: X.n, d: X.d, x: X.x, w: w, ck: chunksOf(X.n), workers: workers}
	p.normMax = make([]float64, p.ck.Count)
	for i := range p.normMax {
		p.normMax[i] = -1
	}
	return p
}

// rowNormMax returns the largest ‖x_i‖² of the rows of chunk ch (NaN if
// one holds NaN), computed on first use: the rows never change, and only
// chunk ch's goroutine of a pass touches its entry.
func (p *problem) rowNormMax(ch int) float64 {
	if ch < len(p.normMax) && p.normMax[ch] >= 0 {
		return p.normMax[ch]
	}
	lo, hi := p.ck.Bounds(ch)
	m := 0.0
	for i := lo; i < hi; i++ {
		s := sqNorm(p.x[i*p.d : i*p.d+p.d])
		if math.IsNaN(s) {
			m = s
			break
		}
		m = max(m, s)
	}
	if ch < len(p.normMax) && !math.IsNaN(m) {
		p.normMax[ch] = m
	}
	return m
}

// setFloat32 keeps a float32 copy of the rows for the float32 passes. A
// value beyond float32's range is an error naming it.
func (p *problem) setFloat32() error {
	p.x32 = make([]float32, len(p.x))
	bad := make([]int, p.ck.Count)
	parallel.For(p.workers, p.ck.Count, func(_, ch int) {
		lo, hi := p.ck.Bounds(ch)
		bad[ch] = -1
		dst, src := p.x32[lo*p.d:hi*p.d], p.x[lo*p.d:hi*p.d]
		for i, v := range src {
			dst[i] = float32(v)
			if v > math.MaxFloat32 || v < -math.MaxFloat32 {
				if bad[ch] < 0 {
					bad[ch] = lo*p.d + i
				}
			}
		}
	})
	return firstBad("X", p.d, bad)
}

func (p *problem) row(i int) []float64 { return p.x[i*p.d : (i+1)*p.d : (i+1)*p.d] }

func (p *problem) weight(i int) float64 {
	if p.w == nil {
		return 1
	}
	return p.w[i]
}

// meanVariance returns the mean over features of the population variance
// of each feature, unweighted, as scikit-learn's tolerance uses.
func (p *problem) meanVariance() float64 {
	d, ck := p.d, p.ck
	part := make([]float64, ck.Count*d)
	parallel.For(p.workers, ck.Count, func(_, ch int) {
		lo, hi := ck.Bounds(ch)
		s := part[ch*d : (ch+1)*d]
		data := p.x[lo*d : hi*d]
		for off := 0; off < len(data); off += d {
			row := data[off : off+d]
			row = row[:len(s)]
			for t, v := range row {
				s[t] += v
			}
		}
	})
	mean := make([]float64, d)
	for ch := range ck.Count {
		for t := range d {
			mean[t] += part[ch*d+t]
		}
	}
	for t := range mean {
		mean[t] /= float64(p.n)
	}
	clear(part)
	parallel.For(p.workers, ck.Count, func(_, ch int) {
		lo, hi := ck.Bounds(ch)
		s := part[ch*d : (ch+1)*d]
		m := mean[:len(s)]
		data := p.x[lo*d : hi*d]
		for off := 0; off < len(data); off += d {
			row := data[off : off+d]
			row = row[:len(s)]
			for t, v := range row {
				dv := v - m[t]
				s[t] += float64(dv * dv)
			}
		}
	})
	var total float64
	for t := range d {
		var v float64
		for ch := range ck.Count {
			v += part[ch*d+t]
		}
		total += v / float64(p.n)
	}
	return total / float64(d)
}

// seeding is the result of k-means++: the flat k×d centroids and, for
// every row, the index of its nearest centroid (lowest on ties) and the
// squared distance to it. Those are exactly what the first assignment pass
// of Lloyd would compute, so the engine starts from them.
type seeding struct {
	centers []float64
	near    []int32
	closest []float64
}

// plusPlus returns k starting centroids chosen by greedy k-means++ as
// scikit-learn's _kmeans_plusplus does, with sample weights respected as in
// scikit-learn ≥ 1.3.
func (p *problem) plusPlus(ctx context.Context, k int, rng *rand.Rand) (*seeding, error) {
	n, d, ck := p.n, p.d, p.ck
	centers := make([]float64, k*d)
	trials := localTrials(k)
	closest := make([]float64, n)
	chunkPot := make([]float64, ck.Count)

	var first int
	if p.w == nil {
		first = rng.IntN(n)
	} else {
		part := make([]float64, ck.Count)
		var total float64
		for ch := range ck.Count {
			lo, hi := ck.Bounds(ch)
			for _, v := range p.w[lo:hi] {
				part[ch] += v
			}
			total += part[ch]
		}
		first = p.search(p.w, nil, part, rng.Float64()*total)
	}
	copy(centers[:d], p.row(first))
	type buffers struct {
		lab          []int32
		best, second []float64
		dist         []float64 // chunk rows × candidate panel width
	}
	scratch := make([]*buffers, p.workers)
	buf := func(wk int) *buffers { // per goroutine
		if scratch[wk] == nil {
			scratch[wk] = &buffers{
				lab:    make([]int32, ck.Size),
				best:   make([]float64, ck.Size),
				second: make([]float64, ck.Size),
				dist:   make([]float64, ck.Size*((trials+7)/8*8)),
			}
		}
		return scratch[wk]
	}
	// toOne sets out to the squared distances from rows lo to hi to the
	// single centre of pn.
	toOne := func(b *buffers, pn *panel, lo, hi int, out []float64) {
		m := hi - lo
		nearestRows(p.x[lo*d:hi*d], pn, b.lab[:m], out[:m], b.second[:m])
	}
	var one panel
	one.set(centers[:d], 1, d)
	parallel.For(p.workers, ck.Count, func(wk, ch int) {
		lo, hi := ck.Bounds(ch)
		toOne(buf(wk), &one, lo, hi, closest[lo:hi])
		chunkPot[ch] = p.weightedSum(lo, closest[lo:hi])
	})
	pot := sumOrdered(chunkPot)

	near := make([]int32, n)
	cand := make([]int, trials)
	candRows := make([]float64, trials*d)
	candPot := make([]float64, ck.Count*trials)
	var candPanel panel
	for c := 1; c < k; c++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("cluster: k-means++ seeding stopped at centroid %d: %w", c, err)
		}
		if !(pot > 0) {
			// Unreachable after checkDistinct unless squared distances
			// underflow; report it rather than pick a duplicate.
			return nil, fmt.Errorf("%w: k-means++ found only %d distinct centroids", ErrTooFewDistinct, c)
		}
		for t := range trials {
			cand[t] = p.search(closest, p.w, chunkPot, rng.Float64()*pot)
			copy(candRows[t*d:(t+1)*d], p.row(cand[t]))
		}
		candPanel.set(candRows, trials, d)
		ldo := candPanel.groups * 8
		// The potential each candidate would leave: the sum over rows, in
		// order, of w·min(closest, distance to the candidate). (Pruning
		// distances by the triangle inequality was tried here: it halved
		// the distances computed but lost more to unpredictable branches.)
		parallel.For(p.workers, ck.Count, func(wk, ch int) {
			lo, hi := ck.Bounds(ch)
			b := buf(wk)
			distRows(p.x[lo*d:hi*d], hi-lo, &candPanel, b.dist, ldo)
			var w []float64
			if p.w != nil {
				w = p.w[lo:hi]
			}
			pots(b.dist, ldo, w, closest[lo:hi], candPot[ch*trials:(ch+1)*trials])
		})
		best, bestPot := 0, math.Inf(1)
		for t := range trials {
			var s float64
			for ch := range ck.Count {
				s += candPot[ch*trials+t]
			}
			if s < bestPot {
				best, bestPot = t, s
			}
		}
		row := candRows[best*d : (best+1)*d]
		copy(centers[c*d:(c+1)*d], row)
		one.set(row, 1, d)
		parallel.For(p.workers, ck.Count, func(wk, ch int) {
			lo, hi := ck.Bounds(ch)
			b := buf(wk)
			out := b.best[:hi-lo]
			toOne(b, &one, lo, hi, out)
			for i, dd := range out {
				if dd < closest[lo+i] {
					closest[lo+i], near[lo+i] = dd, int32(c)
				}
			}
			chunkPot[ch] = candPot[ch*trials+best]
		})
		pot = bestPot
	}
	return &seeding{centers: centers, near: near, closest: closest}, nil
}

// pots sets acc[t], for every candidate t < len(acc), to the sum over rows
// i, in order, of w[i]·min(closest[i], dist[i*ldo+t]) (w nil means unit
// weights): the potential candidate t would leave.
func pots(dist []float64, ldo int, w, closest, acc []float64) {
	clear(acc)
	for i, c := range closest {
		row := dist[i*ldo : i*ldo+len(acc)]
		if w == nil {
			for t, dd := range row {
				acc[t] += min(dd, c)
			}
			continue
		}
		wi := w[i]
		for t, dd := range row {
			acc[t] += float64(wi * min(dd, c))
		}
	}
}

// search returns the first row i at which the running sum of mass[i]
// (times w[i] when w is not nil) exceeds r, given the per-chunk totals of
// that product. It never returns a row of zero mass: when rounding leaves
// r at or beyond the total, it returns the last row of positive mass.
func (p *problem) search(mass, w, chunkTotal []float64, r float64) int {
	ck := p.ck
	last := -1
	var acc float64
	for ch := range ck.Count {
		lo, hi := ck.Bounds(ch)
		if acc+chunkTotal[ch] <= r {
			acc += chunkTotal[ch]
			if chunkTotal[ch] > 0 {
				last = p.lastPositive(mass, w, lo, hi, last)
			}
			continue
		}
		a := acc
		for i := lo; i < hi; i++ {
			m := mass[i]
			if w != nil {
				m = float64(w[i] * m)
			}
			if m > 0 {
				last = i
				a += m
				if a > r {
					return i
				}
			}
		}
		acc += chunkTotal[ch]
	}
	if last < 0 {
		last = 0
	}
	return last
}

func (p *problem) lastPositive(mass, w []float64, lo, hi, last int) int {
	for i := hi - 1; i >= lo; i-- {
		if mass[i] > 0 && (w == nil || w[i] > 0) {
			return i
		}
	}
	return last
}

// randomInit returns k distinct rows, drawn with probability proportional
// to weight without replacement.
func (p *problem) randomInit(k int, rng *rand.Rand) []float64 {
	d := p.d
	centers := make([]float64, 0, k*d)
	if p.w == nil {
		// Floyd's sampling: k distinct indices, O(k) memory.
		picked := make(map[int]bool, k)
		for j := p.n - k; j < p.n; j++ {
			t := rng.IntN(j + 1)
			if picked[t] {
				t = j
			}
			picked[t] = true
			centers = append(centers, p.row(t)...)
		}
		return centers
	}
	mass := append([]float64(nil), p.w...)
	part := make([]float64, p.ck.Count)
	for ch := range p.ck.Count {
		lo, hi := p.ck.Bounds(ch)
		part[ch] = sumOrdered(mass[lo:hi])
	}
	for range k {
		i := p.search(mass, nil, part, rng.Float64()*sumOrdered(part))
		centers = append(centers, p.row(i)...)
		mass[i] = 0
		lo, hi := p.ck.Bounds(i / p.ck.Size)
		part[i/p.ck.Size] = sumOrdered(mass[lo:hi])
	}
	return centers
}

// weightedSum returns the sum of weight(lo+i) × v[i], in order.
func (p *problem) weightedSum(lo int, v []float64) float64 {
	var s float64
	if p.w == nil {
		for _, x := range v {
			s += x
		}
		return s
	}
	w := p.w[lo : lo+len(v)]
	for i, x := range v {
		s += float64(w[i] * x)
	}
	return s
}

// sumOrdered adds v from first to last.
func sumOrdered(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s
}

// localTrials is the number of candidates greedy k-means++ draws for each
// centroid after the first: 2 + ⌊ln k⌋, as scikit-learn (after Arthur and
// Vassilvitskii) uses.
func localTrials(k int) int {
	return 2 + int(math.Log(float64(k)))
}
