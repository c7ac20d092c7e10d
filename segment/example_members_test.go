package segment_test

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/tagging"
	"github.com/shopspring/decimal"
)

// From orders to segments: summarise the orders, tag the customers, join
// everything by customer ID and segment.
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
	taggers, _ := tagging.Builtin(tagging.BuiltinConfig{})
	var tags []tagging.Result
	for r, err := range tagging.Apply(ctx, tagging.Profiles(people, sums, asOf), taggers, tagging.Options{}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		tags = append(tags, r)
	}
	members, unmatched, err := segment.Members{AsOf: asOf, People: people, Summaries: sums, Tags: tags}.Join()
	if err != nil {
		fmt.Println(err)
		return
	}
	rs, _ := segment.Table{
		Rules: []segment.Rule{
			{Segment: segment.Segment{ID: "big-spenders"}, When: []string{"tag = spend=high"}},
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
		fmt.Println(m.ID(), res.Segments[k].ID, m.Tags)
	}
	fmt.Println("orders of customers we do not know:", unmatched.Summaries)
	// Output:
	// P1 big-spenders activity=mid lifecycle=active loyalty=repeat spend=high
	// P2 regulars activity=mid lifecycle=active loyalty=repeat spend=low
	// P3 prospects lifecycle=prospect
	// orders of customers we do not know: [P9]
}
