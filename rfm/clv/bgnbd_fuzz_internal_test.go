package clv

import (
	"errors"
	"math"
	"testing"
)

// FuzzBGNBDLikelihood checks the BG/NBD likelihood and predictions on
// arbitrary parameters and customer summaries: a finite number or a clear
// error, never a silent NaN; the fit's compressed, scaled evaluation
// agrees with the row-by-row one; P(alive) is a probability and expected
// purchases are finite and non-negative (or NaN for absurd parameters).
func FuzzBGNBDLikelihood(f *testing.F) {
	f.Add(0.243, 4.414, 0.793, 2.426, uint16(2), 30.43, 38.86)
	f.Add(1.0, 1.0, 1.0, 1.0, uint16(0), 0.0, 0.0)
	f.Add(0.01, 1e-3, 50.0, 0.02, uint16(400), 59.0, 60.0)
	f.Add(5.0, 300.0, 1.0, 1e3, uint16(1), 1e-9, 1e-9)
	f.Add(-1.0, 1.0, 1.0, 1.0, uint16(1), 1.0, 2.0)
	f.Add(1.0, 1.0, 1.0, 1.0, uint16(1), 3.0, 2.0)
	f.Add(math.NaN(), 1.0, 1.0, 1.0, uint16(1), 1.0, 2.0)
	f.Add(1e300, 1e-300, 1e300, 1e-300, uint16(65535), 1e300, 1e300)
	f.Fuzz(func(t *testing.T, r, alpha, a, b float64, x uint16, tx, T float64) {
		m := BGNBD{R: r, Alpha: alpha, A: a, B: b}
		c := CBS{X: float64(x), TX: tx, T: T}
		if x == 0 {
			c.TX = 0
		}
		data := []CBS{c, {T: c.T}, {X: 1, TX: c.T / 2, T: c.T}}
		ll, err := m.logLikelihoodOf(data)
		validModel := m.validate() == nil
		validData := cbsCheckAll(data) == nil
		switch {
		case err == nil && (math.IsNaN(ll) || math.IsInf(ll, 0)):
			t.Fatalf("LogLikelihoodOf = %v without an error", ll)
		case err == nil && !(validModel && validData):
			t.Fatalf("LogLikelihoodOf accepted an invalid model or row")
		case err != nil && validModel && validData && !errors.Is(err, errNotFinite):
			t.Fatalf("LogLikelihoodOf(valid) error %v", err)
		case err != nil && !validModel && !errors.Is(err, ErrInvalidModel):
			t.Fatalf("LogLikelihoodOf(invalid model) error %v", err)
		}
		if !validModel || !validData {
			if !math.IsNaN(m.ProbAlive(c)) && !validData {
				t.Fatalf("ProbAlive of an invalid row is not NaN")
			}
			return
		}
		pa := m.ProbAlive(c)
		if !(pa >= 0 && pa <= 1) {
			t.Fatalf("ProbAlive = %v", pa)
		}
		// Expected purchases are finite and non-negative; for parameters
		// far outside what data produce they may be NaN (never another
		// wrong sign or an infinity), but inside a generous box of
		// realistic values they must be numbers.
		realistic := r >= 0.01 && r <= 20 && alpha >= 1e-3 && alpha <= 1e4 &&
			a >= 0.01 && a <= 50 && b >= 0.01 && b <= 500 && c.T <= 1e5 && c.T >= 1e-6
		for _, h := range []float64{0, 1, 52, 1e4} {
			e1, e2 := m.ConditionalExpectedPurchases(h, c), m.ConditionalExpectedPurchases(h, CBS{})
			for _, e := range []float64{e1, e2} {
				if e < 0 || math.IsInf(e, 0) || (realistic && math.IsNaN(e)) {
					t.Fatalf("t = %v: ConditionalExpectedPurchases %v, ExpectedPurchases %v", h, e1, e2)
				}
			}
		}
		if err != nil || math.Abs(ll) > 1e200 {
			return // the fit's objective may overflow to ±Inf near the float64 limit, which the search rejects
		}
		scale := c.T
		d := newBGNBDData(data, nil, scale, 2)
		fast := d.logLik(r, alpha/scale, a, b) - d.sumX*math.Log(scale)
		if math.Abs(fast-ll) > 1e-9*math.Max(1, math.Abs(ll)) {
			t.Fatalf("compressed log-likelihood %v, row by row %v", fast, ll)
		}
	})
}
