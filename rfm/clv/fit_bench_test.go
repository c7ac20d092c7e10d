package clv_test

import (
	"context"
	"iter"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/rfm/clv"
)

// clvBenchConfig describes the benchmark population: a million persons
// with three years of orders (about 10.6 million orders).
var clvBenchConfig = synth.Config{People: 1_000_000, Companies: -1, Seed: 1}

// clvBenchCBS builds, once per test binary, exactly a million weekly
// customer summaries: the first million buyers of a slightly larger
// population (some persons never buy), over the whole three years. The
// orders are streamed (grouped by customer, as synth.Orders yields them)
// and never held in memory.
var clvBenchCBS = sync.OnceValue(func() []clv.CBS {
	cfg := clvBenchConfig
	cfg.People = 1_100_000
	d, _, err := clv.SummarizeCBS(context.Background(), synth.Orders(cfg), clv.CBSOptions{
		CalibrationEnd: synth.DefaultAsOf,
		Unit:           7 * 24 * time.Hour,
		TrustOrderIDs:  true,
	})
	if err != nil {
		panic(err)
	}
	if len(d) < 1_000_000 {
		panic("clv: benchmark population has fewer than a million buyers")
	}
	return d[:1_000_000]
})

// clvBenchFits fits both models on the benchmark summaries once.
var clvBenchFits = sync.OnceValues(func() (*clv.BGNBD, *clv.GammaGamma) {
	data := clvBenchCBS()
	bg, err := clv.FitBGNBD(context.Background(), data, clv.FitOptions{})
	if err != nil {
		panic(err)
	}
	gg, err := clv.FitGammaGamma(context.Background(), data, clv.FitOptions{})
	if err != nil {
		panic(err)
	}
	return bg, gg
})

// BenchmarkFitBGNBD1M fits the BG/NBD model to a million customer
// summaries.
func BenchmarkFitBGNBD1M(b *testing.B) {
	data := clvBenchCBS()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := clv.FitBGNBD(b.Context(), data, clv.FitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data)), "customers")
}

// BenchmarkFitGammaGamma1M fits the Gamma-Gamma model to the same
// summaries (their repeat buyers).
func BenchmarkFitGammaGamma1M(b *testing.B) {
	data := clvBenchCBS()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := clv.FitGammaGamma(b.Context(), data, clv.FitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLifetimeValues1M computes the 12-month CLV of a million
// customers.
func BenchmarkLifetimeValues1M(b *testing.B) {
	data := clvBenchCBS()
	bg, gg := clvBenchFits()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := clv.LifetimeValues(b.Context(), data, bg, gg, clv.CLVOptions{Unit: 7 * 24 * time.Hour, DiscountRate: 0.01}); err != nil {
			b.Fatal(err)
		}
	}
}

// clvLogOrders holds the realistic order log: internal/synth.Log with 1M
// customers, seed 1 and 1.5% replayed rows, 10,648,149 orders in date
// order, every ID its own allocation.
var clvLogOrders = sync.OnceValue(func() []customer.Order {
	return synth.Log{Customers: 1_000_000, Seed: 1, Duplicates: 0.015}.Orders()
})

// clvMarketplaceOrders is clvLogOrders with 19-digit order IDs, as large
// Chinese marketplaces issue them (synth.Log.MarketplaceIDs).
var clvMarketplaceOrders = sync.OnceValue(func() []customer.Order {
	return synth.Log{Customers: 1_000_000, Seed: 1, Duplicates: 0.015, MarketplaceIDs: true}.Orders()
})

// BenchmarkSummarizeCBS10M builds the summaries from the realistic log,
// with and without duplicate detection, from the log with marketplace
// order IDs, and from the 10.6 million orders
// of the synth.Orders population, streamed from the generator (whose
// cost is included; see synth's own benchmarks).
func BenchmarkSummarizeCBS10M(b *testing.B) {
	asOf := synth.DefaultAsOf
	opts := clv.CBSOptions{CalibrationEnd: asOf.AddDate(-1, 0, 0), HoldoutEnd: asOf, Unit: 7 * 24 * time.Hour}
	trusted := opts
	trusted.TrustOrderIDs = true
	for _, c := range []struct {
		name   string
		orders func() iter.Seq[customer.Order]
		opts   clv.CBSOptions
	}{
		{"log/dedup", func() iter.Seq[customer.Order] { return slices.Values(clvLogOrders()) }, opts},
		{"log/trusted-ids", func() iter.Seq[customer.Order] { return slices.Values(clvLogOrders()) }, trusted},
		{"marketplace/dedup", func() iter.Seq[customer.Order] { return slices.Values(clvMarketplaceOrders()) }, opts},
		{"synth-stream/trusted-ids", func() iter.Seq[customer.Order] { return synth.Orders(clvBenchConfig) }, trusted},
	} {
		b.Run(c.name, func(b *testing.B) {
			orders := c.orders()
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := clv.SummarizeCBS(b.Context(), orders, c.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
