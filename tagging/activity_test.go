package tagging_test

import (
	"errors"
	"math"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
)

func TestActivity(t *testing.T) {
	def, err := tagging.Compile(tagging.Activity{})
	if err != nil {
		t.Fatal(err)
	}
	rate := func(r float64) *tagging.Profile {
		return person(&customer.Summary{Orders: 5, PurchasesPerMonth: r})
	}
	tests := []struct {
		name string
		p    *tagging.Profile
		want string
	}{
		{"3 a month is high", rate(3), "high"},
		{"just below 3 is mid", rate(2.99), "mid"},
		{"2 a month is mid", rate(2), "mid"},
		{"1 a month is mid", rate(1), "mid"},
		{"just below 1 is low", rate(0.99), "low"},
		{"none recent is low", rate(0), "low"},
		{"NaN: no tag", rate(math.NaN()), ""},
		{"negative: no tag", rate(-1), ""},
		{"no purchases: no tag", person(&customer.Summary{Refunds: 1}), ""},
		{"prospect: no tag", person(nil), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(one(tagging.GroupActivity, tt.want), tagsOf(t, def, tt.p)); diff != "" {
				t.Errorf("Activity mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestActivityFromOrders checks the window through customer.Summarize:
// 90 days are 90/30.4375 = 2.957 months, so 9 purchases in them are 3.04
// a month (high) and 8 are 2.71 (mid); a customer whose first purchase is
// 10 days old has a window of one month (the minimum), so 3 purchases are
// 3 a month.
func TestActivityFromOrders(t *testing.T) {
	def, _ := tagging.Compile(tagging.Activity{})
	buys := func(n, spreadDays, oldest int) []customer.Order {
		var out []customer.Order
		for i := range n {
			out = append(out, order("50", daysAgo(oldest-i*spreadDays)))
		}
		return out
	}
	tests := []struct {
		name   string
		orders []customer.Order
		want   string
	}{
		{"9 in 90 days", append(buys(9, 9, 80), order("50", daysAgo(300))), "high"},
		{"8 in 90 days", append(buys(8, 9, 80), order("50", daysAgo(300))), "mid"},
		{"3 in a new customer's first 10 days", buys(3, 4, 10), "high"},
		{"2 in 90 days", append(buys(2, 30, 80), order("50", daysAgo(300))), "low"},
		{"none in 90 days", buys(4, 10, 400), "low"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := person(ordersOf(t, tt.orders...))
			if diff := cmp.Diff(one(tagging.GroupActivity, tt.want), tagsOf(t, def, p)); diff != "" {
				t.Errorf("Activity(%v a month) mismatch (-want +got):\n%s", p.Summary.PurchasesPerMonth, diff)
			}
		})
	}
}

func TestActivityConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  tagging.Activity
		want error
	}{
		{"high below low", tagging.Activity{High: 2, Low: 4}, tagging.ErrConfig},
		{"high below default low", tagging.Activity{High: 0.5}, tagging.ErrConfig},
		{"negative", tagging.Activity{Low: -1}, tagging.ErrConfig},
		{"NaN", tagging.Activity{High: math.NaN()}, tagging.ErrConfig},
		{"infinite", tagging.Activity{High: math.Inf(1)}, tagging.ErrConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tagging.Compile(tt.cfg); !errors.Is(err, tt.want) {
				t.Errorf("Compile(Activity%+v) = %v, want an error wrapping %v", tt.cfg, err, tt.want)
			}
		})
	}
	if _, err := tagging.Compile(tagging.Activity{High: 1, Low: 1}); err != nil {
		t.Errorf("Compile(Activity{High = Low}) = %v, want nil", err)
	}
}
