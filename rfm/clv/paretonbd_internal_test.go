package clv

import (
	"math"
	"testing"
)

// TestParetoCompressedLikelihood checks the fit's compressed likelihood
// (ln I cached per distinct (x, τ), times scaled) against the row-by-row
// one, in both branches of α ≥ β and α < β, for any number of workers.
func TestParetoCompressedLikelihood(t *testing.T) {
	data := fitTestRows(3000)
	const scale = 104.0
	for _, p := range [][4]float64{{0.55, 10.6, 0.61, 11.7}, {0.25, 1.8, 0.3, 29.5}, {2, 40, 1.5, 3}, {0.8, 5, 1, 5}} {
		m := ParetoNBD{R: p[0], Alpha: p[1], S: p[2], Beta: p[3]}
		want, err := m.logLikelihoodOf(data)
		if err != nil {
			t.Fatal(err)
		}
		var first float64
		for i, w := range []int{1, 2, 5} {
			d := newParetoData(data, nil, scale, w)
			got := d.logLik(m.R, m.Alpha/scale, m.S, m.Beta/scale) - d.sumX*math.Log(scale)
			if math.Abs(got-want) > 1e-9*math.Abs(want) {
				t.Errorf("%+v: compressed log-likelihood = %.10f, row by row %.10f", p, got, want)
			}
			if i == 0 {
				first = got
			} else if got != first {
				t.Errorf("%+v: %d workers give %v, 1 worker %v", p, w, got, first)
			}
		}
	}
}
