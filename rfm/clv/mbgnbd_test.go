package clv_test

import (
	"math"
	"testing"

	"github.com/clientele-go/clientele/rfm/clv"
)

// TestCDNOWMBGNBD reproduces the MBG/NBD estimates on the CDNOW summary
// of the R package BTYDplus (mbgcnbd.EstimateParameters with k = 1), as
// lifetimes' test_params_out_is_close_to_BTYDplus asserts them: r =
// 0.525, α = 6.183, a = 0.891, b = 1.614. (Batislam et al. 2007 fitted
// Turkish grocery data, which is not public.) The log-likelihood and
// standard errors are scipy's (testdata/models_reference.py).
func TestCDNOWMBGNBD(t *testing.T) {
	data := clvCDNOWSummary(t)
	m, err := clv.FitMBGNBD(t.Context(), data, clv.FitOptions{})
	if err != nil {
		t.Fatalf("FitMBGNBD(CDNOW) error: %v", err)
	}
	for i, p := range []struct{ btydplus, scipy, se float64 }{
		{0.525, 0.524838, 0.083264}, {6.183, 6.182992, 0.695597}, {0.891, 0.891356, 0.154784}, {1.614, 1.613999, 0.537469},
	} {
		got := m.Summary()[i]
		// lifetimes' criterion: 3 decimals (|diff| < 1.5e-3).
		if math.Abs(got.Value-p.btydplus) >= 1.5e-3 || math.Abs(got.Value-p.scipy) > 2e-5*p.scipy {
			t.Errorf("FitMBGNBD(CDNOW) %s = %.6f, want BTYDplus' %v to 3 decimals and scipy's %v", got.Name, got.Value, p.btydplus, p.scipy)
		}
		if math.Abs(got.StdErr-p.se) > 1e-3*p.se {
			t.Errorf("FitMBGNBD(CDNOW) %s StdErr = %.6f, want scipy's %v", got.Name, got.StdErr, p.se)
		}
	}
	if math.Abs(m.LogLikelihood - -9582.13268) > 1e-4 {
		t.Errorf("FitMBGNBD(CDNOW) LogLikelihood = %.5f, want scipy's -9582.13268", m.LogLikelihood)
	}
	// A one-time buyer may be dead under the MBG/NBD model.
	if p := m.ProbAlive(clv.CBS{T: 38.86}); !(p > 0 && p < 1) {
		t.Errorf("ProbAlive(one-time buyer) = %v, want strictly between 0 and 1", p)
	}
}
