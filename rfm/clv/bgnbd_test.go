package clv_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// clvGamma draws from a gamma distribution with the given shape and rate
// (Marsaglia & Tsang 2000, with the U^(1/k) boost for shape < 1).
func clvGamma(rng *rand.Rand, shape, rate float64) float64 {
	if shape < 1 {
		return clvGamma(rng, shape+1, rate) * math.Pow(rng.Float64(), 1/shape)
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := rng.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		if u := rng.Float64(); math.Log(u) < 0.5*x*x+d-d*v+d*math.Log(v) {
			return d * v / rate
		}
	}
}

// clvSimulateBGNBD draws n customers from the BG/NBD process with the
// given parameters: λ ~ Gamma(r, α), p ~ Beta(a, b); purchases at the
// times of a Poisson process with rate λ, dropping out after each repeat
// purchase with probability p; observed for T ~ U(tMin, tMax) periods
// after the first purchase. Times are rounded to a 1/7 period (days of a
// week), like real summaries; purchases that round to the same time as
// the previous one are one purchase.
func clvSimulateBGNBD(seed uint64, n int, r, alpha, a, b, tMin, tMax float64) []clv.CBS {
	rng := rand.New(rand.NewPCG(seed, 2))
	out := make([]clv.CBS, n)
	for i := range out {
		lambda := clvGamma(rng, r, alpha)
		ga, gb := clvGamma(rng, a, 1), clvGamma(rng, b, 1)
		p := ga / (ga + gb)
		day := func(v float64) float64 { return math.Floor(v*7) / 7 }
		T := day(tMin + (tMax-tMin)*rng.Float64())
		var x, tx, t float64
		for {
			t += rng.ExpFloat64() / lambda
			if t > T {
				break
			}
			if day(t) > tx {
				x++
				tx = day(t)
			}
			if rng.Float64() < p {
				break
			}
		}
		out[i] = clv.CBS{CustomerID: customer.ID("S" + decimal.NewFromInt(int64(i)).String()), X: x, TX: tx, T: T}
	}
	return out
}

// TestBGNBDRecoversSimulated fits customers simulated from known
// parameters with a fixed seed: the estimate must be a better maximum
// than the truth, the truth must lie inside the 99.9% likelihood-ratio
// confidence region (2·ΔLL < χ²₄(0.999) = 18.47), and each parameter must
// be near its true value.
func TestBGNBDRecoversSimulated(t *testing.T) {
	truth := clv.BGNBD{R: 0.6, Alpha: 5, A: 0.8, B: 2.5}
	data := clvSimulateBGNBD(1, 20000, truth.R, truth.Alpha, truth.A, truth.B, 26, 78)
	m, err := clv.FitBGNBD(t.Context(), data, clv.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	llTrue, err := clv.BGNBDLogLikelihood(truth, data)
	if err != nil {
		t.Fatal(err)
	}
	if d := m.LogLikelihood - llTrue; d < 0 || 2*d > 18.47 {
		t.Errorf("fit LL %.3f vs true-parameter LL %.3f: 2ΔLL = %.3f, want in [0, 18.47]", m.LogLikelihood, llTrue, 2*d)
	}
	for _, p := range []struct {
		name      string
		got, want float64
	}{{"r", m.R, truth.R}, {"alpha", m.Alpha, truth.Alpha}, {"a", m.A, truth.A}, {"b", m.B, truth.B}} {
		if math.Abs(p.got-p.want) > 0.2*p.want {
			t.Errorf("FitBGNBD(simulated) %s = %.4f, want %v within 20%%", p.name, p.got, p.want)
		}
	}
	t.Logf("fit %+v, true LL %.3f", *m, llTrue)
}

// TestBGNBDWorkersBitIdentical fits the same data with different worker
// counts: the results must be identical to the last bit.
func TestBGNBDWorkersBitIdentical(t *testing.T) {
	data := clvSimulateBGNBD(3, 30000, 0.4, 3, 0.7, 2, 10, 52)
	var first *clv.BGNBD
	for _, w := range []int{1, 2, 5} {
		m, err := clv.FitBGNBD(t.Context(), data, clv.FitOptions{Workers: w, Restarts: -1})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = m
			continue
		}
		if diff := cmp.Diff(first, m); diff != "" {
			t.Errorf("FitBGNBD(Workers: %d) differs from Workers: 1 (-want +got):\n%s", w, diff)
		}
	}
}

// TestBGNBDHandComputed checks the formulas on cases worked out by hand.
func TestBGNBDHandComputed(t *testing.T) {
	ones := clv.BGNBD{R: 1, Alpha: 1, A: 1, B: 1}
	// P(alive | x=1, t_x=1, T=2) = 1/(1 + a/(b+x−1)·((α+T)/(α+t_x))^(r+x)) = 1/(1 + (3/2)²) = 4/13.
	if got := ones.ProbAlive(clv.CBS{X: 1, TX: 1, T: 2}); math.Abs(got-4.0/13) > 1e-15 {
		t.Errorf("ProbAlive = %v, want 4/13", got)
	}
	if got := ones.ProbAlive(clv.CBS{T: 5}); got != 1 {
		t.Errorf("ProbAlive(x = 0) = %v, want 1", got)
	}
	// LL(x=0, T=1) = r ln α − r ln(α+T) = −ln 2.
	// LL(x=1, t_x=1, T=2) = ln Γ(2) − ln Γ(1) + ln Γ(2) + ln Γ(2) − ln Γ(1) − ln Γ(3) + ln(3^−2 + 2^−2) = ln(13/72).
	ll, err := clv.BGNBDLogLikelihood(ones, []clv.CBS{{T: 1}, {X: 1, TX: 1, T: 2}})
	if want := -math.Ln2 + math.Log(13.0/72); err != nil || math.Abs(ll-want) > 1e-14 {
		t.Errorf("LogLikelihoodOf = %v, %v; want %v", ll, err, want)
	}
	// E[X(t)] with r = α = b = 1, a = 2: 2·[1 − (1/(1+t))·₂F₁(1, 1; 2; t/(1+t))]
	// = 2·(1 − ln(1+t)/t), since ₂F₁(1,1;2;z) = −ln(1−z)/z.
	m := clv.BGNBD{R: 1, Alpha: 1, A: 2, B: 1}
	for _, tt := range []float64{0.5, 1, 10, 1e4} {
		want := 2 * (1 - math.Log1p(tt)/tt)
		if got := m.ConditionalExpectedPurchases(tt, clv.CBS{}); math.Abs(got-want) > 1e-12*want {
			t.Errorf("ExpectedPurchases(%v) = %.15g, want %.15g", tt, got, want)
		}
	}
	// A customer known to be alive with x = 0 at T behaves like a new one
	// whose clock starts at α+T: E[Y(t) | x=0, T] = E[X(t)] of a model with
	// α+T in place of α.
	shifted := m
	shifted.Alpha += 3
	if got, want := m.ConditionalExpectedPurchases(2.5, clv.CBS{T: 3}), shifted.ConditionalExpectedPurchases(2.5, clv.CBS{}); math.Abs(got-want) > 1e-13 {
		t.Errorf("ConditionalExpectedPurchases(x=0) = %v, want %v", got, want)
	}
	// a = 1 exactly is a removable singularity: the value must be
	// continuous there.
	near := clv.BGNBD{R: 0.5, Alpha: 2, A: 1, B: 3}
	at1 := near.ConditionalExpectedPurchases(10, clv.CBS{})
	near.A = 1 + 1e-3
	above := near.ConditionalExpectedPurchases(10, clv.CBS{})
	near.A = 1 - 1e-3
	below := near.ConditionalExpectedPurchases(10, clv.CBS{})
	if !(at1 > 0) || math.Abs(at1-(above+below)/2) > 1e-5*at1 {
		t.Errorf("ExpectedPurchases at a = 1: %v, neighbours %v and %v", at1, below, above)
	}
}

// TestBGNBDEdgeCustomers fits data with customers at the edges of the
// summary space (x = 0, T = 0, t_x = T, heavy buyers) and checks that
// every prediction is finite and in range.
func TestBGNBDEdgeCustomers(t *testing.T) {
	data := clvSimulateBGNBD(5, 2000, 0.5, 4, 0.8, 2.5, 0, 60)
	edge := []clv.CBS{
		{T: 0},                    // bought at the very end of calibration
		{X: 0, T: 60},             // one-time buyer long ago
		{X: 3, TX: 60, T: 60},     // last purchase at the end
		{X: 400, TX: 59, T: 60},   // extremely heavy buyer
		{X: 1, TX: 1e-9, T: 1e-9}, // tiny times
	}
	data = append(data, edge...)
	m, err := clv.FitBGNBD(t.Context(), data, clv.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range edge {
		pa := m.ProbAlive(c)
		e := m.ConditionalExpectedPurchases(52, c)
		if !(pa >= 0 && pa <= 1) || !(e >= 0) || math.IsInf(e, 0) {
			t.Errorf("customer %+v: ProbAlive %v, ConditionalExpectedPurchases %v", c, pa, e)
		}
	}
	if got := m.ConditionalExpectedPurchases(0, edge[2]); got != 0 {
		t.Errorf("ConditionalExpectedPurchases(0) = %v, want 0", got)
	}
	for _, tt := range []float64{0, 1e-9, 1, 1e3, 1e9} {
		if e := m.ConditionalExpectedPurchases(tt, clv.CBS{}); !(e >= 0) || math.IsInf(e, 0) {
			t.Errorf("ExpectedPurchases(%v) = %v", tt, e)
		}
	}
	for _, bad := range []float64{-1, math.NaN(), math.Inf(1)} {
		if e := m.ConditionalExpectedPurchases(bad, clv.CBS{}); !math.IsNaN(e) {
			t.Errorf("ExpectedPurchases(%v) = %v, want NaN", bad, e)
		}
	}
	if e := m.ProbAlive(clv.CBS{X: 1, TX: 5, T: 1}); !math.IsNaN(e) {
		t.Errorf("ProbAlive(t_x > T) = %v, want NaN", e)
	}
}

// TestFitBGNBDErrors checks the failures the fit reports instead of
// returning garbage.
func TestFitBGNBDErrors(t *testing.T) {
	good := clvSimulateBGNBD(7, 500, 0.5, 4, 0.8, 2.5, 20, 40)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name  string
		ctx   context.Context
		data  []clv.CBS
		opts  clv.FitOptions
		want  error
		index int // for *CBSError; -1 when none
		last  bool
	}{
		{name: "empty", data: nil, want: clv.ErrNotIdentifiable, index: -1},
		{name: "single customer", data: good[:1], want: clv.ErrNotIdentifiable, index: -1},
		{name: "all one-time buyers", data: []clv.CBS{{T: 3}, {T: 4}, {T: 10}}, want: clv.ErrNotIdentifiable, index: -1},
		{name: "no time observed", data: []clv.CBS{{X: 1}, {X: 2}}, want: clv.ErrNotIdentifiable, index: -1},
		{name: "fractional x", data: append(good[:3:3], clv.CBS{X: 1.5, TX: 1, T: 2}), want: clv.ErrInvalidCBS, index: 3},
		{name: "t_x after T", data: []clv.CBS{{X: 1, TX: 3, T: 2}}, want: clv.ErrInvalidCBS, index: 0},
		{name: "NaN T", data: []clv.CBS{{T: 1}, {T: math.NaN()}}, want: clv.ErrInvalidCBS, index: 1},
		{name: "negative x", data: []clv.CBS{{X: -1, T: 1}}, want: clv.ErrInvalidCBS, index: 0},
		{name: "t_x without repeats", data: []clv.CBS{{TX: 1, T: 2}}, want: clv.ErrInvalidCBS, index: 0},
		{name: "value without repeats", data: []clv.CBS{{T: 2, M: decimal.NewFromInt(5)}}, want: clv.ErrInvalidCBS, index: 0},
		{name: "negative penalty", data: good, opts: clv.FitOptions{Penalty: -1}, want: clv.ErrConfig, index: -1},
		{name: "NaN tolerance", data: good, opts: clv.FitOptions{Tolerance: math.NaN()}, want: clv.ErrConfig, index: -1},
		{name: "negative workers", data: good, opts: clv.FitOptions{Workers: -2}, want: clv.ErrConfig, index: -1},
		{name: "negative iterations", data: good, opts: clv.FitOptions{MaxIterations: -2}, want: clv.ErrConfig, index: -1},
		{name: "no convergence", data: good, opts: clv.FitOptions{MaxIterations: 5}, want: clv.ErrNoConvergence, index: -1, last: true},
		{name: "cancelled", ctx: cancelled, data: good, want: context.Canceled, index: -1, last: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := tt.ctx
			if ctx == nil {
				ctx = t.Context()
			}
			m, err := clv.FitBGNBD(ctx, tt.data, tt.opts)
			if !errors.Is(err, tt.want) || m != nil {
				t.Fatalf("FitBGNBD() = %v, %v; want error %v", m, err, tt.want)
			}
			var ce *clv.CBSError
			if got := errors.As(err, &ce); got != (tt.index >= 0) || (got && ce.Index != tt.index) {
				t.Errorf("FitBGNBD() error %v: *CBSError %v, want index %d", err, got, tt.index)
			}
			var fe *clv.FitError
			if got := errors.As(err, &fe); got != tt.last {
				t.Fatalf("FitBGNBD() error %v: *FitError %v, want %v", err, got, tt.last)
			}
			if tt.last {
				if len(fe.Params) != 4 || fe.Model != "bgnbd" {
					t.Fatalf("FitError = %+v, want 4 BG/NBD parameters", fe)
				}
				for _, v := range append(fe.Params, fe.LogLikelihood) {
					if math.IsNaN(v) || math.IsInf(v, 0) {
						t.Errorf("FitError last iterate %v, %v not finite", fe.Params, fe.LogLikelihood)
					}
				}
			}
		})
	}
}

// TestFitBGNBDNoDropoutEvidence fits customers who all bought at the very
// end of their observation: nothing shows anyone dropping out, the
// likelihood grows as p → 0, and the fit must say so rather than return
// a parameter at the search's edge.
func TestFitBGNBDNoDropoutEvidence(t *testing.T) {
	var data []clv.CBS
	for i := range 200 {
		T := 10 + float64(i%30)
		data = append(data, clv.CBS{X: float64(1 + i%4), TX: T, T: T}, clv.CBS{T: T})
	}
	m, err := clv.FitBGNBD(t.Context(), data, clv.FitOptions{})
	var fe *clv.FitError
	if !errors.Is(err, clv.ErrNotIdentifiable) || !errors.As(err, &fe) {
		t.Fatalf("FitBGNBD() = %+v, %v; want a *FitError wrapping ErrNotIdentifiable", m, err)
	}
	t.Logf("%v", err)
}

// TestFitBGNBDPenalty checks the L2 penalty: it trades likelihood for
// smaller parameters, and more penalty shrinks them more.
func TestFitBGNBDPenalty(t *testing.T) {
	data := clvSimulateBGNBD(11, 3000, 0.5, 4, 0.8, 2.5, 20, 40)
	var prevLL, prevNorm float64
	for i, pen := range []float64{0, 0.01, 0.1} {
		m, err := clv.FitBGNBD(t.Context(), data, clv.FitOptions{Penalty: pen})
		if err != nil {
			t.Fatalf("Penalty %v: %v", pen, err)
		}
		// The penalty applies to α in units of the largest T, as in lifetimes.
		maxT := 0.0
		for _, c := range data {
			maxT = math.Max(maxT, c.T)
		}
		alpha := m.Alpha / maxT
		norm := m.R*m.R + alpha*alpha + m.A*m.A + m.B*m.B
		if i > 0 && !(m.LogLikelihood < prevLL && norm < prevNorm) {
			t.Errorf("Penalty %v: LL %v, Σθ² %v; want both below the previous %v, %v", pen, m.LogLikelihood, norm, prevLL, prevNorm)
		}
		prevLL, prevNorm = m.LogLikelihood, norm
	}
}
