package rfm_test

import (
	"fmt"
	"os"

	"github.com/clientele-go/clientele/rfm"
)

func ExampleStandardSegments() {
	table := rfm.StandardSegments()
	for _, s := range []rfm.Scores{{R: 5, F: 5, M: 5}, {R: 4, F: 4, M: 3}, {R: 5, F: 1, M: 2}, {R: 1, F: 4, M: 5}, {R: 1, F: 1, M: 2}, {R: 5, F: 5, M: 1}} {
		fmt.Printf("R%d F%d M%d %s\n", s.R, s.F, s.M, table.Name(table.Match(s)))
	}
	// Output:
	// R5 F5 M5 Champions
	// R4 F4 M3 Potential Loyalist
	// R5 F1 M2 New Customers
	// R1 F4 M5 Can't Lose Them
	// R1 F1 M2 Lost
	// R5 F5 M1 Others
}

// A host table: three tiers on three-level scores, with its own fallback.
func ExampleSegmentTable() {
	table := rfm.SegmentTable{
		Bins: 3,
		Rules: []rfm.SegmentRule{
			{Name: "high value", Label: "高价值", R: rfm.Range{Min: 2, Max: 3}, M: rfm.Range{Min: 3, Max: 3}},
			{Name: "dormant", Label: "沉睡客户", R: rfm.Range{Min: 1, Max: 1}},
		},
		Fallback: "regular",
	}
	if err := table.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	segs, _ := table.Assign([]rfm.Scores{{R: 3, F: 1, M: 3}, {R: 1, F: 3, M: 3}, {R: 2, F: 2, M: 2}})
	for _, i := range segs {
		fmt.Println(i, table.Name(i))
	}
	// Output:
	// 0 high value
	// 1 dormant
	// -1 regular
}

func ExampleNewReport() {
	values := exampleValues()
	scores, _ := rfm.Quantile{}.Score(values)
	report, err := rfm.NewReport(values, scores, rfm.GridSegments())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range report.Segments {
		if s.Customers > 0 {
			fmt.Printf("%-19s %d customers, %.0f%% of spend, median recency %v days\n",
				s.Name, s.Customers, 100*s.MonetaryShare, s.RecencyMedian)
		}
	}
	c := report.Grid[(5-1)*report.Bins+5-1]
	fmt.Printf("R5 F5: %d customers averaging %s\n", c.Customers, c.AvgMonetary)
	// Output:
	// Hibernating         4 customers, 18% of spend, median recency 75 days
	// About to Sleep      1 customers, 9% of spend, median recency 50 days
	// Need Attention      1 customers, 11% of spend, median recency 40 days
	// Loyal               1 customers, 15% of spend, median recency 20 days
	// Potential Loyalists 1 customers, 13% of spend, median recency 30 days
	// Champions           2 customers, 35% of spend, median recency 5 days
	// R5 F5: 1 customers averaging 1000
}

func ExampleReport_WriteText() {
	values := exampleValues()
	scores, _ := rfm.MeanSplit{}.Score(values)
	report, _ := rfm.NewReport(values, scores, rfm.ValueSegments())
	report.WriteText(os.Stdout)
	// Output:
	// segment              customers  share   R mean  R median  F mean  F median  M mean  M median  M total  M share
	// Important value      5          50.0%   20.0    20        8.00    8         800.00  800.00    4000.00  72.7%  重要价值客户
	// Important growth     0          0.0%    -       -         -       -         -       -         0.00     0.0%   重要发展客户
	// Important retention  0          0.0%    -       -         -       -         -       -         0.00     0.0%   重要保持客户
	// Important win-back   0          0.0%    -       -         -       -         -       -         0.00     0.0%   重要挽留客户
	// General value        0          0.0%    -       -         -       -         -       -         0.00     0.0%   一般价值客户
	// General growth       0          0.0%    -       -         -       -         -       -         0.00     0.0%   一般发展客户
	// General retention    0          0.0%    -       -         -       -         -       -         0.00     0.0%   一般保持客户
	// General win-back     5          50.0%   70.0    70        3.00    3         300.00  300.00    1500.00  27.3%  一般挽留客户
	// Others               0          0.0%    -       -         -       -         -       -         0.00     0.0%
	// all                  10         100.0%                                                        5500.00
	//
	// R×F grid: customers (average monetary value)
	//               F=1         F=2
	//   R=2    0 (0.00)  5 (800.00)
	//   R=1  5 (300.00)    0 (0.00)
}
