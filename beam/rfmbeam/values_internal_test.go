package rfmbeam

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

var asOf = time.Date(2025, 1, 1, 23, 59, 59, 0, time.UTC)

// customerOrders returns one customer's orders in Pos order: repeated
// IDs with other amounts, refunds, an order after the as-of time and one
// without an ID.
func customerOrders() []Order {
	at := func(d int) time.Time { return asOf.AddDate(0, 0, -d) }
	amt := decimal.RequireFromString
	return []Order{
		{Pos: 3, CustomerID: "A", ID: "o1", At: at(400), Amount: amt("10.50")},
		{Pos: 5, CustomerID: "A", ID: "o2", At: at(-2), Amount: amt("99")}, // future: does not claim o2
		{Pos: 8, CustomerID: "A", ID: "o2", At: at(30), Amount: amt("20")},
		{Pos: 9, CustomerID: "A", ID: "o1", At: at(1), Amount: amt("1000")}, // duplicate of line 3
		{Pos: 12, CustomerID: "A", ID: "r1", At: at(10), Amount: amt("-5.25")},
		{Pos: 13, CustomerID: "A", ID: "", At: at(7), Amount: amt("3.3333")},
		{Pos: 20, CustomerID: "A", ID: "o2", At: at(2), Amount: amt("7")}, // duplicate of line 8
	}
}

func want(t *testing.T, orders []Order) Customer {
	t.Helper()
	var cos []customer.Order
	for _, o := range orders {
		cos = append(cos, o.order())
	}
	values, skipped, err := rfm.Compute(t.Context(), slices.Values(cos), asOf, rfm.Options{})
	if err != nil || len(values) != 1 {
		t.Fatalf("rfm.Compute: %v, %d values", err, len(values))
	}
	return Customer{Values: values[0], HasValues: true, First: 3, Skipped: skipped}
}

// TestCombineFnSplits feeds the orders of one customer to accumulators in
// random splits and orders, sends every accumulator through its coder,
// merges them in random order, and checks the result against rfm.Compute
// over the orders in stream order.
func TestCombineFnSplits(t *testing.T) {
	orders := customerOrders()
	w := want(t, orders)
	if w.Skipped.Duplicate != 2 || w.Skipped.Future != 1 || w.Values.Frequency != 3 {
		t.Fatalf("the fixture does not exercise duplicates and future orders: %+v", w)
	}
	fn, err := NewCombineFn(asOf, rfm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	other := customerOrders()[2:]
	for i := range other {
		other[i].CustomerID = "B"
		other[i].Pos += 100
	}
	wantOther := want(t, other)
	wantOther.First = 108
	for trial := range 200 {
		if trial%3 == 1 {
			// Another customer through the same CombineFn first.
			acc := fn.CreateAccumulator()
			for _, o := range other {
				acc = fn.AddInput(acc, o)
			}
			got, err := fn.ExtractOutput(acc)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantOther, got); diff != "" {
				t.Fatalf("trial %d, customer B: mismatch (-want +got):\n%s", trial, diff)
			}
		}
		shuffled := slices.Clone(orders)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		parts := make([]*Orders, 1+r.IntN(4))
		for i := range parts {
			parts[i] = fn.CreateAccumulator()
		}
		for _, o := range shuffled {
			i := r.IntN(len(parts))
			parts[i] = fn.AddInput(parts[i], o)
		}
		for i, p := range parts {
			got, err := decodeOrders(encodeOrders(p))
			if err != nil {
				t.Fatal(err)
			}
			parts[i] = got
		}
		r.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
		acc := parts[0]
		for _, p := range parts[1:] {
			acc = fn.MergeAccumulators(acc, p)
		}
		got, err := fn.ExtractOutput(acc)
		if err != nil {
			t.Fatal(err)
		}
		got, err = decodeCustomer(encodeCustomer(got))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(w, got); diff != "" {
			t.Fatalf("trial %d, %d parts: mismatch (-want +got):\n%s", trial, len(parts), diff)
		}
	}
}

func TestNewCombineFnLocation(t *testing.T) {
	if _, err := NewCombineFn(asOf.In(time.Local), rfm.Options{}); err == nil {
		t.Error("NewCombineFn accepted time.Local")
	}
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip(err)
	}
	fn, err := NewCombineFn(asOf.In(sh), rfm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := fn.asOf()
	if err != nil || !got.Equal(asOf) || got.Location().String() != "Asia/Shanghai" {
		t.Errorf("asOf() = %v, %v; want %v in Asia/Shanghai", got, err, asOf)
	}
}

func TestRejectNamesPosition(t *testing.T) {
	fn, err := NewCombineFn(asOf, rfm.Options{RejectFuture: true})
	if err != nil {
		t.Fatal(err)
	}
	acc := fn.CreateAccumulator()
	for _, o := range customerOrders() {
		acc = fn.AddInput(acc, o)
	}
	if _, err := fn.ExtractOutput(acc); err == nil || !strings.Contains(err.Error(), "order at position 5:") {
		t.Errorf("ExtractOutput error = %v, want one naming position 5", err)
	}
}

func TestCoderRoundTrip(t *testing.T) {
	big := decimal.RequireFromString("-123456789012345678901234567890.123456")
	o := Order{Pos: -1, CustomerID: "客户", ID: "x", At: time.Date(2024, 2, 29, 13, 4, 5, 6, time.FixedZone("", -3*3600)), Amount: big}
	got, err := decodeOrder(encodeOrder(o))
	if err != nil || !got.At.Equal(o.At) || !got.Amount.Equal(big) || got.Pos != -1 || got.CustomerID != o.CustomerID {
		t.Errorf("order round trip: %+v, %v", got, err)
	}
	if _, off := got.At.Zone(); off != -3*3600 {
		t.Errorf("offset %d after the round trip", off)
	}
	if _, err := decodeOrder(encodeOrder(o)[:5]); err == nil {
		t.Error("decoding a truncated order succeeded")
	}
}
