package rfm

import (
	"math"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/ingest"
	"github.com/shopspring/decimal"
)

// TestCountersDoNotOverflow drives one customer past 2^32 purchases and
// past the int64 range of money units without feeding billions of
// orders: it starts the customer's numbers near the limits.
func TestCountersDoNotOverflow(t *testing.T) {
	for _, freqDays := range []bool{false, true} {
		opts := Options{FrequencyDays: freqDays}
		e := newEngine(opts, 1, 0)
		var r ingest.Rec[payload]
		push(e, &r, 0, "A", "1", 100, decimal.New(1, 0))
		e.Flush()
		pi, slot, ok := e.Find("A")
		if !ok {
			t.Fatal("customer A not found")
		}
		p := e.Part(pi)
		*p.State(slot) = cust{units: math.MaxInt64 - 30_000, last: 100, buys: promoted - 2}
		for day := range int32(3) {
			update(p, slot, &payload{units: 10_000, day: 101 + day, rare: -1}, nil, freqDays)
		}
		buys, last, sum := numbers(p, p.State(slot))
		if want := int64(promoted) + 1; buys != want {
			t.Errorf("buys = %d, want %d", buys, want)
		}
		if last != 103 {
			t.Errorf("last = %d, want 103", last)
		}
		want := decimal.New(math.MaxInt64-30_000, -4).Add(decimal.New(3, 0))
		if !sum.Decimal().Equal(want) {
			t.Errorf("sum = %v, want %v", sum.Decimal(), want)
		}
		if freqDays && p.X.ndays[slot] != 4 {
			t.Errorf("distinct days = %d, want 4", p.X.ndays[slot])
		}
		v := values(e, 200, opts)
		if len(v) != 1 || v[0].Recency != 97 || !v[0].Monetary.Equal(want) {
			t.Errorf("values = %+v", v)
		}
	}
}

// TestAncientOrders checks an order whose day number does not fit in
// int32 (some 20 million years ago): it takes the exact path.
func TestAncientOrders(t *testing.T) {
	if strconv.IntSize == 32 {
		t.Skip("Values.Recency is an int, 32 bits on this platform: it cannot hold 20 million years of days")
	}
	cst := time.FixedZone("CST", 8*3600)
	asOf := time.Date(2026, 6, 30, 23, 59, 59, 0, cst)
	old := time.Date(-20_000_000, 3, 1, 12, 0, 0, 0, cst)
	orders := []customer.Order{
		{ID: "1", CustomerID: "A", At: old, Amount: decimal.New(5, 0)},
		{ID: "2", CustomerID: "B", At: old, Amount: decimal.New(5, 0)},
		{ID: "3", CustomerID: "B", At: asOf, Amount: decimal.New(7, 0)},
	}
	day := func(t time.Time) int64 { return floorDivInt64(t.Unix()+8*3600, 86400) }
	got, _, err := Compute(t.Context(), slices.Values(orders), asOf, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []Values{
		{CustomerID: "A", Recency: int(day(asOf) - day(old)), Frequency: 1, Monetary: decimal.New(5, 0)},
		{CustomerID: "B", Recency: 0, Frequency: 2, Monetary: decimal.New(12, 0)},
	}
	if len(got) != 2 || got[0].Recency != want[0].Recency || got[1].Recency != 0 || got[1].Frequency != 2 || !got[1].Monetary.Equal(want[1].Monetary) {
		t.Errorf("Compute = %+v, want %+v", got, want)
	}
	if want[0].Recency <= math.MaxInt32 {
		t.Fatalf("the test order is not old enough: recency %d", want[0].Recency)
	}
}
