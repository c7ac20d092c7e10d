package segment_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/clientele-go/clientele/cluster"
	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/tagging"
	"github.com/shopspring/decimal"
)

// exampleAsOf is the fixed as-of date of the examples.
var exampleAsOf = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)

// shopper returns a person member born in the given year, living in
// city, with purchases purchases of aov yuan each, online of them
// online.
func shopper(id customer.ID, born int, city string, purchases, online int, aov string) segment.Member {
	p := &customer.Person{ID: id, BirthDate: time.Date(born, 3, 1, 0, 0, 0, 0, time.UTC), City: city}
	s := &customer.Summary{
		CustomerID: id, AsOf: exampleAsOf, Orders: purchases, Online: online, Offline: purchases - online,
		AvgOrderValue: decimal.RequireFromString(aov),
		Net:           decimal.RequireFromString(aov).Mul(decimal.NewFromInt(int64(purchases))),
	}
	return segment.Member{Profile: tagging.Profile{Person: p, Summary: s, AsOf: exampleAsOf}}
}

func ExampleParseCondition() {
	c, err := segment.ParseCondition("online_share>=60%")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c, c.Dimensions())
	_, err = segment.ParseCondition("tier in 一线, 七线")
	fmt.Println(err)
	// Output:
	// online_share >= 0.6 [behaviour]
	// segment: condition "tier in 一线, 七线": unknown tier "七线"
}

func ExampleTable_Compile() {
	table := segment.Table{
		Rules: []segment.Rule{
			{Segment: segment.Segment{ID: "young-online"}, When: []string{"age between 18 and 30", "online_share >= 0.6"}},
			{Segment: segment.Segment{ID: "big-city"}, When: []string{"tier in 一线, 新一线"}},
		},
		CatchAll: segment.Segment{ID: "other"},
	}
	rs, err := table.Compile()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range []segment.Member{
		shopper("P1", 2000, "杭州市", 5, 4, "320"), // 26, mostly online, 新一线
		shopper("P2", 1980, "上海", 2, 0, "150"),  // 46, 一线
		shopper("P3", 1990, "潍坊", 1, 1, "90"),   // 36, 二线
	} {
		fmt.Println(m.ID(), rs.Assign(&m, nil))
	}
	// With Multi, P1 is in both segments its rules match.
	table.Multi = true
	rs, _ = table.Compile()
	m := shopper("P1", 2000, "杭州市", 5, 4, "320")
	fmt.Println(m.ID(), rs.Assign(&m, nil))
	// Output:
	// P1 [young-online]
	// P2 [big-city]
	// P3 [other]
	// P1 [young-online big-city]
}

func ExampleRun() {
	members := []segment.Member{
		shopper("P1", 2000, "杭州市", 5, 4, "320"),
		shopper("P2", 1998, "成都", 3, 3, "180"),
		shopper("P3", 1980, "上海", 2, 0, "150"),
		shopper("P4", 1975, "火星", 1, 0, "90"), // a city the ranking does not know
	}
	rs, err := segment.Table{
		Rules:    []segment.Rule{{Segment: segment.Segment{ID: "young-online", Name: "年轻线上"}, When: []string{"age < 30", "online_share >= 0.6"}}},
		CatchAll: segment.Segment{ID: "other", Name: "其他"},
	}.Compile()
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := segment.Run(context.Background(), members, rs, segment.Options{MinShare: 0.3})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Portraits {
		fmt.Printf("%s: %d members (%.0f%%), AOV mean %s median %s, purchases mean %.1f, tiers %v\n",
			p.Segment.DisplayName(), p.Size, 100*p.Share, p.AOV.Mean, p.AOV.Median, p.Frequency.Mean, p.Tiers)
	}
	fmt.Println("cities outside the ranking:", res.UnknownCities)
	// Output:
	// 年轻线上: 2 members (50%), AOV mean 250 median 250, purchases mean 4.0, tiers [{新一线 2 1}]
	// 其他: 2 members (50%), AOV mean 120 median 120, purchases mean 1.5, tiers [{一线 1 0.5} {未知 1 0.5}]
	// cities outside the ranking: 1
}

func ExampleResult_WriteMarkdown() {
	members := []segment.Member{
		shopper("P1", 2000, "杭州市", 5, 4, "320"),
		shopper("P2", 1980, "上海", 2, 0, "150"),
	}
	rs, _ := segment.Table{
		Rules: []segment.Rule{{
			Segment: segment.Segment{ID: "young", Strategy: segment.Strategy{Marketing: "social content"}},
			When:    []string{"age < 30"},
		}},
	}.Compile()
	res, _ := segment.Run(context.Background(), members, rs, segment.Options{MinShare: -1})
	res.WriteMarkdown(os.Stdout)
	// Output:
	// 2 members: 2 segmented, 0 invalid, 1 in no segment; cities outside the ranking: 0; persons without a birth date: 0
	//
	// | segment | size | share | ages (sizes of companies) | tiers         | AOV mean | AOV median | purchases mean | purchases median | top tags | top categories | channels |
	// |---------|-----:|------:|---------------------------|---------------|---------:|-----------:|---------------:|-----------------:|----------|----------------|----------|
	// | young   |    1 | 50.0% | 25-29 100.0%              | 新一线 100.0% |   320.00 |     320.00 |            5.0 |              5.0 |          |                |          |
	//
	// | segment | product | marketing      | service |
	// |---------|---------|----------------|---------|
	// | young   |         | social content |         |
	//
	// Warnings:
	//
	// - unassigned: 1 members (50.0%) are in no segment; add a catch-all or review the rules
}

func ExamplePersonas() {
	for _, r := range segment.Personas().Rules {
		fmt.Printf("%s (%s): %s\n", r.Segment.Name, r.Segment.ID, strings.Join(r.When, "; "))
	}
	// Output:
	// 年轻品质族 (young-quality-seekers): age between 18 and 30; tier in 一线, 新一线, 二线; online_share >= 0.6; aov >= 200
	// 家庭务实族 (family-pragmatists): age between 35 and 50; tier in 二线, 三线; discount_share >= 0.3; offline_share >= 0.5; aov between 100 and 500
	// 行业领军企业 (industry-leaders): industry in 工业, 软件和信息技术服务业, 信息传输业; employees >= 5000; decision_cycle >= 90
	// 成长型中小企业 (smb-growth-companies): industry in 零售业, 批发业, 住宿业, 餐饮业, 租赁和商务服务业, 物业管理; employees between 50 and 500; decision_cycle <= 30; tag = need=price-sensitive
}

func ExampleNewRFM() {
	s, err := segment.NewRFM(rfm.ValueSegments())
	if err != nil {
		fmt.Println(err)
		return
	}
	m := shopper("P1", 2000, "杭州", 5, 4, "320")
	m.RFM = &rfm.Scores{R: 2, F: 2, M: 2} // MeanSplit: above the mean on all three
	fmt.Println(s.Assign(&m, nil), s.Segments()[0].DisplayName())
	// Output: [Important value] 重要价值客户
}

func ExampleNewClusters() {
	// A model fitted on standardised AOV (mean 200, sd 100) with two
	// clusters: below and above average spenders.
	s, err := segment.NewClusters(segment.ClusterConfig{
		Model:  &cluster.Model{Centroids: [][]float64{{-1}, {1}}},
		Scaler: &cluster.Standardize{Mean: []float64{200}, Scale: []float64{100}},
		Features: func(m *segment.Member, dst []float64) ([]float64, bool) {
			if m.Summary == nil || m.Summary.Orders == 0 {
				return dst, false
			}
			return append(dst, m.Summary.AvgOrderValue.InexactFloat64()), true
		},
		Segments: []segment.Segment{{ID: "budget"}, {ID: "premium"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range []segment.Member{shopper("P1", 2000, "杭州", 5, 4, "320"), shopper("P2", 1980, "上海", 2, 0, "150")} {
		fmt.Println(m.ID(), s.Assign(&m, nil))
	}
	// Output:
	// P1 [premium]
	// P2 [budget]
}

func ExampleCompare() {
	run := func(members ...segment.Member) segment.Period {
		rs, _ := segment.Table{
			Rules:    []segment.Rule{{Segment: segment.Segment{ID: "online"}, When: []string{"online_share >= 0.5"}}},
			CatchAll: segment.Segment{ID: "offline"},
		}.Compile()
		res, _ := segment.Run(context.Background(), members, rs, segment.Options{})
		return segment.Period{Members: members, Result: res}
	}
	// Q1 and Q2 summaries of the same two customers.
	q1 := run(shopper("P1", 2000, "杭州", 2, 2, "100"), shopper("P2", 1980, "上海", 1, 0, "300"))
	q2 := run(shopper("P1", 2000, "杭州", 3, 1, "120"), shopper("P2", 1980, "上海", 1, 0, "280"))
	rev, err := segment.Compare(q1, q2, segment.ReviewOptions{Costs: map[string]decimal.Decimal{"online": decimal.NewFromInt(90)}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range rev.Segments {
		fmt.Printf("%s: conversion %.0f%%, repurchase %.0f%%, AOV %s -> %s (%s), revenue %s, ROI %s\n",
			s.Segment.ID, 100*s.ConversionRate, 100*s.RepurchaseRate, s.AOVBefore, s.AOVAfter, s.AOVChange, s.Revenue, s.ROI)
	}
	fmt.Printf("stability %.0f%%, P1 moved online -> offline: %d\n", 100*rev.Migration.Stability, rev.Migration.Counts[0][1])
	// Output:
	// online: conversion 100%, repurchase 100%, AOV 100 -> 120 (20), revenue 360, ROI 3
	// offline: conversion 100%, repurchase 100%, AOV 300 -> 280 (-20), revenue 280, ROI 0
	// stability 50%, P1 moved online -> offline: 1
}
