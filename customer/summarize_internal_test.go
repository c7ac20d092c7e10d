package customer

import (
	"math"
	"slices"
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

// TestSummaryCountersDoNotOverflow drives one customer's counters and
// totals past int32 and int64 units without feeding billions of orders:
// it starts the accumulator near the limits.
func TestSummaryCountersDoNotOverflow(t *testing.T) {
	var p sumEnginePart
	a := &acc{orders: math.MaxInt32, gross: math.MaxInt64 - 5}
	r := sumPayload{units: 10, rare: -1}
	addOrder(&p, a, &r, nil)
	addOrder(&p, a, &r, nil)
	if a.orders != math.MaxInt32+2 {
		t.Errorf("orders = %d, want %d", a.orders, int64(math.MaxInt32)+2)
	}
	gross, _ := p.X.sums(a)
	want := decimal.New(math.MaxInt64-5, money.Exp).Add(decimal.New(20, money.Exp))
	if !gross.Decimal().Equal(want) {
		t.Errorf("gross = %v, want %v", gross.Decimal(), want)
	}
}
