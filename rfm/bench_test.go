package rfm_test

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"testing"

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

// benchValues are the values of benchOrders.
var benchValues = sync.OnceValue(func() []rfm.Values {
	v, _, err := rfm.Compute(context.Background(), slices.Values(benchOrders()), synth.DefaultAsOf, rfm.Options{})
	if err != nil {
		panic(err)
	}
	return v
})

// BenchmarkRFM10M is the benchmark: Compute, Quantile.Score and
// StandardSegments().Assign over 10M orders of 1M customers. Compare with
// scripts/bench-pandas-rfm.sh.
func BenchmarkRFM10M(b *testing.B) {
	orders := benchOrders()
	table := rfm.StandardSegments()
	for _, c := range []struct {
		name string
		opts rfm.Options
	}{
		{"dedup", rfm.Options{}},
		{"trust", rfm.Options{TrustOrderIDs: true}},
		{"dedup/workers=1", rfm.Options{Workers: 1}},
	} {
		b.Run(c.name, func(b *testing.B) {
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
