package clv

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/shopspring/decimal"
)

// GammaGamma is a fitted (or given) Gamma-Gamma model of spend per
// transaction (Fader, Hardie & Lee 2005, "RFM and CLV: Using Iso-Value
// Curves for Customer Base Analysis", Journal of Marketing Research
// 42(4); Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary Value").
//
// A customer's transaction values are gamma distributed with shape P and
// a rate ν of their own; across customers ν is gamma distributed with
// shape Q and rate Gamma. The mean spend per transaction of a random
// customer is P·Gamma/(Q−1) (Q > 1). The model assumes that spend per
// transaction does not depend on how often a customer buys; check the
// Correlation of a fit before relying on it. Gamma is in the currency of
// the data.
//
// A GammaGamma is a plain value, safe for concurrent use.
type GammaGamma struct {
	P, Q, Gamma float64
	// LogLikelihood is the log-likelihood of the fitted data at the
	// parameters, without any penalty (0 for a model not fitted here).
	LogLikelihood float64
	// Customers is the number of customers the model was fitted on:
	// those with X > 0 and M > 0.
	Customers int
	// Skipped counts the customers with X > 0 but M ≤ 0 (free orders
	// only), which the model, whose spend is positive, cannot use.
	Skipped int
	// Correlation is the Pearson correlation between X and M over the
	// customers fitted on, a check of the model's independence
	// assumption: values far from 0 (say beyond ±0.3) mean frequent
	// buyers spend systematically more or less per purchase, and the
	// conditional expected value will be biased.
	Correlation float64
	// Covariance is the estimated covariance matrix of P, Q, Gamma (in
	// that order), the inverse of the observed information; nil for a
	// model not fitted here or when the information is singular. See
	// [GammaGamma.Summary].
	Covariance [][]float64
}

// gammaGammaNames are the parameter names in FitError.
var gammaGammaNames = []string{"p", "q", "gamma"}

// validate reports whether the parameters are finite and positive and Q
// exceeds 1 (so that the mean spend exists).
func (g GammaGamma) validate() error {
	for i, v := range []float64{g.P, g.Q, g.Gamma} {
		if !(v > 0) || math.IsInf(v, 1) {
			return fmt.Errorf("%w: Gamma-Gamma %s = %v", ErrInvalidModel, gammaGammaNames[i], v)
		}
	}
	if !(g.Q > 1) {
		return fmt.Errorf("%w: Gamma-Gamma q = %v ≤ 1: the mean spend per purchase is infinite", ErrInvalidModel, g.Q)
	}
	return nil
}

// FitGammaGamma estimates the Gamma-Gamma parameters by maximum
// likelihood from the customers with repeat purchases (X > 0) and a
// positive mean repeat value M, searching with Nelder–Mead as
// [FitOptions] describes, and keeps the covariance of the estimates
// ([GammaGamma.Summary]). lifetimes' GammaGammaFitter.fit(frequency,
// monetary_value) takes the same X and M (and calls Gamma v). Customers with X = 0 carry no spend information
// and are ignored; those with X > 0 but M ≤ 0 are counted in Skipped. The
// likelihood of a customer is that of the mean m of x transactions (Fader
// & Hardie 2013, eq. 1):
//
//	Γ(px+q)/(Γ(px)Γ(q)) · γ^q · m^(px−1) · x^(px) / (γ + m·x)^(px+q)
//
// data is not modified or kept; the result does not depend on
// opts.Workers.
//
// Errors: an invalid row gives a *CBSError ([ErrInvalidCBS]); fewer than
// 3 usable customers (or none at all) give [ErrNotIdentifiable]. A
// *FitError with the last iterate wraps [ErrNoConvergence],
// [ErrNotIdentifiable] (a maximum at the edge of the parameter space,
// such as identical spend for everybody), [ErrInvalidModel] (fitted
// q ≤ 1: the mean spend is infinite) or ctx.Err().
func FitGammaGamma(ctx context.Context, data []CBS, opts FitOptions) (*GammaGamma, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := cbsCheckAll(data); err != nil {
		return nil, err
	}
	var xs, ms []float64
	skipped := 0
	for i := range data {
		if data[i].X == 0 {
			continue
		}
		m := data[i].M.InexactFloat64()
		if !(m > 0) || math.IsInf(m, 1) {
			skipped++
			continue
		}
		xs = append(xs, data[i].X)
		ms = append(ms, m)
	}
	if len(xs) < 3 {
		return nil, fmt.Errorf("%w: Gamma-Gamma needs at least 3 customers with X > 0 and M > 0, got %d", ErrNotIdentifiable, len(xs))
	}
	full := newGammaGammaData(xs, ms, nil, o.Workers)
	p := fitProblem{
		full:   func(th []float64) float64 { return full.objective(th, o.Penalty) },
		start:  full.start(),
		origin: []float64{0, 0, full.lnMeanM},
	}
	if idx := fitStride(len(xs), fitPilotRows); idx != nil {
		pilot := newGammaGammaData(xs, ms, idx, o.Workers)
		p.pilot = func(th []float64) float64 { return pilot.objective(th, o.Penalty) }
	}
	res, err := fitSolve(ctx, p, o)
	pp, q, g := math.Exp(res.theta[0]), math.Exp(res.theta[1]), math.Exp(res.theta[2])
	m := &GammaGamma{
		P: pp, Q: q, Gamma: g,
		LogLikelihood: full.logLik(pp, q, g),
		Customers:     len(xs),
		Skipped:       skipped,
		Correlation:   clvPearson(xs, ms),
	}
	ferr := func(reason error) error {
		return &FitError{
			Model: "gammagamma", Names: slices.Clone(gammaGammaNames),
			Params:        []float64{pp, q, g},
			LogLikelihood: m.LogLikelihood,
			Iterations:    res.iterations, Evaluations: res.evaluations,
			Err: reason,
		}
	}
	switch {
	case err != nil:
		return nil, ferr(err)
	case !res.converged:
		return nil, ferr(ErrNoConvergence)
	case res.onEdge:
		return nil, ferr(fmt.Errorf("%w: the likelihood is largest at the edge of the parameter space", ErrNotIdentifiable))
	case !(q > 1):
		return nil, ferr(fmt.Errorf("%w: q ≤ 1: the mean spend per purchase is infinite", ErrInvalidModel))
	}
	m.Covariance = fitCovariance(p.full, res.theta, full.n, []float64{pp, q, g})
	return m, nil
}

// gammaGammaData holds the fitted customers' x and m with the sums that
// do not depend on the parameters.
type gammaGammaData struct {
	n        float64
	xs, xN   []float64 // distinct x and their counts
	x, xm    []float64 // per customer: x and x·m
	sXlnM    float64   // Σ x ln m
	sLnM     float64   // Σ ln m
	sXlnX    float64   // Σ x ln x
	lnMeanM  float64   // ln of the mean of m, for the start and edge test
	red      fitReducer
	lgTables []float64 // scratch per distinct x: ln Γ(px+q) − ln Γ(px)
}

func newGammaGammaData(xs, ms []float64, idx []int, workers int) *gammaGammaData {
	if idx != nil {
		sx, sm := make([]float64, len(idx)), make([]float64, len(idx))
		for i, j := range idx {
			sx[i], sm[i] = xs[j], ms[j]
		}
		xs, ms = sx, sm
	}
	d := &gammaGammaData{n: float64(len(xs)), x: xs, xm: make([]float64, len(xs)), red: fitReducer{workers: workers}}
	var sumM float64
	counts := map[float64]float64{}
	for i, x := range xs {
		m := ms[i]
		d.xm[i] = x * m
		lm := math.Log(m)
		d.sXlnM += x * lm
		d.sLnM += lm
		d.sXlnX += x * math.Log(x)
		sumM += m
		counts[x]++
	}
	d.lnMeanM = math.Log(sumM / d.n)
	for x := range counts {
		d.xs = append(d.xs, x)
	}
	slices.Sort(d.xs)
	for _, x := range d.xs {
		d.xN = append(d.xN, counts[x])
	}
	d.lgTables = make([]float64, len(d.xs))
	return d
}

// start returns the default starting point in log-parameters: p = 1,
// q = 3 and γ such that the population mean p·γ/(q−1) is the mean of m.
func (d *gammaGammaData) start() []float64 {
	return []float64{0, math.Log(3), math.Log(2) + d.lnMeanM}
}

// objective returns the penalised mean negative log-likelihood at the
// log-parameters th, or +Inf outside the search box.
func (d *gammaGammaData) objective(th []float64, penalty float64) float64 {
	for i, v := range th {
		if i == 2 {
			v -= d.lnMeanM // γ is in currency units; bound it relative to the data
		}
		if !(math.Abs(v) <= fitBound) {
			return math.Inf(1)
		}
	}
	p, q, g := math.Exp(th[0]), math.Exp(th[1]), math.Exp(th[2])
	return -d.logLik(p, q, g)/d.n + penalty*(p*p+q*q+g*g)
}

// logLik returns Σ ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m
// + px ln x − (px+q) ln(γ + x m), with the gamma terms per distinct x and
// the m- and x-only terms precomputed.
func (d *gammaGammaData) logLik(p, q, g float64) float64 {
	var s1 float64
	for k, x := range d.xs {
		s1 += d.xN[k] * (fitLgamma(p*x+q) - fitLgamma(p*x))
	}
	s2 := d.n*(q*math.Log(g)-fitLgamma(q)) + p*d.sXlnM - d.sLnM + p*d.sXlnX
	x, xm := d.x, d.xm
	s3 := d.red.sum(len(x), func(lo, hi int) float64 {
		var s float64
		for i := lo; i < hi; i++ {
			s += (p*x[i] + q) * math.Log(g+xm[i])
		}
		return s
	})
	return s1 + s2 - s3
}

// logLikelihoodOf returns the log-likelihood under g of the customers in
// data with X > 0 and M > 0 (the others are ignored), evaluating each row
// on its own: the reference the fit's evaluation is tested against.
//
// Errors: [ErrInvalidModel] for invalid parameters (q ≤ 1 is allowed
// here), a *CBSError for an invalid row, [ErrNotIdentifiable] when no row
// has X > 0 and M > 0, errNotFinite when the sum overflows.
func (g GammaGamma) logLikelihoodOf(data []CBS) (float64, error) {
	for i, v := range []float64{g.P, g.Q, g.Gamma} {
		if !(v > 0) || math.IsInf(v, 1) {
			return 0, fmt.Errorf("%w: Gamma-Gamma %s = %v", ErrInvalidModel, gammaGammaNames[i], v)
		}
	}
	if err := cbsCheckAll(data); err != nil {
		return 0, err
	}
	p, q, gm := g.P, g.Q, g.Gamma
	var ll float64
	n := 0
	for i := range data {
		x := data[i].X
		m := data[i].M.InexactFloat64()
		if x == 0 || !(m > 0) {
			continue
		}
		n++
		ll += fitLgamma(p*x+q) - fitLgamma(p*x) - fitLgamma(q) + q*math.Log(gm) +
			(p*x-1)*math.Log(m) + p*x*math.Log(x) - (p*x+q)*math.Log(gm+m*x)
	}
	if n == 0 {
		return 0, fmt.Errorf("%w: no customer with X > 0 and M > 0", ErrNotIdentifiable)
	}
	if math.IsNaN(ll) || math.IsInf(ll, 0) {
		return 0, fmt.Errorf("%w: Gamma-Gamma log-likelihood of %d customers", errNotFinite, n)
	}
	return ll, nil
}

// ConditionalExpectedValue returns the expected spend per transaction of
// the customer summarised by c (Fader & Hardie 2013, eq. 5): the
// population mean p·γ/(q−1) and the customer's own mean M weighted by
// how much evidence M carries,
//
//	(q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · M,
//
// rounded half away from zero to 4 decimal places. Customers without
// repeat purchases, or with M ≤ 0 (outside the model), get the population
// mean. It returns zero when g is invalid (parameters not all finite and
// positive, or Q ≤ 1) or c is not a valid [CBS]. lifetimes:
// conditional_expected_average_profit(frequency=X, monetary_value=M),
// whose monetary_value is the same mean of the repeat purchases.
func (g GammaGamma) ConditionalExpectedValue(c CBS) decimal.Decimal {
	v := g.conditionalValue(c)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return decimal.Decimal{}
	}
	return decimal.NewFromFloat(v).Round(4)
}

// conditionalValue is ConditionalExpectedValue in float64, NaN when g or
// c is invalid.
func (g GammaGamma) conditionalValue(c CBS) float64 {
	if g.validate() != nil {
		return math.NaN()
	}
	if reason, _ := cbsCheck(c); reason != "" {
		return math.NaN()
	}
	// With k = (q−1)/p the mean is γ/k and the weight of m is x/(x+k),
	// which does not overflow for huge p.
	k := (g.Q - 1) / g.P
	mean := g.Gamma / k
	m := c.M.InexactFloat64()
	if c.X == 0 || !(m > 0) {
		return mean
	}
	w := c.X / (c.X + k)
	return (1-w)*mean + w*m
}

// clvPearson returns the Pearson correlation of x and y, or 0 when it is
// undefined.
func clvPearson(x, y []float64) float64 {
	n := float64(len(x))
	if len(x) < 2 {
		return 0
	}
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= n
	my /= n
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return 0
	}
	return sxy / math.Sqrt(sxx*syy)
}
