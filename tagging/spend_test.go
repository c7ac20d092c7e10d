package tagging_test

import (
	"errors"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
)

func TestSpend(t *testing.T) {
	def, err := tagging.Compile(tagging.Spend{})
	if err != nil {
		t.Fatal(err)
	}
	aov := func(orders int, v string) *tagging.Profile {
		return person(&customer.Summary{Orders: orders, AvgOrderValue: dec(v)})
	}
	tests := []struct {
		name string
		p    *tagging.Profile
		want string
	}{
		{"just above high", aov(3, "500.01"), "high"},
		{"at high is mid", aov(3, "500"), "mid"},
		{"at low is mid", aov(3, "100"), "mid"},
		{"just below low", aov(3, "99.99"), "low"},
		{"five decimals above", aov(1, "500.00001"), "high"},
		{"five decimals below", aov(1, "99.99999"), "low"},
		{"beyond int64 units", aov(1, "1e30"), "high"},
		{"small positive", aov(1, "0.01"), "low"},
		{"zero AOV: no tag", aov(1, "0"), ""},
		{"negative AOV: no tag", aov(1, "-250"), ""},
		{"refunds only: no tag", person(&customer.Summary{Refunds: 2, Net: dec("-80")}), ""},
		{"prospect: no tag", person(nil), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(one(tagging.GroupSpend, tt.want), tagsOf(t, def, tt.p)); diff != "" {
				t.Errorf("Spend mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSpendFromOrders goes through customer.Summarize, so that the
// tagger is checked on AOVs as the library computes them.
func TestSpendFromOrders(t *testing.T) {
	def, _ := tagging.Compile(tagging.Spend{})
	tests := []struct {
		name   string
		orders []customer.Order
		want   string
	}{
		// (100+200)/2 = 150
		{"mid", []customer.Order{order("100", daysAgo(9)), order("200", daysAgo(3))}, "mid"},
		// (300+900)/2 = 600
		{"high", []customer.Order{order("300", daysAgo(9)), order("900", daysAgo(3))}, "high"},
		// (120-100)/1 = 20
		{"refund lowers AOV", []customer.Order{order("120", daysAgo(9)), order("-100", daysAgo(3))}, "low"},
		// (100-300)/1 < 0
		{"refunds exceed purchases", []customer.Order{order("100", daysAgo(9)), order("-300", daysAgo(3))}, ""},
		// (100+100+100.01)/3 = 100.0033 -> 100.00
		{"rounded to fen", []customer.Order{order("100", daysAgo(9)), order("100", daysAgo(5)), order("100.01", daysAgo(3))}, "mid"},
		// (99.99+99.99+100)/3 = 99.9933 -> 99.99
		{"rounded down to low", []customer.Order{order("99.99", daysAgo(9)), order("99.99", daysAgo(5)), order("100", daysAgo(3))}, "low"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := person(ordersOf(t, tt.orders...))
			if diff := cmp.Diff(one(tagging.GroupSpend, tt.want), tagsOf(t, def, p)); diff != "" {
				t.Errorf("Spend(AOV %s) mismatch (-want +got):\n%s", p.Summary.AvgOrderValue, diff)
			}
		})
	}
}

func TestSpendConfig(t *testing.T) {
	equal, err := tagging.Compile(tagging.Spend{High: dec("200"), Low: dec("200.00"), Group: "客单价"})
	if err != nil {
		t.Fatalf("Compile(Spend{High = Low}) = %v, want nil", err)
	}
	for aov, want := range map[string]string{"200": "mid", "200.01": "high", "199.99": "low"} {
		p := person(&customer.Summary{Orders: 1, AvgOrderValue: dec(aov)})
		if diff := cmp.Diff(one("客单价", want), tagsOf(t, equal, p)); diff != "" {
			t.Errorf("Spend(200, 200) at AOV %s mismatch (-want +got):\n%s", aov, diff)
		}
	}
	tests := []struct {
		name string
		cfg  tagging.Spend
		want error
	}{
		{"high below low", tagging.Spend{High: dec("100"), Low: dec("500")}, tagging.ErrConfig},
		{"high below default low", tagging.Spend{High: dec("50")}, tagging.ErrConfig},
		{"low above default high", tagging.Spend{Low: dec("800")}, tagging.ErrConfig},
		{"negative low", tagging.Spend{Low: dec("-1")}, tagging.ErrConfig},
		{"negative high", tagging.Spend{High: dec("-1"), Low: dec("-2")}, tagging.ErrConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tagging.Compile(tt.cfg)
			if !errors.Is(err, tt.want) {
				t.Errorf("Compile(Spend%+v) = %v, want an error wrapping %v", tt.cfg, err, tt.want)
			}
		})
	}
}
