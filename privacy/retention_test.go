package privacy_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/privacy"
)

func TestRetentionDormant(t *testing.T) {
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	cut := time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC) // 3 years before
	tests := []struct {
		name string
		r    privacy.Retention
		a    privacy.Activity
		want bool
	}{
		{"purchase just after the cutoff", privacy.Retention{}, privacy.Activity{LastPurchase: cut.Add(time.Second)}, false},
		{"purchase at the cutoff", privacy.Retention{}, privacy.Activity{LastPurchase: cut}, false},
		{"purchase just before the cutoff", privacy.Retention{}, privacy.Activity{LastPurchase: cut.Add(-time.Second)}, true},
		{"old purchase, recent interaction", privacy.Retention{},
			privacy.Activity{LastPurchase: cut.AddDate(-1, 0, 0), LastInteraction: asOf.AddDate(0, -1, 0)}, false},
		{"no activity at all", privacy.Retention{}, privacy.Activity{}, true},
		{"custom 18 months", privacy.Retention{Years: 1, Months: 6}, privacy.Activity{LastPurchase: asOf.AddDate(0, -19, 0)}, true},
		{"custom 18 months, recent", privacy.Retention{Years: 1, Months: 6}, privacy.Activity{LastPurchase: asOf.AddDate(0, -17, 0)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.Dormant(tt.a, asOf); got != tt.want {
				t.Errorf("%+v.Dormant(%+v) = %v, want %v", tt.r, tt.a, got, tt.want)
			}
		})
	}
	if got := (privacy.Retention{}).Cutoff(asOf); !got.Equal(cut) {
		t.Errorf("Cutoff = %v, want %v", got, cut)
	}
}

func TestFindDormant(t *testing.T) {
	type cust struct {
		id   string
		last time.Time
	}
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	cs := []cust{{"a", asOf.AddDate(-4, 0, 0)}, {"b", asOf.AddDate(0, -2, 0)}, {"c", time.Time{}}, {"d", asOf.AddDate(-3, 0, -1)}}
	act := func(c cust) privacy.Activity { return privacy.Activity{LastPurchase: c.last} }
	got, err := privacy.FindDormant(t.Context(), slices.Values(cs), act, asOf, privacy.Retention{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range got {
		ids = append(ids, c.id)
	}
	if diff := cmp.Diff([]string{"a", "c", "d"}, ids); diff != "" {
		t.Errorf("FindDormant mismatch (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		r    privacy.Retention
		asOf time.Time
	}{{privacy.Retention{Years: -1}, asOf}, {privacy.Retention{}, time.Time{}}} {
		if _, err := privacy.FindDormant(t.Context(), slices.Values(cs), act, tt.asOf, tt.r); !errors.Is(err, privacy.ErrConfig) {
			t.Errorf("FindDormant(%+v, %v): err = %v, want ErrConfig", tt.r, tt.asOf, err)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := privacy.FindDormant(ctx, slices.Values(cs), act, asOf, privacy.Retention{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled FindDormant: err = %v", err)
	}
}
