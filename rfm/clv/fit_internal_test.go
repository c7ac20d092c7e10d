package clv

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// fitTestRows returns n summaries with weekly times rounded to days and
// a mix of one-time and repeat buyers, for timing the likelihoods.
func fitTestRows(n int) []CBS {
	rng := rand.New(rand.NewPCG(1, 1))
	out := make([]CBS, n)
	for i := range out {
		T := math.Floor(rng.Float64()*104*7) / 7
		x := math.Floor(rng.ExpFloat64() * 3)
		tx := 0.0
		if x > 0 {
			tx = math.Floor(rng.Float64()*T*7) / 7
		}
		out[i] = CBS{X: x, TX: tx, T: T}
		if x > 0 {
			out[i].M = decimal.New(int64(1+rng.IntN(100000)), -2)
		}
	}
	return out
}

// BenchmarkBGNBDLogLik times one evaluation of the BG/NBD likelihood on a
// million customers with the fit's compressed data, sequentially.
func BenchmarkBGNBDLogLik(b *testing.B) {
	data := fitTestRows(1_000_000)
	d := newBGNBDData(data, nil, 104, 1)
	b.ReportMetric(float64(len(d.rep)), "repeaters")
	b.ReportAllocs()
	for b.Loop() {
		d.logLik(0.5, 0.1, 0.8, 2.5)
	}
}

// BenchmarkGammaGammaLogLik times one evaluation of the Gamma-Gamma
// likelihood on the repeat buyers among a million customers.
func BenchmarkGammaGammaLogLik(b *testing.B) {
	var xs, ms []float64
	for _, c := range fitTestRows(1_000_000) {
		if c.X > 0 {
			xs, ms = append(xs, c.X), append(ms, c.M.InexactFloat64())
		}
	}
	d := newGammaGammaData(xs, ms, nil, 1)
	b.ReportAllocs()
	for b.Loop() {
		d.logLik(6, 3.7, 15)
	}
}

// TestFitReducerBitIdentical sums awkward values over several chunks with
// different numbers of workers: the results must be identical, and equal
// to the chunk-by-chunk sequential sum.
func TestFitReducerBitIdentical(t *testing.T) {
	n := 5*fitChunkRows + 123
	vals := make([]float64, n)
	rng := rand.New(rand.NewPCG(2, 2))
	for i := range vals {
		vals[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(30)-15))
	}
	sum := func(lo, hi int) float64 {
		var s float64
		for _, v := range vals[lo:hi] {
			s += v
		}
		return s
	}
	var want float64
	for lo := 0; lo < n; lo += fitChunkRows {
		want += sum(lo, min(lo+fitChunkRows, n))
	}
	for _, w := range []int{1, 2, 3, 8, 64} {
		r := fitReducer{workers: w}
		if got := r.sum(n, sum); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("workers %d: sum %v, want %v bit for bit", w, got, want)
		}
	}
	if got := (&fitReducer{workers: 4}).sum(0, sum); got != 0 {
		t.Errorf("empty sum = %v", got)
	}
}

// TestFitEdgeAsGood checks the edge probe on objectives whose answers are
// known: a bowl with its minimum inside rejects every edge point; an
// objective flat in one parameter (only the first matters) finds an edge
// point as good; one that keeps falling toward an edge finds it better.
func TestFitEdgeAsGood(t *testing.T) {
	bowl := func(x []float64) float64 { return (x[0]-1)*(x[0]-1) + (x[1]+2)*(x[1]+2) }
	flat := func(x []float64) float64 { return (x[0] - 1) * (x[0] - 1) }
	falling := func(x []float64) float64 { return (x[0]-1)*(x[0]-1) + math.Exp(x[1]) }
	for _, tt := range []struct {
		name  string
		f     func([]float64) float64
		theta []float64
		want  bool
	}{
		{"bowl at its minimum", bowl, []float64{1, -2}, false},
		{"flat in the second parameter", flat, []float64{1, -2}, true},
		// Stopped at e^-12: the objective still falls by e^-12 - e^-16,
		// 6e-6, which is more than the tolerance.
		{"falling toward the lower edge", falling, []float64{1, -12}, true},
		// Stopped past the edge, at e^-20: the probe at e^-16 is worse
		// by 1.1e-7, more than the tolerance (fitOnEdge reports this
		// one).
		{"past the lower edge", falling, []float64{1, -20}, false},
	} {
		evals := 0
		if got := fitEdgeAsGood(tt.f, tt.theta, nil, tt.f(tt.theta), 1e-8, &evals); got != tt.want {
			t.Errorf("%s: fitEdgeAsGood = %v, want %v", tt.name, got, tt.want)
		}
		if evals == 0 || evals > 2*len(tt.theta) {
			t.Errorf("%s: %d evaluations, want 1 to %d", tt.name, evals, 2*len(tt.theta))
		}
	}
}

// TestFitEdgeOrigin checks that the edge is measured from the problem's
// origin, as Gamma-Gamma's scale needs: a log-parameter of 20 is beyond
// the edge of 0 but inside that of 20, and an objective flat above 30
// has a probe as good only when the edge lies there (20+16).
func TestFitEdgeOrigin(t *testing.T) {
	if !fitOnEdge([]float64{20}, nil) || fitOnEdge([]float64{20}, []float64{20}) {
		t.Errorf("fitOnEdge(20) from 0 and from 20 = %v, %v; want true, false",
			fitOnEdge([]float64{20}, nil), fitOnEdge([]float64{20}, []float64{20}))
	}
	flatAbove30 := func(x []float64) float64 { return math.Pow(max(0, 30-x[0]), 2) }
	theta := []float64{30}
	evals := 0
	if fitEdgeAsGood(flatAbove30, theta, nil, 0, 1e-8, &evals) {
		t.Error("from 0: a probe at ±16 reported as good as the minimum at 30")
	}
	if !fitEdgeAsGood(flatAbove30, theta, []float64{20}, 0, 1e-8, &evals) {
		t.Error("from 20: the probe at 36, on the flat, not reported as good")
	}
}
