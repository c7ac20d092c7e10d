package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
)

// benchRows is the number of rows the benchmarks write and read.
const benchRows = 1_000_000

// BenchmarkWrite upserts 1M rows into customer_rfm in one transaction, as
// the program writes them: "insert" into an empty table (emptied before
// each write), "change" over stored rows that all get a new segment, and
// "rerun" of the rows already stored. rows/s counts the write alone.
func BenchmarkWrite(b *testing.B) {
	for _, d := range databases(b) {
		b.Run(d.driver, func(b *testing.B) {
			db, _ := d.open(b)
			write := func(b *testing.B, segment string) {
				start := time.Now()
				n, err := writeRFM(b.Context(), db, d.dialect, rfmRows(benchRows, 0, segment))
				if err != nil || n != benchRows {
					b.Fatalf("writeRFM = %d, %v", n, err)
				}
				b.ReportMetric(benchRows/time.Since(start).Seconds(), "rows/s")
			}
			b.Run("insert", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					exec(b, db, createRFM, "DELETE FROM customer_rfm")
					write(b, "Champions")
				}
			})
			b.Run("change", func(b *testing.B) {
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					i++
					write(b, fmt.Sprintf("segment %d", i))
				}
			})
			b.Run("rerun", func(b *testing.B) {
				write(b, "Champions")
				b.ReportAllocs()
				for b.Loop() {
					write(b, "Champions")
				}
			})
		})
	}
}

// BenchmarkRead reads 1M orders with customer.QueryRows ("scan"), and for
// comparison with a plain rows.Scan into strings and a time ("raw").
func BenchmarkRead(b *testing.B) {
	for _, d := range databases(b) {
		b.Run(d.driver, func(b *testing.B) {
			db, _ := d.open(b)
			if d.dialect == "postgres" {
				exec(b, db, sampleTables[1], fmt.Sprintf(`INSERT INTO orders
					SELECT 'o' || i, 'c' || (i %% 100000), '2024-01-01'::timestamptz + i * interval '1 second', (i %% 100000) / 100.0
					FROM generate_series(1, %d) i`, benchRows))
			} else {
				exec(b, db, sampleTables[1], fmt.Sprintf(`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < %d)
					INSERT INTO orders SELECT 'o' || i, 'c' || (i %% 100000), '2024-01-01 10:00:00+08:00', (i %% 100000) / 100.0 FROM s`, benchRows))
			}
			const query = "SELECT id, customer_id, ordered_at, amount FROM orders"
			b.Run("scan", func(b *testing.B) {
				opts := customer.CSVOptions{Columns: map[string]string{"ordered_at": "at"}}
				b.ReportAllocs()
				for b.Loop() {
					start := time.Now()
					n := 0
					for _, err := range customer.QueryRows[customer.Order](b.Context(), db, opts, query) {
						if err != nil {
							b.Fatal(err)
						}
						n++
					}
					if n != benchRows {
						b.Fatalf("read %d orders, want %d", n, benchRows)
					}
					b.ReportMetric(benchRows/time.Since(start).Seconds(), "rows/s")
				}
			})
			b.Run("raw", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					start := time.Now()
					rows, err := db.QueryContext(b.Context(), query)
					if err != nil {
						b.Fatal(err)
					}
					n := 0
					var id, cust, amount string
					var at any
					for rows.Next() {
						if err := rows.Scan(&id, &cust, &at, &amount); err != nil {
							b.Fatal(err)
						}
						n++
					}
					if err := rows.Err(); err != nil || n != benchRows {
						b.Fatalf("read %d orders, %v", n, err)
					}
					rows.Close()
					b.ReportMetric(benchRows/time.Since(start).Seconds(), "rows/s")
				}
			})
		})
	}
}
