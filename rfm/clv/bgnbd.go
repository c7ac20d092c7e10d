package clv

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/clientele-go/clientele/internal/hypergeo"
)

// BGNBD is a fitted (or given) BG/NBD model of repeat purchasing (Fader,
// Hardie & Lee 2005, "Counting Your Customers the Easy Way: An
// Alternative to the Pareto/NBD Model", Marketing Science 24(2)).
//
// While alive, a customer buys at the times of a Poisson process with
// rate λ; after each repeat purchase they drop out for good with
// probability p. Across customers λ follows a gamma distribution with
// shape R and rate Alpha, and p a beta distribution with parameters A and
// B. Alpha is in the time unit of the data the model was fitted on (for
// example weeks), and so are every t argument and the CBS times its
// methods take.
//
// The methods return NaN when the parameters are not all finite and
// positive or when an argument is invalid (a negative or NaN t, an
// invalid [CBS]); [LifetimeValues] reports such parameters as
// [ErrInvalidModel]. A BGNBD is a plain value, safe for concurrent use.
type BGNBD struct {
	R, Alpha, A, B float64
	// LogLikelihood is the log-likelihood of the fitted data at the
	// parameters, without any penalty (0 for a model not fitted here).
	LogLikelihood float64
	// Customers is the number of customers the model was fitted on.
	Customers int
	// Covariance is the estimated covariance matrix of R, Alpha, A, B
	// (in that order), the inverse of the observed information; nil for
	// a model not fitted here or when the information is singular. See
	// [BGNBD.Summary].
	Covariance [][]float64
}

// bgnbdNames are the parameter names in FitError.
var bgnbdNames = []string{"r", "alpha", "a", "b"}

// validate reports whether the parameters are all finite and positive.
func (m BGNBD) validate() error {
	for i, v := range []float64{m.R, m.Alpha, m.A, m.B} {
		if !(v > 0) || math.IsInf(v, 1) {
			return fmt.Errorf("%w: BG/NBD %s = %v", ErrInvalidModel, bgnbdNames[i], v)
		}
	}
	return nil
}

func (m BGNBD) valid() bool { return m.validate() == nil }

// FitBGNBD estimates the BG/NBD parameters from customer summaries by
// maximum likelihood (the likelihood of FHL 2005, eq. 6), searching with
// Nelder–Mead as [FitOptions] describes, and returns the fitted model
// with the covariance of its estimates ([BGNBD.Summary]). As lifetimes'
// BetaGeoFitter.fit does, it measures time in units of the largest T
// while searching; the result is in the data's unit. lifetimes'
// frequency, recency and T are the CBS's X, TX and T.
//
// data is not modified or kept. The likelihood is evaluated in parallel
// over fixed chunks (opts.Workers); the result does not depend on the
// number of workers. An evaluation costs about 25 ns of CPU per repeat
// buyer (one-time buyers are aggregated away), and a fit takes a few
// hundred evaluations of the full data: about 3 s for a million
// customers on two cores.
//
// Errors: an invalid row gives a *CBSError ([ErrInvalidCBS]); no rows, a
// single customer, no repeat buyer at all, or no time observed (every
// T = 0) give [ErrNotIdentifiable], since then no data can pin down the
// dropout process. A *FitError with the last iterate
// wraps [ErrNoConvergence] when the search hits opts.MaxIterations,
// [ErrNotIdentifiable] when the maximum lies on the edge of the parameter
// space (a parameter below e^−15 or above e^15 in the search's units,
// or one that can go there without lowering the likelihood), and
// ctx.Err() when ctx is cancelled, which is checked once per
// iteration.
func FitBGNBD(ctx context.Context, data []CBS, opts FitOptions) (*BGNBD, error) {
	v, err := fitBGFamily(ctx, data, opts, false)
	if err != nil {
		return nil, err
	}
	return &BGNBD{R: v.R, Alpha: v.Alpha, A: v.A, B: v.B, LogLikelihood: v.LogLikelihood, Customers: v.Customers, Covariance: v.Covariance}, nil
}

// fitBGFamily fits the BG/NBD model or, when modified is set, the
// MBG/NBD model, whose parameters have the same names and roles.
func fitBGFamily(ctx context.Context, data []CBS, opts FitOptions, modified bool) (*BGNBD, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	kind, name := "bgnbd", "BG/NBD"
	if modified {
		kind, name = "mbgnbd", "MBG/NBD"
	}
	scale, err := checkFitData(name, data)
	if err != nil {
		return nil, err
	}
	full := newBGNBDData(data, nil, scale, o.Workers)
	full.modified = modified
	p := fitProblem{
		full:  func(th []float64) float64 { return full.objective(th, o.Penalty) },
		start: full.start(),
	}
	if idx := fitStride(len(data), fitPilotRows); idx != nil {
		pilot := newBGNBDData(data, idx, scale, o.Workers)
		pilot.modified = modified
		p.pilot = func(th []float64) float64 { return pilot.objective(th, o.Penalty) }
	}
	res, err := fitSolve(ctx, p, o)
	m := full.model(res.theta, scale)
	m.Customers = len(data)
	if err := fitFinish(kind, bgnbdNames, []float64{m.R, m.Alpha, m.A, m.B}, m.LogLikelihood, res, err); err != nil {
		return nil, err
	}
	m.Covariance = fitCovariance(p.full, res.theta, full.n, []float64{m.R, m.Alpha, m.A, m.B})
	return m, nil
}

// bgnbdData holds customer summaries compressed for fast likelihood
// evaluation, with times divided by a scale. Only repeat buyers need
// per-row work; everything else is aggregated over the distinct values of
// X and T.
type bgnbdData struct {
	n      float64   // customers
	sumX   float64   // Σ x
	xs, xN []float64 // distinct x and their counts
	ts     []float64 // distinct scaled T
	tW, tX []float64 // per distinct T: number of customers, Σ x
	txs    []float64 // distinct scaled TX of repeat buyers
	rep    []bgnbdRow
	red    fitReducer
	lnT    []float64 // scratch: ln(α+T) per distinct T
	lnTx   []float64 // scratch: ln(α+TX) per distinct TX
	lc, rx []float64 // scratch per distinct x: ln(a/(b+x−1)), r+x
	sumTsc float64   // Σ scaled T, for the starting point
	// modified selects the MBG/NBD likelihood, in which a customer may
	// also drop out right after the first purchase.
	modified bool
	tZero    []float64 // per distinct T: customers with x = 0
}

// bgnbdRow is a repeat buyer: indices into xs, ts and txs.
type bgnbdRow struct{ x, t, tx int32 }

// newBGNBDData compresses data[idx] (all of data when idx is nil), with
// times divided by scale.
func newBGNBDData(data []CBS, idx []int, scale float64, workers int) *bgnbdData {
	rows := len(data)
	if idx != nil {
		rows = len(idx)
	}
	at := func(i int) *CBS {
		if idx != nil {
			return &data[idx[i]]
		}
		return &data[i]
	}
	d := &bgnbdData{n: float64(rows), red: fitReducer{workers: workers}}
	xIndex := bgnbdIndexer{}
	tIndex := bgnbdIndexer{}
	txIndex := bgnbdIndexer{}
	for i := range rows {
		c := at(i)
		xIndex.add(c.X)
		tIndex.add(c.T / scale)
		if c.X > 0 {
			txIndex.add(c.TX / scale)
		}
	}
	d.xs, d.ts, d.txs = xIndex.finish(), tIndex.finish(), txIndex.finish()
	d.xN = make([]float64, len(d.xs))
	d.tW = make([]float64, len(d.ts))
	d.tX = make([]float64, len(d.ts))
	d.tZero = make([]float64, len(d.ts))
	for i := range rows {
		c := at(i)
		xi, ti := xIndex.of(c.X), tIndex.of(c.T/scale)
		d.xN[xi]++
		d.tW[ti]++
		d.tX[ti] += c.X
		d.sumX += c.X
		d.sumTsc += c.T / scale
		if c.X > 0 {
			d.rep = append(d.rep, bgnbdRow{x: int32(xi), t: int32(ti), tx: int32(txIndex.of(c.TX / scale))})
		} else {
			d.tZero[ti]++
		}
	}
	d.lnT = make([]float64, len(d.ts))
	d.lnTx = make([]float64, len(d.txs))
	d.lc = make([]float64, len(d.xs))
	d.rx = make([]float64, len(d.xs))
	return d
}

// bgnbdIndexer maps the distinct values of a column to dense indices in
// ascending order of value.
type bgnbdIndexer struct {
	vals  []float64
	index map[float64]int
}

func (x *bgnbdIndexer) add(v float64) { x.vals = append(x.vals, v) }

// finish sorts and deduplicates the values added and returns them.
func (x *bgnbdIndexer) finish() []float64 {
	slices.Sort(x.vals)
	x.vals = slices.Compact(x.vals)
	x.index = make(map[float64]int, len(x.vals))
	for i, v := range x.vals {
		x.index[v] = i
	}
	return x.vals
}

func (x *bgnbdIndexer) of(v float64) int { return x.index[v] }

// start returns the default starting point in log-parameters: r = 1,
// α matching the mean purchase rate, a = b = 1.
func (d *bgnbdData) start() []float64 {
	alpha := d.sumTsc / math.Max(d.sumX, 1)
	if !(alpha > 0) {
		alpha = 1
	}
	return []float64{0, math.Log(alpha), 0, 0}
}

// objective returns the penalised mean negative log-likelihood at the
// log-parameters th, or +Inf outside the search box.
func (d *bgnbdData) objective(th []float64, penalty float64) float64 {
	for _, v := range th {
		if !(math.Abs(v) <= fitBound) {
			return math.Inf(1)
		}
	}
	r, alpha, a, b := math.Exp(th[0]), math.Exp(th[1]), math.Exp(th[2]), math.Exp(th[3])
	ll := d.logLik(r, alpha, a, b)
	pen := penalty * (r*r + alpha*alpha + a*a + b*b)
	return -ll/d.n + pen
}

// logLik returns the log-likelihood in scaled time:
//
//	Σ_i ln Γ(r+x)−ln Γ(r) + ln Γ(a+b)+ln Γ(b+x)−ln Γ(b)−ln Γ(a+b+x)
//	    + r ln α − (r+x) ln(α+T) + [x>0] ln(1 + a/(b+x−1)·((α+T)/(α+t_x))^(r+x))
//
// with the gamma terms summed per distinct x, the ln(α+T) terms per
// distinct T, and only the last term per repeat buyer.
func (d *bgnbdData) logLik(r, alpha, a, b float64) float64 {
	lgR, lgB, lgAB := fitLgamma(r), fitLgamma(b), fitLgamma(a+b)
	lnA := math.Log(a)
	// The MBG/NBD customer survives x+1 dropout chances, not x, and may
	// drop out unseen also when x = 0: shift the beta terms by one.
	shift := 0.0
	if d.modified {
		shift = 1
	}
	var s1 float64
	for k, x := range d.xs {
		g := fitLgamma(r+x) - lgR + fitLgamma(b+x+shift) - lgB - fitLgamma(a+b+x+shift) + lgAB
		s1 += d.xN[k] * g
		d.rx[k] = r + x
		if x > 0 {
			d.lc[k] = lnA - math.Log(b+x-1+shift)
		}
	}
	s2 := d.n * r * math.Log(alpha)
	s3 := d.red.sum(len(d.ts), func(lo, hi int) float64 {
		var s float64
		for k := lo; k < hi; k++ {
			l := math.Log(alpha + d.ts[k])
			d.lnT[k] = l
			s += (r*d.tW[k] + d.tX[k]) * l
		}
		return s
	})
	d.red.sum(len(d.txs), func(lo, hi int) float64 {
		for j := lo; j < hi; j++ {
			d.lnTx[j] = math.Log(alpha + d.txs[j])
		}
		return 0
	})
	lnT, lnTx, lc, rx := d.lnT, d.lnTx, d.lc, d.rx
	s4 := d.red.sum(len(d.rep), func(lo, hi int) float64 {
		var s float64
		for _, row := range d.rep[lo:hi] {
			s += fitSoftplus(lc[row.x] + rx[row.x]*(lnT[row.t]-lnTx[row.tx]))
		}
		return s
	})
	if d.modified {
		// Customers without repeat purchases: ln(1 + a/b·((α+T)/α)^r).
		lc0, lnAlpha := lnA-math.Log(b), math.Log(alpha)
		for k, w := range d.tZero {
			if w > 0 {
				s4 += w * fitSoftplus(lc0+r*(lnT[k]-lnAlpha))
			}
		}
	}
	return s1 + s2 - s3 + s4
}

// model converts log-parameters in scaled time to a BGNBD in the data's
// unit, with the log-likelihood of the data in that unit.
func (d *bgnbdData) model(th []float64, scale float64) *BGNBD {
	r, alpha, a, b := math.Exp(th[0]), math.Exp(th[1]), math.Exp(th[2]), math.Exp(th[3])
	// Measuring time in units of scale multiplies each customer's
	// likelihood (a density in the purchase times) by scale^x.
	ll := d.logLik(r, alpha, a, b) - d.sumX*math.Log(scale)
	return &BGNBD{R: r, Alpha: alpha * scale, A: a, B: b, LogLikelihood: ll}
}

// logLikelihoodOf returns the log-likelihood of data under m (FHL 2005,
// eq. 6, summed over customers, in the data's time unit), evaluating each
// row on its own: the reference the fit's compressed evaluation is tested
// against.
//
// Errors: [ErrInvalidModel] for invalid parameters, a *CBSError for an
// invalid row, [ErrNotIdentifiable] for empty data, errNotFinite when
// the sum overflows (astronomically large X or T).
func (m BGNBD) logLikelihoodOf(data []CBS) (float64, error) {
	if err := m.validate(); err != nil {
		return 0, err
	}
	if err := cbsCheckAll(data); err != nil {
		return 0, err
	}
	if len(data) == 0 {
		return 0, fmt.Errorf("%w: no customer summaries", ErrNotIdentifiable)
	}
	r, alpha, a, b := m.R, m.Alpha, m.A, m.B
	var ll float64
	for i := range data {
		x, tx, t := data[i].X, data[i].TX, data[i].T
		v := fitLgamma(r+x) - fitLgamma(r) + r*math.Log(alpha) +
			fitLgamma(a+b) + fitLgamma(b+x) - fitLgamma(b) - fitLgamma(a+b+x)
		// ln( (α+T)^−(r+x) + [x>0]·a/(b+x−1)·(α+t_x)^−(r+x) ), by
		// log-sum-exp of the two terms.
		a3 := -(r + x) * math.Log(alpha+t)
		if x > 0 {
			a4 := math.Log(a) - math.Log(b+x-1) - (r+x)*math.Log(alpha+tx)
			hi, lo := math.Max(a3, a4), math.Min(a3, a4)
			a3 = hi + math.Log1p(math.Exp(lo-hi))
		}
		ll += v + a3
	}
	if math.IsNaN(ll) || math.IsInf(ll, 0) {
		return 0, fmt.Errorf("%w: BG/NBD log-likelihood of %d customers", errNotFinite, len(data))
	}
	return ll, nil
}

// ConditionalExpectedPurchases returns E[Y(t) | x, t_x, T], the expected
// number of purchases of the customer summarised by c in the t periods
// after the end of calibration (FHL 2005, eq. 10): ProbAlive(c) times the
// expected purchases of a customer known to be alive. It is 0 for t = 0.
//
// For the zero CBS, a customer who has just made a first purchase, it is
// E[X(t)], the expected number of repeat purchases of a new customer in
// the t periods after their first purchase (FHL 2005, eq. 9):
// (a+b−1)/(a−1)·[1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))], the curve a
// fit's cumulative repeat sales are tracked against. lifetimes:
// conditional_expected_number_of_purchases_up_to_time(t, X, TX, T).
func (m BGNBD) ConditionalExpectedPurchases(t float64, c CBS) float64 {
	if !m.valid() || !(t >= 0) || math.IsInf(t, 1) {
		return math.NaN()
	}
	if reason, _ := cbsCheck(c); reason != "" {
		return math.NaN()
	}
	return m.probAlive(c) * bgnbdIfAlive(m, c.X, c.T, t)
}

// ProbAlive returns P(alive | x, t_x, T), the probability that the
// customer summarised by c has not dropped out by the end of calibration
// (Fader, Hardie & Lee 2008, "Computing P(alive) using the BG/NBD
// model"): 1 / (1 + [x>0]·a/(b+x−1)·((α+T)/(α+t_x))^(r+x)). It is 1 for a
// customer without repeat purchases, whom the model never lets drop out
// before their first repeat purchase. lifetimes:
// conditional_probability_alive(frequency=X, recency=TX, T=T).
func (m BGNBD) ProbAlive(c CBS) float64 {
	if !m.valid() {
		return math.NaN()
	}
	if reason, _ := cbsCheck(c); reason != "" {
		return math.NaN()
	}
	return m.probAlive(c)
}

// probAlive is ProbAlive for valid m and c.
func (m BGNBD) probAlive(c CBS) float64 {
	if c.X == 0 {
		return 1
	}
	d := math.Log(m.A) - math.Log(m.B+c.X-1) + (m.R+c.X)*(math.Log(m.Alpha+c.T)-math.Log(m.Alpha+c.TX))
	// 1/(1+e^d), stably.
	if d > 0 {
		e := math.Exp(-d)
		return e / (1 + e)
	}
	return 1 / (1 + math.Exp(d))
}

// bgnbdIfAlive returns the expected number of purchases in (T, T+t] of a
// customer with x repeat purchases who is alive at T:
//
//	(a+b+x−1)/(a−1)·[1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
//
// evaluated through Euler's transformation, which turns the bracket into
// 1 − w^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z) with w = (α+T)/(α+T+t),
// z = 1−w: its parameters do not grow with x, so nothing overflows for
// heavy buyers.
func bgnbdIfAlive(m BGNBD, x, T, t float64) float64 {
	if t == 0 {
		return 0
	}
	w := (m.Alpha + T) / (m.Alpha + T + t)
	z := t / (m.Alpha + T + t)
	r, a, b := m.R, m.A, m.B
	c := a + b + x - 1
	// a = 1 makes the prefactor 0/0 and c a non-positive integer makes
	// ₂F₁ infinite; both are removable. Interpolate across them.
	var v float64
	switch {
	case math.Abs(a-1) < 1e-4:
		v = bgnbdLagrange(func(e float64) float64 { return bgnbdGrowth(r, 1+e, b, x, z, w) }, a-1, 1e-3)
	case c <= 0.5 && math.Abs(c-math.Round(c)) < 1e-6:
		v = bgnbdLagrange(func(e float64) float64 { return bgnbdGrowth(r, a, b+e, x, z, w) }, 0, 1e-4)
	default:
		return bgnbdGrowth(r, a, b, x, z, w)
	}
	if !(v >= 0) || math.IsInf(v, 0) {
		return math.NaN()
	}
	return v
}

// bgnbdGrowth evaluates the formula of bgnbdIfAlive directly, with the
// product in the bracket in one of its two equal forms,
//
//	w^(a−1) ₂F₁(a+b−1−r, a−1; c; z) = w^(r+x) ₂F₁(r+x, b+x; c; z).
//
// The first (Euler) form is used when its ₂F₁ stays bounded as z → 1
// (x+r+1−a ≥ 0) and its series does not alternate badly (a+b−1−r ≥ −2,
// that is r not much above a+b); there 1 − w^ε F is written as
// −expm1(ε ln w) − w^ε (F − 1) with ε = a−1, which keeps precision for a
// near 1. Otherwise the second form, whose series has positive terms
// only, is summed in the log domain, so that a huge ₂F₁ times a tiny
// power of w neither overflows nor underflows.
func bgnbdGrowth(r, a, b, x, z, w float64) float64 {
	euler := x+r+1-a >= 0 && a+b-1-r >= -2
	v := bgnbdGrowthForm(r, a, b, x, z, w, euler)
	if !(v >= 0) || math.IsInf(v, 0) {
		// Outside the range where the chosen form is known to be
		// accurate; the expectation is finite and non-negative, so try
		// the other one, and give up with NaN if that fails too.
		v = bgnbdGrowthForm(r, a, b, x, z, w, !euler)
		if !(v >= 0) || math.IsInf(v, 0) {
			return math.NaN()
		}
	}
	return v
}

// bgnbdGrowthForm evaluates bgnbdGrowth in the Euler form or the
// positive-term one.
func bgnbdGrowthForm(r, a, b, x, z, w float64, euler bool) float64 {
	c := a + b + x - 1
	lw := math.Log(w)
	var bracket float64
	if euler {
		eps := a - 1
		f := hypergeo.Hyp2F1(a+b-1-r, eps, c, z)
		bracket = -math.Expm1(eps*lw) - math.Exp(eps*lw)*(f-1)
	} else {
		bracket = -math.Expm1((r+x)*lw + hypergeo.LogHyp2F1(r+x, b+x, c, z))
	}
	return c / (a - 1) * bracket
}

// bgnbdLagrange estimates g(e) for |e| small from g at ±δ and ±2δ by
// cubic Lagrange interpolation, for functions with a removable
// singularity at 0.
func bgnbdLagrange(g func(float64) float64, e, delta float64) float64 {
	nodes := [4]float64{-2 * delta, -delta, delta, 2 * delta}
	var sum float64
	for i, ei := range nodes {
		l := 1.0
		for j, ej := range nodes {
			if j != i {
				l *= (e - ej) / (ei - ej)
			}
		}
		sum += l * g(ei)
	}
	return sum
}

// ExpectedPurchases returns E[X(t)], the expected number of repeat
// purchases of a new customer in the t periods after their first
// purchase (FHL 2005, eq. 9): ConditionalExpectedPurchases(t, CBS{}).
// lifetimes: expected_number_of_purchases_up_to_time.
func (m BGNBD) ExpectedPurchases(t float64) float64 {
	return m.ConditionalExpectedPurchases(t, CBS{})
}

func (m BGNBD) ifAlive(c CBS, t float64) float64 { return bgnbdIfAlive(m, c.X, c.T, t) }

// ProbPurchases returns P(X(t) = n), the probability that a new customer
// makes exactly n repeat purchases in the t periods after the first
// (FHL 2005, eq. 8):
//
//	B(a, b+n)/B(a, b) · NB(n; r, α, t)
//	    + [n>0] B(a+1, b+n−1)/B(a, b) · P(NB(r, α, t) ≥ n)
//
// where NB(n; r, α, t) = Γ(r+n)/(Γ(r) n!) (α/(α+t))^r (t/(α+t))^n is the
// number of purchases of a customer who never drops out. lifetimes:
// probability_of_n_purchases_up_to_time. It returns NaN for n < 0.
func (m BGNBD) ProbPurchases(n int, t float64) float64 {
	if n < 0 || !modelArgsOK(m.validate(), CBS{}, t) {
		return math.NaN()
	}
	x := float64(n)
	lb := fitLbeta(m.A, m.B)
	v := math.Exp(fitLbeta(m.A, m.B+x) - lb + nbdLogPMF(m.R, m.Alpha, x, t))
	if n > 0 {
		v += math.Exp(fitLbeta(m.A+1, m.B+x-1)-lb) * nbdTail(m.R, m.Alpha, n, t)
	}
	return min(1, v)
}

// fitLbeta returns ln B(a, b).
func fitLbeta(a, b float64) float64 { return fitLgamma(a) + fitLgamma(b) - fitLgamma(a+b) }

// nbdTail returns P(N ≥ n) for the negative binomial number of purchases
// N in time t (gamma(r, α) mixed Poisson): 1 minus the head sum when
// that is below 1/2, else the tail summed directly, so that small tails
// keep their relative precision.
func nbdTail(r, alpha float64, n int, t float64) float64 {
	if n <= 0 {
		return 1
	}
	if t == 0 {
		return 0
	}
	q := t / (alpha + t)
	p0 := math.Exp(r * (math.Log(alpha) - math.Log(alpha+t)))
	head, term := 0.0, p0
	for j := range n {
		head += term
		term *= (r + float64(j)) / float64(j+1) * q
	}
	if head < 0.5 {
		return 1 - head
	}
	// term is P(N = n) now; sum the tail.
	tail := 0.0
	for j := n; ; j++ {
		tail += term
		term *= (r + float64(j)) / float64(j+1) * q
		if term <= 1e-17*tail || j > n+10_000_000 {
			break
		}
	}
	return tail
}
