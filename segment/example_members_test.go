package segment_test

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/tagging"
	"github.com/shopspring/decimal"
)

// From orders to segments: summarise the orders, score and tag the
// customers, join everything by customer ID and segment.
func ExampleMembers() {
	ctx := context.Background()
	asOf := time.Date(2026, 6, 30, 23, 59, 59, 0, time.UTC)
	people := []customer.Person{{ID: "P1", City: "杭州"}, {ID: "P2", City: "潍坊"}, {ID: "P3", City: "成都"}}
	buy := func(id customer.ID, amount string, day int) customer.Order {
		return customer.Order{CustomerID: id, Amount: decimal.RequireFromString(amount), At: asOf.AddDate(0, 0, -day)}
	}
	orders := []customer.Order{buy("P1", "880", 40), buy("P1", "640", 9), buy("P2", "45", 60), buy("P2", "60", 20), buy("P9", "300", 5)}

	sums, _, err := customer.Summarize(ctx, slices.Values(orders), asOf, customer.SummaryOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	values, _, err := rfm.Compute(ctx, slices.Values(orders), asOf, rfm.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	scores, err := rfm.MeanSplit{}.Score(values) // each score carries its CustomerID
	if err != nil {
		fmt.Println(err)
		return
	}
	taggers, _ := tagging.Builtin(tagging.BuiltinConfig{})
	var tags []tagging.Result
	for r, err := range tagging.Apply(ctx, tagging.Profiles(people, sums, asOf), taggers, tagging.Options{}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		tags = append(tags, r)
	}
	members, unmatched, err := segment.Members{AsOf: asOf, People: people, Summaries: sums, Scores: scores, Tags: tags}.Join()
	if err != nil {
		fmt.Println(err)
		return
	}
	rs, _ := segment.Table{
		Rules: []segment.Rule{
			{Segment: segment.Segment{ID: "big-spenders"}, When: []string{"tag = spend=high"}},
			{Segment: segment.Segment{ID: "lapsing"}, When: []string{"r = 1"}}, // bought less recently than average
			{Segment: segment.Segment{ID: "regulars"}, When: []string{"orders >= 2"}},
		},
		CatchAll: segment.Segment{ID: "prospects"},
	}.Compile()
	res, err := segment.Run(ctx, members, rs, segment.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, m := range members {
		k, _ := res.Primary(i)
		rfmScores := "-"
		if m.RFM != nil {
			rfmScores = fmt.Sprintf("R%d F%d M%d", m.RFM.R, m.RFM.F, m.RFM.M)
		}
		fmt.Println(m.ID(), res.Segments[k].ID, rfmScores, m.Tags)
	}
	fmt.Println("summaries and scores of customers we do not know:", unmatched.Summaries, unmatched.Scores)
	// Output:
	// P1 big-spenders R2 F2 M2 activity=mid lifecycle=active loyalty=repeat spend=high
	// P2 lapsing R1 F2 M1 activity=mid lifecycle=active loyalty=repeat spend=low
	// P3 prospects - lifecycle=prospect
	// summaries and scores of customers we do not know: [P9] [P9]
}
