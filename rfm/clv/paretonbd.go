package clv

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/clientele-go/clientele/internal/hypergeo"
)

// ParetoNBD is a fitted (or given) Pareto/NBD model of repeat purchasing
// (Schmittlein, Morrison & Colombo 1987, "Counting Your Customers: Who
// Are They and What Will They Do Next?", Management Science 33(1); the
// likelihood as in Fader, Hardie & Lee 2005, "A Note on Deriving the
// Pareto/NBD Model and Related Expressions").
//
// While alive, a customer buys at the times of a Poisson process with
// rate λ and dies at an exponentially distributed time with rate μ,
// possibly before any repeat purchase. Across customers λ follows a
// gamma distribution with shape R and rate Alpha, μ one with shape S and
// rate Beta. Alpha and Beta are in the time unit of the data the model
// was fitted on, like every t argument and the CBS times its methods
// take; X is the number of repeat purchases and TX the time of the last
// one since the first, lifetimes' frequency and recency.
//
// The methods return NaN when the parameters are not all finite and
// positive or an argument is invalid. A ParetoNBD is a plain value, safe
// for concurrent use; it implements [Model] and round-trips through
// encoding/json (see [Model]).
type ParetoNBD struct {
	R, Alpha, S, Beta float64
	// LogLikelihood is the log-likelihood of the fitted data at the
	// parameters, without any penalty (0 for a model not fitted here).
	LogLikelihood float64
	// Customers is the number of customers the model was fitted on.
	Customers int
	// Covariance is the estimated covariance matrix of R, Alpha, S, Beta
	// (in that order), the inverse of the observed information; nil for
	// a model not fitted here or when the information is singular. See
	// [ParetoNBD.Summary].
	Covariance [][]float64
}

// paretoNBDNames are the parameter names in FitError, Summary and JSON.
var paretoNBDNames = []string{"r", "alpha", "s", "beta"}

func (m ParetoNBD) params() []float64 { return []float64{m.R, m.Alpha, m.S, m.Beta} }

func (m ParetoNBD) validate() error { return checkParams("Pareto/NBD", paretoNBDNames, m.params()) }

// FitParetoNBD estimates the Pareto/NBD parameters from customer
// summaries by maximum likelihood, searching with Nelder–Mead as
// [FitOptions] describes, and returns the fitted model with the
// covariance of its estimates. As lifetimes does, it measures time in
// units of the largest T while searching; the result is in the data's
// unit. On the CDNOW data it reproduces Fader, Hardie & Lee (2005):
// r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = −9595.0.
//
// A customer's likelihood (x repeat purchases, the last at t_x, observed
// for T) is
//
//	Γ(r+x)α^r β^s/Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s·(I(t_x) − I(T)) ]
//
// where I(τ) = ∫_τ^∞ (α+u)^−(r+x) (β+u)^−(s+1) du is written with the
// Gauss hypergeometric function, ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+τ))
// when α ≥ β and ₂F₁(r+s+x, r+x; r+s+x+1; (β−α)/(β+τ)) otherwise, and
// evaluated in the log domain (with Euler's transformation where that
// converges faster), so that heavy buyers neither overflow nor lose
// precision.
//
// data is not modified or kept; the result does not depend on
// opts.Workers. Errors are as for [FitBGNBD].
func FitParetoNBD(ctx context.Context, data []CBS, opts FitOptions) (*ParetoNBD, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	scale, err := checkFitData("Pareto/NBD", data)
	if err != nil {
		return nil, err
	}
	full := newParetoData(data, nil, scale, o.Workers)
	p := fitProblem{
		full:  func(th []float64) float64 { return full.objective(th, o.Penalty) },
		start: full.start(),
	}
	if idx := fitStride(len(data), fitPilotRows); idx != nil {
		pilot := newParetoData(data, idx, scale, o.Workers)
		p.pilot = func(th []float64) float64 { return pilot.objective(th, o.Penalty) }
	}
	res, err := fitSolve(ctx, p, o)
	r, alpha, s, beta := math.Exp(res.theta[0]), math.Exp(res.theta[1]), math.Exp(res.theta[2]), math.Exp(res.theta[3])
	m := &ParetoNBD{
		R: r, Alpha: alpha * scale, S: s, Beta: beta * scale,
		LogLikelihood: full.logLik(r, alpha, s, beta) - full.sumX*math.Log(scale),
		Customers:     len(data),
	}
	if err := fitFinish("paretonbd", paretoNBDNames, m.params(), m.LogLikelihood, res, err); err != nil {
		return nil, err
	}
	m.Covariance = fitCovariance(p.full, res.theta, full.n, m.params())
	return m, nil
}

// checkFitData validates the summaries for a fit of a continuous-time
// model and returns the largest T, the time scale of the search.
func checkFitData(model string, data []CBS) (float64, error) {
	if err := cbsCheckAll(data); err != nil {
		return 0, err
	}
	if len(data) < 2 {
		return 0, fmt.Errorf("%w: %s needs at least 2 customers, got %d", ErrNotIdentifiable, model, len(data))
	}
	scale, repeaters := 0.0, 0
	for i := range data {
		scale = math.Max(scale, data[i].T)
		if data[i].X > 0 {
			repeaters++
		}
	}
	if repeaters == 0 {
		return 0, fmt.Errorf("%w: all %d customers are one-time buyers (X = 0), so nothing identifies the purchase rate", ErrNotIdentifiable, len(data))
	}
	if scale == 0 {
		return 0, fmt.Errorf("%w: every T is 0, so no purchase rate can be estimated", ErrNotIdentifiable)
	}
	return scale, nil
}

// paretoData holds customer summaries with times divided by a scale,
// reduced to their distinct (x, t_x, T) with counts. ln I(τ) depends on
// (x, τ) only, so it is computed once per distinct pair: all one-time
// buyers share I(0), the costliest term.
type paretoData struct {
	n, sumX, sumTsc float64
	rows            []paretoRow
	keys            [][2]float64 // distinct (x, τ) for τ in {t_x, T}
	logI            []float64    // scratch: ln I per key
	red             fitReducer
}

// paretoRow is a distinct (x, t_x, T) with its count w and the indices
// of (x, t_x) and (x, T) in keys.
type paretoRow struct {
	x, tx, t, w float64
	i1, i2      int32
}

func newParetoData(data []CBS, idx []int, scale float64, workers int) *paretoData {
	rows := len(data)
	if idx != nil {
		rows = len(idx)
	}
	d := &paretoData{n: float64(rows), red: fitReducer{workers: workers}}
	count := map[[3]float64]float64{}
	for i := range rows {
		c := &data[i]
		if idx != nil {
			c = &data[idx[i]]
		}
		count[[3]float64{c.X, c.TX / scale, c.T / scale}]++
		d.sumX += c.X
		d.sumTsc += c.T / scale
	}
	keyIndex := map[[2]float64]int32{}
	for k, w := range count {
		d.rows = append(d.rows, paretoRow{x: k[0], tx: k[1], t: k[2], w: w})
		keyIndex[[2]float64{k[0], k[1]}] = 0
		keyIndex[[2]float64{k[0], k[2]}] = 0
	}
	// A fixed order, so that sums do not depend on map iteration.
	cmp3 := func(a, b [3]float64) int {
		for i := range a {
			if a[i] != b[i] {
				if a[i] < b[i] {
					return -1
				}
				return 1
			}
		}
		return 0
	}
	slices.SortFunc(d.rows, func(a, b paretoRow) int { return cmp3([3]float64{a.x, a.tx, a.t}, [3]float64{b.x, b.tx, b.t}) })
	for k := range keyIndex {
		d.keys = append(d.keys, k)
	}
	slices.SortFunc(d.keys, func(a, b [2]float64) int { return cmp3([3]float64{a[0], a[1]}, [3]float64{b[0], b[1]}) })
	for i, k := range d.keys {
		keyIndex[k] = int32(i)
	}
	for i := range d.rows {
		r := &d.rows[i]
		r.i1, r.i2 = keyIndex[[2]float64{r.x, r.tx}], keyIndex[[2]float64{r.x, r.t}]
	}
	d.logI = make([]float64, len(d.keys))
	return d
}

// start returns the default starting point in log-parameters: r = s = 1,
// α matching the mean purchase rate and β = 1 (the largest T).
func (d *paretoData) start() []float64 {
	alpha := d.sumTsc / math.Max(d.sumX, 1)
	if !(alpha > 0) {
		alpha = 1
	}
	return []float64{0, math.Log(alpha), 0, 0}
}

func (d *paretoData) objective(th []float64, penalty float64) float64 {
	for _, v := range th {
		if !(math.Abs(v) <= fitBound) {
			return math.Inf(1)
		}
	}
	r, alpha, s, beta := math.Exp(th[0]), math.Exp(th[1]), math.Exp(th[2]), math.Exp(th[3])
	ll := d.logLik(r, alpha, s, beta)
	return -ll/d.n + penalty*(r*r+alpha*alpha+s*s+beta*beta)
}

func (d *paretoData) logLik(r, alpha, s, beta float64) float64 {
	keys, logI := d.keys, d.logI
	d.red.sum(len(keys), func(lo, hi int) float64 {
		for i := lo; i < hi; i++ {
			logI[i] = paretoLogI(r, alpha, s, beta, keys[i][0], keys[i][1])
		}
		return 0
	})
	lgR, lnA, lnB, lnS := fitLgamma(r), math.Log(alpha), math.Log(beta), math.Log(s)
	rows := d.rows
	return d.red.sum(len(rows), func(lo, hi int) float64 {
		var sum float64
		for _, row := range rows[lo:hi] {
			alive := -(r+row.x)*math.Log(alpha+row.t) - s*math.Log(beta+row.t)
			dead := lnS + paretoLogDiff(logI[row.i1], logI[row.i2])
			sum += row.w * (fitLgamma(r+row.x) - lgR + r*lnA + s*lnB + logAddExp(alive, dead))
		}
		return sum
	})
}

// paretoLogLik returns the log-likelihood of one customer (x, t_x, T).
func paretoLogLik(r, alpha, s, beta, x, tx, T float64) float64 {
	head := fitLgamma(r+x) - fitLgamma(r) + r*math.Log(alpha) + s*math.Log(beta)
	return head + paretoLogBracket(r, alpha, s, beta, x, tx, T)
}

// paretoLogBracket returns ln[(α+T)^−(r+x)(β+T)^−s + s(I(t_x) − I(T))],
// the part of the log-likelihood that depends on t_x and T.
func paretoLogBracket(r, alpha, s, beta, x, tx, T float64) float64 {
	alive := -(r+x)*math.Log(alpha+T) - s*math.Log(beta+T)
	dead := math.Log(s) + paretoLogIntegral(r, alpha, s, beta, x, tx, T)
	return logAddExp(alive, dead)
}

// paretoLogIntegral returns ln(I(t_x) − I(T)) with
// I(τ) = ∫_τ^∞ (α+u)^−(r+x) (β+u)^−(s+1) du, or −Inf when t_x = T.
func paretoLogIntegral(r, alpha, s, beta, x, tx, T float64) float64 {
	return paretoLogDiff(paretoLogI(r, alpha, s, beta, x, tx), paretoLogI(r, alpha, s, beta, x, T))
}

// paretoLogDiff returns ln(e^l1 − e^l2), or −Inf when l1 ≤ l2 (t_x = T,
// or rounding when they are nearly equal: no time to die unseen).
func paretoLogDiff(l1, l2 float64) float64 {
	if !(l1 > l2) {
		return math.Inf(-1)
	}
	return l1 + math.Log(-math.Expm1(l2-l1))
}

// paretoLogI returns ln I(τ), I(τ) = ∫_τ^∞ (α+u)^−(r+x) (β+u)^−(s+1) du
//
//	= (α+τ)^−(r+s+x)/(r+s+x) · ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+τ))   α ≥ β
//	= (β+τ)^−(r+s+x)/(r+s+x) · ₂F₁(r+s+x, r+x; r+s+x+1; (β−α)/(β+τ))   α < β
//
// (FHL 2005, the A₀ term), with ₂F₁ in the log domain.
func paretoLogI(r, alpha, s, beta, x, tau float64) float64 {
	a := r + s + x
	if alpha >= beta {
		return -a*math.Log(alpha+tau) - math.Log(a) + hypergeo.LogHyp2F1(a, s+1, a+1, (alpha-beta)/(alpha+tau))
	}
	return -a*math.Log(beta+tau) - math.Log(a) + hypergeo.LogHyp2F1(a, r+x, a+1, (beta-alpha)/(beta+tau))
}

// logAddExp returns ln(e^a + e^b) without overflow.
func logAddExp(a, b float64) float64 {
	if math.IsInf(a, -1) {
		return b
	}
	if math.IsInf(b, -1) {
		return a
	}
	hi, lo := math.Max(a, b), math.Min(a, b)
	return hi + math.Log1p(math.Exp(lo-hi))
}

// logLikelihoodOf returns the log-likelihood of data under m, row by
// row, in the data's time unit: the reference for the fit's evaluation.
func (m ParetoNBD) logLikelihoodOf(data []CBS) (float64, error) {
	if err := m.validate(); err != nil {
		return 0, err
	}
	if err := cbsCheckAll(data); err != nil {
		return 0, err
	}
	if len(data) == 0 {
		return 0, fmt.Errorf("%w: no customer summaries", ErrNotIdentifiable)
	}
	var ll float64
	for i := range data {
		ll += paretoLogLik(m.R, m.Alpha, m.S, m.Beta, data[i].X, data[i].TX, data[i].T)
	}
	if math.IsNaN(ll) || math.IsInf(ll, 0) {
		return 0, fmt.Errorf("%w: Pareto/NBD log-likelihood of %d customers", errNotFinite, len(data))
	}
	return ll, nil
}

// ProbAlive returns P(alive | x, t_x, T), the probability that the
// customer summarised by c is still alive at the end of calibration
// (FHL 2005 note, eq. 18):
//
//	1 / (1 + s·(I(t_x) − I(T))·(α+T)^(r+x)·(β+T)^s)
//
// with I as on [FitParetoNBD]. Unlike the BG/NBD customer, a Pareto/NBD
// customer without repeat purchases may be dead too. It is 1 for T = 0.
func (m ParetoNBD) ProbAlive(c CBS) float64 {
	if !modelArgsOK(m.validate(), c, 0) {
		return math.NaN()
	}
	return m.probAlive(c)
}

func (m ParetoNBD) probAlive(c CBS) float64 {
	d := math.Log(m.S) + paretoLogIntegral(m.R, m.Alpha, m.S, m.Beta, c.X, c.TX, c.T) +
		(m.R+c.X)*math.Log(m.Alpha+c.T) + m.S*math.Log(m.Beta+c.T)
	return logistic(-d)
}

// logistic returns 1/(1+e^−v) without overflow.
func logistic(v float64) float64 {
	if v >= 0 {
		return 1 / (1 + math.Exp(-v))
	}
	e := math.Exp(v)
	return e / (1 + e)
}

// ExpectedPurchases returns E[X(t)], the expected number of repeat
// purchases of a new customer in the t periods after their first
// purchase (Schmittlein et al. 1987):
// r·β/(α·(s−1)) · [1 − (β/(β+t))^(s−1)], with its limit
// r·β/α·ln(1+t/β) at s = 1. lifetimes: expected_number_of_purchases_up_to_time.
func (m ParetoNBD) ExpectedPurchases(t float64) float64 {
	if !modelArgsOK(m.validate(), CBS{}, t) {
		return math.NaN()
	}
	return m.R / m.Alpha * m.Beta * powerGrowth(m.S-1, math.Log1p(t/m.Beta))
}

// powerGrowth returns (1 − e^(−e·L))/e, and its limit L at e = 0, for
// L ≥ 0: the integral ∫_0^L e^(−e·u) du.
func powerGrowth(e, L float64) float64 {
	if math.Abs(e*L) < 1e-8 {
		return L * (1 - e*L/2)
	}
	return -math.Expm1(-e*L) / e
}

// ConditionalExpectedPurchases returns E[Y(t) | x, t_x, T], the expected
// number of purchases of the customer summarised by c in the t periods
// after the end of calibration (Schmittlein et al. 1987; FHL 2005 note,
// eq. 22): ProbAlive(c) times
// (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)]. It is 0 for
// t = 0. lifetimes: conditional_expected_number_of_purchases_up_to_time.
func (m ParetoNBD) ConditionalExpectedPurchases(t float64, c CBS) float64 {
	if !modelArgsOK(m.validate(), c, t) {
		return math.NaN()
	}
	return m.probAlive(c) * m.ifAlive(c, t)
}

// ifAlive returns the expected purchases in (T, T+t] of the customer c
// if alive at T.
func (m ParetoNBD) ifAlive(c CBS, t float64) float64 {
	if t == 0 {
		return 0
	}
	bt := m.Beta + c.T
	return (m.R + c.X) / (m.Alpha + c.T) * bt * powerGrowth(m.S-1, math.Log1p(t/bt))
}

// ProbPurchases returns P(X(t) = n), the probability that a new customer
// makes exactly n repeat purchases in the t periods after the first
// (FHL 2006, "Deriving an Expression for P(X(t) = x) Under the
// Pareto/NBD Model"): the customer alive at t with n purchases, plus
// dead at some τ < t after n purchases,
//
//	NB(n; r, α, t)·(β/(β+t))^s + G(0, 0) − Σ_{j=0..n} t^j/j! · G(j, t)
//
// where G(j, t) = E[μ λ^n (λ+μ)^(j−n−1) e^(−(λ+μ)t)] over the gamma
// mixing distributions, a ₂F₁ in the branch of α ≥ β or α < β as on
// [FitParetoNBD]. The result is accurate to about 1e-12 absolute (the
// tests hold it to that against quadrature of the defining integral). It
// returns NaN for n < 0. lifetimes has no unconditional form for this
// model (its BG/NBD one is probability_of_n_purchases_up_to_time).
func (m ParetoNBD) ProbPurchases(n int, t float64) float64 {
	if n < 0 || !modelArgsOK(m.validate(), CBS{}, t) {
		return math.NaN()
	}
	if t == 0 {
		if n == 0 {
			return 1
		}
		return 0
	}
	r, alpha, s, beta := m.R, m.Alpha, m.S, m.Beta
	x := float64(n)
	alive := math.Exp(nbdLogPMF(r, alpha, x, t) + s*(math.Log(beta)-math.Log(beta+t)))
	// ln of the factor of G common to every j, without the j-dependent
	// ln Γ(r+s+j) and the ₂F₁ part.
	common := r*math.Log(alpha) + s*math.Log(beta) - fitLgamma(r) - fitLgamma(s) +
		fitLgamma(r+x) + fitLgamma(s+1) - fitLgamma(r+s+x+1)
	logG := func(j, tau float64) float64 {
		a := r + s + j
		var h float64
		if beta >= alpha {
			h = -a*math.Log(beta+tau) + hypergeo.LogHyp2F1(a, r+x, r+s+x+1, (beta-alpha)/(beta+tau))
		} else {
			h = -a*math.Log(alpha+tau) + hypergeo.LogHyp2F1(a, s+1, r+s+x+1, (alpha-beta)/(alpha+tau))
		}
		return common + fitLgamma(a) + h
	}
	dead := math.Exp(logG(0, 0))
	lt := math.Log(t)
	for j := 0; j <= n; j++ {
		fj := float64(j)
		dead -= math.Exp(fj*lt - fitLgamma(fj+1) + logG(fj, t))
	}
	return min(1, max(0, alive+max(0, dead)))
}

// nbdLogPMF returns ln P(N = x) for the number of purchases in time t of
// a Poisson process whose rate is gamma(r, α): the negative binomial
// Γ(r+x)/(Γ(r) x!) (α/(α+t))^r (t/(α+t))^x.
func nbdLogPMF(r, alpha, x, t float64) float64 {
	v := fitLgamma(r+x) - fitLgamma(r) - fitLgamma(x+1) + r*(math.Log(alpha)-math.Log(alpha+t))
	if x > 0 {
		v += x * (math.Log(t) - math.Log(alpha+t))
	}
	return v
}

// modelArgsOK reports whether a model's parameters are valid (err is
// nil), c is a valid CBS and t a finite non-negative time.
func modelArgsOK(err error, c CBS, t float64) bool {
	if err != nil || !(t >= 0) || math.IsInf(t, 1) {
		return false
	}
	reason, _ := cbsCheck(c)
	return reason == ""
}

// checkParams reports the first parameter that is not finite and
// positive, wrapping ErrInvalidModel.
func checkParams(model string, names []string, vals []float64) error {
	for i, v := range vals {
		if !(v > 0) || math.IsInf(v, 1) {
			return fmt.Errorf("%w: %s %s = %v", ErrInvalidModel, model, names[i], v)
		}
	}
	return nil
}
