package rfm_test

import (
	"context"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/rfm"
)

// benchOrders holds the orders of 1M synthetic persons, about 10.4M
// orders, built once per test binary and only when a benchmark asks for
// them (about 1.5 GB and half a minute). synth.Orders yields them
// grouped by customer, in time order within each customer, which is how
// an export sorted by customer looks; Compute does not rely on it.
var benchOrders = sync.OnceValue(func() []customer.Order {
	return slices.Collect(synth.Orders(benchConfig))
})

var benchConfig = synth.Config{People: 1_000_000, Companies: -1, Seed: 1}

// logOrders holds the realistic order log of the benchmarks:
// internal/synth.Log with 1M customers, seed 1 and 1.5% replayed rows,
// 10,648,149 orders in date order, customers interleaved, every ID its
// own allocation (about 2.2 GB, built once per test binary and only when
// a benchmark asks, in about ten seconds).
var logOrders = sync.OnceValue(func() []customer.Order {
	return synth.Log{Customers: 1_000_000, Seed: 1, Duplicates: 0.015}.Orders()
})

// marketplaceOrders is logOrders with 19-digit order IDs, as large
// Chinese marketplaces issue them (synth.Log.MarketplaceIDs).
var marketplaceOrders = sync.OnceValue(func() []customer.Order {
	return synth.Log{Customers: 1_000_000, Seed: 1, Duplicates: 0.015, MarketplaceIDs: true}.Orders()
})

// benchSets are the data sets of the 10M benchmarks: the realistic log,
// the same with marketplace order IDs, and synth.Orders (grouped by
// customer, IDs sharing memory).
var benchSets = []struct {
	name   string
	orders func() []customer.Order
}{{"log", logOrders}, {"marketplace", marketplaceOrders}, {"synth", benchOrders}}

// BenchmarkCompute10M measures rfm.Compute alone, with and without
// duplicate detection, and ComputeColumns on the same orders as columns,
// with IDs and times as text and time.Time or, on the log, as integers
// (the IDs' digits, Unix seconds).
// Besides time it reports the peak heap during a call as a multiple of
// the live heap before it (the input), sampled every millisecond.
func BenchmarkCompute10M(b *testing.B) {
	for _, set := range benchSets {
		for _, c := range []struct {
			name string
			opts rfm.Options
			cols bool
			ints bool
		}{
			{"dedup", rfm.Options{}, false, false},
			{"trust", rfm.Options{TrustOrderIDs: true}, false, false},
			{"columns", rfm.Options{}, true, false},
			{"columns-int", rfm.Options{}, true, true},
		} {
			if c.ints && set.name != "log" {
				continue // IDs of 19 digits beyond int64, or not numbers
			}
			b.Run(set.name+"/"+c.name, func(b *testing.B) {
				// Built here, so that -bench builds only the sets it runs.
				orders := set.orders()
				var cols rfm.Columns
				if c.cols {
					cols = columnsFor(b, orders, c.ints)
				}
				b.ReportAllocs()
				var peak float64
				for b.Loop() {
					peak = max(peak, peakHeap(b, func() {
						var err error
						if c.cols {
							_, _, err = rfm.ComputeColumns(b.Context(), cols, synth.DefaultAsOf, c.opts)
						} else {
							_, _, err = rfm.Compute(b.Context(), slices.Values(orders), synth.DefaultAsOf, c.opts)
						}
						if err != nil {
							b.Fatal(err)
						}
					}))
				}
				b.ReportMetric(peak, "peak/input")
				b.ReportMetric(float64(len(orders)), "orders")
			})
		}
	}
}

// columnsFor returns orders as rfm.Columns, sharing the strings, or with
// ints with the IDs' digits after their letters as integers and the
// times as Unix seconds.
func columnsFor(b *testing.B, orders []customer.Order, ints bool) rfm.Columns {
	n := len(orders)
	c := rfm.Columns{Amount: make([]int64, n)}
	if ints {
		c.CustomerNo, c.OrderNo, c.AtUnix = make([]int64, n), make([]int64, n), make([]int64, n)
	} else {
		c.CustomerID, c.OrderID, c.At = make([]string, n), make([]string, n), make([]time.Time, n)
	}
	digits := func(s string) int64 {
		v, err := strconv.ParseInt(strings.TrimLeft(s, "CSO"), 10, 64)
		if err != nil {
			b.Fatal(err)
		}
		return v
	}
	for i, o := range orders {
		c.Amount[i] = o.Amount.Shift(2).IntPart()
		if ints {
			c.CustomerNo[i], c.OrderNo[i], c.AtUnix[i] = digits(string(o.CustomerID)), digits(o.ID), o.At.Unix()
		} else {
			c.CustomerID[i], c.OrderID[i], c.At[i] = string(o.CustomerID), o.ID, o.At
		}
	}
	return c
}

// peakHeap runs f after a collection (not timed) and returns the peak of
// the heap's objects (live or not yet swept) while it ran, sampled every
// millisecond, divided by the live heap before it.
func peakHeap(b *testing.B, f func()) float64 {
	b.StopTimer()
	runtime.GC()
	b.StartTimer()
	read := func(name string) uint64 {
		s := []metrics.Sample{{Name: name}}
		metrics.Read(s)
		return s[0].Value.Uint64()
	}
	live := read("/gc/heap/live:bytes")
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if h := read("/memory/classes/heap/objects:bytes"); h > peak.Load() {
					peak.Store(h)
				}
			}
		}
	}()
	f()
	if h := read("/memory/classes/heap/objects:bytes"); h > peak.Load() {
		peak.Store(h)
	}
	close(stop)
	<-done
	return float64(peak.Load()) / float64(live)
}

// benchValues are the values of benchOrders.
var benchValues = sync.OnceValue(func() []rfm.Values {
	v, _, err := rfm.Compute(context.Background(), slices.Values(benchOrders()), synth.DefaultAsOf, rfm.Options{})
	if err != nil {
		panic(err)
	}
	return v
})

// BenchmarkRFM10M is the whole pipeline, Compute, Quantile.Score and
// StandardSegments().Assign, over 10M orders of 1M customers, on the
// realistic log and on synth.Orders. Compare with
// scripts/bench-pandas-rfm.sh.
func BenchmarkRFM10M(b *testing.B) {
	table := rfm.StandardSegments()
	for _, set := range benchSets {
		orders := set.orders()
		for _, c := range []struct {
			name string
			opts rfm.Options
		}{
			{"dedup", rfm.Options{}},
			{"trust", rfm.Options{TrustOrderIDs: true}},
			{"dedup/workers=1", rfm.Options{Workers: 1}},
		} {
			b.Run(set.name+"/"+c.name, func(b *testing.B) {
				q := rfm.Quantile{Workers: c.opts.Workers}
				b.ReportAllocs()
				for b.Loop() {
					values, _, err := rfm.Compute(b.Context(), slices.Values(orders), synth.DefaultAsOf, c.opts)
					if err != nil {
						b.Fatal(err)
					}
					scores, err := q.Score(values)
					if err != nil {
						b.Fatal(err)
					}
					if _, err := table.Assign(scores); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(len(orders)), "orders")
			})
		}
	}
}

// BenchmarkCompute10MDays measures the distinct-days frequency, which
// keeps a set of days per customer.
func BenchmarkCompute10MDays(b *testing.B) {
	orders := benchOrders()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := rfm.Compute(b.Context(), slices.Values(orders), synth.DefaultAsOf, rfm.Options{FrequencyDays: true}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkQuantile1M(b *testing.B) {
	values := benchValues()
	for _, w := range []int{1, 0} {
		b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := (rfm.Quantile{Workers: w}).Score(values); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkReport1M(b *testing.B) {
	values := benchValues()
	scores, err := rfm.Quantile{}.Score(values)
	if err != nil {
		b.Fatal(err)
	}
	table := rfm.StandardSegments()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rfm.NewReport(values, scores, table); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAccumulatorAdd measures Add one order at a time, the path a
// host takes when it feeds orders itself.
func BenchmarkAccumulatorAdd(b *testing.B) {
	orders := slices.Collect(synth.Orders(synth.Config{People: 20_000, Companies: -1, Seed: 1}))
	b.ReportAllocs()
	for b.Loop() {
		a, err := rfm.NewAccumulator(synth.DefaultAsOf, rfm.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, o := range orders {
			if err := a.Add(o); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(orders)), "ns/order")
}
