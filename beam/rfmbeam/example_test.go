package rfmbeam_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/clientele-go/clientele/beam/csvio"
	"github.com/clientele-go/clientele/beam/rfmbeam"
	"github.com/clientele-go/clientele/rfm"
)

func init() {
	register.Function1x1[rfmbeam.Scored, csvio.Keyed](formatScored)
}

// formatScored makes one output row of a customer, keyed by its first
// order's line, so the file lists the customers as rfm.Compute does.
func formatScored(sc rfmbeam.Scored) csvio.Keyed {
	v := sc.Values
	return csvio.Keyed{Key: sc.First, Text: csvio.Format([]string{
		string(v.CustomerID), strconv.Itoa(v.Recency), strconv.Itoa(v.Frequency), v.Monetary.String(),
		strconv.Itoa(sc.Scores.R), strconv.Itoa(sc.Scores.F), strconv.Itoa(sc.Scores.M),
	})}
}

// ExampleScore scores three customers' orders, read from a CSV file, into
// three bins per dimension and writes their values and scores.
//
// As of the end of 2025-01-31: alice last bought on the 30th (recency 1),
// 3 times, for 20+30.50+10 = 60.5; bob on the 15th (16), twice, for 15;
// carol on the 20th (11), once, for 100.
//
// The breaks are the type-7 quantiles at 1/3 and 2/3 of the three
// values, plus 1 (as R's rfm adds), and a value's bin is 1 plus the number
// of breaks at or below it:
//   - recency 1, 11, 16: quantiles 1+(2/3)·10 = 7.67 and 11+(1/3)·5 = 12.67,
//     breaks 8.67 and 13.67, bins 1, 2, 3, reversed: R = 3 (alice), 2
//     (carol), 1 (bob);
//   - frequency 1, 2, 3: quantiles 1.67 and 2.33, breaks 2.67 and 3.33,
//     so F = 1 (carol), 1 (bob), 2 (alice);
//   - monetary 15, 60.5, 100: quantiles 15+(2/3)·45.5 = 45.33 and
//     60.5+(1/3)·39.5 = 73.67, breaks 46.33 and 74.67, so M = 1 (bob),
//     2 (alice), 3 (carol).
func ExampleScore() {
	dir, err := os.MkdirTemp("", "rfmbeam-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	input, output := filepath.Join(dir, "orders.csv"), filepath.Join(dir, "rfm.csv")
	orders := `customer_id,order_id,date,amount
alice,a1,2025-01-10,20.00
bob,b1,2024-12-01,5.00
alice,a2,2025-01-30,30.50
carol,c1,2025-01-20,100
bob,b2,2025-01-15,10.00
alice,a3,2025-01-02,10.00
`
	if err := os.WriteFile(input, []byte(orders), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	asOf := time.Date(2025, 1, 31, 23, 59, 59, 0, time.UTC)
	fn, err := rfmbeam.NewCombineFn(asOf, rfm.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}

	p, s := beam.NewPipelineWithRoot()
	header, batches := csvio.Read(s, input, csvio.Options{})
	parsed, _ := rfmbeam.ParseOrders(s, header, batches)
	customers := rfmbeam.ComputeValues(s, fn, parsed)
	scored := rfmbeam.Score(s, rfm.Quantile{Bins: 3}, customers)
	csvio.Write(s, output, "customer_id,recency,frequency,monetary,r,f,m", beam.ParDo(s, formatScored, scored), beam.PCollection{})
	if err := ptest.Run(p); err != nil {
		fmt.Println(err)
		return
	}

	b, err := os.ReadFile(output)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(b))
	// Output:
	// customer_id,recency,frequency,monetary,r,f,m
	// alice,1,3,60.5,3,2,2
	// bob,16,2,15,1,1,1
	// carol,11,1,100,2,1,3
}
