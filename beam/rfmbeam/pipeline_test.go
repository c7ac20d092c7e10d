package rfmbeam_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/clientele-go/clientele/beam/rfmbeam"
	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/shopspring/decimal"
)

func TestMain(m *testing.M) { ptest.Main(m) }

var asOf = time.Date(2025, 1, 1, 23, 59, 59, 0, time.UTC)

// partialFn is CombineFn with the accumulator as its output: it builds the
// partial state of one shard.
type partialFn struct{ rfmbeam.CombineFn }

func (f *partialFn) ExtractOutput(a *rfmbeam.Orders) *rfmbeam.Orders { return a }

// mergeFn merges the partial states of the shards and extracts the values.
type mergeFn struct{ rfmbeam.CombineFn }

func (f *mergeFn) AddInput(a, b *rfmbeam.Orders) *rfmbeam.Orders { return f.MergeAccumulators(a, b) }

func init() {
	register.Combiner3[*rfmbeam.Orders, rfmbeam.Order, *rfmbeam.Orders](&partialFn{})
	register.Combiner3[*rfmbeam.Orders, *rfmbeam.Orders, rfmbeam.Customer](&mergeFn{})
	register.Function1x2[rfmbeam.Order, string, rfmbeam.Order](key)
	register.Function1x1[rfmbeam.Order, int](shardOf)
	register.Function1x1[rfmbeam.Customer, string](customerString)
	register.Function1x1[rfmbeam.Scored, string](scoredString)
	register.Function1x1[rfm.Skipped, string](skippedString)
	register.Function2x0[rfmbeam.Customer, func(string)](withValues)
}

func key(o rfmbeam.Order) (string, rfmbeam.Order) { return string(o.CustomerID), o }

// shardOf spreads every customer's orders over three shards.
func shardOf(o rfmbeam.Order) int { return int(o.Pos*7919) % 3 }

func customerString(c rfmbeam.Customer) string {
	if !c.HasValues {
		return fmt.Sprintf("%s without values %+v", c.Values.CustomerID, c.Skipped)
	}
	return fmt.Sprintf("%s %d %d %s first %d", c.Values.CustomerID, c.Values.Recency, c.Values.Frequency, c.Values.Monetary, c.First)
}

func scoredString(s rfmbeam.Scored) string {
	return fmt.Sprintf("%s %d%d%d", s.Scores.CustomerID, s.Scores.R, s.Scores.F, s.Scores.M)
}

func skippedString(s rfm.Skipped) string { return fmt.Sprintf("%+v", s) }

// orders returns n random orders of about n/8 customers, with repeated
// order IDs (other amounts), refunds, refund-only customers and orders
// after the as-of time; Pos is the index.
func orders(n int, seed uint64) []rfmbeam.Order {
	r := rand.New(rand.NewPCG(seed, 3))
	var os []rfmbeam.Order
	for i := range n {
		c := r.IntN(n/8 + 1)
		id := fmt.Sprintf("o%d", r.IntN(n))
		cents := int64(r.IntN(100000))
		if r.IntN(20) == 0 || c%29 == 0 {
			cents = -cents // refunds, and customers with refunds only
		}
		os = append(os, rfmbeam.Order{
			Pos: int64(i), CustomerID: customer.ID(fmt.Sprintf("c%03d", c)), ID: id,
			At:     asOf.Add(-time.Duration(r.IntN(800*24)) * time.Hour).Add(time.Duration(r.IntN(40)) * time.Hour),
			Amount: decimal.New(cents, -2),
		})
	}
	return os
}

// reference returns rfm.Compute's values, as customerString formats them,
// its skip counts and rfm.Quantile{Bins: bins}'s scores.
func reference(t *testing.T, os []rfmbeam.Order, q rfm.Quantile) (values []any, skipped rfm.Skipped, scores []any) {
	t.Helper()
	var cos []customer.Order
	for _, o := range os {
		cos = append(cos, customer.Order{ID: o.ID, CustomerID: o.CustomerID, At: o.At, Amount: o.Amount})
	}
	vs, skipped, err := rfm.Compute(t.Context(), slices.Values(cos), asOf, rfm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := map[customer.ID]int64{}
	for _, o := range os {
		if _, ok := first[o.CustomerID]; !ok && !o.At.After(asOf) {
			first[o.CustomerID] = o.Pos
		}
	}
	for _, v := range vs {
		values = append(values, fmt.Sprintf("%s %d %d %s first %d", v.CustomerID, v.Recency, v.Frequency, v.Monetary, first[v.CustomerID]))
	}
	sc, err := q.Score(vs)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sc {
		scores = append(scores, fmt.Sprintf("%s %d%d%d", s.CustomerID, s.R, s.F, s.M))
	}
	return values, skipped, scores
}

// TestShardSplit computes the values of every customer from three shards
// that each hold part of its orders (duplicates of one order ID in
// different shards included): each shard's accumulators are built by
// their own CombinePerKey, cross a shuffle through the registered coder,
// and are merged by a second CombinePerKey. The values must equal
// rfm.Compute's, and so must those of ComputeValues and the skip counts.
func TestShardSplit(t *testing.T) {
	os := orders(3000, 1)
	wantValues, wantSkipped, _ := reference(t, os, rfm.Quantile{})
	if wantSkipped.Duplicate == 0 || wantSkipped.Future == 0 || wantSkipped.NoPurchase == 0 {
		t.Fatalf("the sample lacks defects: %+v", wantSkipped)
	}
	fn, err := rfmbeam.NewCombineFn(asOf, rfm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, s := beam.NewPipelineWithRoot()
	col := beam.CreateList(s, os)
	shards := beam.Partition(s, 3, shardOf, col)
	var partials []beam.PCollection
	for _, sh := range shards {
		partials = append(partials, beam.CombinePerKey(s, &partialFn{*fn}, beam.ParDo(s, key, sh)))
	}
	merged := beam.DropKey(s, beam.CombinePerKey(s, &mergeFn{*fn}, beam.Flatten(s, partials...)))
	direct := rfmbeam.ComputeValues(s, fn, col)
	passert.Equals(s, beam.ParDo(s, withValues, merged), wantValues...)
	passert.Equals(s, beam.ParDo(s, withValues, direct), wantValues...)
	passert.Equals(s, beam.ParDo(s, skippedString, rfmbeam.TotalSkipped(s, direct)), skippedString(wantSkipped))
	ptest.RunAndValidate(t, p)
}

// withValues formats the customers that have values.
func withValues(c rfmbeam.Customer, emit func(string)) {
	if c.HasValues {
		emit(customerString(c))
	}
}

// TestScore checks Score against rfm.Quantile.Score on populations with
// many ties, few customers, other numbers of bins and Unshifted.
func TestScore(t *testing.T) {
	cases := []struct {
		name string
		n    int
		q    rfm.Quantile
	}{
		{"one", 1, rfm.Quantile{}},
		{"two", 2, rfm.Quantile{}},
		{"small", 9, rfm.Quantile{}},
		{"default", 4000, rfm.Quantile{}},
		{"bins 3", 700, rfm.Quantile{Bins: 3}},
		{"bins 10 unshifted", 2500, rfm.Quantile{Bins: 10, Unshifted: true}},
	}
	fn, err := rfmbeam.NewCombineFn(asOf, rfm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, s := beam.NewPipelineWithRoot()
	for i, c := range cases {
		os := orders(c.n*8, uint64(10+i))
		_, _, want := reference(t, os, c.q)
		s := s.Scope(c.name)
		scored := rfmbeam.Score(s, c.q, rfmbeam.ComputeValues(s, fn, beam.CreateList(s, os)))
		passert.Equals(s, beam.ParDo(s, scoredString, scored), want...)
	}
	ptest.RunAndValidate(t, p)
}
