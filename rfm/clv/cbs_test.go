package clv_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/rfm/clv"
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
	opts := clv.CBSOptions{
		CalibrationEnd: time.Date(2026, 3, 31, 0, 0, 0, 0, clvCST),
		HoldoutEnd:     time.Date(2026, 4, 30, 23, 0, 0, 0, clvCST),
	}
	got, skipped, err := clv.SummarizeCBS(t.Context(), slices.Values(clvSummaryOrders()), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []clv.CBS{
		// x = 2 (days 8 and 15), t_x = 14, T = 30 days to 31 March,
		// m = (20 + 30)/2; one holdout purchase of 15 in 30 days.
		{CustomerID: "A", X: 2, TX: 14, T: 30, M: decimal.NewFromInt(25), HoldoutPurchases: 1, HoldoutSpend: decimal.NewFromInt(15), HoldoutLength: 30},
		{CustomerID: "B", T: 0, HoldoutLength: 30},
		{CustomerID: "D", X: 1, TX: 7, T: 10, M: decimal.Zero, HoldoutLength: 30},
		{CustomerID: "E", T: 1, HoldoutPurchases: 1, HoldoutSpend: decimal.NewFromInt(6), HoldoutLength: 30},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SummarizeCBS() mismatch (-want +got):\n%s", diff)
	}
	wantSkipped := clv.Skipped{Invalid: 2, Refunds: 1, Future: 1, Duplicate: 1, NewInHoldout: 1}
	if skipped != wantSkipped {
		t.Errorf("SummarizeCBS() skipped %+v, want %+v", skipped, wantSkipped)
	}

	// The same orders in another order give the same summaries.
	shuffled := clvSummaryOrders()
	rand.New(rand.NewPCG(1, 1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	got2, _, err := clv.SummarizeCBS(t.Context(), slices.Values(shuffled), opts)
	if err != nil {
		t.Fatal(err)
	}
	byID := cmpopts.SortSlices(func(a, b clv.CBS) bool { return a.CustomerID < b.CustomerID })
	if diff := cmp.Diff(want, got2, byID); diff != "" {
		t.Errorf("SummarizeCBS(shuffled) mismatch (-want +got):\n%s", diff)
	}

	// In weeks, and without a holdout (later orders are in the future).
	opts.HoldoutEnd = time.Time{}
	opts.Unit = 7 * 24 * time.Hour
	got, skipped, err = clv.SummarizeCBS(t.Context(), slices.Values(clvSummaryOrders()), opts)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].HoldoutPurchases != 0 || got[0].HoldoutLength != 0 || skipped.Future != 5 || skipped.NewInHoldout != 0 {
		t.Errorf("no holdout: customer A %+v, skipped %+v; want no holdout, 5 future, none new", got[0], skipped)
	}
	if a := got[0]; a.TX != 2 || a.T != 30.0/7 {
		t.Errorf("weeks: customer A t_x = %v, T = %v; want 2 and 30/7", a.TX, a.T)
	}
}

// TestSummarizeCBSSkipRules checks the shared skip contract: invalid
// and future orders are errors on request, and an order ID counts once
// per customer, not across customers.
func TestSummarizeCBSSkipRules(t *testing.T) {
	end := time.Date(2026, 3, 31, 0, 0, 0, 0, clvCST)
	orders := clvSummaryOrders()
	for _, tc := range []struct {
		name  string
		opts  clv.CBSOptions
		want  error
		index int
	}{
		{"reject invalid", clv.CBSOptions{CalibrationEnd: end, RejectInvalid: true}, customer.ErrInvalidValue, 14},
		{"reject future", clv.CBSOptions{CalibrationEnd: end, RejectFuture: true}, customer.ErrFuture, 5},
	} {
		data, skipped, err := clv.SummarizeCBS(t.Context(), slices.Values(orders), tc.opts)
		var oe *rfm.OrderError
		if !errors.Is(err, tc.want) || !errors.As(err, &oe) || oe.Index != tc.index || data != nil || skipped != (clv.Skipped{}) {
			t.Errorf("%s: SummarizeCBS() = %v, %v; want an *rfm.OrderError at %d wrapping %v", tc.name, data, err, tc.index, tc.want)
		}
	}
	shared := []customer.Order{
		clvOrder("o1", "A", 2026, 3, 1, 9, "10.00"),
		clvOrder("o1", "B", 2026, 3, 2, 9, "10.00"), // another customer's order 1
		clvOrder("o1", "A", 2026, 3, 3, 9, "10.00"), // a replay
	}
	data, skipped, err := clv.SummarizeCBS(t.Context(), slices.Values(shared), clv.CBSOptions{CalibrationEnd: end})
	if err != nil || len(data) != 2 || skipped != (clv.Skipped{Duplicate: 1}) {
		t.Errorf("shared order IDs: %d customers, skipped %+v, %v; want 2 customers, 1 duplicate", len(data), skipped, err)
	}
	data, skipped, err = clv.SummarizeCBS(t.Context(), slices.Values(shared), clv.CBSOptions{CalibrationEnd: end, TrustOrderIDs: true})
	if err != nil || data[0].X != 1 || skipped != (clv.Skipped{}) {
		t.Errorf("TrustOrderIDs: customer A %+v, skipped %+v, %v; want a repeat purchase, nothing skipped", data[0], skipped, err)
	}
}

func TestSummarizeCBSErrors(t *testing.T) {
	end := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		opts clv.CBSOptions
	}{
		{"no calibration end", clv.CBSOptions{}},
		{"holdout before calibration", clv.CBSOptions{CalibrationEnd: end, HoldoutEnd: end.AddDate(0, 0, -1)}},
		{"unit not in days", clv.CBSOptions{CalibrationEnd: end, Unit: 9}},
		{"negative unit", clv.CBSOptions{CalibrationEnd: end, Unit: -24 * time.Hour}},
	} {
		if _, _, err := clv.SummarizeCBS(t.Context(), slices.Values(clvSummaryOrders()), tc.opts); !errors.Is(err, clv.ErrConfig) {
			t.Errorf("%s: error %v, want ErrConfig", tc.name, err)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, _, err := clv.SummarizeCBS(ctx, slices.Values(clvSummaryOrders()), clv.CBSOptions{CalibrationEnd: end}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v, want context.Canceled", err)
	}
}

// TestCBSValidation checks which summaries the models accept, through
// LifetimeValues, which validates every row.
func TestCBSValidation(t *testing.T) {
	for _, tc := range []struct {
		c     clv.CBS
		field string
	}{
		{clv.CBS{}, ""},
		{clv.CBS{X: 3, TX: 2, T: 2, M: decimal.NewFromInt(-1)}, ""},
		{clv.CBS{X: 0.5, TX: 1, T: 2}, "X"},
		{clv.CBS{X: 1, TX: -1, T: 2}, "TX"},
		{clv.CBS{X: 1, TX: 1, T: -2}, "T"},
		{clv.CBS{T: 1, M: decimal.NewFromInt(1)}, "M"},
	} {
		_, err := clv.LifetimeValues(t.Context(), []clv.CBS{{}, tc.c}, clvTestBG, clvTestGG, clv.CLVOptions{Unit: 24 * time.Hour})
		var ce *clv.CBSError
		if tc.field == "" {
			if err != nil {
				t.Errorf("LifetimeValues(%+v) = %v, want nil", tc.c, err)
			}
			continue
		}
		if !errors.As(err, &ce) || ce.Field != tc.field || ce.Index != 1 || !errors.Is(err, clv.ErrInvalidCBS) || !strings.HasPrefix(err.Error(), "clv: customer summary 1: "+tc.field) {
			t.Errorf("LifetimeValues(%+v) = %v, want a *CBSError for row 1, %s", tc.c, err, tc.field)
		}
	}
}

// TestSummarizeCBSCancelledHalfway cancels while the orders are read:
// the call stops within 4096 orders and returns ctx.Err().
func TestSummarizeCBSCancelledHalfway(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	end := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	read := 0
	orders := func(yield func(customer.Order) bool) {
		for ; read < 1_000_000; read++ {
			if read == 10_000 {
				cancel()
			}
			o := customer.Order{ID: "o" + strconv.Itoa(read), CustomerID: customer.ID("C" + strconv.Itoa(read%70)), At: end.AddDate(0, 0, -read%300), Amount: decimal.NewFromInt(1)}
			if !yield(o) {
				return
			}
		}
	}
	got, _, err := clv.SummarizeCBS(ctx, orders, clv.CBSOptions{CalibrationEnd: end})
	if !errors.Is(err, context.Canceled) || got != nil {
		t.Errorf("SummarizeCBS = %d rows, %v; want context.Canceled", len(got), err)
	}
	if read > 10_000+4096 {
		t.Errorf("SummarizeCBS read %d orders, want at most 4096 after the cancellation", read)
	}
}

// TestSummarizeCBSDuplicatesAsIfDropped checks duplicate detection
// against the stream with the replays taken out: about one order in
// eight is replayed later under its ID with another amount (some with
// more than four decimal places) and day, and the first counts.
func TestSummarizeCBSDuplicatesAsIfDropped(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	amounts := []string{"19.99", "0", "-5.00", "3.14159265", "250"}
	type keyed struct {
		key float64
		o   customer.Order
	}
	var firsts []customer.Order
	var ks []keyed
	const n = 20000
	for i := range n {
		id := "o" + strconv.Itoa(i)
		if i%5 == 0 {
			id += " with a suffix past fifteen bytes"
		}
		o := clvOrder(id, "c"+strconv.Itoa(r.IntN(n/8)), 2026, 1, 1+r.IntN(120), r.IntN(24), amounts[r.IntN(len(amounts))])
		firsts = append(firsts, o)
		ks = append(ks, keyed{float64(i), o})
		if r.IntN(8) == 0 {
			d := o
			d.Amount = d.Amount.Add(decimal.RequireFromString("0.00007"))
			d.At = d.At.AddDate(0, 0, r.IntN(30))
			ks = append(ks, keyed{float64(i) + 1 + r.Float64()*float64(n-i), d})
		}
	}
	sort.SliceStable(ks, func(i, j int) bool { return ks[i].key < ks[j].key })
	all := make([]customer.Order, len(ks))
	for i, k := range ks {
		all[i] = k.o
	}
	opts := clv.CBSOptions{
		CalibrationEnd: time.Date(2026, 3, 31, 0, 0, 0, 0, clvCST),
		HoldoutEnd:     time.Date(2026, 6, 30, 0, 0, 0, 0, clvCST),
		TrustOrderIDs:  true,
	}
	want, wantSkip, err := clv.SummarizeCBS(t.Context(), slices.Values(firsts), opts)
	if err != nil {
		t.Fatal(err)
	}
	// SummarizeCBS leaves refunds out, and counts them, before it looks
	// at order IDs.
	for _, k := range ks {
		if k.key != float64(int(k.key)) {
			if k.o.Amount.Sign() < 0 {
				wantSkip.Refunds++
			} else {
				wantSkip.Duplicate++
			}
		}
	}
	opts.TrustOrderIDs = false
	for _, w := range []int{1, 3} {
		opts.Workers = w
		got, skip, err := clv.SummarizeCBS(t.Context(), slices.Values(all), opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" || skip != wantSkip {
			t.Errorf("Workers %d: mismatch (-without replays +with):\n%s\nskipped %+v, want %+v", w, diff, skip, wantSkip)
		}
	}
}
