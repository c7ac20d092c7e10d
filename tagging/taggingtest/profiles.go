package taggingtest

import (
	"context"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/tagging"
	"github.com/shopspring/decimal"
)

// fixtureAsOf is the as-of date of every profile in Profiles.
var fixtureAsOf = synth.DefaultAsOf

// Profiles returns the profiles the checks run on, all of which pass
// [tagging.Profile.Validate]: 120 persons and 12 companies from the
// module's deterministic sample data (seed 7), then hand-made edge cases
// (named in the IDs, "edge-..."): a prospect without a summary, a
// refund-only customer, a negative and a zero average order value, one
// too large for int64 minor units, amounts with more than four decimal
// places, a summary without categories or channels, purchases only by
// phone, a purchase dated after the as-of date, declared interests in
// mixed case and Chinese, manual tags, companies with an unknown, a
// negative and a very long decision cycle. Each call returns a fresh
// copy.
func Profiles() []tagging.Profile {
	cfg := synth.Config{People: 120, Companies: 12, Seed: 7}
	sums, _, err := customer.Summarize(context.Background(), synth.Orders(cfg), fixtureAsOf, customer.SummaryOptions{})
	if err != nil {
		panic("taggingtest: " + err.Error()) // cannot happen: the context is never cancelled
	}
	byID := make(map[customer.ID]*customer.Summary, len(sums))
	for i := range sums {
		byID[sums[i].CustomerID] = &sums[i]
	}
	var out []tagging.Profile
	people := synth.People(cfg)
	for i := range people {
		out = append(out, tagging.Profile{Person: &people[i], Summary: byID[people[i].ID], AsOf: fixtureAsOf})
	}
	companies := synth.Companies(cfg)
	for i := range companies {
		out = append(out, tagging.Profile{Company: &companies[i], Summary: byID[companies[i].ID], AsOf: fixtureAsOf})
	}
	return append(out, edgeCases()...)
}

func edgeCases() []tagging.Profile {
	day := func(daysAgo int) time.Time { return fixtureAsOf.AddDate(0, 0, -daysAgo) }
	d := decimal.RequireFromString
	person := func(id string, interests ...string) *customer.Person {
		return &customer.Person{ID: customer.ID(id), Name: "测试", Interests: interests}
	}
	sum := func(id string, s customer.Summary) *customer.Summary {
		s.CustomerID = customer.ID(id)
		s.AsOf = fixtureAsOf
		return &s
	}
	cat := func(name, spend string, orders int) customer.CategoryStat {
		return customer.CategoryStat{Category: name, Orders: orders, Spend: d(spend)}
	}
	ch := func(c customer.Channel, n int, spend string) customer.ChannelStat {
		return customer.ChannelStat{Channel: c, Orders: n, Spend: d(spend)}
	}
	return []tagging.Profile{
		{Person: person("edge-prospect", "eco materials"), AsOf: fixtureAsOf},
		{Person: person("edge-refund-only"), AsOf: fixtureAsOf, Summary: sum("edge-refund-only", customer.Summary{
			Refunds: 2, Refunded: d("120"), Net: d("-120"),
			Categories: []customer.CategoryStat{cat("apparel", "-120", 0)},
			Channels:   []customer.ChannelStat{ch(customer.ChannelOnline, 0, "-120")},
		})},
		{Person: person("edge-negative-aov"), AsOf: fixtureAsOf, Summary: sum("edge-negative-aov", customer.Summary{
			Orders: 1, Refunds: 2, Gross: d("50"), Refunded: d("300"), Net: d("-250"), AvgOrderValue: d("-250"),
			First: day(40), Last: day(40), RecentOrders: 1, PurchasesPerMonth: 1, Online: 1,
			Categories: []customer.CategoryStat{cat("luxury", "-250", 1)},
			Channels:   []customer.ChannelStat{ch(customer.ChannelApp, 1, "-250")},
		})},
		{Person: person("edge-free-order"), AsOf: fixtureAsOf, Summary: sum("edge-free-order", customer.Summary{
			Orders: 1, First: day(3), Last: day(3), RecentOrders: 1, PurchasesPerMonth: 1, Offline: 1, Discounted: 1,
			Categories: []customer.CategoryStat{cat("grocery", "0", 1)},
			Channels:   []customer.ChannelStat{ch(customer.ChannelOffline, 1, "0")},
		})},
		{Person: person("edge-huge-aov", "Tech Gadgets"), AsOf: fixtureAsOf, Summary: sum("edge-huge-aov", customer.Summary{
			Orders: 2, Gross: d("2e30"), Net: d("2e30"), AvgOrderValue: d("1e30"),
			First: day(400), Last: day(200), PurchasesPerMonth: 0, Online: 1, Offline: 1,
			Categories: []customer.CategoryStat{cat("luxury", "1.5e30", 1), cat("electronics", "0.5e30", 1)},
			Channels:   []customer.ChannelStat{ch(customer.ChannelOnline, 1, "1.5e30"), ch(customer.ChannelOffline, 1, "0.5e30")},
		})},
		{Person: person("edge-fine-amounts"), AsOf: fixtureAsOf, Summary: sum("edge-fine-amounts", customer.Summary{
			Orders: 3, Discounted: 3, Gross: d("300.00003"), Net: d("300.00003"), AvgOrderValue: d("100.00001"),
			First: day(100), Last: day(10), RecentOrders: 3, PurchasesPerMonth: 3 / 2.957, Online: 3,
			Categories: []customer.CategoryStat{cat("beauty", "200.00002", 2), cat("books", "100.00001", 1)},
			Channels:   []customer.ChannelStat{ch(customer.ChannelMiniProgram, 3, "300.00003")},
		})},
		{Person: person("edge-no-stats"), AsOf: fixtureAsOf, Summary: sum("edge-no-stats", customer.Summary{
			Orders: 5, Gross: d("500"), Net: d("500"), AvgOrderValue: d("100"),
			First: day(700), Last: day(500),
		})},
		{Person: person("edge-phone-only", "after-sales service", "环保材料"), AsOf: fixtureAsOf, Summary: sum("edge-phone-only", customer.Summary{
			Orders: 4, Gross: d("2000"), Net: d("2000"), AvgOrderValue: d("500"),
			First: day(300), Last: day(100), RecentOrders: 0,
			Categories: []customer.CategoryStat{cat("", "1200", 2), cat("appliances", "800", 2)},
			Channels:   []customer.ChannelStat{ch(customer.ChannelPhone, 3, "1500"), ch(customer.ChannelPartner, 1, "500")},
		})},
		{Person: person("edge-future-last"), Summary: &customer.Summary{
			CustomerID: "edge-future-last", Orders: 2, Gross: d("80"), Net: d("80"), AvgOrderValue: d("40"),
			First: day(20), Last: fixtureAsOf.Add(36 * time.Hour), RecentOrders: 2, PurchasesPerMonth: 2, Online: 2,
		}, AsOf: fixtureAsOf},
		{Person: person("edge-manual", "ECO materials", "Fitness"), AsOf: fixtureAsOf, Manual: []tagging.Assignment{
			{Tag: tagging.Tag{Group: "spend", Value: "high"}, Source: "sales:zhang", AsOf: day(30)},
			{Tag: tagging.Tag{Group: "need", Value: "gift-wrapping"}, Source: "service-note", AsOf: day(5)},
		}},
		{Company: &customer.Company{ID: "edge-company-unknown-cycle", Name: "测试有限公司"}, AsOf: fixtureAsOf},
		{Company: &customer.Company{ID: "edge-company-negative-cycle", DecisionCycleDays: -30}, AsOf: fixtureAsOf},
		{Company: &customer.Company{ID: "edge-company-long-cycle", DecisionCycleDays: 10_000}, AsOf: fixtureAsOf, Summary: sum("edge-company-long-cycle", customer.Summary{
			Orders: 1, Gross: d("90000"), Net: d("90000"), AvgOrderValue: d("90000"),
			First: day(1000), Last: day(1000), Offline: 1,
			Categories: []customer.CategoryStat{cat("consulting", "90000", 1)},
			Channels:   []customer.ChannelStat{ch(customer.ChannelOffline, 1, "90000")},
		})},
	}
}
