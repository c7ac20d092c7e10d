package cluster

import (
	"context"
	"fmt"
	"github.com/clientele-go/clientele/internal/parallel"
	"math"
	"math/rand/v2"
	"slices"
)

// Silhouette configures the mean silhouette coefficient of a clustering,
// as scikit-learn's silhouette_score: for each row, a is its mean Euclidean
// distance to the other rows of its cluster, b the smallest mean distance
// to the rows of another cluster, and its score (b−a)/max(a, b), or 0 when
// its cluster has one row. The result lies in [−1, 1]; higher is better
// separated.
//
// The zero value scores all rows exactly, at a cost of O(n²·d) spread over
// GOMAXPROCS goroutines; for large n set a SampleSize.
type Silhouette struct {
	// SampleSize, when positive and below the number of rows, scores a
	// random subset of that many rows (drawn without replacement) against
	// each other, as scikit-learn's silhouette_score(sample_size=...). 0
	// scores all rows exactly; negative is an error.
	SampleSize int
	// Seed seeds the sample.
	Seed uint64
	// Workers is the number of goroutines; 0 means GOMAXPROCS and a
	// negative value is an error. The result does not depend on it.
	Workers int
}

// Score returns the mean silhouette coefficient of the clustering of the
// rows of X given by labels (X.Weights are ignored). Labels may be any
// integers; there must be from 2 to n−1 distinct ones (in the sample, when
// sampling). Errors wrap [ErrEmpty], [ErrRagged], [ErrNotFinite],
// [ErrLabels] or [ErrConfig]; Score checks ctx between chunks of rows and
// returns ctx.Err() wrapped when cancelled.
func (s Silhouette) Score(ctx context.Context, X Data, labels []int) (float64, error) {
	if s.SampleSize < 0 {
		return 0, fmt.Errorf("%w: Silhouette.SampleSize = %d", ErrConfig, s.SampleSize)
	}
	if s.Workers < 0 {
		return 0, fmt.Errorf("%w: Silhouette.Workers = %d", ErrConfig, s.Workers)
	}
	m, enc, nl, err := prepareLabels(X, labels, s.Workers)
	if err != nil {
		return 0, err
	}
	if s.SampleSize > 0 && s.SampleSize < m.n {
		rng := rand.New(rand.NewPCG(s.Seed, 0x73696c))
		idx := sampleIndices(m.n, s.SampleSize, rng)
		sub := &dense{n: len(idx), d: m.d, x: make([]float64, 0, len(idx)*m.d)}
		subLabels := make([]int, len(idx))
		for a, i := range idx {
			sub.x = append(sub.x, m.row(i)...)
			subLabels[a] = enc[i]
		}
		var subN int
		if subLabels, subN = encode(subLabels); subN < 2 || subN > len(idx)-1 {
			return 0, fmt.Errorf("%w: the sample of %d rows holds %d distinct labels", ErrLabels, len(idx), subN)
		}
		m, enc, nl = sub, subLabels, subN
	}
	return silhouette(ctx, m, enc, nl, parallel.Workers(s.Workers), nil)
}

// Samples returns the silhouette coefficient of every row of X under the
// clustering given by labels, as scikit-learn's silhouette_samples: the
// (b−a)/max(a, b) of Score's definition, 0 for a row alone in its
// cluster. Their mean is Score with no sampling, bit for bit. SampleSize
// and Seed are ignored: every row is scored, at O(n²·d) cost spread over
// Workers goroutines. Label rules and errors are as for Score.
func (s Silhouette) Samples(ctx context.Context, X Data, labels []int) ([]float64, error) {
	if s.Workers < 0 {
		return nil, fmt.Errorf("%w: Silhouette.Workers = %d", ErrConfig, s.Workers)
	}
	m, enc, nl, err := prepareLabels(X, labels, s.Workers)
	if err != nil {
		return nil, err
	}
	out := make([]float64, m.n)
	if _, err := silhouette(ctx, m, enc, nl, parallel.Workers(s.Workers), out); err != nil {
		return nil, err
	}
	return out, nil
}

// silhouette returns the mean silhouette coefficient and, when out is
// not nil, stores each row's in it.
func silhouette(ctx context.Context, m *dense, labels []int, nl, workers int, out []float64) (float64, error) {
	n := m.n
	counts := make([]int, nl)
	for _, l := range labels {
		counts[l]++
	}
	ck := chunksOf(n)
	part := make([]float64, ck.Count)
	scratch := make([][]float64, workers)
	parallel.For(workers, ck.Count, func(wk, ch int) {
		if ctx.Err() != nil {
			return
		}
		if scratch[wk] == nil {
			scratch[wk] = make([]float64, nl)
		}
		sums := scratch[wk]
		lo, hi := ck.Bounds(ch)
		var total float64
		for i := lo; i < hi; i++ {
			own := labels[i]
			if counts[own] == 1 {
				continue // score 0
			}
			clear(sums)
			x := m.row(i)
			for j := range n {
				sums[labels[j]] += math.Sqrt(sqDist(x, m.row(j)))
			}
			a := sums[own] / float64(counts[own]-1)
			b := math.Inf(1)
			for l, s := range sums {
				if l != own {
					b = min(b, s/float64(counts[l]))
				}
			}
			if den := max(a, b); den > 0 {
				v := (b - a) / den
				total += v
				if out != nil {
					out[i] = v
				}
			}
		}
		part[ch] = total
	})
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("cluster: silhouette: %w", err)
	}
	return sumOrdered(part) / float64(n), nil
}

// DaviesBouldin returns the Davies–Bouldin index of a clustering, as
// scikit-learn's davies_bouldin_score: the mean over clusters of the
// largest (s_i + s_j)/d(c_i, c_j) over other clusters j, where s is a
// cluster's mean Euclidean distance to its centroid and d the distance
// between centroids. Lower is better; 0 when all s or all d are within
// 1e-8 of 0. Label rules and errors are as for [Silhouette.Score]
// (X.Weights are ignored).
func DaviesBouldin(X Data, labels []int) (float64, error) {
	m, enc, nl, err := prepareLabels(X, labels, 0)
	if err != nil {
		return 0, err
	}
	cent, counts := centroids(m, enc, nl)
	d := m.d
	intra := make([]float64, nl)
	for i := range m.n {
		l := enc[i]
		intra[l] += math.Sqrt(sqDist(m.row(i), cent[l*d:(l+1)*d]))
	}
	allZero := true
	for l := range intra {
		intra[l] /= float64(counts[l])
		allZero = allZero && intra[l] <= 1e-8
	}
	between := make([]float64, nl*nl)
	allZeroB := true
	for a := range nl {
		for b := range nl {
			between[a*nl+b] = math.Sqrt(sqDist(cent[a*d:(a+1)*d], cent[b*d:(b+1)*d]))
			allZeroB = allZeroB && between[a*nl+b] <= 1e-8
		}
	}
	if allZero || allZeroB {
		return 0, nil
	}
	var total float64
	for a := range nl {
		worst := 0.0
		for b := range nl {
			if dist := between[a*nl+b]; dist > 0 {
				worst = max(worst, (intra[a]+intra[b])/dist)
			}
		}
		total += worst
	}
	return total / float64(nl), nil
}

// CalinskiHarabasz returns the Calinski–Harabasz index (variance ratio
// criterion) of a clustering, as scikit-learn's calinski_harabasz_score:
// between-cluster dispersion over within-cluster dispersion, times
// (n−k)/(k−1). Higher is better; 1 when every cluster is a single point
// repeated. Label rules and errors are as for [Silhouette.Score]
// (X.Weights are ignored).
func CalinskiHarabasz(X Data, labels []int) (float64, error) {
	m, enc, nl, err := prepareLabels(X, labels, 0)
	if err != nil {
		return 0, err
	}
	n, d := m.n, m.d
	cent, counts := centroids(m, enc, nl)
	mean := make([]float64, d)
	for i := range n {
		for t, v := range m.row(i) {
			mean[t] += v
		}
	}
	for t := range mean {
		mean[t] /= float64(n)
	}
	var extra, intra float64
	for l := range nl {
		extra += float64(counts[l]) * sqDist(cent[l*d:(l+1)*d], mean)
	}
	for i := range n {
		l := enc[i]
		intra += sqDist(m.row(i), cent[l*d:(l+1)*d])
	}
	if intra == 0 {
		return 1, nil
	}
	return extra * float64(n-nl) / (intra * float64(nl-1)), nil
}

// prepareLabels validates X and labels and maps the labels to 0..nl-1 in
// increasing order of value.
func prepareLabels(X Data, labels []int, workers int) (*dense, []int, int, error) {
	m, err := X.matrix("X", parallel.Workers(workers))
	if err != nil {
		return nil, nil, 0, err
	}
	if len(labels) != m.n {
		return nil, nil, 0, fmt.Errorf("%w: %d labels for %d rows", ErrLabels, len(labels), m.n)
	}
	enc, nl := encode(labels)
	if nl < 2 || nl > m.n-1 {
		return nil, nil, 0, fmt.Errorf("%w: %d distinct labels for %d rows, want 2 to n-1", ErrLabels, nl, m.n)
	}
	return m, enc, nl, nil
}

// encode maps labels to 0..nl-1 in increasing order of value.
func encode(labels []int) ([]int, int) {
	vals := slices.Compact(slices.Sorted(slices.Values(labels)))
	enc := make([]int, len(labels))
	for i, l := range labels {
		enc[i], _ = slices.BinarySearch(vals, l)
	}
	return enc, len(vals)
}

// centroids returns the flat per-label means and counts.
func centroids(m *dense, labels []int, nl int) ([]float64, []int) {
	d := m.d
	cent := make([]float64, nl*d)
	counts := make([]int, nl)
	for i := range m.n {
		l := labels[i]
		counts[l]++
		for t, v := range m.row(i) {
			cent[l*d+t] += v
		}
	}
	for l := range nl {
		for t := range d {
			cent[l*d+t] /= float64(counts[l])
		}
	}
	return cent, counts
}
