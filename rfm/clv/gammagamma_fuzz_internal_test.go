package clv

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"
)

// FuzzGammaGammaLikelihood checks the Gamma-Gamma likelihood and the
// conditional expected value on arbitrary parameters and spends: a
// finite number or a clear error, the fit's evaluation agreeing with the
// row-by-row one, and the expected value between the customer's own mean
// and the population mean.
func FuzzGammaGammaLikelihood(f *testing.F) {
	f.Add(6.25, 3.74, 15.44, uint16(2), 22.35)
	f.Add(1.0, 1.0, 1.0, uint16(1), 1.0)
	f.Add(1e-3, 1e3, 1e-3, uint16(1000), 1e6)
	f.Add(2.0, 0.5, 4.0, uint16(3), 10.0)
	f.Add(-2.0, 3.0, 4.0, uint16(3), 10.0)
	f.Add(2.0, 3.0, 4.0, uint16(3), -10.0)
	f.Add(1e300, 1e300, 1e-300, uint16(65535), 1e-300)
	f.Fuzz(func(t *testing.T, p, q, g float64, x uint16, m float64) {
		if math.IsNaN(m) || math.IsInf(m, 0) || math.Abs(m) > 1e15 {
			return // not a decimal amount
		}
		gg := GammaGamma{P: p, Q: q, Gamma: g}
		md := decimal.NewFromFloat(m).Round(4)
		c := CBS{X: float64(x), TX: 1, T: 1, M: md}
		if x == 0 {
			c = CBS{T: 1}
		}
		data := []CBS{c, {X: 1, TX: 1, T: 2, M: decimal.NewFromInt(10)}}
		ll, err := gg.logLikelihoodOf(data)
		validParams := p > 0 && q > 0 && g > 0 && !math.IsInf(p, 1) && !math.IsInf(q, 1) && !math.IsInf(g, 1)
		switch {
		case err == nil && (math.IsNaN(ll) || math.IsInf(ll, 0)):
			t.Fatalf("LogLikelihoodOf = %v without an error", ll)
		case err == nil && !validParams:
			t.Fatalf("LogLikelihoodOf accepted invalid parameters")
		case err != nil && validParams && !errors.Is(err, errNotFinite):
			t.Fatalf("LogLikelihoodOf(valid) error %v", err)
		case err != nil && !validParams && !errors.Is(err, ErrInvalidModel):
			t.Fatalf("LogLikelihoodOf(invalid) error %v", err)
		}
		v := gg.ConditionalExpectedValue(c)
		if gg.validate() != nil {
			if !v.IsZero() {
				t.Fatalf("ConditionalExpectedValue of an invalid model = %v, want 0", v)
			}
			return
		}
		mean := p * g / (q - 1)
		own := md.InexactFloat64()
		if !(own > 0) || x == 0 {
			own = mean
		}
		lo, hi := math.Min(mean, own), math.Max(mean, own)
		if got := v.InexactFloat64(); math.IsInf(mean, 0) || mean > 1e12 {
			return
		} else if got < lo-1e-4-1e-12*hi || got > hi+1e-4+1e-12*hi {
			t.Fatalf("ConditionalExpectedValue = %v, outside [%v, %v]", got, lo, hi)
		}
		if err != nil || math.Abs(ll) > 1e200 {
			return
		}
		var xs, ms []float64
		for _, r := range data {
			if mv := r.M.InexactFloat64(); r.X > 0 && mv > 0 {
				xs, ms = append(xs, r.X), append(ms, mv)
			}
		}
		d := newGammaGammaData(xs, ms, nil, 2)
		fast := d.logLik(p, q, g)
		// The two evaluations group the terms differently, so allow for
		// rounding relative to the terms' size, not just to the sum's.
		var scale float64
		for i, x := range xs {
			scale += math.Abs(fitLgamma(p*x+q)) + math.Abs(fitLgamma(p*x)) + math.Abs(fitLgamma(q)) +
				math.Abs(q*math.Log(g)) + math.Abs((p*x-1)*math.Log(ms[i])) + math.Abs(p*x*math.Log(x)) + math.Abs((p*x+q)*math.Log(g+ms[i]*x))
		}
		if math.Abs(fast-ll) > 1e-9*math.Max(1, math.Abs(ll))+1e-13*scale {
			t.Fatalf("compressed log-likelihood %v, row by row %v", fast, ll)
		}
	})
}
