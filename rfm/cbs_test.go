package rfm_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

var clvCST = time.FixedZone("CST", 8*3600)

// clvOrder builds an order at the given CST date and hour.
func clvOrder(id, cust string, y int, m time.Month, d, hour int, amount string) customer.Order {
	return customer.Order{
		ID: id, CustomerID: customer.ID(cust),
		At:     time.Date(y, m, d, hour, 0, 0, 0, clvCST),
		Amount: decimal.RequireFromString(amount),
	}
}

// clvSummaryOrders is a small history worked out by hand below.
func clvSummaryOrders() []customer.Order {
	return []customer.Order{
		// A: two orders on day 1 (one purchase of 15), repeats on days 8
		// and 15, a refund (not a purchase), a holdout purchase on two
		// orders of one day.
		clvOrder("a1", "A", 2026, 3, 1, 9, "10.00"),
		clvOrder("a2", "A", 2026, 3, 1, 20, "5.00"),
		clvOrder("a3", "A", 2026, 3, 8, 12, "20.00"),
		clvOrder("a4", "A", 2026, 3, 9, 12, "-5.00"),
		clvOrder("a5", "A", 2026, 3, 15, 12, "30.00"),
		clvOrder("a6", "A", 2026, 4, 10, 12, "12.00"),
		clvOrder("a7", "A", 2026, 4, 10, 13, "3.00"),
		// B: a single purchase on the last calibration day.
		clvOrder("b1", "B", 2026, 3, 31, 23, "8.00"),
		// C: first purchase in the holdout: not in the cohort.
		clvOrder("c1", "C", 2026, 4, 2, 10, "9.00"),
		// D: a free repeat purchase, then one after the holdout.
		clvOrder("d1", "D", 2026, 3, 21, 10, "4.00"),
		clvOrder("d2", "D", 2026, 3, 28, 10, "0"),
		clvOrder("d3", "D", 2026, 5, 1, 10, "7.00"),
		// E: 17:00 UTC on 31 March is 01:00 on 1 April in CST: holdout.
		clvOrder("e1", "E", 2026, 3, 30, 10, "6.00"),
		{ID: "e2", CustomerID: "E", At: time.Date(2026, 3, 31, 17, 0, 0, 0, time.UTC), Amount: decimal.NewFromInt(6)},
		// Bad and repeated orders.
		{ID: "x1", At: time.Date(2026, 3, 2, 0, 0, 0, 0, clvCST), Amount: decimal.NewFromInt(1)},
		{ID: "x2", CustomerID: "A", Amount: decimal.NewFromInt(1)},
		clvOrder("a3", "A", 2026, 3, 20, 12, "99.00"), // duplicate ID
	}
}

func TestSummarizeCBS(t *testing.T) {
	opts := rfm.CBSOptions{
		CalibrationEnd: time.Date(2026, 3, 31, 0, 0, 0, 0, clvCST),
		HoldoutEnd:     time.Date(2026, 4, 30, 23, 0, 0, 0, clvCST),
	}
	got, err := rfm.SummarizeCBS(t.Context(), slices.Values(clvSummaryOrders()), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := &rfm.CBSData{
		Unit: rfm.UnitDay,
		Customers: []rfm.CBS{
			// x = 2 (days 8 and 15), t_x = 14, T = 30 days to 31 March,
			// m = (20 + 30)/2.
			{CustomerID: "A", X: 2, TX: 14, T: 30, M: decimal.NewFromInt(25)},
			{CustomerID: "B", T: 0},
			{CustomerID: "D", X: 1, TX: 7, T: 10, M: decimal.Zero},
			{CustomerID: "E", T: 1},
		},
		Holdout: []rfm.Holdout{
			{Purchases: 1, Spend: decimal.NewFromInt(15)},
			{},
			{},
			{Purchases: 1, Spend: decimal.NewFromInt(6)},
		},
		HoldoutLength: 30,
		Skipped:       rfm.CBSSkipped{Invalid: 2, Refunds: 1, Late: 1, Duplicate: 1, NewInHoldout: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SummarizeCBS() mismatch (-want +got):\n%s", diff)
	}
	if n := got.Skipped.Orders(); n != 5 {
		t.Errorf("Skipped.Orders() = %d, want 5", n)
	}

	// The same orders in another order give the same summaries.
	shuffled := clvSummaryOrders()
	rand.New(rand.NewPCG(1, 1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	got2, err := rfm.SummarizeCBS(t.Context(), slices.Values(shuffled), opts)
	if err != nil {
		t.Fatal(err)
	}
	byID := cmpopts.SortSlices(func(a, b rfm.CBS) bool { return a.CustomerID < b.CustomerID })
	if diff := cmp.Diff(want.Customers, got2.Customers, byID); diff != "" {
		t.Errorf("SummarizeCBS(shuffled) mismatch (-want +got):\n%s", diff)
	}

	// In weeks, and without a holdout (later orders are late).
	opts.HoldoutEnd = time.Time{}
	opts.Unit = rfm.UnitWeek
	got, err = rfm.SummarizeCBS(t.Context(), slices.Values(clvSummaryOrders()), opts)
	if err != nil {
		t.Fatal(err)
	}
	if got.Holdout != nil || got.HoldoutLength != 0 || got.Skipped.Late != 5 || got.Skipped.NewInHoldout != 0 {
		t.Errorf("no holdout: Holdout %v, length %v, skipped %+v; want nil, 0, 5 late, none new", got.Holdout, got.HoldoutLength, got.Skipped)
	}
	if a := got.Customers[0]; a.TX != 2 || a.T != 30.0/7 {
		t.Errorf("weeks: customer A t_x = %v, T = %v; want 2 and 30/7", a.TX, a.T)
	}
}

func TestSummarizeCBSErrors(t *testing.T) {
	end := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		opts rfm.CBSOptions
	}{
		{"no calibration end", rfm.CBSOptions{}},
		{"holdout before calibration", rfm.CBSOptions{CalibrationEnd: end, HoldoutEnd: end.AddDate(0, 0, -1)}},
		{"unknown unit", rfm.CBSOptions{CalibrationEnd: end, Unit: 9}},
	} {
		if _, err := rfm.SummarizeCBS(t.Context(), slices.Values(clvSummaryOrders()), tc.opts); !errors.Is(err, rfm.ErrInvalidConfig) {
			t.Errorf("%s: error %v, want ErrInvalidConfig", tc.name, err)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := rfm.SummarizeCBS(ctx, slices.Values(clvSummaryOrders()), rfm.CBSOptions{CalibrationEnd: end}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v, want context.Canceled", err)
	}
}

func TestCBSValidate(t *testing.T) {
	for _, tc := range []struct {
		c     rfm.CBS
		field string
	}{
		{rfm.CBS{}, ""},
		{rfm.CBS{X: 3, TX: 2, T: 2, M: decimal.NewFromInt(-1)}, ""},
		{rfm.CBS{X: 0.5, TX: 1, T: 2}, "X"},
		{rfm.CBS{X: 1, TX: -1, T: 2}, "TX"},
		{rfm.CBS{X: 1, TX: 1, T: -2}, "T"},
		{rfm.CBS{T: 1, M: decimal.NewFromInt(1)}, "M"},
	} {
		err := tc.c.Validate()
		var ce *rfm.CBSError
		if tc.field == "" {
			if err != nil {
				t.Errorf("Validate(%+v) = %v, want nil", tc.c, err)
			}
			continue
		}
		if !errors.As(err, &ce) || ce.Field != tc.field || !errors.Is(err, rfm.ErrInvalidCBS) || !strings.HasPrefix(err.Error(), "rfm: customer summary 0: "+tc.field) {
			t.Errorf("Validate(%+v) = %v, want a *CBSError for %s", tc.c, err, tc.field)
		}
	}
	if got := rfm.UnitWeek.String() + rfm.UnitDay.String() + rfm.TimeUnit(7).String(); got != "weekdayTimeUnit(7)" {
		t.Errorf("TimeUnit strings = %q", got)
	}
}
