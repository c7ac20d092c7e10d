package cluster

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/internal/synth"
	"github.com/google/go-cmp/cmp"
)

// TestPanelPots checks k-means++'s candidate pass, distances from the
// kernel folded by pots, against the plain sum of w·min(closest, sqDist)
// row by row.
func TestPanelPots(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for _, k := range []int{1, 3, 4, 5, 9} {
		for _, d := range []int{1, 2, 5, 8} {
			const n = 37
			rows := make([]float64, n*d)
			for i := range rows {
				rows[i] = rng.NormFloat64()
			}
			cents := make([]float64, k*d)
			for i := range cents {
				cents[i] = rng.NormFloat64()
			}
			w := make([]float64, n)
			closest := make([]float64, n)
			for i := range n {
				w[i] = rng.Float64()
				closest[i] = 3 * rng.Float64()
			}
			var pn panel
			pn.set(cents, k, d)
			ldo := pn.groups * 8
			dist := make([]float64, n*ldo)
			distRows(rows, n, &pn, dist, ldo)
			for _, weights := range [][]float64{nil, w} {
				got := make([]float64, k)
				pots(dist, ldo, weights, closest, got)
				want := make([]float64, k)
				for i := range n {
					wi := 1.0
					if weights != nil {
						wi = weights[i]
					}
					for j := range k {
						// float64() rounds the product before the sum, as
						// pots does: on arm64 Go fuses a*b+c into one
						// multiply-add, which rounds once.
						want[j] += float64(wi * min(sqDist(rows[i*d:(i+1)*d], cents[j*d:(j+1)*d]), closest[i]))
					}
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("k=%d d=%d weighted=%v: pots mismatch (-want +got):\n%s", k, d, weights != nil, diff)
				}
			}
		}
	}
}

func TestLocalTrials(t *testing.T) {
	// 2 + ⌊ln k⌋: ln 2 = 0.69, ln 3 = 1.10, ln 7 = 1.95, ln 8 = 2.08,
	// ln 20 = 3.00 (2.9957), ln 21 = 3.04.
	for _, tt := range []struct{ k, want int }{{1, 2}, {2, 2}, {3, 3}, {7, 3}, {8, 4}, {20, 4}, {21, 5}, {1000, 8}} {
		if got := localTrials(tt.k); got != tt.want {
			t.Errorf("localTrials(%d) = %d, want %d", tt.k, got, tt.want)
		}
	}
}

// naivePlusPlus is greedy k-means++ written as plainly as possible, after
// scikit-learn's _kmeans_plusplus, drawing from rng in the same order as
// plusPlus: one draw for the first centre, then trials draws per centre.
func naivePlusPlus(X [][]float64, w []float64, k int, rng *rand.Rand) [][]float64 {
	n := len(X)
	wt := func(i int) float64 {
		if w == nil {
			return 1
		}
		return w[i]
	}
	pick := func(mass []float64, r float64) int {
		var acc float64
		last := 0
		for i, m := range mass {
			if m > 0 {
				last = i
				acc += m
				if acc > r {
					return i
				}
			}
		}
		return last
	}
	var first int
	if w == nil {
		first = rng.IntN(n)
	} else {
		var total float64
		for _, v := range w {
			total += v
		}
		first = pick(w, rng.Float64()*total)
	}
	centers := [][]float64{X[first]}
	closest := make([]float64, n)
	var pot float64
	for i := range X {
		closest[i] = sqDist(X[i], X[first])
		pot += wt(i) * closest[i]
	}
	for len(centers) < k {
		trials := localTrials(k)
		mass := make([]float64, n)
		for i := range mass {
			mass[i] = wt(i) * closest[i]
		}
		cands := make([]int, trials)
		for t := range cands {
			cands[t] = pick(mass, rng.Float64()*pot)
		}
		best, bestPot := -1, math.Inf(1)
		var bestDist []float64
		for _, c := range cands {
			dist := make([]float64, n)
			var s float64
			for i := range X {
				dist[i] = min(sqDist(X[i], X[c]), closest[i])
				s += wt(i) * dist[i]
			}
			if s < bestPot {
				best, bestPot, bestDist = c, s, dist
			}
		}
		centers = append(centers, X[best])
		closest, pot = bestDist, bestPot
	}
	return centers
}

// TestPlusPlusMatchesNaive checks the pruned, chunked k-means++ against the
// plain version: the same centres from the same random stream.
func TestPlusPlusMatchesNaive(t *testing.T) {
	for _, tt := range []struct {
		name     string
		n, d, k  int
		weighted bool
	}{
		{"small", 40, 2, 5, false},
		{"chunks", 3000, 3, 8, false},
		{"weighted", 3000, 4, 12, true},
		{"many", 1500, 8, 40, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			X, _, _ := synth.Blobs{N: tt.n, Dim: tt.d, Centers: 6, Std: 2, Seed: 5}.Generate()
			var w []float64
			if tt.weighted {
				wr := rand.New(rand.NewPCG(9, 9))
				w = make([]float64, tt.n)
				for i := range w {
					w[i] = float64(wr.IntN(4)) // some zero weights
				}
			}
			want := naivePlusPlus(X, w, tt.k, rand.New(rand.NewPCG(1, 2)))
			m, err := Data{Rows: X}.matrix("X", 1)
			if err != nil {
				t.Fatal(err)
			}
			for _, workers := range []int{1, 3} {
				s, err := newProblem(m, w, workers).plusPlus(context.Background(), tt.k, rand.New(rand.NewPCG(1, 2)))
				if err != nil {
					t.Fatal(err)
				}
				got := unflatten(s.centers, tt.k, tt.d)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("plusPlus with %d workers mismatch (-naive +got):\n%s", workers, diff)
				}
				// The seeding's nearest-centre data must be what a Lloyd
				// assignment computes.
				var pn panel
				pn.set(s.centers, tt.k, tt.d)
				lab := make([]int32, tt.n)
				best, second := make([]float64, tt.n), make([]float64, tt.n)
				nearestRows(m.x, &pn, lab, best, second)
				for i := range tt.n {
					if s.near[i] != lab[i] || s.closest[i] != best[i] {
						t.Fatalf("row %d: seeding says centre %d at %v, assignment says %d at %v", i, s.near[i], s.closest[i], lab[i], best[i])
					}
				}
			}
		})
	}
}

// TestPlusPlusDistribution checks greedy D² sampling against exact
// probabilities on four weighted points in one dimension with K = 2:
// the first centre is row f with probability w_f/Σw; then two candidates
// are drawn independently with probability ∝ w_i·d²(i, f), and the one
// leaving the smaller potential wins (the first drawn on ties).
func TestPlusPlusDistribution(t *testing.T) {
	X := [][]float64{{0}, {1}, {3}, {7}}
	w := []float64{1, 2, 1, 0.5}
	n := len(X)
	var wsum float64
	for _, v := range w {
		wsum += v
	}
	potAfter := func(a, b int) float64 {
		var s float64
		for i := range X {
			s += w[i] * min(sqDist(X[i], X[a]), sqDist(X[i], X[b]))
		}
		return s
	}
	want := make(map[[2]int]float64)
	for f := range n {
		q := make([]float64, n)
		var qs float64
		for i := range n {
			q[i] = w[i] * sqDist(X[i], X[f])
			qs += q[i]
		}
		for a := range n {
			for b := range n {
				c := a
				if potAfter(f, b) < potAfter(f, a) {
					c = b
				}
				want[[2]int{f, c}] += w[f] / wsum * q[a] / qs * q[b] / qs
			}
		}
	}
	m, _ := Data{Rows: X}.matrix("X", 1)
	p := newProblem(m, w, 1)
	const runs = 40000
	got := make(map[[2]int]int)
	rng := rand.New(rand.NewPCG(11, 12))
	for range runs {
		s, err := p.plusPlus(context.Background(), 2, rng)
		if err != nil {
			t.Fatal(err)
		}
		got[[2]int{index(X, s.centers[0]), index(X, s.centers[1])}]++
	}
	for pair, pr := range want {
		freq := float64(got[pair]) / runs
		se := math.Sqrt(pr * (1 - pr) / runs)
		if math.Abs(freq-pr) > 5*se+1e-12 {
			t.Errorf("P(first %d, second %d) = %.4f, want %.4f ± %.4f", pair[0], pair[1], freq, pr, 5*se)
		}
	}
	for pair, c := range got {
		if want[pair] == 0 {
			t.Errorf("pair %v drawn %d times, probability 0", pair, c)
		}
	}
}

func index(X [][]float64, v float64) int {
	for i, r := range X {
		if r[0] == v {
			return i
		}
	}
	return -1
}

// TestWarmStartIsLloydsFirstPass checks that starting from k-means++'s
// nearest-centre data gives the bit-identical fit to starting cold from the
// same centroids, for both algorithms.
func TestWarmStartIsLloydsFirstPass(t *testing.T) {
	X, _, _ := synth.Blobs{N: 4000, Dim: 5, Centers: 7, Std: 3, Seed: 8}.Generate()
	m, _ := Data{Rows: X}.matrix("X", 1)
	for _, alg := range []Algorithm{Lloyd, Hamerly} {
		p := newProblem(m, nil, 2)
		s, err := p.plusPlus(context.Background(), 7, rand.New(rand.NewPCG(4, 4)))
		if err != nil {
			t.Fatal(err)
		}
		warm, err := newEngine(p, 7, alg).run(context.Background(), s, 300, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		cold, err := newEngine(p, 7, alg).run(context.Background(), &seeding{centers: s.centers}, 300, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(cold, warm); diff != "" {
			t.Errorf("%v: warm start mismatch (-cold +warm):\n%s", alg, diff)
		}
		if warm.Iterations < 5 {
			t.Errorf("%v: only %d iterations; the test wants a longer run", alg, warm.Iterations)
		}
	}
}

// TestAutoPicksByData checks Auto's choice on data whose traits decide it:
// well-separated blobs with many centroids switch to Hamerly at once;
// with d·K = 64 Lloyd's pass is so cheap that nothing does; heavily
// overlapping blobs stay with Lloyd while the centroids travel (at least
// the first half of the fit); at a large d·K a lower skip rate suffices.
// The fit itself must equal Lloyd's in every case.
func TestAutoPicksByData(t *testing.T) {
	if simd == simdNone {
		t.Skip("the cost model of the pure-Go kernels prefers Hamerly more often; see preferHamerly")
	}
	for _, tt := range []struct {
		name               string
		blobs              synth.Blobs
		k                  int
		early, late, never bool // switch within 3 iterations; not in the first half; not at all
	}{
		{"separated, many centroids", synth.Blobs{N: 20000, Dim: 8, Centers: 96, Std: 0.3, Seed: 1}, 96, true, false, false},
		{"separated, d·K = 64", synth.Blobs{N: 20000, Dim: 8, Centers: 8, Std: 0.3, Seed: 1}, 8, false, false, true},
		{"overlapping", synth.Blobs{N: 20000, Dim: 8, Centers: 8, Std: 8, Seed: 2}, 8, false, true, false},
		{"overlapping, large d·K", synth.Blobs{N: 20000, Dim: 30, Centers: 40, Std: 1.5, Seed: 3}, 40, true, false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			flat, _, _ := tt.blobs.Flat()
			m := &dense{n: tt.blobs.N, d: tt.blobs.Dim, x: flat}
			p := newProblem(m, nil, 2)
			s, err := p.plusPlus(context.Background(), tt.k, rand.New(rand.NewPCG(1, 1)))
			if err != nil {
				t.Fatal(err)
			}
			// With Tol 0 only strict convergence stops the fit; with the
			// default tolerance Auto can switch on the iteration that
			// converges, leaving the final pass to set Hamerly's bounds.
			for _, tol := range []float64{0, 1e-4 * p.meanVariance()} {
				auto := newEngine(p, tt.k, Auto)
				got, err := auto.run(context.Background(), s, 300, tol, nil)
				if err != nil {
					t.Fatal(err)
				}
				at, n := auto.switchIter, got.Iterations
				t.Logf("tol %g: switched to Hamerly after iteration %d of %d", tol, at, n)
				if tt.early && (at == 0 || at > 3) {
					t.Errorf("tol %g: Auto switched after iteration %d of %d, want within 3", tol, at, n)
				}
				if tt.never && at != 0 {
					t.Errorf("tol %g: Auto switched after iteration %d of %d, want Lloyd throughout", tol, at, n)
				}
				if tt.late && at != 0 && at < n/2 {
					t.Errorf("tol %g: Auto switched after iteration %d of %d, want not in the first half", tol, at, n)
				}
				want, err := newEngine(p, tt.k, Lloyd).run(context.Background(), s, 300, tol, nil)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("tol %g: Auto differs from Lloyd (-lloyd +auto):\n%s", tol, diff)
				}
			}
		})
	}
}
