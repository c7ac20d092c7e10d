package rfm_test

import (
	"context"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/rfm"
)

// clvBenchConfig describes the benchmark population: a million persons
// with three years of orders (about 10.6 million orders).
var clvBenchConfig = synth.Config{People: 1_000_000, Companies: -1, Seed: 1}

// clvBenchCBS builds the weekly calibration summaries of the benchmark
// population once per test binary: the last year is the holdout. The
// orders are streamed (grouped by customer, as synth.Orders yields them)
// and never held in memory.
var clvBenchCBS = sync.OnceValue(func() *rfm.CBSData {
	asOf := synth.DefaultAsOf
	d, err := rfm.SummarizeCBS(context.Background(), synth.Orders(clvBenchConfig), rfm.CBSOptions{
		CalibrationEnd: asOf.AddDate(-1, 0, 0),
		HoldoutEnd:     asOf,
		Unit:           rfm.UnitWeek,
		TrustOrderIDs:  true,
	})
	if err != nil {
		panic(err)
	}
	return d
})

// clvBenchFits fits both models on the benchmark summaries once.
var clvBenchFits = sync.OnceValues(func() (*rfm.BGNBD, *rfm.GammaGamma) {
	data := clvBenchCBS().Customers
	bg, err := rfm.FitBGNBD(context.Background(), data, rfm.FitOptions{})
	if err != nil {
		panic(err)
	}
	gg, err := rfm.FitGammaGamma(context.Background(), data, rfm.FitOptions{})
	if err != nil {
		panic(err)
	}
	return bg, gg
})

// BenchmarkFitBGNBD1M fits the BG/NBD model to the summaries of about a
// million customers (those with a purchase in the first two years).
func BenchmarkFitBGNBD1M(b *testing.B) {
	data := clvBenchCBS().Customers
	b.ReportMetric(float64(len(data)), "customers")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rfm.FitBGNBD(b.Context(), data, rfm.FitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFitGammaGamma1M fits the Gamma-Gamma model to the same
// summaries (its repeat buyers).
func BenchmarkFitGammaGamma1M(b *testing.B) {
	data := clvBenchCBS().Customers
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rfm.FitGammaGamma(b.Context(), data, rfm.FitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLifetimeValues1M computes the 12-month CLV of every customer.
func BenchmarkLifetimeValues1M(b *testing.B) {
	data := clvBenchCBS().Customers
	bg, gg := clvBenchFits()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rfm.LifetimeValues(b.Context(), data, bg, gg, rfm.CLVOptions{Unit: rfm.UnitWeek, DiscountRate: 0.01}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSummarizeCBS10M builds the summaries from the 10.6 million
// orders of the benchmark population, streamed from the generator (whose
// cost is included; see synth's own benchmarks).
func BenchmarkSummarizeCBS10M(b *testing.B) {
	asOf := synth.DefaultAsOf
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rfm.SummarizeCBS(b.Context(), synth.Orders(clvBenchConfig), rfm.CBSOptions{
			CalibrationEnd: asOf.AddDate(-1, 0, 0), HoldoutEnd: asOf, Unit: rfm.UnitWeek, TrustOrderIDs: true,
		}); err != nil {
			b.Fatal(err)
		}
	}
}
