package tagging_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
	"github.com/shopspring/decimal"
)

// exampleProfiles returns three persons and a company with their order
// summaries as of 30 June 2026.
func exampleProfiles() []tagging.Profile {
	asOf := time.Date(2026, 6, 30, 23, 59, 59, 0, time.UTC)
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 10, 0, 0, 0, time.UTC) }
	buy := func(id customer.ID, amount string, at time.Time, ch customer.Channel, cat string, discounted bool) customer.Order {
		return customer.Order{CustomerID: id, Amount: decimal.RequireFromString(amount), At: at, Channel: ch, Category: cat, Discounted: discounted}
	}
	orders := []customer.Order{
		buy("P1", "880", day(5, 2), customer.ChannelApp, "beauty", false),
		buy("P1", "640", day(5, 30), customer.ChannelApp, "beauty", false),
		buy("P1", "1200", day(6, 12), customer.ChannelOnline, "electronics", false),
		buy("P1", "560", day(6, 25), customer.ChannelApp, "beauty", false),
		buy("P2", "45", day(1, 8), customer.ChannelOffline, "grocery", true),
		buy("P2", "60", day(1, 20), customer.ChannelOffline, "grocery", true),
		buy("P2", "38", day(2, 3), customer.ChannelOffline, "grocery", true),
		buy("C1", "30000", day(3, 15), customer.ChannelPartner, "software", false),
	}
	sums, _, _ := customer.Summarize(context.Background(), slices.Values(orders), asOf, customer.SummaryOptions{})
	byID := map[customer.ID]*customer.Summary{}
	for i := range sums {
		byID[sums[i].CustomerID] = &sums[i]
	}
	return []tagging.Profile{
		{Person: &customer.Person{ID: "P1", Interests: []string{"after-sales service"}}, Summary: byID["P1"], AsOf: asOf},
		{Person: &customer.Person{ID: "P2"}, Summary: byID["P2"], AsOf: asOf},
		{Person: &customer.Person{ID: "P3", Interests: []string{"Eco materials"}}, AsOf: asOf}, // no orders yet
		{Company: &customer.Company{ID: "C1", DecisionCycleDays: 120}, Summary: byID["C1"], AsOf: asOf},
	}
}

func ExampleApply() {
	taggers, err := tagging.Builtin(tagging.BuiltinConfig{
		Needs: tagging.Needs{Keywords: []tagging.Keyword{
			{Match: "eco", Value: "eco-friendly"},
			{Match: "after-sales", Value: "service"},
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	profiles := exampleProfiles()
	opts := tagging.Options{Workers: 2, Total: len(profiles)}
	for r, err := range tagging.Apply(context.Background(), slices.Values(profiles), taggers, opts) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(r.ID, r.Tags)
	}
	// Output:
	// P1 activity=mid category=beauty,electronics channel=online lifecycle=active loyalty=loyal need=service spend=high
	// P2 activity=low category=grocery channel=offline lifecycle=at-risk loyalty=repeat need=price-sensitive spend=low
	// P3 lifecycle=prospect need=eco-friendly
	// C1 activity=low category=software decision-cycle=long lifecycle=at-risk loyalty=one-time spend=high
}

func ExampleStats() {
	taggers, _ := tagging.Builtin(tagging.BuiltinConfig{})
	pl, _ := tagging.NewPipeline(taggers, tagging.Options{})
	// The pipeline's groups give the report order (high, mid, low).
	stats := tagging.Stats{Groups: pl.Groups(), Cross: []tagging.Pair{{Row: tagging.GroupSpend, Col: tagging.GroupLifecycle}}}
	for r, err := range tagging.Apply(context.Background(), slices.Values(exampleProfiles()), taggers, tagging.Options{}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		stats.Add(r)
	}
	for _, c := range stats.Shares(tagging.GroupSpend) {
		v := c.Tag.Value
		if v == "" {
			v = "no spend tag"
		}
		fmt.Printf("%s: %d (%.0f%%)\n", v, c.Profiles, 100*c.Share)
	}
	tab, _ := stats.CrossTab(tagging.GroupSpend, tagging.GroupLifecycle)
	fmt.Print(tab)
	// Output:
	// high: 2 (50%)
	// mid: 0 (0%)
	// low: 1 (25%)
	// no spend tag: 1 (25%)
	// spend \ lifecycle  prospect  new  active  at-risk  dormant  churned  total
	// high                      0    0       1        1        0        0      2
	// mid                       0    0       0        0        0        0      0
	// low                       0    0       0        1        0        0      1
	// (none)                    1    0       0        0        0        0      1
	// total                     1    0       1        2        0        0      4
}

func ExampleSpend() {
	spend := tagging.Spend{High: decimal.NewFromInt(1000)} // Low stays 100
	for _, p := range exampleProfiles() {
		tags, _ := spend.Tag(&p, nil)
		fmt.Println(p.ID(), tags)
	}
	bad := tagging.Spend{High: decimal.NewFromInt(100), Low: decimal.NewFromInt(300)}
	_, err := tagging.NewPipeline([]tagging.Tagger{bad}, tagging.Options{})
	fmt.Println(errors.Is(err, tagging.ErrConfig))
	fmt.Println(err)
	// Output:
	// P1 [spend=mid]
	// P2 [spend=low]
	// P3 []
	// C1 [spend=high]
	// true
	// tagging: tagger[0]: invalid configuration: Spend: High 100 is below Low 300
}

func ExampleConditional() {
	vip := tagging.Conditional{
		Title:    "vip",
		Requires: []tagging.Tag{{Group: tagging.GroupSpend, Value: "high"}, {Group: tagging.GroupLoyalty, Value: "loyal"}},
		Then:     tagging.Tag{Group: "tier", Value: "vip"},
	}
	taggers, _ := tagging.Builtin(tagging.BuiltinConfig{})
	pl, err := tagging.NewPipeline(append(taggers, vip), tagging.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range exampleProfiles() {
		r, _ := pl.Run(&p)
		tier, _ := r.Tags.Value("tier")
		fmt.Printf("%s %q\n", r.ID, tier)
	}
	// Output:
	// P1 "vip"
	// P2 ""
	// P3 ""
	// C1 ""
}

func ExampleThresholds() {
	basket := tagging.Thresholds{
		Group: "basket",
		Measure: func(p *tagging.Profile) (float64, bool) {
			if p.Summary == nil || p.Summary.Orders == 0 {
				return 0, false
			}
			return float64(len(p.Summary.Categories)), true
		},
		Bands: []tagging.Band{{Min: 2, Value: "broad"}, {Min: 1, Value: "narrow"}},
	}
	for _, p := range exampleProfiles() {
		tags, _ := basket.Tag(&p, nil)
		fmt.Println(p.ID(), tags)
	}
	// Output:
	// P1 [basket=broad]
	// P2 [basket=narrow]
	// P3 []
	// C1 [basket=narrow]
}

// A later rule overrides a built-in tag; the Result reports the conflict.
func ExamplePipeline_Run() {
	spend := tagging.Spend{}
	override := tagging.Conditional{
		Title: "key account",
		When:  func(p *tagging.Profile) bool { return p.IsCompany() },
		Then:  tagging.Tag{Group: tagging.GroupSpend, Value: "key-account"},
	}
	pl, _ := tagging.NewPipeline([]tagging.Tagger{spend, override}, tagging.Options{})
	p := exampleProfiles()[3]
	r, _ := pl.Run(&p)
	fmt.Println(r.Tags)
	for _, c := range r.Conflicts {
		fmt.Printf("%s: kept %s from %q, dropped %v\n", c.Group, c.Kept.Value, c.Kept.Source, c.Dropped)
	}
	// Output:
	// spend=key-account
	// spend: kept key-account from "key account", dropped [{high spend}]
}

// Manual tags stay apart from the computed ones; Merged lays them over.
func ExampleResult_Merged() {
	taggers, _ := tagging.Builtin(tagging.BuiltinConfig{})
	pl, _ := tagging.NewPipeline(taggers, tagging.Options{Groups: []tagging.Group{{Name: "vip"}}})
	p := exampleProfiles()[1]
	p.Manual = []tagging.Assignment{
		{Tag: tagging.Tag{Group: tagging.GroupSpend, Value: "high"}, Source: "sales:zhang", AsOf: p.AsOf.AddDate(0, -1, 0)},
		{Tag: tagging.Tag{Group: "vip", Value: "gold"}, Source: "sales:zhang", AsOf: p.AsOf.AddDate(0, -1, 0)},
	}
	r, err := pl.Run(&p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("computed:", r.Tags.Group(tagging.GroupSpend))
	fmt.Println("manual:  ", r.Manual[0].Tag, "by", r.Manual[0].Source)
	fmt.Println("merged:  ", r.Merged().Group(tagging.GroupSpend), r.Merged().Group("vip"))
	// Output:
	// computed: spend=low
	// manual:   spend=high by sales:zhang
	// merged:   spend=high vip=gold
}

func ExampleAOVQuantile() {
	var sums []customer.Summary
	for _, aov := range []string{"80", "120", "150", "260", "300", "420", "610", "900", "1500", "4800"} {
		sums = append(sums, customer.Summary{Orders: 1, AvgOrderValue: decimal.RequireFromString(aov)})
	}
	top, err := tagging.AOVQuantile(slices.Values(sums), 0.9)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(top) // h = 9 × 0.9 = 8.1: 1500 + 0.1 × (4800 − 1500)
	needs := tagging.Needs{PremiumAOV: top}
	for _, i := range []int{8, 9} {
		tags, _ := needs.Tag(&tagging.Profile{Person: &customer.Person{ID: "P"}, Summary: &sums[i]}, nil)
		fmt.Println(sums[i].AvgOrderValue, tags)
	}
	// Output:
	// 1830
	// 1500 []
	// 4800 [need=quality]
}

// Profiles joins customers with their summaries by customer ID; a
// customer without orders gets no summary and is tagged as a prospect.
func ExampleProfiles() {
	asOf := time.Date(2026, 6, 30, 23, 59, 59, 0, time.UTC)
	people := []customer.Person{{ID: "P1"}, {ID: "P2"}}
	orders := []customer.Order{{CustomerID: "P1", Amount: decimal.NewFromInt(880), At: asOf.AddDate(0, 0, -3)}}
	sums, _, err := customer.Summarize(context.Background(), slices.Values(orders), asOf, customer.SummaryOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	taggers, _ := tagging.Builtin(tagging.BuiltinConfig{})
	for r, err := range tagging.Apply(context.Background(), tagging.Profiles(people, sums, asOf), taggers, tagging.Options{}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(r.ID, r.Tags)
	}
	// Output:
	// P1 activity=mid lifecycle=new loyalty=one-time spend=high
	// P2 lifecycle=prospect
}
