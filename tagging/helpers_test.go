package tagging_test

import (
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
)

// testAsOf is the as-of date of hand-made profiles.
var testAsOf = time.Date(2026, 6, 30, 23, 59, 59, 0, time.FixedZone("CST", 8*3600))

// daysAgo returns noon CST n calendar days before testAsOf.
func daysAgo(n int) time.Time {
	y, m, d := testAsOf.Date()
	return time.Date(y, m, d-n, 12, 0, 0, 0, testAsOf.Location())
}

// person returns a person profile with summary s (nil: a prospect).
func person(s *customer.Summary, interests ...string) *tagging.Profile {
	p := &tagging.Profile{Person: &customer.Person{ID: "P1", Interests: interests}, AsOf: testAsOf}
	if s != nil {
		s.CustomerID, s.AsOf = "P1", testAsOf
		p.Summary = s
	}
	return p
}

// company returns a company profile with the given decision cycle.
func company(cycleDays int) *tagging.Profile {
	return &tagging.Profile{Company: &customer.Company{ID: "C1", DecisionCycleDays: cycleDays}, AsOf: testAsOf}
}

// tagsOf returns the tags tagger gives p, failing on an error.
func tagsOf(t *testing.T, tagger tagging.Tagger, p *tagging.Profile) []tagging.Tag {
	t.Helper()
	got, err := tagger.Tag(p, nil)
	if err != nil {
		t.Fatalf("Tag() error: %v", err)
	}
	return got
}

// one returns a slice with one tag, or nil when value is "".
func one(group, value string) []tagging.Tag {
	if value == "" {
		return nil
	}
	return []tagging.Tag{{Group: group, Value: value}}
}

// ordersOf summarises orders of customer P1 at testAsOf.
func ordersOf(t *testing.T, orders ...customer.Order) *customer.Summary {
	t.Helper()
	for i := range orders {
		orders[i].CustomerID = "P1"
	}
	sums, _, err := customer.Summarize(t.Context(), func(yield func(customer.Order) bool) {
		for _, o := range orders {
			if !yield(o) {
				return
			}
		}
	}, testAsOf, customer.SummaryOptions{})
	if err != nil || len(sums) != 1 {
		t.Fatalf("Summarize() = %d summaries, %v", len(sums), err)
	}
	return &sums[0]
}

func order(amount string, at time.Time) customer.Order {
	return customer.Order{Amount: dec(amount), At: at, Channel: customer.ChannelOnline, Category: "grocery"}
}

// compiled returns the tagger a pipeline runs in x's place, failing on a
// configuration error.
func compiled(t *testing.T, x tagging.Tagger) tagging.Tagger {
	t.Helper()
	c, err := tagging.Compile(x)
	if err != nil {
		t.Fatalf("Compile() error: %v", err)
	}
	return c
}

// nameOf returns the name a pipeline gives x.
func nameOf(t *testing.T, x tagging.Tagger) string {
	t.Helper()
	return compiled(t, x).(tagging.Namer).Name()
}
