package customer_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/shopspring/decimal"
)

// ordersDB stands in for a real database: any *sql.DB works, opened with
// the host's driver (pgx's stdlib, a MySQL or SQLite driver).
func ordersDB() *sql.DB {
	return exampleDB(&fakeDB{
		columns: []string{"id", "customer_id", "ordered_at", "amount_fen", "store"},
		types:   []string{"INT8", "TEXT", "TIMESTAMP", "INT8", "TEXT"},
		rows: [][]driver.Value{
			{int64(1), "c1", time.Date(2025, 1, 2, 10, 30, 0, 0, time.UTC), int64(12990), "徐汇店"},
			{int64(2), "c2", time.Date(2025, 1, 3, 9, 0, 0, 0, time.UTC), int64(-2000), nil},
			{int64(3), nil, time.Date(2025, 1, 3, 9, 5, 0, 0, time.UTC), int64(500), nil},
			{int64(4), "c1", time.Date(2025, 1, 4, 20, 0, 0, 0, time.UTC), int64(8800), "静安店"},
		},
	})
}

func ExampleScanRows() {
	ctx := context.Background()
	db := ordersDB()
	defer db.Close()

	rows, err := db.QueryContext(ctx, "SELECT id, customer_id, ordered_at, amount_fen, store FROM orders")
	if err != nil {
		fmt.Println(err)
		return
	}
	// ordered_at is a timestamp without time zone: a wall clock in
	// Asia/Shanghai, the default Location of the SQL readers.
	opts := customer.CSVOptions{Columns: map[string]string{"ordered_at": "at", "amount_fen": "amount_cents"}}
	for o, err := range customer.ScanRows[customer.Order](rows, opts) {
		if err != nil {
			fmt.Println(err) // a bad row; the next ones still come
			continue
		}
		fmt.Printf("%s %s %s %s [%s]\n", o.ID, o.CustomerID, o.At.Format(time.RFC3339), o.Amount.StringFixed(2), o.Attributes["store"])
	}
	// Output:
	// 1 c1 2025-01-02T10:30:00+08:00 129.90 [徐汇店]
	// 2 c2 2025-01-03T09:00:00+08:00 -20.00 []
	// customer: sql row 3, column 2 (customer_id): invalid value: empty value
	// 4 c1 2025-01-04T20:00:00+08:00 88.00 [静安店]
}

func ExampleSQLTable_Upsert() {
	ctx := context.Background()
	db := exampleDB(&fakeDB{}) // stands in for a real *sql.DB
	defer db.Close()

	// Per-customer results, computed by any package above customer.
	type result struct {
		id      customer.ID
		clv     decimal.Decimal
		segment string
	}
	results := []result{
		{"c1", decimal.RequireFromString("1520.40"), "Champions"},
		{"c2", decimal.RequireFromString("80.00"), "At Risk"},
	}
	rows := func(yield func(customer.ID, []any) bool) {
		for _, r := range results {
			if !yield(r.id, []any{r.clv, r.segment}) {
				return
			}
		}
	}

	// CREATE TABLE customer_scores (customer_id text PRIMARY KEY, clv numeric(14,2), segment text)
	table := customer.SQLTable{Dialect: "postgres", Name: "customer_scores", Columns: []string{"clv", "segment"}}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer tx.Rollback() // a no-op after Commit
	n, err := table.Upsert(ctx, tx, rows)
	if err != nil {
		fmt.Println(err) // nothing is written: the deferred Rollback undoes it all
		return
	}
	if err := tx.Commit(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("wrote", n, "rows")
	// Output:
	// wrote 2 rows
}
