package cluster

import (
	"fmt"

	"github.com/clientele-go/clientele/internal/parallel"
)

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

// sums fills s from the rows of m against the current centroids, in
// fixed chunks reduced in order.
func (o *Online) sums(m *dense, w []float64, s *Sums) {
	k, d := o.cfg.K, o.d
	workers := o.workers
	if m.n*k < 1<<16 {
		workers = 1 // too little work to pay for goroutines; same result
	}
	o.bp = problem{n: m.n, d: m.d, x: m.x, w: w, ck: chunksOf(m.n), workers: workers}
	p := &o.bp
	ck := p.ck
	stride := k*d + k + 1
	if cap(o.part) < ck.Count*stride {
		o.part = make([]float64, ck.Count*stride)
	}
	part := o.part[:ck.Count*stride]
	clear(part)
	if len(o.scratch) != o.workers || (o.scratch[0] != nil && len(o.scratch[0].labels) < ck.Size) {
		o.scratch = make([]*chunkScratch, o.workers)
	}
	scratch := o.scratch
	o.pn.set(o.centers, k, d)
	parallel.For(workers, ck.Count, func(wk, ch int) {
		sc := scratch[wk]
		if sc == nil {
			sc = &chunkScratch{labels: make([]int32, ck.Size), best: make([]float64, ck.Size), second: make([]float64, ck.Size)}
			scratch[wk] = sc
		}
		lo, hi := ck.Bounds(ch)
		m := hi - lo
		lab, best := sc.labels[:m], sc.best[:m]
		nearestRows(p.x[lo*d:hi*d], &o.pn, lab, best, sc.second[:m])
		ps := part[ch*stride : (ch+1)*stride]
		sum, wt := ps[:k*d], ps[k*d:k*d+k]
		for q, l := range lab {
			i, j := lo+q, int(l)
			x := p.row(i)
			wi := p.weight(i)
			for t, v := range x {
				sum[j*d+t] += float64(wi * v)
			}
			wt[j] += wi
			ps[k*d+k] += float64(wi * best[q])
		}
	})
	clear(s.Sum)
	clear(s.Weight)
	s.Inertia, s.Rows = 0, m.n
	for ch := range ck.Count {
		ps := part[ch*stride : (ch+1)*stride]
		for t, v := range ps[:k*d] {
			s.Sum[t] += v
		}
		for j, v := range ps[k*d : k*d+k] {
			s.Weight[j] += v
		}
		s.Inertia += ps[k*d+k]
	}
}
