package report

import (
	"math"
	"testing"

	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/google/go-cmp/cmp"
)

// cdnow is the BG/NBD model fitted to the CDNOW data in weeks (Fader,
// Hardie & Lee 2005).
var cdnow = clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}

func TestBGNBDGrid(t *testing.T) {
	const age, horizon = 20, 4
	xs, txs, expected, alive, err := bgnbdGrid(cdnow, 2, age, horizon, 3)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]float64{0, 1, 2}, xs); diff != "" {
		t.Errorf("frequencies mismatch (-want +got):\n%s", diff)
	}
	// Three columns spread evenly over recencies 0, 1, …, 20.
	if diff := cmp.Diff([]float64{0, 10, 20}, txs); diff != "" {
		t.Errorf("recencies mismatch (-want +got):\n%s", diff)
	}
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
