package tagging_test

import (
	"errors"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestNeeds(t *testing.T) {
	needs, err := tagging.Compile(tagging.Needs{
		PremiumCategories: []string{"luxury"},
		PremiumAOV:        dec("1000"),
		Keywords: []tagging.Keyword{
			{Match: "eco", Value: "eco-friendly"},
			{Match: " 环保 ", Value: "eco-friendly"},
			{Match: "After-Sales", Value: "service"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	cats := func(spend ...string) []customer.CategoryStat {
		var out []customer.CategoryStat
		for i := 0; i < len(spend); i += 2 {
			out = append(out, customer.CategoryStat{Category: spend[i], Spend: dec(spend[i+1])})
		}
		return out
	}
	buyer := func(orders, discounted int, aov string, c []customer.CategoryStat) *customer.Summary {
		return &customer.Summary{Orders: orders, Discounted: discounted, AvgOrderValue: dec(aov), Categories: c}
	}
	const ps, q = "price-sensitive", "quality"
	tests := []struct {
		name string
		p    *tagging.Profile
		want []string
	}{
		{"2 of 3 discounted", person(buyer(3, 2, "50", nil)), []string{ps}},
		{"half discounted is not above half", person(buyer(4, 2, "50", nil)), nil},
		{"all discounted but too few orders", person(buyer(2, 2, "50", nil)), nil},
		{"premium share 0.6", person(buyer(2, 0, "500", cats("luxury", "600", "grocery", "400"))), []string{q}},
		{"premium share exactly half", person(buyer(2, 0, "500", cats("luxury", "500", "grocery", "500"))), []string{q}},
		{"premium share 0.4", person(buyer(2, 0, "500", cats("grocery", "600", "luxury", "400"))), nil},
		{"premium refunded", person(buyer(2, 0, "25", cats("grocery", "50", "luxury", "-100"))), nil},
		{"premium AOV reached", person(buyer(1, 0, "1000", nil)), []string{q}},
		{"premium AOV missed", person(buyer(1, 0, "999.99", nil)), nil},
		{"both rules", person(buyer(5, 5, "2000", cats("luxury", "10000"))), []string{ps, q}},
		{"keyword, any case", person(nil, "Eco Materials"), []string{"eco-friendly"}},
		{"keyword in Chinese", person(nil, "环保材料"), []string{"eco-friendly"}},
		{"two keywords, one value", person(nil, "eco", "环保"), []string{"eco-friendly"}},
		{"two values", person(nil, "after-sales service", "reading", "eco"), []string{"eco-friendly", "service"}},
		{"no keyword", person(nil, "reading", "tea"), nil},
		{"prospect without interests", person(nil), nil},
		{"company: no interests", &tagging.Profile{Company: &customer.Company{ID: "C1"}, Summary: buyer(3, 3, "90000", nil), AsOf: testAsOf}, []string{ps, q}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []tagging.Tag
			for _, v := range tt.want {
				want = append(want, tg(tagging.GroupNeed, v))
			}
			if diff := cmp.Diff(want, tagsOf(t, needs, tt.p), sortTags, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Needs mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestNeedsDefaults checks that the zero config runs only the
// price-sensitive rule, and an empty keyword table gives no feature tags.
func TestNeedsDefaults(t *testing.T) {
	needs, err := tagging.Compile(tagging.Needs{Keywords: []tagging.Keyword{}})
	if err != nil {
		t.Fatal(err)
	}
	p := person(&customer.Summary{Orders: 4, Discounted: 3, AvgOrderValue: dec("1e9"),
		Categories: []customer.CategoryStat{{Category: "luxury", Spend: dec("4e9")}}}, "eco materials")
	if diff := cmp.Diff(one(tagging.GroupNeed, "price-sensitive"), tagsOf(t, needs, p)); diff != "" {
		t.Errorf("Needs mismatch (-want +got):\n%s", diff)
	}
	off, _ := tagging.Compile(tagging.Needs{DiscountShare: 1})
	if got := tagsOf(t, off, p); len(got) != 0 {
		t.Errorf("Needs(DiscountShare 1) = %v, want none", got)
	}
}

func TestNeedsConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  tagging.Needs
	}{
		{"share above 1", tagging.Needs{DiscountShare: 1.5}},
		{"negative premium share", tagging.Needs{PremiumShare: -0.1}},
		{"negative min orders", tagging.Needs{MinOrders: -1}},
		{"negative premium AOV", tagging.Needs{PremiumAOV: dec("-1")}},
		{"empty match", tagging.Needs{Keywords: []tagging.Keyword{{Match: " ", Value: "x"}}}},
		{"empty value", tagging.Needs{Keywords: []tagging.Keyword{{Match: "eco"}}}},
		{"bad UTF-8", tagging.Needs{Keywords: []tagging.Keyword{{Match: "\xff", Value: "x"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tagging.Compile(tt.cfg); !errors.Is(err, tagging.ErrConfig) {
				t.Errorf("Compile(Needs%+v) = %v, want an error wrapping ErrConfig", tt.cfg, err)
			}
		})
	}
}

// TestNeedsManyPremium uses more premium categories than the linear
// search handles, so that the map lookup is exercised too.
func TestNeedsManyPremium(t *testing.T) {
	needs, err := tagging.Compile(tagging.Needs{PremiumCategories: []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "luxury"}})
	if err != nil {
		t.Fatal(err)
	}
	p := person(&customer.Summary{Orders: 1, AvgOrderValue: dec("10"),
		Categories: []customer.CategoryStat{{Category: "luxury", Spend: dec("8")}, {Category: "x", Spend: dec("2")}}})
	if diff := cmp.Diff(one(tagging.GroupNeed, "quality"), tagsOf(t, needs, p)); diff != "" {
		t.Errorf("Needs mismatch (-want +got):\n%s", diff)
	}
}
