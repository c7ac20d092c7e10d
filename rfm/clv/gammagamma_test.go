package clv_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// clvSimulateGammaGamma draws n customers with 1 to 10 repeat purchases
// from the Gamma-Gamma model: ν ~ Gamma(q, γ) per customer and
// transaction values ~ Gamma(p, ν); M is their mean, rounded to cents.
func clvSimulateGammaGamma(seed uint64, n int, p, q, gamma float64) []clv.CBS {
	rng := rand.New(rand.NewPCG(seed, 3))
	out := make([]clv.CBS, n)
	for i := range out {
		nu := clvGamma(rng, q, gamma)
		x := 1 + rng.IntN(10)
		var sum float64
		for range x {
			sum += clvGamma(rng, p, nu)
		}
		m := decimal.NewFromFloat(sum / float64(x)).Round(2)
		if m.Sign() <= 0 {
			m = decimal.New(1, -2)
		}
		out[i] = clv.CBS{X: float64(x), TX: 1, T: 2, M: m}
	}
	return out
}

// TestGammaGammaRecoversSimulated fits spends simulated from known
// parameters: the truth must lie inside the 99.9% likelihood-ratio
// region (2·ΔLL < χ²₃(0.999) = 16.27) and each estimate near it.
func TestGammaGammaRecoversSimulated(t *testing.T) {
	truth := clv.GammaGamma{P: 4, Q: 5, Gamma: 60}
	data := clvSimulateGammaGamma(1, 10000, truth.P, truth.Q, truth.Gamma)
	g, err := clv.FitGammaGamma(t.Context(), data, clv.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	llTrue, err := clv.GammaGammaLogLikelihood(truth, data)
	if err != nil {
		t.Fatal(err)
	}
	if d := g.LogLikelihood - llTrue; d < 0 || 2*d > 16.27 {
		t.Errorf("fit LL %.3f vs true-parameter LL %.3f: 2ΔLL = %.3f, want in [0, 16.27]", g.LogLikelihood, llTrue, 2*d)
	}
	for _, p := range []struct {
		name      string
		got, want float64
	}{{"p", g.P, truth.P}, {"q", g.Q, truth.Q}, {"gamma", g.Gamma, truth.Gamma}} {
		if math.Abs(p.got-p.want) > 0.2*p.want {
			t.Errorf("FitGammaGamma(simulated) %s = %.4f, want %v within 20%%", p.name, p.got, p.want)
		}
	}
	if g.Customers != 10000 || math.Abs(g.Correlation) > 0.05 {
		t.Errorf("Customers %d, Correlation %v; want 10000 and about 0 (independent by construction)", g.Customers, g.Correlation)
	}
	// Bit-identical for any number of workers.
	for _, w := range []int{1, 3} {
		g2, err := clv.FitGammaGamma(t.Context(), data, clv.FitOptions{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(g, g2); diff != "" {
			t.Errorf("FitGammaGamma(Workers: %d) differs (-want +got):\n%s", w, diff)
		}
	}
}

// TestGammaGammaHandComputed checks the formulas on cases worked out by
// hand.
func TestGammaGammaHandComputed(t *testing.T) {
	g := clv.GammaGamma{P: 2, Q: 3, Gamma: 4}
	// Population mean pγ/(q−1) = 4; for x = 2, m = 10 the weight of m is
	// px/(px+q−1) = 2/3: 4/3 + 20/3 = 8.
	for _, tc := range []struct {
		c    clv.CBS
		want string
	}{
		{clv.CBS{X: 2, TX: 1, T: 2, M: decimal.NewFromInt(10)}, "8"},
		{clv.CBS{T: 2}, "4"},
		{clv.CBS{X: 1, TX: 1, T: 2}, "4"},                            // M = 0: outside the model
		{clv.CBS{X: 1, TX: 3, T: 2, M: decimal.NewFromInt(10)}, "0"}, // invalid row
	} {
		if got := g.ConditionalExpectedValue(tc.c); !got.Equal(decimal.RequireFromString(tc.want)) {
			t.Errorf("ConditionalExpectedValue(%+v) = %v, want %s", tc.c, got, tc.want)
		}
	}
	if got := (clv.GammaGamma{P: 2, Q: 0.5, Gamma: 4}).ConditionalExpectedValue(clv.CBS{T: 1}); !got.IsZero() {
		t.Errorf("ConditionalExpectedValue with q < 1 = %v, want 0", got)
	}
	// LL(x=1, m=1 | p=q=γ=1) = ln Γ(2) − ln Γ(1) − ln Γ(1) + 0 + 0 + 0 − 2 ln 2.
	ones := clv.GammaGamma{P: 1, Q: 1, Gamma: 1}
	ll, err := clv.GammaGammaLogLikelihood(ones, []clv.CBS{{X: 1, TX: 1, T: 1, M: decimal.NewFromInt(1)}, {T: 3}})
	if want := -2 * math.Ln2; err != nil || math.Abs(ll-want) > 1e-15 {
		t.Errorf("LogLikelihoodOf = %v, %v; want %v", ll, err, want)
	}
	// Pearson correlation (GammaGamma.Correlation) of x = 1, 2, 3 and
	// m = 2, 4, 7 is 15/√228.
	if r := clv.Pearson([]float64{1, 2, 3}, []float64{2, 4, 7}); math.Abs(r-15/math.Sqrt(228)) > 1e-15 {
		t.Errorf("Pearson = %v, want 15/√228", r)
	}
}

// TestFitGammaGammaErrors checks the failures the fit reports.
func TestFitGammaGammaErrors(t *testing.T) {
	good := clvSimulateGammaGamma(2, 300, 4, 5, 60)
	heavy := clvSimulateGammaGamma(4, 3000, 3, 0.7, 10)
	var same []clv.CBS
	for range 50 {
		same = append(same, clv.CBS{X: 2, TX: 1, T: 2, M: decimal.NewFromInt(30)})
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		data []clv.CBS
		opts clv.FitOptions
		want error
		last bool
	}{
		{name: "empty", want: clv.ErrNotIdentifiable},
		{name: "two customers", data: good[:2], want: clv.ErrNotIdentifiable},
		{name: "only one-time buyers", data: []clv.CBS{{T: 1}, {T: 2}, {T: 3}, {T: 4}}, want: clv.ErrNotIdentifiable},
		{name: "invalid row", data: []clv.CBS{{X: 2, TX: 5, T: 1, M: decimal.NewFromInt(3)}}, want: clv.ErrInvalidCBS},
		{name: "identical spend", data: same, want: clv.ErrNotIdentifiable, last: true},
		{name: "infinite mean", data: heavy, want: clv.ErrInvalidModel, last: true},
		{name: "no convergence", data: good, opts: clv.FitOptions{MaxIterations: 3}, want: clv.ErrNoConvergence, last: true},
		{name: "cancelled", ctx: cancelled, data: good, want: context.Canceled, last: true},
		{name: "bad options", data: good, opts: clv.FitOptions{Penalty: math.Inf(1)}, want: clv.ErrConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := tt.ctx
			if ctx == nil {
				ctx = t.Context()
			}
			g, err := clv.FitGammaGamma(ctx, tt.data, tt.opts)
			if !errors.Is(err, tt.want) || g != nil {
				t.Fatalf("FitGammaGamma() = %+v, %v; want error %v", g, err, tt.want)
			}
			var fe *clv.FitError
			if got := errors.As(err, &fe); got != tt.last {
				t.Fatalf("FitGammaGamma() error %v: *FitError %v, want %v", err, got, tt.last)
			}
			if tt.last && (len(fe.Params) != 3 || fe.Model != "gammagamma") {
				t.Errorf("FitError = %+v, want 3 Gamma-Gamma parameters", fe)
			}
		})
	}
}

// TestFitGammaGammaSkips checks that repeat buyers without positive spend
// are counted, not used.
func TestFitGammaGammaSkips(t *testing.T) {
	data := clvSimulateGammaGamma(6, 500, 4, 5, 60)
	data = append(data, clv.CBS{X: 2, TX: 1, T: 2}, clv.CBS{X: 1, TX: 1, T: 2, M: decimal.NewFromInt(-3)}, clv.CBS{T: 9})
	g, err := clv.FitGammaGamma(t.Context(), data, clv.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if g.Customers != 500 || g.Skipped != 2 {
		t.Errorf("Customers %d, Skipped %d; want 500 and 2", g.Customers, g.Skipped)
	}
}
