package report

import (
	"math"
	"testing"

	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// cdnow is the BG/NBD model fitted to the CDNOW data in weeks (Fader,
// Hardie & Lee 2005).
var cdnow = clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}

func TestBGNBDMatrices(t *testing.T) {
	xs := []float64{0, 1, 2}
	txs := []float64{0, 10, 20}
	const age, horizon = 20, 4
	expected, alive := bgnbdMatrices(cdnow, xs, txs, age, horizon)
	for i, x := range xs {
		for j, tx := range txs {
			if x == 0 {
				tx = 0 // no repeat purchase, no time of one
			}
			c := clv.CBS{X: x, TX: tx, T: age}
			if got, want := expected[i][j], cdnow.ConditionalExpectedPurchases(horizon, c); got != want {
				t.Errorf("expected[%d][%d] = %v, want %v", i, j, got, want)
			}
			// P(alive) by FHL 2008: 1 / (1 + [x>0] a/(b+x-1) ((α+T)/(α+tx))^(r+x)).
			want := 1.0
			if x > 0 {
				want = 1 / (1 + cdnow.A/(cdnow.B+x-1)*math.Pow((cdnow.Alpha+age)/(cdnow.Alpha+tx), cdnow.R+x))
			}
			if got := alive[i][j]; math.Abs(got-want) > 1e-12 {
				t.Errorf("alive[%d][%d] = %v, want %v", i, j, got, want)
			}
		}
	}
	// A customer whose last purchase is recent is more likely alive.
	if !(alive[2][2] > alive[2][1] && alive[2][1] > alive[2][0]) {
		t.Errorf("P(alive) does not rise with recency: %v", alive[2])
	}
}

func TestCalibrationVsHoldout(t *testing.T) {
	data := []clv.CBS{
		{X: 0, T: 10, HoldoutPurchases: 1, HoldoutLength: 5},
		{X: 0, T: 12, HoldoutPurchases: 0, HoldoutLength: 5},
		{X: 2, TX: 5, T: 10, HoldoutPurchases: 3, HoldoutLength: 5},
		{X: 4, TX: 9, T: 10, HoldoutPurchases: 2, HoldoutLength: 5},
		{X: 6, TX: 9, T: 10, HoldoutPurchases: 4, HoldoutLength: 5},
	}
	pred := func(c clv.CBS) float64 { return cdnow.ConditionalExpectedPurchases(5, c) }
	want := []calGroup{
		{x: 0, customers: 2, actual: 0.5, predicted: (pred(data[0]) + pred(data[1])) / 2},
		{x: 2, customers: 1, actual: 3, predicted: pred(data[2])},
		// 4 and 6 repeat purchases: the group "4 or more".
		{x: 4, orMore: true, customers: 2, actual: 3, predicted: (pred(data[3]) + pred(data[4])) / 2},
	}
	got := calibrationVsHoldout(cdnow, data, 4)
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(calGroup{}), cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("calibrationVsHoldout mismatch (-want +got):\n%s", diff)
	}
}
