package customer

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func mustSummarizer(t *testing.T, asOf time.Time, opts SummaryOptions) *summarizer {
	t.Helper()
	z, err := newSummarizer(asOf, opts)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestSummarizerSkipErrors(t *testing.T) {
	asOf := at(2026, 3, 31, 12, 0)
	known := func(id ID) bool { return id != "ghost" }
	z := mustSummarizer(t, asOf, SummaryOptions{Known: known})
	o := Order{ID: "1", CustomerID: "A", At: at(2026, 1, 1, 0, 0), Amount: dec("1")}
	if err := z.add(o); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		order Order
		want  error
	}{
		{"duplicate", o, ErrDuplicateID},
		{"future", Order{ID: "2", CustomerID: "A", At: asOf.Add(time.Second), Amount: dec("1")}, ErrFuture},
		{"unknown", Order{ID: "3", CustomerID: "ghost", At: asOf, Amount: dec("1")}, ErrUnknownCustomer},
		{"no time", Order{ID: "4", CustomerID: "A", Amount: dec("1")}, ErrInvalidDate},
	}
	for _, tt := range tests {
		err := z.add(tt.order)
		var oe *orderError
		if !errors.As(err, &oe) || !errors.Is(err, tt.want) || oe.id != tt.order.ID || oe.reject {
			t.Errorf("%s: add = %v, want a skip wrapping %v", tt.name, err, tt.want)
		}
	}
	if got := z.skipped; got != (Skipped{Invalid: 1, Future: 1, Duplicate: 1, Unknown: 1}) {
		t.Errorf("Skipped = %+v", got)
	}
	// Order IDs are per customer: the same ID under another customer is a
	// different order.
	if err := z.add(Order{ID: "1", CustomerID: "B", At: at(2026, 1, 1, 0, 0), Amount: dec("1")}); err != nil {
		t.Errorf("same ID, other customer: %v", err)
	}
	// With trusted IDs a replayed order counts twice, by the caller's choice.
	z = mustSummarizer(t, asOf, SummaryOptions{TrustOrderIDs: true})
	_ = z.add(o)
	if err := z.add(o); err != nil {
		t.Fatalf("TrustOrderIDs: %v", err)
	}
	if s := z.summaries(); s[0].Orders != 2 {
		t.Fatalf("TrustOrderIDs: Orders = %d, want 2", s[0].Orders)
	}
}
