package customer

import (
	"math"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// TestSummarizeSkipReasons feeds one order of each skip reason after a
// good one and checks how each is counted.
func TestSummarizeSkipReasons(t *testing.T) {
	asOf := at(2026, 3, 31, 12, 0)
	known := func(id ID) bool { return id != "ghost" }
	o := Order{ID: "1", CustomerID: "A", At: at(2026, 1, 1, 0, 0), Amount: dec("1")}
	orders := []Order{
		o,
		o, // duplicate
		{ID: "2", CustomerID: "A", At: asOf.Add(time.Second), Amount: dec("1")}, // future
		{ID: "3", CustomerID: "ghost", At: asOf, Amount: dec("1")},              // unknown
		{ID: "4", CustomerID: "A", Amount: dec("1")},                            // no time
		// Order IDs are per customer: the same ID under another customer
		// is a different order.
		{ID: "1", CustomerID: "B", At: at(2026, 1, 1, 0, 0), Amount: dec("1")},
	}
	sums, skipped, err := Summarize(t.Context(), slices.Values(orders), asOf, SummaryOptions{Known: known})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Skipped{Invalid: 1, Future: 1, Duplicate: 1, Unknown: 1}); skipped != want {
		t.Errorf("Skipped = %+v, want %+v", skipped, want)
	}
	if len(sums) != 2 || sums[0].Orders != 1 || sums[1].Orders != 1 {
		t.Errorf("Summarize = %+v, want A and B with one order each", sums)
	}
	// With trusted IDs a replayed order counts twice, by the caller's choice.
	sums, _, err = Summarize(t.Context(), slices.Values([]Order{o, o}), asOf, SummaryOptions{TrustOrderIDs: true})
	if err != nil || sums[0].Orders != 2 {
		t.Fatalf("TrustOrderIDs: Summarize = %+v, %v; want Orders 2", sums, err)
	}
}

// TestSummaryCountersDoNotOverflow drives one customer's counters past
// 2^32 and its totals past int64 units without feeding billions of
// orders: it starts the accumulator near the limits.
func TestSummaryCountersDoNotOverflow(t *testing.T) {
	var p sumEnginePart
	a := &acc{gross: math.MaxInt64 - 5, firstSec: 100, lastSec: 200}
	a.n[cOrders] = math.MaxUint32
	a.n[cOnline] = math.MaxUint32 - 1
	r := sumPayload{sec: 150, units: 10, rare: -1, flags: sumOnline}
	for range 3 {
		addOrder(&p, a, &r, nil)
	}
	x := &p.X
	if got, want := x.counter(a, cOrders), int64(math.MaxUint32)+3; got != want {
		t.Errorf("orders = %d, want %d", got, want)
	}
	if got, want := x.counter(a, cOnline), int64(math.MaxUint32)+2; got != want {
		t.Errorf("online = %d, want %d", got, want)
	}
	if got := x.counter(a, cRefunds); got != 0 {
		t.Errorf("refunds = %d, want 0", got)
	}
	// The counter's low bits are 0 after the wrap; the customer is not
	// new, so its first and last purchase stay.
	if a.firstSec != 100 || a.lastSec != 200 {
		t.Errorf("first, last = %d, %d; want 100, 200", a.firstSec, a.lastSec)
	}
	gross, _ := x.sums(a)
	want := decimal.New(math.MaxInt64-5, money.Exp).Add(decimal.New(30, money.Exp))
	if !gross.Decimal().Equal(want) {
		t.Errorf("gross = %v, want %v", gross.Decimal(), want)
	}
	if strconv.IntSize == 64 { // Summary's counts are ints
		s := summary(x, &sumOut{}, a, "A", time.Unix(1000, 0), time.Hour)
		if int64(s.Orders) != int64(math.MaxUint32)+3 || int64(s.Online) != int64(math.MaxUint32)+2 {
			t.Errorf("summary: Orders %d, Online %d; want %d, %d", s.Orders, s.Online, int64(math.MaxUint32)+3, int64(math.MaxUint32)+2)
		}
	}
}
