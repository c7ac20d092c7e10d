package clientele_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/sample"
	"github.com/clientele-go/clientele/segment"
)

// Example goes from orders to segments as a host composes the packages:
// summaries of each customer's orders, RFM scores, and R's standard RFM
// segments with a portrait of each. A host reads its own records with
// customer.ReadPeople and customer.ReadOrders (or customer.ScanRows)
// where this uses the sample.
func Example() {
	ctx := context.Background()
	data := sample.Generate(sample.Config{People: 500, Companies: -1, Seed: 1})

	sums, _, err := customer.Summarize(ctx, slices.Values(data.Orders), data.AsOf, customer.SummaryOptions{})
	if err != nil {
		panic(err)
	}
	values, _, err := rfm.Compute(ctx, slices.Values(data.Orders), data.AsOf, rfm.Options{})
	if err != nil {
		panic(err)
	}
	scores, err := rfm.Quantile{}.Score(values)
	if err != nil {
		panic(err)
	}
	members, _, err := segment.Members{AsOf: data.AsOf, People: data.People, Summaries: sums, Scores: scores}.Join()
	if err != nil {
		panic(err)
	}
	rs, err := segment.NewRFM(rfm.StandardSegments())
	if err != nil {
		panic(err)
	}
	res, err := segment.Run(ctx, members, rs, segment.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d customers, %d of them buyers\n", len(members), len(sums))
	for _, p := range res.Portraits {
		if p.Size > 0 {
			fmt.Printf("%-18s %3d\n", p.Segment.DisplayName(), p.Size)
		}
	}
	// Output:
	// 500 customers, 472 of them buyers
	// Champions           54
	// Potential Loyalist 169
	// Loyal Customers     26
	// Promising           10
	// New Customers       15
	// Can't Lose Them     13
	// At Risk              4
	// Need Attention       7
	// About To Sleep      96
	// Lost                77
	// Others               1
}
