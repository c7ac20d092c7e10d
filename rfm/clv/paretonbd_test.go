package clv_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/shopspring/decimal"
)

// paretoFHL is the Pareto/NBD model at the CDNOW estimates printed by
// Fader, Hardie & Lee (2005).
var paretoFHL = clv.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}

// TestCDNOWParetoNBD reproduces the Pareto/NBD estimates published for
// the 2,357 CDNOW customers. Fader, Hardie & Lee (2005, "Counting Your
// Customers the Easy Way", sec. 7) print r = 0.553, α = 10.578,
// s = 0.606, β = 11.669 and LL = −9595.0; CLVTools' test
// (test_correctness_pnbd.R) has 0.55315, 10.57633, 0.60625, 11.67150
// and standard errors 0.0476264, 0.8427222, 0.1872594, 6.2105448. The
// likelihood is flat along β (its standard error is half its value), so
// the two sources differ in β's fourth digit; the maximum found by scipy
// from the integral form of the likelihood (testdata/
// paretonbd_reference.py) is 0.553276, 10.577613, 0.606214, 11.667909
// with LL −9594.97393, and that is what the fit must find.
func TestCDNOWParetoNBD(t *testing.T) {
	data := clvCDNOWSummary(t)
	m, err := clv.FitParetoNBD(t.Context(), data, clv.FitOptions{})
	if err != nil {
		t.Fatalf("FitParetoNBD(CDNOW) error: %v", err)
	}
	if m.Customers != 2357 {
		t.Errorf("FitParetoNBD(CDNOW) Customers = %d, want 2357", m.Customers)
	}
	sum := m.Summary()
	for i, p := range []struct {
		name                       string
		published, scipy, clvtools float64
		se                         float64
	}{
		{"r", 0.553, 0.553276, 0.55315, 0.0476264},
		{"alpha", 10.578, 10.577613, 10.57633, 0.8427222},
		{"s", 0.606, 0.606214, 0.60625, 0.1872594},
		{"beta", 11.669, 11.667909, 11.67150, 6.2105448},
	} {
		e := sum[i]
		if e.Name != p.name {
			t.Fatalf("Summary()[%d].Name = %q, want %q", i, e.Name, p.name)
		}
		// lifetimes' test: equal to the published value to 3 decimals
		// (|diff| < 1.5e-3).
		if math.Abs(e.Value-p.published) >= 1.5e-3 {
			t.Errorf("FitParetoNBD(CDNOW) %s = %.6f, want %v (FHL 2005) to 3 decimals", p.name, e.Value, p.published)
		}
		if math.Abs(e.Value-p.scipy) > 1e-5*p.scipy {
			t.Errorf("FitParetoNBD(CDNOW) %s = %.7f, want the scipy maximum %v within 1e-5 relative", p.name, e.Value, p.scipy)
		}
		// CLVTools' tolerance: 1e-3 relative.
		if math.Abs(e.StdErr-p.se) > 1e-3*p.se {
			t.Errorf("Summary() %s StdErr = %.7f, want CLVTools' %v within 1e-3 relative", p.name, e.StdErr, p.se)
		}
		if e.Lower != e.Value-1.96*e.StdErr || e.Upper != e.Value+1.96*e.StdErr {
			t.Errorf("Summary() %s interval [%v, %v], want Value ∓ 1.96 StdErr", p.name, e.Lower, e.Upper)
		}
	}
	if !clvSigDigits(m.LogLikelihood, -9595.0, 5) || math.Abs(m.LogLikelihood - -9594.97393) > 1e-4 {
		t.Errorf("FitParetoNBD(CDNOW) LogLikelihood = %.5f, want -9595.0 (FHL) and -9594.97393 (quadrature at the maximum)", m.LogLikelihood)
	}
	// The row-by-row likelihood agrees with the fit's, and with the
	// quadrature values at the published points.
	for _, tc := range []struct {
		m    clv.ParetoNBD
		want float64
	}{
		{*m, m.LogLikelihood},
		{paretoFHL, -9594.97401001},
		{clv.ParetoNBD{R: 0.55315, Alpha: 10.57633, S: 0.60625, Beta: 11.67150}, -9594.97393474},
	} {
		if ll, err := clv.ParetoNBDLogLikelihood(tc.m, data); err != nil || math.Abs(ll-tc.want) > 1e-6 {
			t.Errorf("log-likelihood at %+v = %.8f, %v; want %.8f", tc.m, ll, err, tc.want)
		}
	}
}

// TestParetoNBDPredictions checks the predictive formulas against
// independently known values at given parameters.
func TestParetoNBDPredictions(t *testing.T) {
	// E[X(t)] for t = 0..9 weeks from the R package BTYD's
	// documentation (pnbd.Expectation with params 0.55, 10.56, 0.61,
	// 11.64), printed to 8 decimals; lifetimes asserts them too.
	btyd := []float64{0, 0.05077821, 0.09916088, 0.14542507, 0.18979930, 0.23247466, 0.27361274, 0.31335159, 0.35181024, 0.38909211}
	btydParams := clv.ParetoNBD{R: 0.55, Alpha: 10.56, S: 0.61, Beta: 11.64}
	for i, want := range btyd {
		if got := btydParams.ExpectedPurchases(float64(i)); math.Abs(got-want) > 5e-9 {
			t.Errorf("ExpectedPurchases(%d) = %.8f, want BTYD's %.8f", i, got, want)
		}
	}
	// The BTYD walkthrough's customer: x = 26, t_x = 30.86, T = 31,
	// 25.46 purchases in the next 52 weeks.
	if got := paretoFHL.ConditionalExpectedPurchases(52, clv.CBS{X: 26, TX: 30.86, T: 31}); math.Abs(got-25.46) > 0.01 {
		t.Errorf("ConditionalExpectedPurchases(52, 26/30.86/31) = %.4f, want 25.46 (BTYD walkthrough)", got)
	}
	// Heavy buyers, where naive evaluation overflows: lifetimes' underflow
	// test (x = 132, 133 at t_x = T = 200), values by mpmath quadrature.
	heavy := clv.ParetoNBD{R: 0.55, Alpha: 10.58, S: 0.61, Beta: 11.67}
	for _, tc := range []struct {
		x, want float64
	}{{132, 6.20605178896293}, {133, 6.2528722475745}} {
		if got := heavy.ConditionalExpectedPurchases(10, clv.CBS{X: tc.x, TX: 200, T: 200}); math.Abs(got-tc.want) > 1e-10*tc.want {
			t.Errorf("ConditionalExpectedPurchases(10, x=%v, 200, 200) = %.15g, want %.15g", tc.x, got, tc.want)
		}
	}
	// CLVTools' stability case (PAlive produced NaN in an earlier
	// implementation), and CDNOW-like customers; P(alive) by quadrature
	// of the death-time integral in mpmath.
	for _, tc := range []struct {
		m    clv.ParetoNBD
		c    clv.CBS
		want float64
	}{
		{clv.ParetoNBD{R: 0.5143, Alpha: 2.8845, S: 0.2856, Beta: 14.1087}, clv.CBS{X: 221, TX: 103.42857, T: 103.57143}, 0.999596052317938},
		{clv.ParetoNBD{R: 0.5143, Alpha: 2.8845, S: 0.2856, Beta: 14.1087}, clv.CBS{X: 254, TX: 97.14286, T: 97.28571}, 0.999558226123011},
		{clv.ParetoNBD{R: 0.5143, Alpha: 2.8845, S: 0.2856, Beta: 14.1087}, clv.CBS{X: 161, TX: 94.71429, T: 98}, 0.749487751704103},
		{clv.ParetoNBD{R: 0.5143, Alpha: 2.8845, S: 0.2856, Beta: 14.1087}, clv.CBS{X: 204, TX: 98.57143, T: 99.42857}, 0.994255079637646},
		{paretoFHL, clv.CBS{T: 38.86}, 0.295286604616894},
		{paretoFHL, clv.CBS{X: 2, TX: 30.43, T: 38.86}, 0.869167559153011},
		{paretoFHL, clv.CBS{X: 26, TX: 30.86, T: 31}, 0.997918731055158},
		{paretoFHL, clv.CBS{X: 1, TX: 1.71, T: 38.86}, 0.168002326724345},
	} {
		if got := tc.m.ProbAlive(tc.c); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%+v.ProbAlive(%+v) = %.15g, want %.15g", tc.m, tc.c, got, tc.want)
		}
	}
	// P(X(t) = n) against quadrature of its defining integral (mpmath,
	// testdata/paretonbd_reference.py), for α < β and α > β.
	for _, tc := range []struct {
		m    clv.ParetoNBD
		n    int
		t    float64
		want float64
	}{
		{paretoFHL, 0, 39, 0.593625031602384},
		{paretoFHL, 1, 39, 0.165562947277175},
		{paretoFHL, 2, 10, 0.057096509977413},
		{paretoFHL, 5, 78, 0.0252506399750492},
		{paretoFHL, 10, 20, 0.00105218602818227},
		{clv.ParetoNBD{R: 0.8, Alpha: 2, S: 1.3, Beta: 25}, 0, 39, 0.247000573328503},
		{clv.ParetoNBD{R: 0.8, Alpha: 2, S: 1.3, Beta: 25}, 1, 39, 0.126805991731558},
		{clv.ParetoNBD{R: 0.8, Alpha: 2, S: 1.3, Beta: 25}, 2, 10, 0.115042174338096},
		{clv.ParetoNBD{R: 0.8, Alpha: 2, S: 1.3, Beta: 25}, 5, 78, 0.0393390610157883},
		{clv.ParetoNBD{R: 0.8, Alpha: 2, S: 1.3, Beta: 25}, 10, 20, 0.0212746689823369},
	} {
		if got := tc.m.ProbPurchases(tc.n, tc.t); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%+v.ProbPurchases(%d, %v) = %.15g, want %.15g", tc.m, tc.n, tc.t, got, tc.want)
		}
	}
}

// TestModelIdentities checks, for every continuous-time model, that the
// probabilities of n purchases sum to 1 with mean E[X(t)], that the
// conditional expectation of a brand-new customer (T = 0) is E[X(t)] for
// the BG/NBD and Pareto/NBD models, and that P(alive) lies in [0, 1].
func TestModelIdentities(t *testing.T) {
	models := []clv.Model{
		clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426},
		clv.MBGNBD{R: 0.525, Alpha: 6.183, A: 0.891, B: 1.614},
		paretoFHL,
		clv.ParetoNBD{R: 0.8, Alpha: 2, S: 1.3, Beta: 25},
		clv.ParetoNBD{R: 2, Alpha: 3, S: 1, Beta: 3}, // α = β, s = 1
	}
	for _, m := range models {
		for _, tt := range []float64{0.5, 10, 39, 78} {
			var total, mean float64
			for n := 0; n < 3000; n++ {
				p := m.ProbPurchases(n, tt)
				if !(p >= 0 && p <= 1) {
					t.Fatalf("%+v.ProbPurchases(%d, %v) = %v, want a probability", m, n, tt, p)
				}
				total += p
				mean += float64(n) * p
				if p < 1e-18 && n > 10 {
					break
				}
			}
			want := m.ExpectedPurchases(tt)
			if math.Abs(total-1) > 1e-9 || math.Abs(mean-want) > 1e-8*math.Max(1, want) {
				t.Errorf("%+v: Σ P(X(%v)=n) = %.12f, Σ n·P = %.12f; want 1 and ExpectedPurchases = %.12f", m, tt, total, mean, want)
			}
		}
		if _, ok := m.(clv.MBGNBD); !ok {
			if got, want := m.ConditionalExpectedPurchases(20, clv.CBS{}), m.ExpectedPurchases(20); math.Abs(got-want) > 1e-12 {
				t.Errorf("%+v: ConditionalExpectedPurchases(20, new customer) = %v, want ExpectedPurchases %v", m, got, want)
			}
		}
		for _, c := range []clv.CBS{{}, {T: 30}, {X: 3, TX: 5, T: 30}, {X: 3000, TX: 29, T: 30}, {X: 50, TX: 1, T: 300}} {
			if p := m.ProbAlive(c); !(p >= 0 && p <= 1) {
				t.Errorf("%+v.ProbAlive(%+v) = %v, want a probability", m, c, p)
			}
			if e := m.ConditionalExpectedPurchases(52, c); !(e >= 0) || math.IsInf(e, 0) {
				t.Errorf("%+v.ConditionalExpectedPurchases(52, %+v) = %v, want finite and ≥ 0", m, c, e)
			}
		}
		if !math.IsNaN(m.ProbPurchases(-1, 1)) || !math.IsNaN(m.ExpectedPurchases(-1)) || !math.IsNaN(m.ProbAlive(clv.CBS{X: 1, TX: 2, T: 1})) {
			t.Errorf("%+v: invalid arguments did not give NaN", m)
		}
	}
}

// TestFitParetoNBDErrors checks the documented errors.
func TestFitParetoNBDErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []clv.CBS
		opts clv.FitOptions
		want error
	}{
		{"no data", nil, clv.FitOptions{}, clv.ErrNotIdentifiable},
		{"one-time buyers only", []clv.CBS{{T: 3}, {T: 5}}, clv.FitOptions{}, clv.ErrNotIdentifiable},
		{"invalid row", []clv.CBS{{X: 1, TX: 4, T: 3}, {T: 5}}, clv.FitOptions{}, clv.ErrInvalidCBS},
		{"bad option", []clv.CBS{{X: 1, TX: 2, T: 3}, {T: 5}}, clv.FitOptions{Workers: -1}, clv.ErrConfig},
	} {
		if _, err := clv.FitParetoNBD(t.Context(), tc.data, tc.opts); !errors.Is(err, tc.want) {
			t.Errorf("FitParetoNBD(%s) error = %v, want %v", tc.name, err, tc.want)
		}
	}
	if got := (clv.ParetoNBD{R: -1, Alpha: 1, S: 1, Beta: 1}).ProbAlive(clv.CBS{}); !math.IsNaN(got) {
		t.Errorf("ProbAlive with r = -1 = %v, want NaN", got)
	}
}

// TestLifetimeValuesParetoNBD checks that LifetimeValues combines a
// Pareto/NBD model month by month as documented: the value is the sum of
// the discounted monthly increments of ConditionalExpectedPurchases times
// the expected spend.
func TestLifetimeValuesParetoNBD(t *testing.T) {
	gg := &clv.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	c := clv.CBS{X: 2, TX: 30.43, T: 38.86}
	c.M = decimal.RequireFromString("22.35")
	vals, err := clv.LifetimeValues(t.Context(), []clv.CBS{c}, &paretoFHL, gg, clv.CLVOptions{PeriodsPerMonth: 4.345, Months: 12, DiscountRate: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	spend := gg.ConditionalExpectedValue(c).InexactFloat64()
	var want, prev float64
	for i := 1; i <= 12; i++ {
		cum := paretoFHL.ConditionalExpectedPurchases(4.345*float64(i), c)
		want += spend * (cum - prev) / math.Pow(1.01, float64(i))
		prev = cum
	}
	if got := vals[0].Value.InexactFloat64(); math.Abs(got-want) > 1e-3 {
		t.Errorf("LifetimeValues(Pareto/NBD) = %v, want %.4f", got, want)
	}
	if got := vals[0].ProbAlive; got != paretoFHL.ProbAlive(c) {
		t.Errorf("LifetimeValues(Pareto/NBD) ProbAlive = %v, want %v", got, paretoFHL.ProbAlive(c))
	}
	if _, err := clv.LifetimeValues(t.Context(), []clv.CBS{c}, (*clv.ParetoNBD)(nil), gg, clv.CLVOptions{PeriodsPerMonth: 4}); !errors.Is(err, clv.ErrInvalidModel) {
		t.Errorf("LifetimeValues(nil *ParetoNBD) error = %v, want ErrInvalidModel", err)
	}
}

// TestParetoNBDRecoversSimulated simulates the Pareto/NBD process with
// known parameters (λ ~ gamma(r, α), μ ~ gamma(s, β), a Poisson purchase
// process until an exponential death time, times rounded to days) and
// checks that the fit recovers each parameter within 4 of its reported
// standard errors, and that P(alive) is well calibrated: among the
// simulated customers, the share actually alive at T matches the mean
// predicted P(alive).
func TestParetoNBDRecoversSimulated(t *testing.T) {
	truth := clv.ParetoNBD{R: 0.8, Alpha: 4, S: 1.2, Beta: 20}
	rng := rand.New(rand.NewPCG(19, 1))
	gamma := func(shape, rate float64) float64 {
		// Marsaglia–Tsang, with the shape < 1 boost.
		boost := 1.0
		if shape < 1 {
			boost = math.Pow(rng.Float64(), 1/shape)
			shape++
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
			if u := rng.Float64(); math.Log(u) < x*x/2+d-d*v+d*math.Log(v) {
				return boost * d * v / rate
			}
		}
	}
	day := func(w float64) float64 { return math.Floor(w*7) / 7 }
	const n = 4000
	data := make([]clv.CBS, n)
	alive := 0
	for i := range data {
		T := day(26 + rng.Float64()*26)
		lambda, mu := gamma(truth.R, truth.Alpha), gamma(truth.S, truth.Beta)
		death := rng.ExpFloat64() / mu
		end := math.Min(death, T)
		c := clv.CBS{T: T}
		for at := rng.ExpFloat64() / lambda; at < end; at += rng.ExpFloat64() / lambda {
			c.X++
			c.TX = day(at)
		}
		if death > T {
			alive++
		}
		data[i] = c
	}
	m, err := clv.FitParetoNBD(t.Context(), data, clv.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{truth.R, truth.Alpha, truth.S, truth.Beta} {
		e := m.Summary()[i]
		if !(e.StdErr > 0) || math.Abs(e.Value-want) > 4*e.StdErr {
			t.Errorf("%s = %.4f ± %.4f, want %v within 4 standard errors", e.Name, e.Value, e.StdErr, want)
		}
	}
	t.Logf("fit: %+v", m.Summary())
	var predicted float64
	for _, c := range data {
		predicted += m.ProbAlive(c)
	}
	// The share alive is a sum of n Bernoulli draws: allow 4 binomial
	// standard deviations.
	share, mean := float64(alive)/n, predicted/n
	t.Logf("share alive %.4f, mean P(alive) %.4f", share, mean)
	if sd := math.Sqrt(mean * (1 - mean) / n); math.Abs(share-mean) > 4*sd {
		t.Errorf("share alive at T = %.4f, mean predicted P(alive) = %.4f (sd %.4f)", share, mean, sd)
	}
}
