package clv_test

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

var (
	clvTestBG = &clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	clvTestGG = &clv.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
)

// TestLifetimeValuesComposition checks that the CLV is the month-by-month
// sum of the models' public predictions, discounted.
func TestLifetimeValuesComposition(t *testing.T) {
	data := []clv.CBS{
		{CustomerID: "1", X: 2, TX: 30.43, T: 38.86, M: decimal.RequireFromString("22.35")},
		{CustomerID: "2", X: 1, TX: 1.71, T: 38.86, M: decimal.RequireFromString("11.77")},
		{CustomerID: "3", T: 38.86},
		{CustomerID: "4", T: 0},
		{CustomerID: "5", X: 30, TX: 38, T: 38.5, M: decimal.RequireFromString("120.5")},
	}
	const months, rate = 6, 0.02
	perMonth := 365.25 / 12 / 7
	got, err := clv.LifetimeValues(t.Context(), data, clvTestBG, clvTestGG, clv.CLVOptions{Unit: 7 * 24 * time.Hour, Months: months, DiscountRate: rate})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range data {
		spend := clvTestGG.ConditionalExpectedValue(c).InexactFloat64()
		var want, prev float64
		for m := 1; m <= months; m++ {
			cum := clvTestBG.ConditionalExpectedPurchases(float64(m)*perMonth, c)
			want += spend * (cum - prev) / math.Pow(1+rate, float64(m))
			prev = cum
		}
		g := got[i]
		pa := clvTestBG.ProbAlive(c)
		switch {
		case g.CustomerID != c.CustomerID:
			t.Errorf("row %d: customer %s, want %s", i, g.CustomerID, c.CustomerID)
		case math.Abs(g.Value.InexactFloat64()-want) > 1e-3:
			t.Errorf("customer %s: Value %v, want %.4f", c.CustomerID, g.Value, want)
		case g.ProbAlive != pa || math.Abs(g.ExpectedPurchases-prev) > 1e-12:
			t.Errorf("customer %s: ProbAlive %v, ExpectedPurchases %v; want %v, %v", c.CustomerID, g.ProbAlive, g.ExpectedPurchases, pa, prev)
		case !g.ExpectedSpend.Equal(clvTestGG.ConditionalExpectedValue(c)):
			t.Errorf("customer %s: ExpectedSpend %v", c.CustomerID, g.ExpectedSpend)
		}
		// Value at risk: what the customer is worth if alive, times the
		// chance they are not.
		if pa > 0 {
			if wantRisk := want / pa * (1 - pa); math.Abs(g.ValueAtRisk.InexactFloat64()-wantRisk) > 1e-3 {
				t.Errorf("customer %s: ValueAtRisk %v, want %.4f", c.CustomerID, g.ValueAtRisk, wantRisk)
			}
		}
	}
	if !got[2].ValueAtRisk.IsZero() || got[2].ProbAlive != 1 {
		t.Errorf("one-time buyer: ProbAlive %v, ValueAtRisk %v; want 1 and 0", got[2].ProbAlive, got[2].ValueAtRisk)
	}
	// Undiscounted over one month it is spend × E[Y(one month)].
	one, err := clv.LifetimeValues(t.Context(), data[:1], clvTestBG, clvTestGG, clv.CLVOptions{PeriodsPerMonth: 4, Months: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := clvTestGG.ConditionalExpectedValue(data[0]).InexactFloat64() * clvTestBG.ConditionalExpectedPurchases(4, data[0])
	if math.Abs(one[0].Value.InexactFloat64()-want) > 1e-3 {
		t.Errorf("one month: Value %v, want %.4f", one[0].Value, want)
	}
	// Workers do not change anything.
	for _, w := range []int{1, 4} {
		again, err := clv.LifetimeValues(t.Context(), data, clvTestBG, clvTestGG, clv.CLVOptions{Unit: 7 * 24 * time.Hour, Months: months, DiscountRate: rate, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(got, again); diff != "" {
			t.Errorf("Workers %d (-want +got):\n%s", w, diff)
		}
	}
}

func TestLifetimeValuesErrors(t *testing.T) {
	data := []clv.CBS{{CustomerID: "1", T: 3}}
	week := clv.CLVOptions{Unit: 7 * 24 * time.Hour}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name string
		ctx  context.Context
		data []clv.CBS
		bg   *clv.BGNBD
		gg   *clv.GammaGamma
		opts clv.CLVOptions
		want error
	}{
		{"no unit", nil, data, clvTestBG, clvTestGG, clv.CLVOptions{}, clv.ErrConfig},
		{"negative months", nil, data, clvTestBG, clvTestGG, clv.CLVOptions{Unit: 24 * time.Hour, Months: -1}, clv.ErrConfig},
		{"discount of 100%", nil, data, clvTestBG, clvTestGG, clv.CLVOptions{Unit: 24 * time.Hour, DiscountRate: 1}, clv.ErrConfig},
		{"NaN periods", nil, data, clvTestBG, clvTestGG, clv.CLVOptions{PeriodsPerMonth: math.NaN()}, clv.ErrConfig},
		{"nil model", nil, data, nil, clvTestGG, week, clv.ErrInvalidModel},
		{"bad BG/NBD", nil, data, &clv.BGNBD{R: -1, Alpha: 1, A: 1, B: 1}, clvTestGG, week, clv.ErrInvalidModel},
		{"infinite mean spend", nil, data, clvTestBG, &clv.GammaGamma{P: 1, Q: 0.9, Gamma: 1}, week, clv.ErrInvalidModel},
		{"unit not in days", nil, data, clvTestBG, clvTestGG, clv.CLVOptions{Unit: 36 * time.Hour}, clv.ErrConfig},
		{"bad row", nil, []clv.CBS{{X: 1, TX: 2, T: 1}}, clvTestBG, clvTestGG, week, clv.ErrInvalidCBS},
		{"cancelled", cancelled, data, clvTestBG, clvTestGG, week, context.Canceled},
	} {
		ctx := tc.ctx
		if ctx == nil {
			ctx = t.Context()
		}
		if v, err := clv.LifetimeValues(ctx, tc.data, tc.bg, tc.gg, tc.opts); !errors.Is(err, tc.want) || v != nil {
			t.Errorf("%s: LifetimeValues() = %v, %v; want error %v", tc.name, v, err, tc.want)
		}
	}
}

func TestTopCLVAndChurnRisk(t *testing.T) {
	d := decimal.RequireFromString
	vals := []clv.CLV{
		{CustomerID: "a", ProbAlive: 0.9, Value: d("10"), ValueAtRisk: d("1")},
		{CustomerID: "b", ProbAlive: 0.2, Value: d("3"), ValueAtRisk: d("12")},
		{CustomerID: "c", ProbAlive: 0.4, Value: d("30"), ValueAtRisk: d("45")},
		{CustomerID: "d", ProbAlive: 0.1, Value: d("10"), ValueAtRisk: d("12")},
		{CustomerID: "e", ProbAlive: 0.6, Value: d("2"), ValueAtRisk: d("1.3")},
	}
	orig := append([]clv.CLV(nil), vals...)
	ids := func(v []clv.CLV) []customer.ID {
		var out []customer.ID
		for _, c := range v {
			out = append(out, c.CustomerID)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		got  []clv.CLV
		want []customer.ID
	}{
		{"top 3", clv.TopCLV(vals, 3), []customer.ID{"c", "a", "d"}}, // a and d tie: by ID
		{"top all", clv.TopCLV(vals, 0), []customer.ID{"c", "a", "d", "b", "e"}},
		{"top more than all", clv.TopCLV(vals, 9), []customer.ID{"c", "a", "d", "b", "e"}},
		{"risk default 0.5", clv.ChurnRisk(vals, 0, 0), []customer.ID{"c", "d", "b"}}, // b and d tie: lower P(alive) first
		{"risk below 0.15", clv.ChurnRisk(vals, 0.15, 0), []customer.ID{"d"}},
		{"risk top 1", clv.ChurnRisk(vals, 0.7, 1), []customer.ID{"c"}},
		{"nothing at risk", clv.ChurnRisk(vals, 0.05, 0), nil},
	} {
		if diff := cmp.Diff(tc.want, ids(tc.got)); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", tc.name, diff)
		}
	}
	if diff := cmp.Diff(orig, vals); diff != "" {
		t.Errorf("input modified (-want +got):\n%s", diff)
	}
}
