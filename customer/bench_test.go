package customer_test

import (
	"bytes"
	"context"
	"database/sql/driver"
	"io"
	"iter"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
)

func BenchmarkNormalizePhone(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := customer.NormalizePhone("+86 138-1234-5678"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseIDNumber(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := customer.ParseIDNumber("11010519491231002X", time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCreditCode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := customer.ParseCreditCode("914403001922038216", false); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateEmail(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := customer.ValidateEmail("li.si+crm@mail.example.cn"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidatePeople validates 10,000 generated persons per op.
func BenchmarkValidatePeople(b *testing.B) {
	ds := synth.Generate(synth.Config{People: 10_000, Companies: -1, Seed: 1})
	v := customer.Validator{AsOf: ds.AsOf}
	b.ReportAllocs()
	for b.Loop() {
		for i := range ds.People {
			if err := v.ValidatePerson(&ds.People[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ds.People)), "ns/person")
}

// tenMillion holds about 10.6 million orders of 1,000,000 generated
// persons, built once per test binary and only by the benchmarks that need
// it. Orders are grouped by customer, as synth.Orders streams them.
var tenMillion = sync.OnceValues(func() (*synth.Config, []customer.Order) {
	cfg := &synth.Config{People: 1_000_000, Companies: -1, Seed: 1}
	return cfg, slices.Collect(synth.Orders(*cfg))
})

// logOrders holds the realistic order log: internal/synth.Log with 1M
// customers, seed 1 and 1.5% replayed rows, 10,648,149 orders in date
// order, every ID its own allocation.
var logOrders = sync.OnceValue(func() []customer.Order {
	return synth.Log{Customers: 1_000_000, Seed: 1, Duplicates: 0.015}.Orders()
})

// marketplaceOrders is logOrders with 19-digit order IDs, as large
// Chinese marketplaces issue them (synth.Log.MarketplaceIDs).
var marketplaceOrders = sync.OnceValue(func() []customer.Order {
	return synth.Log{Customers: 1_000_000, Seed: 1, Duplicates: 0.015, MarketplaceIDs: true}.Orders()
})

func BenchmarkSummarize(b *testing.B) {
	asOf := synth.DefaultAsOf
	for _, bc := range []struct {
		name   string
		orders func() []customer.Order
		opts   customer.SummaryOptions
	}{
		{"log/dedup", logOrders, customer.SummaryOptions{}},
		{"log/trusted-ids", logOrders, customer.SummaryOptions{TrustOrderIDs: true}},
		{"marketplace/dedup", marketplaceOrders, customer.SummaryOptions{}},
		{"synth/dedup", func() []customer.Order { _, o := tenMillion(); return o }, customer.SummaryOptions{}},
		{"synth/trusted-ids", func() []customer.Order { _, o := tenMillion(); return o }, customer.SummaryOptions{TrustOrderIDs: true}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			orders := bc.orders()
			b.ReportAllocs()
			for b.Loop() {
				sums, _, err := customer.Summarize(context.Background(), slices.Values(orders), asOf, bc.opts)
				if err != nil || len(sums) == 0 {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(orders)), "ns/order")
		})
	}
}

// TestValidatorsDoNotAllocate pins the allocation-free paths that dedup
// keys rely on: failures, and successes of the validators that return no
// string.
func TestValidatorsDoNotAllocate(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts")
	}
	checks := map[string]func(){
		"ValidateEmail":             func() { _ = customer.ValidateEmail("a..b@example") },
		"ParseIDNumber":             func() { _, _ = customer.ParseIDNumber("110105199002301231", time.Time{}) },
		"ParseCreditCode":           func() { _, _ = customer.ParseCreditCode("91350211m0000xuf46", false) },
		"ClassifyPhone":             func() { _, _ = customer.ClassifyPhone("+86 146 1234 5678") },
		"ClassifyPhone/unallocated": func() { _, _ = customer.ClassifyPhone("19412345678") },
		"NormalizePhone/IoT":        func() { _, _ = customer.NormalizePhone("14612345678") },
		"ParseIDNumber/valid":       func() { _, _ = customer.ParseIDNumber("11010519491231002X", time.Time{}) },
		"ParseIDNumber/division":    func() { _, _ = customer.ParseIDNumber("110120199001010014", time.Time{}) },
		"ValidateEmail/UTF-8":       func() { _ = customer.ValidateEmail("张三@例子.中国") },
		"ValidateEmail/A-label":     func() { _ = customer.ValidateEmail("x@xn--fsqu00a.xn--fiqs8s") },
	}
	for name, f := range checks {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s allocates %v times on failure", name, n)
		}
	}
}

// logCSV is the realistic order log of 100,000 customers (seed 1, 1.5%
// replayed rows, about a million rows in date order) as CSV text, as
// internal/synth.Log writes it.
var logCSV = sync.OnceValues(func() ([]byte, int) {
	var buf bytes.Buffer
	n, err := synth.Log{Customers: 100_000, Seed: 1, Duplicates: 0.015}.WriteCSV(&buf)
	if err != nil {
		panic(err)
	}
	return buf.Bytes(), n
})

// BenchmarkReadOrders reads the realistic order log from CSV text: the
// first step of a host that feeds Summarize or rfm.Compute from a file.
func BenchmarkReadOrders(b *testing.B) {
	data, rows := logCSV()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		readAll(b, customer.ReadOrders(bytes.NewReader(data), customer.CSVOptions{}), rows)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/order")
}

// logOrders100k holds the realistic order log of 100,000 customers (seed
// 1, 1.5% replayed rows, about a million orders).
var logOrders100k = sync.OnceValue(func() []customer.Order {
	return synth.Log{Customers: 100_000, Seed: 1, Duplicates: 0.015}.Orders()
})

// BenchmarkReadOrdersGB18030 reads the log of BenchmarkReadOrders encoded
// as Excel on Chinese Windows saves it: the cost of decoding.
func BenchmarkReadOrdersGB18030(b *testing.B) {
	var buf bytes.Buffer
	orders := logOrders100k()
	if err := customer.WriteOrders(&buf, slices.Values(orders), customer.CSVOptions{Encoding: "GB18030"}); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	opts := customer.CSVOptions{Encoding: "GB18030"}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		readAll(b, customer.ReadOrders(bytes.NewReader(data), opts), len(orders))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(orders)), "ns/order")
}

// BenchmarkWriteOrders writes the log of 100,000 customers as CSV, an
// export a host sends on, in UTF-8 and in GB18030.
func BenchmarkWriteOrders(b *testing.B) {
	orders := logOrders100k()
	for _, enc := range []string{"UTF-8", "GB18030"} {
		b.Run(enc, func(b *testing.B) {
			opts := customer.CSVOptions{Encoding: enc}
			b.ReportAllocs()
			for b.Loop() {
				if err := customer.WriteOrders(io.Discard, slices.Values(orders), opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(orders)), "ns/order")
		})
	}
}

// BenchmarkScanRows reads the log of 100,000 customers from database/sql
// rows (a driver returning times as time.Time and amounts as NUMERIC
// text, as PostgreSQL's do), the SQL twin of BenchmarkReadOrders.
func BenchmarkScanRows(b *testing.B) {
	orders := logOrders100k()
	db := &fakeDB{
		columns: []string{"id", "customer_id", "at", "amount"},
		types:   []string{"TEXT", "TEXT", "TIMESTAMPTZ", "NUMERIC"},
		rows:    make([][]driver.Value, len(orders)),
	}
	for i, o := range orders {
		db.rows[i] = []driver.Value{o.ID, string(o.CustomerID), o.At, o.Amount.String()}
	}
	sqlDB := openFake(b, db)
	b.ReportAllocs()
	for b.Loop() {
		rows, err := sqlDB.QueryContext(b.Context(), "SELECT")
		if err != nil {
			b.Fatal(err)
		}
		readAll(b, customer.ScanRows[customer.Order](rows, customer.CSVOptions{}), len(orders))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(orders)), "ns/order")
}

// readAll reads every order of seq, failing on an error or on a count
// other than want.
func readAll(b *testing.B, seq iter.Seq2[customer.Order, error], want int) {
	n := 0
	for _, err := range seq {
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
	if n != want {
		b.Fatalf("read %d orders, want %d", n, want)
	}
}
