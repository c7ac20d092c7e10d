package clv_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

// weeklyOrders is a history worked out by hand in calendar weeks (Monday
// to Sunday, pandas' 'W'). W0 is the week of Monday 2024-12-30; the
// calibration ends on Tuesday 2025-01-21 (in W3), the holdout on Sunday
// 2025-02-02 (the last day of W4).
func weeklyOrders() []customer.Order {
	return []customer.Order{
		// A: W0 twice (one period, spend 30), W1 (40), W2 (60); then in
		// the holdout, W3 after the calibration end (5) and W4 (7).
		clvOrder("a1", "A", 2025, 1, 1, 10, "10"),
		clvOrder("a2", "A", 2025, 1, 2, 10, "20"),
		clvOrder("a3", "A", 2025, 1, 6, 10, "40"),
		clvOrder("a4", "A", 2025, 1, 19, 10, "60"),
		clvOrder("a5", "A", 2025, 1, 22, 10, "5"),
		clvOrder("a6", "A", 2025, 1, 27, 10, "7"),
		// B: one purchase on Sunday 2025-01-05, the last day of W0.
		clvOrder("b1", "B", 2025, 1, 5, 10, "8"),
		// C: W2 on Monday, and again on the calibration end's Tuesday of
		// W3: two periods.
		clvOrder("c1", "C", 2025, 1, 13, 10, "3"),
		clvOrder("c2", "C", 2025, 1, 21, 10, "4"),
	}
}

func TestSummarizeCBSCalendarWeeks(t *testing.T) {
	opts := clv.CBSOptions{
		CalibrationEnd:  time.Date(2025, 1, 21, 0, 0, 0, 0, clvCST),
		HoldoutEnd:      time.Date(2025, 2, 2, 0, 0, 0, 0, clvCST),
		Unit:            7 * 24 * time.Hour,
		CalendarPeriods: true,
	}
	got, _, err := clv.SummarizeCBS(t.Context(), slices.Values(weeklyOrders()), opts)
	if err != nil {
		t.Fatal(err)
	}
	d := decimal.RequireFromString
	// lifetimes' summary_data_from_transaction_data(freq='W') and
	// calibration_and_holdout_data give, by the same counting:
	//   A: frequency 2 (W1, W2), recency 2, T 3 (W3 − W0), monetary
	//      (40 + 60) / 2 = 50; holdout: 2 periods (W3 after the end, W4),
	//      duration 1 (W4 − W3), spend 12.
	//   B: a one-time buyer of W0: T 3.
	//   C: W2 and W3: frequency 1, recency 1, T 1, monetary 4.
	want := []clv.CBS{
		{CustomerID: "A", X: 2, TX: 2, T: 3, M: d("50"), HoldoutPurchases: 2, HoldoutSpend: d("12"), HoldoutLength: 1},
		{CustomerID: "B", X: 0, TX: 0, T: 3, HoldoutLength: 1},
		{CustomerID: "C", X: 1, TX: 1, T: 1, M: d("4"), HoldoutLength: 1},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("SummarizeCBS(CalendarPeriods, weeks) mismatch (-want +got):\n%s", diff)
	}

	// The same orders in days divided by 7, as the papers count: A has
	// four purchase days (1, 2, 6 and 19 January).
	opts.CalendarPeriods = false
	days, _, err := clv.SummarizeCBS(t.Context(), slices.Values(weeklyOrders()), opts)
	if err != nil {
		t.Fatal(err)
	}
	if a := days[0]; a.X != 3 || a.TX != 18.0/7 || a.T != 20.0/7 || !a.M.Equal(d("40")) {
		t.Errorf("SummarizeCBS(days) A = %+v, want X 3, TX 18/7, T 20/7, M 40", a)
	}

	disc, err := clv.Discrete(got)
	if err != nil {
		t.Fatal(err)
	}
	wantDisc := []clv.DiscreteCBS{{CustomerID: "A", X: 2, TX: 2, N: 3}, {CustomerID: "B", N: 3}, {CustomerID: "C", X: 1, TX: 1, N: 1}}
	if diff := cmp.Diff(wantDisc, disc); diff != "" {
		t.Errorf("Discrete mismatch (-want +got):\n%s", diff)
	}
	var ce *clv.CBSError
	if _, err := clv.Discrete(days); !errors.As(err, &ce) || ce.Index != 0 || ce.Field != "TX" {
		t.Errorf("Discrete(fractional weeks) = %v, want a *CBSError for row 0, field TX", err)
	}
}

// With one-day periods, CalendarPeriods changes nothing.
func TestSummarizeCBSCalendarDaysEqualDays(t *testing.T) {
	opts := clv.CBSOptions{
		CalibrationEnd: time.Date(2026, 3, 31, 0, 0, 0, 0, clvCST),
		HoldoutEnd:     time.Date(2026, 4, 30, 0, 0, 0, 0, clvCST),
	}
	want, wantSkip, err := clv.SummarizeCBS(t.Context(), slices.Values(clvSummaryOrders()), opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.CalendarPeriods = true
	for _, workers := range []int{1, 2, 3} {
		opts.Workers = workers
		got, skip, err := clv.SummarizeCBS(t.Context(), slices.Values(clvSummaryOrders()), opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" || skip != wantSkip {
			t.Errorf("CalendarPeriods with days, Workers %d: mismatch (-days +calendar):\n%s\nskipped %+v, want %+v", workers, diff, skip, wantSkip)
		}
	}
	opts.Workers = -1
	if _, _, err := clv.SummarizeCBS(t.Context(), slices.Values(clvSummaryOrders()), opts); !errors.Is(err, clv.ErrConfig) {
		t.Errorf("SummarizeCBS(Workers -1) = %v, want ErrConfig", err)
	}
}
