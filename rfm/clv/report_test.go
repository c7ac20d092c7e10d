package clv_test

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/clientele-go/clientele/rfm/clv"
)

// TestCDNOWCompareHoldout reproduces the calibration-vs-holdout
// comparison of FHL (2005, Figure 4) for the BG/NBD model at the
// published CDNOW parameters: per calibration frequency 0..6 and 7+, the
// customers, their mean holdout purchases and the mean prediction, as
// computed independently with scipy from CDNOW_sample.txt
// (testdata/models_reference.py). The x = 0 bucket's actual mean is
// FHL's 334/1,411.
func TestCDNOWCompareHoldout(t *testing.T) {
	orders := clvCDNOWOrders(t)
	data, _, err := clv.SummarizeCBS(t.Context(), slices.Values(orders), clv.CBSOptions{
		CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC),
		HoldoutEnd:     time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC),
		Unit:           7 * 24 * time.Hour,
	})
	if err != nil {
		t.Fatal(err)
	}
	// The summary's times are whole days over 7; the published file
	// rounds them to 2 decimals. Use the published rows for the times, so
	// that the predictions match scipy's on the same file.
	pub := clvCDNOWSummary(t)
	byID := map[string]clv.CBS{}
	for _, c := range pub {
		byID[string(c.CustomerID)] = c
	}
	for i := range data {
		p := byID[string(data[i].CustomerID)]
		data[i].TX, data[i].T = p.TX, p.T
	}
	m := clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	got, err := clv.CompareHoldout(m, data, 7)
	if err != nil {
		t.Fatal(err)
	}
	want := []clv.HoldoutBucket{
		{X: 0, Customers: 1411, Actual: 0.236712, Predicted: 0.225451},
		{X: 1, Customers: 439, Actual: 0.697039, Predicted: 0.523174},
		{X: 2, Customers: 214, Actual: 1.392523, Predicted: 1.044170},
		{X: 3, Customers: 100, Actual: 1.560000, Predicted: 1.520261},
		{X: 4, Customers: 62, Actual: 2.532258, Predicted: 2.163891},
		{X: 5, Customers: 38, Actual: 2.947368, Predicted: 2.653868},
		{X: 6, Customers: 29, Actual: 3.862069, Predicted: 3.503992},
		{X: 7, Customers: 64, Actual: 6.359375, Predicted: 6.157206},
	}
	if len(got) != len(want) {
		t.Fatalf("CompareHoldout(CDNOW) gave %d buckets, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.X != w.X || g.Customers != w.Customers || math.Abs(g.Actual-w.Actual) > 1e-6 || math.Abs(g.Predicted-w.Predicted) > 1e-6 {
			t.Errorf("bucket %d = %+v, want %+v", i, g, w)
		}
	}
	if math.Abs(got[0].Actual*1411-334) > 1e-9 {
		t.Errorf("x = 0 bucket: %v holdout purchases, want 334 (FHL 2005)", got[0].Actual*1411)
	}
	if _, err := clv.CompareHoldout(m, pub, 7); !errors.Is(err, clv.ErrInvalidCBS) {
		t.Errorf("CompareHoldout without a holdout: error %v, want ErrInvalidCBS", err)
	}
	if _, err := clv.CompareHoldout(m, data, 0); !errors.Is(err, clv.ErrConfig) {
		t.Errorf("CompareHoldout(maxX 0): error %v, want ErrConfig", err)
	}
	if _, err := clv.CompareHoldout((*clv.ParetoNBD)(nil), data, 7); !errors.Is(err, clv.ErrInvalidModel) {
		t.Errorf("CompareHoldout(nil model): error %v, want ErrInvalidModel", err)
	}
}

// TestFrequencyRecency checks the grid against the models' methods, the
// shape lifetimes' matrices have (one row per frequency 0..maxX, one
// column per recency 0..T) and lifetimes' corner value: P(alive) = 1 for
// a BG/NBD one-time buyer.
func TestFrequencyRecency(t *testing.T) {
	for _, m := range []clv.Model{clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}, paretoFHL} {
		got, err := clv.FrequencyRecency(m, 5, 38.5, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Frequencies) != 6 || len(got.Recencies) != 40 || got.Recencies[38] != 38 || got.Recencies[39] != 38.5 {
			t.Fatalf("grid %v × %v, want 0..5 × 0..38, 38.5", got.Frequencies, got.Recencies)
		}
		for i, x := range got.Frequencies {
			for j, r := range got.Recencies {
				e, p := got.ExpectedPurchases[i][j], got.ProbAlive[i][j]
				if x == 0 && r > 0 {
					if !math.IsNaN(e) || !math.IsNaN(p) {
						t.Errorf("cell (0, %v) = %v, %v, want NaN", r, e, p)
					}
					continue
				}
				c := clv.CBS{X: x, TX: r, T: 38.5}
				if e != m.ConditionalExpectedPurchases(1, c) || p != m.ProbAlive(c) {
					t.Errorf("cell (%v, %v) = %v, %v; want the model's %v, %v", x, r, e, p, m.ConditionalExpectedPurchases(1, c), m.ProbAlive(c))
				}
			}
		}
		// The best customers buy often and recently.
		if !(got.ExpectedPurchases[5][39] > got.ExpectedPurchases[5][10] && got.ProbAlive[5][39] > got.ProbAlive[5][10]) {
			t.Errorf("%T: recent frequent buyer not ranked above a lapsed one", m)
		}
	}
	bg, _ := clv.FrequencyRecency(clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}, 0, 10, 1)
	if bg.ProbAlive[0][0] != 1 {
		t.Errorf("BG/NBD P(alive) of a one-time buyer = %v, want 1", bg.ProbAlive[0][0])
	}
	for _, tc := range []struct {
		maxX       int
		T, horizon float64
	}{{-1, 10, 1}, {3, -1, 1}, {3, math.Inf(1), 1}, {3, 10, math.NaN()}, {20_000, 10, 1}} {
		if _, err := clv.FrequencyRecency(paretoFHL, tc.maxX, tc.T, tc.horizon); !errors.Is(err, clv.ErrConfig) {
			t.Errorf("FrequencyRecency(%v, %v, %v): error %v, want ErrConfig", tc.maxX, tc.T, tc.horizon, err)
		}
	}
}
