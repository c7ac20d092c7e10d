package cluster

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/internal/synth"
	"github.com/google/go-cmp/cmp"
)

// levels returns the kernel levels this processor can run, narrowest
// first; simdNone (the pure-Go reference alone) is always among them.
func levels() []simdLevel {
	out := []simdLevel{simdNone}
	for l := simdAVX2; l <= detectSIMD(); l++ {
		out = append(out, l)
	}
	return out
}

// withLevel runs fn with the kernels at level l.
func withLevel(t testing.TB, l simdLevel, fn func()) {
	t.Helper()
	saved := simd
	simd = l
	defer func() { simd = saved }()
	fn()
}

var levelNames = []string{"purego", "avx2", "avx512"}

// kernelCase is one randomised kernel input: n rows of d values starting
// off elements into their slice (so that vector loads are unaligned), k
// centres, values of the given scale, and optionally centres copied from
// rows and duplicated, to force exact ties.
type kernelCase struct {
	n, d, k, off int
	scale        float64
	ties         bool
}

func (c kernelCase) data(rng *rand.Rand) (x []float64, centers []float64) {
	buf := make([]float64, c.off+c.n*c.d)
	x = buf[c.off:]
	for i := range x {
		x[i] = rng.NormFloat64() * c.scale
		if rng.IntN(16) == 0 {
			x[i] = math.Round(x[i]) // small integers make ties likely
		}
	}
	centers = make([]float64, c.k*c.d)
	for i := range centers {
		centers[i] = rng.NormFloat64() * c.scale
	}
	if c.ties && c.n > 0 {
		for j := range c.k {
			switch j % 3 {
			case 0: // a row itself: distance 0
				copy(centers[j*c.d:(j+1)*c.d], x[rng.IntN(c.n)*c.d:])
			case 1: // a duplicate of the previous centre: a tie
				copy(centers[j*c.d:(j+1)*c.d], centers[(j-1)*c.d:j*c.d])
			}
		}
	}
	return x, centers
}

// checkKernels compares every kernel at every level with the reference,
// bit for bit.
func checkKernels(t *testing.T, c kernelCase, x, centers []float64) {
	t.Helper()
	var pn panel
	pn.set32(centers, c.k, c.d)
	n := c.n
	wantLab, wantBest, wantSecond := make([]int32, n), make([]float64, n), make([]float64, n)
	nearestRef(x, &pn, wantLab, wantBest, wantSecond)
	ldo := pn.groups*8 + 3 // an output stride wider than the panel
	wantDist := make([]float64, n*ldo)
	distsRef(x, &pn, wantDist, ldo)
	checkRefAgainstSqDist(t, x, centers, c.k, c.d, wantLab, wantBest, wantSecond, wantDist, ldo)
	x32 := make([]float32, c.off+len(x))[c.off:]
	for i, v := range x {
		x32[i] = float32(v)
	}
	wantLab32, wantBest32 := make([]int32, n), make([]float32, n)
	nearestRef32(x32, &pn, wantLab32, wantBest32)
	// The float32 kernels see only values that fit in float32 (the fit
	// checks); beyond that, Inf−Inf makes NaN distances.
	fits32 := firstNonFinite32(x32) < 0
	for _, v := range pn.flat32 {
		fits32 = fits32 && !math.IsInf(float64(v), 0)
	}

	w := make([]float64, n)
	for i := range w {
		w[i] = float64(i%7) * 0.3
	}
	wantSums := make([]float64, c.k*c.d)
	wantWSums := make([]float64, c.k*c.d)
	accumRef(x, c.d, wantLab, nil, wantSums)
	accumRef(x, c.d, wantLab, w, wantWSums)

	for _, l := range levels() {
		withLevel(t, l, func() {
			if fits32 {
				want32, got32 := make([]float64, c.k*c.d), make([]float64, c.k*c.d)
				for i, lab := range wantLab {
					for t := range c.d {
						want32[int(lab)*c.d+t] += float64(x32[i*c.d+t])
					}
				}
				accumulate32(x32, c.d, wantLab, got32)
				for i := range got32 {
					if !same(got32[i], want32[i]) {
						t.Fatalf("%s %+v sum %d: accumulate32 %v, reference %v", levelNames[l], c, i, got32[i], want32[i])
					}
				}
			}
			sums, wsums := make([]float64, c.k*c.d), make([]float64, c.k*c.d)
			accumulate(x, c.d, wantLab, nil, sums)
			accumulate(x, c.d, wantLab, w, wsums)
			for i := range sums {
				if !same(sums[i], wantSums[i]) || !same(wsums[i], wantWSums[i]) {
					t.Fatalf("%s %+v sum %d: accumulate %v (weighted %v), reference %v (%v)", levelNames[l], c, i,
						sums[i], wsums[i], wantSums[i], wantWSums[i])
				}
			}
			lab, best, second := make([]int32, n), make([]float64, n), make([]float64, n)
			nearestRows(x, &pn, lab, best, second)
			dist := make([]float64, n*ldo)
			distRows(x, n, &pn, dist, ldo)
			lab32, best32 := make([]int32, n), make([]float32, n)
			nearestRows32(x32, &pn, lab32, best32)
			flab, fbest, fsecond := make([]int32, n), make([]float64, n), make([]float64, n)
			xmax := 0.0
			for i := range n {
				xmax = max(xmax, sqNorm(x[i*c.d:i*c.d+c.d]))
			}
			shifted := nearestRowsFast(x, &pn, flab, fbest, fsecond, xmax)
			if shifted {
				// Back to distances, within rounding of ‖x‖² + max‖c‖².
				for i := range n {
					xx := sqNorm(x[i*c.d : i*c.d+c.d])
					fbest[i], fsecond[i] = fbest[i]+xx, fsecond[i]+xx
				}
			}
			fastNear := func(got, want float64, i int) bool {
				if !shifted {
					return same(got, want)
				}
				slack := float64(c.d+2) * 0x1p-48 * (sqNorm(x[i*c.d:i*c.d+c.d]) + pn.cmax)
				return got == want || math.Abs(got-want) <= slack+1e-300
			}
			for i := range n {
				if lab[i] != wantLab[i] || !same(best[i], wantBest[i]) || !same(second[i], wantSecond[i]) {
					t.Fatalf("%s %+v row %d: nearest (%d, %v, %v), reference (%d, %v, %v)", levelNames[l], c, i,
						lab[i], best[i], second[i], wantLab[i], wantBest[i], wantSecond[i])
				}
				if flab[i] != wantLab[i] || !fastNear(fbest[i], wantBest[i], i) || !fastNear(fsecond[i], wantSecond[i], i) {
					t.Fatalf("%s %+v row %d: fast nearest (%d, %v, %v), reference (%d, %v, %v)", levelNames[l], c, i,
						flab[i], fbest[i], fsecond[i], wantLab[i], wantBest[i], wantSecond[i])
				}
				for j := range c.k {
					if got, want := dist[i*ldo+j], wantDist[i*ldo+j]; !same(got, want) {
						t.Fatalf("%s %+v row %d centre %d: distance %v, reference %v", levelNames[l], c, i, j, got, want)
					}
				}
				if fits32 && (lab32[i] != wantLab32[i] || !same(float64(best32[i]), float64(wantBest32[i]))) {
					t.Fatalf("%s %+v row %d: float32 nearest (%d, %v), reference (%d, %v)", levelNames[l], c, i,
						lab32[i], best32[i], wantLab32[i], wantBest32[i])
				}
			}
		})
	}
}

func firstNonFinite32(v []float32) int {
	for i, x := range v {
		if math.IsInf(float64(x), 0) || math.IsNaN(float64(x)) {
			return i
		}
	}
	return -1
}

// same reports bit-identical floats.
func same(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

// TestKernelsMatchReference runs every kernel level against the pure-Go
// reference on shapes around the vector widths (rows, features and
// centres one below, at and above multiples of 4 and 8), unaligned
// starts, exact ties and values large enough to overflow to +Inf.
func TestKernelsMatchReference(t *testing.T) {
	t.Logf("kernel levels on this processor: %v", levels())
	rng := rand.New(rand.NewPCG(13, 13))
	for _, n := range []int{0, 1, 3, 4, 7, 8, 9, 16, 31, 33} {
		for _, d := range []int{1, 2, 3, 7, 8, 9, 17} {
			for _, k := range []int{1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 25} {
				c := kernelCase{n: n, d: d, k: k, off: rng.IntN(4), scale: math.Pow(10, float64(rng.IntN(9)-4)), ties: rng.IntN(2) == 0}
				if rng.IntN(20) == 0 {
					c.scale = 1e155 // squares overflow: every distance +Inf
				}
				x, centers := c.data(rng)
				checkKernels(t, c, x, centers)
			}
		}
	}
}

// FuzzKernel compares the kernels with the reference on shapes, offsets
// and scales chosen by the fuzzer. The seed corpus runs in every go test.
func FuzzKernel(f *testing.F) {
	f.Add(uint16(8), uint8(8), uint8(8), uint8(0), uint8(4), false, uint64(1))
	f.Add(uint16(37), uint8(3), uint8(9), uint8(1), uint8(2), true, uint64(2))
	f.Add(uint16(5), uint8(1), uint8(1), uint8(3), uint8(0), true, uint64(3))
	f.Add(uint16(100), uint8(13), uint8(33), uint8(2), uint8(8), false, uint64(4))
	f.Add(uint16(64), uint8(8), uint8(17), uint8(0), uint8(15), true, uint64(5))
	f.Fuzz(func(t *testing.T, n uint16, d, k, off, scale uint8, ties bool, seed uint64) {
		c := kernelCase{
			n:     int(n % 300),
			d:     int(d%40) + 1,
			k:     int(k%70) + 1,
			off:   int(off % 8),
			scale: math.Pow(10, float64(int(scale%24)-8)),
			ties:  ties,
		}
		if scale%24 == 23 {
			c.scale = 1e160
		}
		x, centers := c.data(rand.New(rand.NewPCG(seed, 7)))
		checkKernels(t, c, x, centers)
	})
}

// TestKernelShapeChecks checks that malformed calls stop with a clear
// panic in Go, before any slice reaches the assembly.
func TestKernelShapeChecks(t *testing.T) {
	var pn panel
	pn.set([]float64{1, 2, 3, 4}, 2, 2)
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}
	for _, tt := range []struct {
		name string
		call func()
	}{
		{"rows beyond x", func() {
			nearestRows(x[:15], &pn, make([]int32, 8), make([]float64, 8), make([]float64, 8))
		}},
		{"short best", func() {
			nearestRows(x, &pn, make([]int32, 8), make([]float64, 7), make([]float64, 8))
		}},
		{"narrow output stride", func() { distRows(x, 8, &pn, make([]float64, 64), 4) }},
		{"short output", func() { distRows(x, 8, &pn, make([]float64, 63), 8) }},
		{"no float32 panel", func() {
			nearestRows32(make([]float32, 16), &pn, make([]int32, 8), make([]float32, 8))
		}},
		{"empty panel", func() {
			nearestRows(x, &panel{}, make([]int32, 8), make([]float64, 8), make([]float64, 8))
		}},
	} {
		for _, l := range levels() {
			withLevel(t, l, func() {
				defer func() {
					r := recover()
					if s, ok := r.(string); !ok || !strings.HasPrefix(s, "cluster: internal error") {
						t.Errorf("%s at %s: recovered %v, want the kernel's shape panic", tt.name, levelNames[l], r)
					}
				}()
				tt.call()
			})
		}
	}
}

// BenchmarkNearestRows times the nearest-centre kernel alone on a chunk
// of 4096 rows that stays in cache: ns/row is its compute cost.
func BenchmarkNearestRows(b *testing.B) {
	for _, k := range []int{8, 32} {
		for _, l := range levels() {
			b.Run(fmt.Sprintf("d=8/k=%d/%s", k, levelNames[l]), func(b *testing.B) {
				c := kernelCase{n: 4096, d: 8, k: k, scale: 1}
				x, centers := c.data(rand.New(rand.NewPCG(1, 1)))
				var pn panel
				pn.set32(centers, c.k, c.d)
				lab, best, second := make([]int32, c.n), make([]float64, c.n), make([]float64, c.n)
				withLevel(b, l, func() {
					for b.Loop() {
						nearestRows(x, &pn, lab, best, second)
					}
				})
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*c.n), "ns/row")
			})
		}
	}
}

// TestFastKernelNearTies puts rows on, and a few ulps off, the bisecting
// hyperplane of two centres, where the fused kernel's rounding differs from
// the reference's: the recheck must still give the reference's labels.
func TestFastKernelNearTies(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 21))
	for _, d := range []int{1, 3, 8, 11} {
		const k, n = 9, 203
		centers := make([]float64, k*d)
		for i := range centers {
			centers[i] = rng.NormFloat64() * 3
		}
		x := make([]float64, n*d)
		for i := range n {
			a, b := rng.IntN(k), rng.IntN(k)
			for t := range d {
				mid := (centers[a*d+t] + centers[b*d+t]) / 2
				for range rng.IntN(4) { // nudge by up to 3 ulps
					if rng.IntN(2) == 0 {
						mid = math.Nextafter(mid, math.Inf(1))
					} else {
						mid = math.Nextafter(mid, math.Inf(-1))
					}
				}
				x[i*d+t] = mid
			}
		}
		checkKernels(t, kernelCase{n: n, d: d, k: k}, x, centers)
	}
}

// TestFastKernelFarFromOrigin puts rows and centres in a small ball far
// from the origin, where ‖c‖² − 2x·c cancels most of its digits: the
// recheck must still give the reference's labels.
func TestFastKernelFarFromOrigin(t *testing.T) {
	rng := rand.New(rand.NewPCG(22, 22))
	for _, d := range []int{1, 3, 8, 11} {
		for _, offset := range []float64{1e3, 1e6, -1e8} {
			const k, n = 9, 203
			centers := make([]float64, k*d)
			for i := range centers {
				centers[i] = offset + rng.NormFloat64()*1e-3
			}
			x := make([]float64, n*d)
			for i := range x {
				x[i] = offset + rng.NormFloat64()*1e-3
			}
			checkKernels(t, kernelCase{n: n, d: d, k: k}, x, centers)
		}
	}
}

// TestFitSameAtEveryLevel fits with every kernel level and expects the
// bit-identical model: the fast kernel's labels are rechecked and every
// value that reaches the result comes from exact kernels.
func TestFitSameAtEveryLevel(t *testing.T) {
	flat, _, _ := synth.Blobs{N: 3000, Dim: 7, Centers: 6, Std: 5, Seed: 4}.Flat()
	X := Data{Flat: flat, Cols: 7}
	for _, km := range []KMeans{
		{K: 6, Seed: 1},
		{K: 11, Seed: 2, Algorithm: Hamerly},
		{K: 6, Seed: 3, Init: Random, NInit: 2, Algorithm: Lloyd},
		{K: 9, Seed: 4, Float32: true},
	} {
		var want *Model
		for _, l := range levels() {
			withLevel(t, l, func() {
				m, err := km.Fit(t.Context(), X)
				if err != nil {
					t.Fatal(err)
				}
				if want == nil {
					want = m
					return
				}
				if diff := cmp.Diff(want, m); diff != "" {
					t.Errorf("%+v at %s differs from purego (-purego +%s):\n%s", km, levelNames[l], levelNames[l], diff)
				}
			})
		}
	}
}

// checkRefAgainstSqDist checks the panel-based references against the
// plainest form of their definition: sqDist to every centre in index
// order, strict < for the nearest, and the second smallest.
func checkRefAgainstSqDist(t *testing.T, x, centers []float64, k, d int, lab []int32, best, second, dist []float64, ldo int) {
	t.Helper()
	for i := range lab {
		row := x[i*d : i*d+d]
		b, bd, sd := 0, math.Inf(1), math.Inf(1)
		for j := range k {
			dd := sqDist(row, centers[j*d:(j+1)*d])
			if math.Float64bits(dist[i*ldo+j]) != math.Float64bits(dd) {
				t.Fatalf("distsRef row %d centre %d = %v, sqDist = %v", i, j, dist[i*ldo+j], dd)
			}
			if dd < bd {
				b, sd, bd = j, bd, dd
			} else if dd < sd {
				sd = dd
			}
		}
		if int(lab[i]) != b || math.Float64bits(best[i]) != math.Float64bits(bd) || math.Float64bits(second[i]) != math.Float64bits(sd) {
			t.Fatalf("nearestRef row %d = (%d, %v, %v), sqDist loop = (%d, %v, %v)", i, lab[i], best[i], second[i], b, bd, sd)
		}
	}
}
