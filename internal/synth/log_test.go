package synth_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/google/go-cmp/cmp"
)

// TestLogMarketplaceIDs checks that MarketplaceIDs changes the order
// IDs and nothing else: the same rows, each ID 19 digits, and two rows
// share an ID exactly when they did before (replays stay duplicates).
func TestLogMarketplaceIDs(t *testing.T) {
	l := synth.Log{Customers: 3000, Seed: 3, Duplicates: 0.05}
	a := l.Orders()
	l.MarketplaceIDs = true
	b := l.Orders()
	checkRelabelled(t, a, b, func(o *customer.Order) *string { return &o.ID }, func(id string) bool {
		return len(id) == 19 && strings.Trim(id, "0123456789") == "" && id[0] != '0'
	})
	var csv bytes.Buffer
	if _, err := l.WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	if line := strings.SplitN(csv.String(), "\n", 3)[1]; !strings.HasPrefix(line, b[0].ID+",") {
		t.Errorf("CSV's first row %q does not start with %s", line, b[0].ID)
	}
}

// TestLogUUIDCustomers checks that UUIDCustomers changes the customer
// IDs and nothing else: version 4 UUIDs in lower-case text, one per
// customer and a different one for each.
func TestLogUUIDCustomers(t *testing.T) {
	l := synth.Log{Customers: 3000, Seed: 3, Duplicates: 0.05}
	a := l.Orders()
	l.UUIDCustomers = true
	b := l.Orders()
	checkRelabelled(t, a, b, func(o *customer.Order) *string { return (*string)(&o.CustomerID) }, func(u string) bool {
		return len(u) == 36 && u[8] == '-' && u[13] == '-' && u[18] == '-' && u[23] == '-' && u[14] == '4' &&
			strings.ContainsRune("89ab", rune(u[19])) && strings.Trim(strings.ReplaceAll(u, "-", ""), "0123456789abcdef") == ""
	})
}

// checkRelabelled checks that the orders b are the orders a but for the
// field that field points to, which is valid in every b and changes one
// to one: rows that share it in a share it in b, and no others.
func checkRelabelled(t *testing.T, a, b []customer.Order, field func(*customer.Order) *string, valid func(string) bool) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%d rows, want %d", len(b), len(a))
	}
	fwd, back := map[string]string{}, map[string]string{}
	for i := range a {
		x, y := a[i], b[i]
		before, after := *field(&x), *field(&y)
		if !valid(after) {
			t.Fatalf("row %d: %q is not of the form wanted", i, after)
		}
		*field(&x), *field(&y) = "", ""
		if x.ID != y.ID || x.CustomerID != y.CustomerID || !x.At.Equal(y.At) || !x.Amount.Equal(y.Amount) {
			t.Fatalf("row %d differs beyond %q -> %q: %v, %v", i, before, after, x, y)
		}
		if n, ok := fwd[before]; ok && n != after {
			t.Fatalf("row %d: %s became both %s and %s", i, before, n, after)
		}
		if o, ok := back[after]; ok && o != before {
			t.Fatalf("row %d: %s and %s both became %s", i, o, before, after)
		}
		fwd[before], back[after] = after, before
	}
}

func TestLogShape(t *testing.T) {
	l := synth.Log{Customers: 20_000, Seed: 1, Duplicates: 0.015}
	orders := l.Orders()
	if diff := cmp.Diff(orders, l.Orders()); diff != "" {
		t.Fatalf("Log.Orders is not deterministic (-first +second):\n%s", diff)
	}
	per := make(map[customer.ID]map[string]bool)
	rows, dups, refunds, late := 0, 0, 0, 0
	for i, o := range orders {
		rows++
		if o.Amount.Sign() < 0 {
			refunds++
		}
		if per[o.CustomerID] == nil {
			per[o.CustomerID] = make(map[string]bool)
		}
		if per[o.CustomerID][o.ID] {
			dups++
		}
		per[o.CustomerID][o.ID] = true
		if i > 0 && o.At.Before(orders[i-1].At) {
			late++
		}
	}
	if len(per) != 20_000 {
		t.Errorf("%d customers, want 20000", len(per))
	}
	// About 10 purchases per customer, 3% refunds, 1.5% replayed.
	if mean := float64(rows) / 20_000; mean < 8.5 || mean > 11.5 {
		t.Errorf("%.2f orders per customer, want about 10", mean)
	}
	if share := float64(dups) / float64(rows); share < 0.012 || share > 0.018 {
		t.Errorf("duplicate share %.4f, want about 0.015", share)
	}
	if share := float64(refunds) / float64(rows); share < 0.02 || share > 0.04 {
		t.Errorf("refund share %.4f, want about 0.03", share)
	}
	// Only replayed rows go back in time.
	if late > dups {
		t.Errorf("%d rows out of date order, more than the %d replays", late, dups)
	}
	ones, many := 0, 0
	for _, ids := range per {
		switch n := len(ids); {
		case n == 1:
			ones++
		case n >= 24:
			many++
		}
	}
	if share := float64(ones) / 20_000; share < 0.4 || share > 0.6 {
		t.Errorf("one-order share %.3f, want about half", share)
	}
	if share := float64(many) / 20_000; share < 0.05 {
		t.Errorf("share buying two dozen times or more %.3f, want about 0.08", share)
	}
	// Customers are interleaved: the first 1000 rows hold many customers.
	first := make(map[customer.ID]bool)
	for _, o := range orders[:1000] {
		first[o.CustomerID] = true
	}
	if len(first) < 500 {
		t.Errorf("%d customers in the first 1000 rows, want them interleaved", len(first))
	}
}

func TestLogCSVReadsBack(t *testing.T) {
	l := synth.Log{Customers: 300, Seed: 2, Duplicates: 0.02}
	var buf bytes.Buffer
	n, err := l.WriteCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "id,customer_id,at,amount\n") {
		t.Fatalf("header: %q", buf.String()[:40])
	}
	var got []customer.Order
	for o, err := range customer.ReadOrders(&buf, customer.CSVOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, o)
	}
	want := l.Orders()
	if n != len(want) || len(got) != len(want) {
		t.Fatalf("wrote %d, read %d, want %d", n, len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.ID != w.ID || g.CustomerID != w.CustomerID || !g.At.Equal(w.At) || !g.Amount.Equal(w.Amount) {
			t.Fatalf("row %d: read %v %v %v %v, want %v %v %v %v", i, g.ID, g.CustomerID, g.At, g.Amount, w.ID, w.CustomerID, w.At, w.Amount)
		}
	}
	if !slices.IsSortedFunc(want[:10], func(a, b customer.Order) int { return a.At.Compare(b.At) }) {
		t.Error("log does not start in date order")
	}
}

func BenchmarkLogOrders(b *testing.B) {
	for b.Loop() {
		synth.Log{Customers: 100_000, Seed: 1, Duplicates: 0.015}.Orders()
	}
}
