package rfm_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/shopspring/decimal"
)

func ExampleCompute() {
	cst := time.FixedZone("CST", 8*3600)
	day := func(d int) time.Time { return time.Date(2026, 6, d, 12, 0, 0, 0, cst) }
	amount := decimal.RequireFromString
	orders := []customer.Order{
		{ID: "1", CustomerID: "C001", At: day(1), Amount: amount("299.00")},
		{ID: "2", CustomerID: "C002", At: day(3), Amount: amount("59.90")},
		{ID: "3", CustomerID: "C001", At: day(20), Amount: amount("120.50")},
		{ID: "3", CustomerID: "C001", At: day(20), Amount: amount("120.50")},  // replayed: counted once
		{ID: "4", CustomerID: "C001", At: day(25), Amount: amount("-120.50")}, // refund
	}
	asOf := time.Date(2026, 6, 30, 23, 59, 59, 0, cst)
	values, skipped, err := rfm.Compute(context.Background(), slices.Values(orders), asOf, rfm.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range values {
		fmt.Printf("%s: R=%d days, F=%d, M=%s\n", v.CustomerID, v.Recency, v.Frequency, v.Monetary.StringFixed(2))
	}
	fmt.Printf("skipped %d duplicate\n", skipped.Duplicate)
	// Output:
	// C001: R=10 days, F=2, M=299.00
	// C002: R=27 days, F=1, M=59.90
	// skipped 1 duplicate
}

// A host that already holds columns (from SQL, Parquet or Arrow) hands
// them over as they are; amounts are in fen.
func ExampleComputeColumns() {
	cst := time.FixedZone("CST", 8*3600)
	day := func(d int) time.Time { return time.Date(2026, 6, d, 12, 0, 0, 0, cst) }
	cols := rfm.Columns{
		CustomerID: []string{"C001", "C002", "C001", "C001", "C001"},
		OrderID:    []string{"1", "2", "3", "3", "4"}, // order 3 replayed: counted once
		At:         []time.Time{day(1), day(3), day(20), day(20), day(25)},
		Amount:     []int64{29900, 5990, 12050, 12050, -12050}, // the last is a refund
	}
	asOf := time.Date(2026, 6, 30, 23, 59, 59, 0, cst)
	values, skipped, err := rfm.ComputeColumns(context.Background(), cols, asOf, rfm.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range values {
		fmt.Printf("%s: R=%d days, F=%d, M=%s\n", v.CustomerID, v.Recency, v.Frequency, v.Monetary.StringFixed(2))
	}
	fmt.Printf("skipped %d duplicate\n", skipped.Duplicate)
	// Output:
	// C001: R=10 days, F=2, M=299.00
	// C002: R=27 days, F=1, M=59.90
	// skipped 1 duplicate
}

// A host that reads SQL BIGINT keys and epoch-millisecond timestamps
// (as Arrow and Parquet keep times) passes them as they are, without a
// string or a time.Time per row.
func ExampleComputeColumns_integers() {
	cst := time.FixedZone("CST", 8*3600)
	day := func(d int) int64 { return time.Date(2026, 6, d, 12, 0, 0, 0, cst).UnixMilli() }
	cols := rfm.Columns{
		CustomerNo: []int64{10001, 10002, 10001, 10001},
		OrderNo:    []int64{900001, 900002, 900003, 900003}, // order 900003 replayed: counted once
		AtUnix:     []int64{day(1), day(3), day(20), day(20)},
		AtUnit:     time.Millisecond,
		Amount:     []int64{29900, 5990, 12050, 12050},
	}
	asOf := time.Date(2026, 6, 30, 23, 59, 59, 0, cst)
	values, skipped, err := rfm.ComputeColumns(context.Background(), cols, asOf, rfm.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range values {
		fmt.Printf("%s: R=%d days, F=%d, M=%s\n", v.CustomerID, v.Recency, v.Frequency, v.Monetary.StringFixed(2))
	}
	fmt.Printf("skipped %d duplicate\n", skipped.Duplicate)
	// Output:
	// 10001: R=10 days, F=2, M=419.50
	// 10002: R=27 days, F=1, M=59.90
	// skipped 1 duplicate
}

func ExampleAccumulator_Merge() {
	cst := time.FixedZone("CST", 8*3600)
	asOf := time.Date(2026, 6, 30, 23, 59, 59, 0, cst)
	order := func(id, cust string, d int, amount string) customer.Order {
		return customer.Order{ID: id, CustomerID: customer.ID(cust), At: time.Date(2026, 6, d, 9, 0, 0, 0, cst),
			Amount: decimal.RequireFromString(amount)}
	}
	// Two shards, say two days of a log, fed separately.
	monday, _ := rfm.NewAccumulator(asOf, rfm.Options{})
	tuesday, _ := rfm.NewAccumulator(asOf, rfm.Options{})
	monday.Add(order("1", "C001", 22, "10"))
	monday.Add(order("2", "C002", 22, "20"))
	tuesday.Add(order("3", "C001", 23, "30"))
	tuesday.Add(order("4", "C003", 23, "40"))
	if err := monday.Merge(tuesday); err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range monday.Values() {
		fmt.Printf("%s: R=%d F=%d M=%s\n", v.CustomerID, v.Recency, v.Frequency, v.Monetary)
	}
	// Output:
	// C001: R=7 F=2 M=40
	// C002: R=8 F=1 M=20
	// C003: R=7 F=1 M=40
}

func ExampleAccumulator_Skipped() {
	cst := time.FixedZone("CST", 8*3600)
	asOf := time.Date(2026, 6, 30, 23, 59, 59, 0, cst)
	a, _ := rfm.NewAccumulator(asOf, rfm.Options{WindowDays: 365})
	for _, o := range []customer.Order{
		{ID: "1", CustomerID: "C001", At: time.Date(2026, 6, 1, 0, 0, 0, 0, cst), Amount: decimal.NewFromInt(5)},
		{ID: "1", CustomerID: "C001", At: time.Date(2026, 6, 1, 0, 0, 0, 0, cst), Amount: decimal.NewFromInt(5)},
		{ID: "2", CustomerID: "C001", At: time.Date(2026, 7, 1, 0, 0, 0, 0, cst), Amount: decimal.NewFromInt(5)},
		{ID: "3", CustomerID: "C002", At: time.Date(2024, 1, 1, 0, 0, 0, 0, cst), Amount: decimal.NewFromInt(5)},
		{ID: "4", CustomerID: "C003", At: time.Date(2026, 6, 2, 0, 0, 0, 0, cst), Amount: decimal.NewFromInt(-5)},
	} {
		if err := a.Add(o); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Printf("%d customers, skipped %+v\n", len(a.Values()), a.Skipped())
	// Output:
	// 1 customers, skipped {Invalid:0 Future:1 Outside:1 Duplicate:1 NoPurchase:1}
}

// Compute reads orders as they stream from a CSV file (here a string; a
// host passes its *os.File), so a file of ten million orders is never
// held in memory: the sequence below hands each order on as it is read
// and counts the rows that cannot be read.
func ExampleCompute_fromCSV() {
	file := strings.NewReader(`订单编号,客户ID,下单时间,金额
1,C001,2026/6/1 12:00,299.00
2,C002,2026/6/3 12:00,59.90
3,C001,2026/6/20 12:00,120.50
4,C001,2026/6/21 12:00,12O.00
`)
	cst := time.FixedZone("CST", 8*3600)
	var (
		bad     int
		readErr error
	)
	orders := func(yield func(customer.Order) bool) {
		for o, err := range customer.ReadOrders(file, customer.CSVOptions{Location: cst}) {
			var fe *customer.FieldError
			switch {
			case errors.As(err, &fe) && fe.Line > 1: // one bad row
				bad++
				continue
			case err != nil: // a bad header or a failed read: the end
				readErr = err
				return
			}
			if !yield(o) {
				return
			}
		}
	}
	asOf := time.Date(2026, 6, 30, 23, 59, 59, 0, cst)
	values, _, err := rfm.Compute(context.Background(), orders, asOf, rfm.Options{})
	if err == nil {
		err = readErr
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range values {
		fmt.Printf("%s: R=%d days, F=%d, M=%s\n", v.CustomerID, v.Recency, v.Frequency, v.Monetary.StringFixed(2))
	}
	fmt.Println("unreadable rows:", bad)
	// Output:
	// C001: R=10 days, F=2, M=419.50
	// C002: R=27 days, F=1, M=59.90
	// unreadable rows: 1
}
