package clv

import (
	"context"
	"math"
)

// MBGNBD is a fitted (or given) MBG/NBD model of repeat purchasing
// (Batislam, Denizel & Filiztekin 2007, "Empirical validation and
// comparison of models for customer base analysis", International
// Journal of Research in Marketing 24(3); Hoppe & Wagner 2007).
//
// It is the BG/NBD model with one change: a customer may also drop out
// right after the first purchase, so that one-time buyers can be dead
// too (in the BG/NBD model they are alive for sure, which overstates
// their future purchases). The parameters have the roles of [BGNBD]'s:
// purchase rate gamma(R, Alpha), dropout probability beta(A, B); Alpha
// is in the time unit of the data.
//
// The methods return NaN for invalid parameters or arguments. An MBGNBD
// is a plain value, safe for concurrent use; it implements [Model].
type MBGNBD struct {
	R, Alpha, A, B float64
	// LogLikelihood is the log-likelihood of the fitted data at the
	// parameters, without any penalty (0 for a model not fitted here).
	LogLikelihood float64
	// Customers is the number of customers the model was fitted on.
	Customers int
	// Covariance is the estimated covariance matrix of R, Alpha, A, B;
	// see [BGNBD.Covariance].
	Covariance [][]float64
}

func (m MBGNBD) validate() error {
	return checkParams("MBG/NBD", bgnbdNames, []float64{m.R, m.Alpha, m.A, m.B})
}

// FitMBGNBD estimates the MBG/NBD parameters by maximum likelihood, as
// [FitBGNBD] does for the BG/NBD model (same search, scaling, errors and
// guarantees). A customer's likelihood is
//
//	Γ(r+x)α^r/Γ(r) · [ B(a, b+x+1)/B(a, b) (α+T)^−(r+x)
//	                  + B(a+1, b+x)/B(a, b) (α+t_x)^−(r+x) ]
//
// for every x, including 0 (lifetimes' ModifiedBetaGeoFitter). On the
// CDNOW data it gives r = 0.525, α = 6.183, a = 0.891, b = 1.614, the
// estimates of the R package BTYDplus that lifetimes tests against.
func FitMBGNBD(ctx context.Context, data []CBS, opts FitOptions) (*MBGNBD, error) {
	v, err := fitBGFamily(ctx, data, opts, true)
	if err != nil {
		return nil, err
	}
	return &MBGNBD{R: v.R, Alpha: v.Alpha, A: v.A, B: v.B, LogLikelihood: v.LogLikelihood, Customers: v.Customers, Covariance: v.Covariance}, nil
}

// ProbAlive returns P(alive | x, t_x, T) (Batislam et al. 2007, eq. 5):
// 1 / (1 + a/(b+x)·((α+T)/(α+t_x))^(r+x)), below 1 also for x = 0.
func (m MBGNBD) ProbAlive(c CBS) float64 {
	if !modelArgsOK(m.validate(), c, 0) {
		return math.NaN()
	}
	return m.probAlive(c)
}

func (m MBGNBD) probAlive(c CBS) float64 {
	d := math.Log(m.A) - math.Log(m.B+c.X) + (m.R+c.X)*(math.Log(m.Alpha+c.T)-math.Log(m.Alpha+c.TX))
	return logistic(-d)
}

// shifted is the BG/NBD model whose formulas for a customer alive at T
// serve the MBG/NBD one: having survived x+1 dropout chances, its
// dropout probability is beta(a, b+x+1), the BG/NBD posterior with b+1.
func (m MBGNBD) shifted() BGNBD { return BGNBD{R: m.R, Alpha: m.Alpha, A: m.A, B: m.B + 1} }

func (m MBGNBD) ifAlive(c CBS, t float64) float64 { return bgnbdIfAlive(m.shifted(), c.X, c.T, t) }

// ExpectedPurchases returns E[X(t)] for a new customer (Batislam et al.
// 2007): b/(a−1)·[1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))], the
// BG/NBD expectation with b+1, times the chance b/(a+b) of surviving the
// first purchase. lifetimes: expected_number_of_purchases_up_to_time.
func (m MBGNBD) ExpectedPurchases(t float64) float64 {
	if !modelArgsOK(m.validate(), CBS{}, t) {
		return math.NaN()
	}
	return m.B / (m.A + m.B) * m.ifAlive(CBS{}, t)
}

// ConditionalExpectedPurchases returns E[Y(t) | x, t_x, T]: ProbAlive(c)
// times (a+b+x)/(a−1)·[1 − ((α+T)/(α+T+t))^(r+x)
// ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] (Hoppe & Wagner 2008, the erratum
// lifetimes follows). It is 0 for t = 0.
func (m MBGNBD) ConditionalExpectedPurchases(t float64, c CBS) float64 {
	if !modelArgsOK(m.validate(), c, t) {
		return math.NaN()
	}
	return m.probAlive(c) * m.ifAlive(c, t)
}

// ProbPurchases returns P(X(t) = n) for a new customer:
//
//	B(a, b+n+1)/B(a, b) · NB(n; r, α, t) + B(a+1, b+n)/B(a, b) · P(NB(r, α, t) ≥ n)
//
// with NB as on [BGNBD.ProbPurchases] (lifetimes:
// probability_of_n_purchases_up_to_time). It returns NaN for n < 0.
func (m MBGNBD) ProbPurchases(n int, t float64) float64 {
	if n < 0 || !modelArgsOK(m.validate(), CBS{}, t) {
		return math.NaN()
	}
	x := float64(n)
	lb := fitLbeta(m.A, m.B)
	v := math.Exp(fitLbeta(m.A, m.B+x+1)-lb+nbdLogPMF(m.R, m.Alpha, x, t)) +
		math.Exp(fitLbeta(m.A+1, m.B+x)-lb)*nbdTail(m.R, m.Alpha, n, t)
	return min(1, v)
}
