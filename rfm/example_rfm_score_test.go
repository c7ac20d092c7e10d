package rfm_test

import (
	"fmt"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/shopspring/decimal"
)

// exampleValues are ten customers with recency 0..90 days, frequency
// 1..10 and monetary 100..1000.
func exampleValues() []rfm.Values {
	var values []rfm.Values
	for i := range 10 {
		values = append(values, rfm.Values{
			CustomerID: customer.ID(fmt.Sprint("C00", i)),
			Recency:    10 * i,
			Frequency:  10 - i,
			Monetary:   decimal.NewFromInt(int64(100 * (10 - i))),
		})
	}
	return values
}

func ExampleQuantile() {
	values := exampleValues()
	q := rfm.Quantile{} // five bins, as R's rfm_table_order
	breaks, _ := q.Breaks(values)
	fmt.Println("recency breaks:", breaks.Recency)
	fmt.Println("frequency breaks:", breaks.Frequency)
	fmt.Println("monetary breaks:", breaks.Monetary)
	// The breaks are R's quantiles plus one: frequency 9 is below 9.2
	// and scores 4, while monetary 900 is above 821 and scores 5.
	scores, _ := q.Score(values)
	for _, s := range scores {
		fmt.Printf("%s R%d F%d M%d\n", s.CustomerID, s.R, s.F, s.M)
	}
	// Output:
	// recency breaks: [19 37 55 73]
	// frequency breaks: [3.8 5.6 7.4 9.2]
	// monetary breaks: [281 461 641 821]
	// C000 R5 F5 M5
	// C001 R5 F4 M5
	// C002 R4 F4 M4
	// C003 R4 F3 M4
	// C004 R3 F3 M3
	// C005 R3 F2 M3
	// C006 R2 F2 M2
	// C007 R2 F1 M2
	// C008 R1 F1 M1
	// C009 R1 F1 M1
}

func ExampleThresholds() {
	th := rfm.Thresholds{
		Recency:   []int{30, 90, 180, 365}, // 0-29 days scores 5, 365 or more 1
		Frequency: []int{2, 4, 8, 16},
		Monetary: []decimal.Decimal{
			decimal.NewFromInt(200), decimal.NewFromInt(500), decimal.NewFromInt(1000), decimal.NewFromInt(5000),
		},
	}
	scores, err := th.Score([]rfm.Values{
		{CustomerID: "C001", Recency: 12, Frequency: 9, Monetary: decimal.NewFromInt(1500)},
		{CustomerID: "C002", Recency: 200, Frequency: 1, Monetary: decimal.NewFromInt(80)},
		{CustomerID: "C003", Recency: 30, Frequency: 4, Monetary: decimal.NewFromInt(500)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", scores)
	// Output:
	// [{CustomerID:C001 R:5 F:4 M:4} {CustomerID:C002 R:2 F:1 M:1} {CustomerID:C003 R:4 F:3 M:3}]
}

func ExampleMeanSplit() {
	values := []rfm.Values{
		{CustomerID: "C001", Recency: 5, Frequency: 12, Monetary: decimal.NewFromInt(3000)},
		{CustomerID: "C002", Recency: 200, Frequency: 10, Monetary: decimal.NewFromInt(2500)},
		{CustomerID: "C003", Recency: 20, Frequency: 1, Monetary: decimal.NewFromInt(90)},
		{CustomerID: "C004", Recency: 300, Frequency: 1, Monetary: decimal.NewFromInt(50)},
	}
	scores, _ := rfm.MeanSplit{}.Score(values)
	table := rfm.ValueSegments()
	for _, s := range scores {
		r := table.Rules[table.Match(s)]
		fmt.Printf("%s R%d F%d M%d %s (%s)\n", s.CustomerID, s.R, s.F, s.M, r.Label, r.Name)
	}
	// Output:
	// C001 R2 F2 M2 重要价值客户 (Important value)
	// C002 R1 F2 M2 重要保持客户 (Important retention)
	// C003 R2 F1 M1 一般发展客户 (General growth)
	// C004 R1 F1 M1 一般挽留客户 (General win-back)
}
