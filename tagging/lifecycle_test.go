package tagging_test

import (
	"errors"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
)

func TestLifecycle(t *testing.T) {
	def, err := tagging.Compile(tagging.Lifecycle{})
	if err != nil {
		t.Fatal(err)
	}
	noOverdue, _ := tagging.Compile(tagging.Lifecycle{OverdueFactor: -1})
	bought := func(orders, first, last int) *tagging.Profile {
		return person(&customer.Summary{Orders: orders, First: daysAgo(first), Last: daysAgo(last)})
	}
	tests := []struct {
		name   string
		tagger tagging.Tagger
		p      *tagging.Profile
		want   string
	}{
		{"prospect", def, person(nil), "prospect"},
		{"refunds only", def, person(&customer.Summary{Refunds: 1}), "prospect"},
		{"first purchase 30 days ago", def, bought(1, 30, 30), "new"},
		{"first 30 days ago, bought since", def, bought(4, 30, 1), "new"},
		{"first purchase 31 days ago", def, bought(1, 31, 31), "active"},
		{"last 90 days ago", def, bought(1, 400, 90), "active"},
		{"last 91 days ago", def, bought(1, 400, 91), "at-risk"},
		{"last 180 days ago", def, bought(2, 400, 180), "at-risk"},
		{"last 181 days ago", def, bought(2, 400, 181), "dormant"},
		{"last 365 days ago", def, bought(2, 400, 365), "dormant"},
		{"last 366 days ago", def, bought(2, 400, 366), "churned"},
		// Mean interval (100-20)/4 = 20 days; 20 days since is within 3×20.
		{"regular buyer on time", def, bought(5, 100, 20), "active"},
		// Mean interval (60-40)/4 = 5 days; 40 days since exceeds 3×5.
		{"regular buyer overdue", def, bought(5, 60, 40), "at-risk"},
		{"overdue rule off", noOverdue, bought(5, 60, 40), "active"},
		// Mean interval (60-40)/1 = 20; only 2 purchases, too few to judge.
		{"too few purchases to be overdue", def, bought(2, 60, 40), "active"},
		// Mean interval 0: all purchases on one day.
		{"one-day buyer", def, bought(3, 50, 50), "active"},
		{"last after the as-of date", def, person(&customer.Summary{Orders: 2, First: daysAgo(60), Last: testAsOf.Add(48 * time.Hour)}), "active"},
		{"purchases without dates", def, person(&customer.Summary{Orders: 2}), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(one(tagging.GroupLifecycle, tt.want), tagsOf(t, tt.tagger, tt.p)); diff != "" {
				t.Errorf("Lifecycle mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLifecycleCalendarDays checks that days are calendar days in the
// as-of date's zone. A purchase at 23:30 UTC on 28 June is on 29 June in
// China: one day before an as-of date of 30 June CST (active with
// ActiveDays 1), though two UTC dates before it (which would be at risk).
// With an as-of date of 30 June 12:00 UTC it is two days ago.
func TestLifecycleCalendarDays(t *testing.T) {
	short, _ := tagging.Compile(tagging.Lifecycle{NewDays: 1, ActiveDays: 1, AtRiskDays: 2, DormantDays: 3, OverdueFactor: -1})
	last := time.Date(2026, 6, 28, 23, 30, 0, 0, time.UTC)
	first := last.AddDate(0, 0, -10)
	cst := person(&customer.Summary{Orders: 2, First: first, Last: last}) // as of 30 June 23:59:59 CST
	if diff := cmp.Diff(one(tagging.GroupLifecycle, "active"), tagsOf(t, short, cst)); diff != "" {
		t.Errorf("as of CST mismatch (-want +got):\n%s", diff)
	}
	utc := &tagging.Profile{Person: &customer.Person{ID: "P1"}, Summary: &customer.Summary{
		CustomerID: "P1", AsOf: time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC), Orders: 2, First: first, Last: last}}
	if diff := cmp.Diff(one(tagging.GroupLifecycle, "at-risk"), tagsOf(t, short, utc)); diff != "" {
		t.Errorf("as of UTC mismatch (-want +got):\n%s", diff)
	}
	// The first purchase decides "new" the same way: 29 June CST is one
	// day before 30 June CST.
	cst.Summary.First = last
	if diff := cmp.Diff(one(tagging.GroupLifecycle, "new"), tagsOf(t, short, cst)); diff != "" {
		t.Errorf("new as of CST mismatch (-want +got):\n%s", diff)
	}
}

func TestLifecycleConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  tagging.Lifecycle
		want error
	}{
		{"new after active", tagging.Lifecycle{NewDays: 100}, tagging.ErrConfig},
		{"at-risk not after active", tagging.Lifecycle{ActiveDays: 180}, tagging.ErrConfig},
		{"dormant not after at-risk", tagging.Lifecycle{DormantDays: 100}, tagging.ErrConfig},
		{"negative", tagging.Lifecycle{OverdueMinOrders: -2}, tagging.ErrConfig},
		{"negative days", tagging.Lifecycle{NewDays: -2}, tagging.ErrConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tagging.Compile(tt.cfg); !errors.Is(err, tt.want) {
				t.Errorf("Compile(Lifecycle%+v) = %v, want an error wrapping %v", tt.cfg, err, tt.want)
			}
		})
	}
}
