package rfm_test

import (
	"errors"
	"hash/fnv"
	"slices"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/rfm"
	"github.com/google/go-cmp/cmp"
)

func accumulate(t *testing.T, orders []customer.Order, opts rfm.Options) *rfm.Accumulator {
	t.Helper()
	a, err := rfm.NewAccumulator(synth.DefaultAsOf, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orders {
		if err := a.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

func byCustomer(vs []rfm.Values) []rfm.Values {
	return slices.SortedFunc(slices.Values(vs), func(a, b rfm.Values) int {
		return strings.Compare(string(a.CustomerID), string(b.CustomerID))
	})
}

// TestMergeShardsByCustomer splits orders with replayed duplicates by a
// hash of the customer ID, as a distributed group-by would, and expects
// the merged shards to give exactly the single-pass values and counts.
func TestMergeShardsByCustomer(t *testing.T) {
	cfg := synth.Config{People: 2000, Seed: 3, DuplicateOrders: 0.1}
	orders := slices.Collect(synth.Orders(cfg))
	for _, opts := range []rfm.Options{{}, {FrequencyDays: true, WindowDays: 400}} {
		whole := accumulate(t, orders, opts)
		shards := make([][]customer.Order, 3)
		for _, o := range orders {
			h := fnv.New32a()
			h.Write([]byte(o.CustomerID))
			k := h.Sum32() % 3
			shards[k] = append(shards[k], o)
		}
		merged := accumulate(t, shards[2], opts)
		for _, k := range []int{0, 1} {
			if err := merged.Merge(accumulate(t, shards[k], opts)); err != nil {
				t.Fatalf("Merge: %v", err)
			}
		}
		if diff := cmp.Diff(byCustomer(whole.Values()), byCustomer(merged.Values())); diff != "" {
			t.Errorf("merged shards differ from one pass (-want +got):\n%s", diff)
		}
		if whole.Skipped() != merged.Skipped() {
			t.Errorf("Skipped: merged %+v, one pass %+v", merged.Skipped(), whole.Skipped())
		}
		if whole.Skipped().Duplicate == 0 {
			t.Error("the data has no duplicates to test")
		}
	}
}

// TestMergeConsecutiveSlices splits a stream without duplicates into
// consecutive slices, so customers span shards: the merged result equals
// one pass, in the same order.
func TestMergeConsecutiveSlices(t *testing.T) {
	orders := slices.Collect(synth.Orders(synth.Config{People: 1500, Seed: 4}))
	slices.SortStableFunc(orders, func(a, b customer.Order) int { return a.At.Compare(b.At) })
	opts := rfm.Options{FrequencyDays: true}
	whole := accumulate(t, orders, opts)
	third := len(orders) / 3
	merged := accumulate(t, orders[:third], opts)
	if err := merged.Merge(accumulate(t, orders[third:2*third], opts)); err != nil {
		t.Fatal(err)
	}
	if err := merged.Merge(accumulate(t, orders[2*third:], opts)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(whole.Values(), merged.Values()); diff != "" {
		t.Errorf("merged slices differ from one pass (-want +got):\n%s", diff)
	}
	// Adding after a merge continues the same customers.
	extra := ord("extra", string(orders[0].CustomerID), "2026-06-30 12:00", cst, "1")
	for _, a := range []*rfm.Accumulator{whole, merged} {
		if err := a.Add(extra); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(whole.Values(), merged.Values()); diff != "" {
		t.Errorf("after Add (-want +got):\n%s", diff)
	}
}

func TestMergeRejects(t *testing.T) {
	o1 := ord("1", "A", "2026-06-01 10:00", cst, "5")
	o2 := ord("2", "A", "2026-06-02 10:00", cst, "7")
	a := accumulate(t, []customer.Order{o1}, rfm.Options{})
	before := a.Values()

	overlap := accumulate(t, []customer.Order{o2, o1}, rfm.Options{})
	if err := a.Merge(overlap); !errors.Is(err, rfm.ErrMismatch) {
		t.Errorf("Merge(shared order) = %v, want ErrMismatch", err)
	}
	if diff := cmp.Diff(before, a.Values()); diff != "" {
		t.Errorf("a failed Merge changed a (-want +got):\n%s", diff)
	}
	if err := a.Merge(a); !errors.Is(err, rfm.ErrConfig) {
		t.Errorf("Merge(self) = %v, want ErrConfig", err)
	}
	other, _ := rfm.NewAccumulator(asOf.AddDate(0, 0, 1), rfm.Options{})
	if err := a.Merge(other); !errors.Is(err, rfm.ErrConfig) {
		t.Errorf("Merge(other as-of) = %v, want ErrConfig", err)
	}
	days := accumulate(t, nil, rfm.Options{FrequencyDays: true})
	if err := a.Merge(days); !errors.Is(err, rfm.ErrConfig) {
		t.Errorf("Merge(other options) = %v, want ErrConfig", err)
	}
	// Workers do not matter.
	if err := a.Merge(accumulate(t, []customer.Order{o2}, rfm.Options{Workers: 4})); err != nil {
		t.Errorf("Merge(other Workers) = %v", err)
	}
	// With trusted IDs the same order counts twice, as documented.
	trusted := accumulate(t, []customer.Order{o1}, rfm.Options{TrustOrderIDs: true})
	if err := trusted.Merge(accumulate(t, []customer.Order{o1}, rfm.Options{TrustOrderIDs: true})); err != nil {
		t.Fatal(err)
	}
	if got := trusted.Values()[0].Frequency; got != 2 {
		t.Errorf("trusted merge Frequency = %d, want 2", got)
	}
}

// TestMergeBigTotals merges totals beyond the int64 fast path.
func TestMergeBigTotals(t *testing.T) {
	big := func(id string) customer.Order {
		return ord(id, "A", "2026-06-01 10:00", cst, "900000000000000.0001")
	}
	a := accumulate(t, []customer.Order{big("1"), big("2")}, rfm.Options{})
	b := accumulate(t, []customer.Order{big("3"), ord("4", "A", "2026-06-02 10:00", cst, "0.00001")}, rfm.Options{})
	if err := a.Merge(b); err != nil {
		t.Fatal(err)
	}
	want := []rfm.Values{{CustomerID: "A", Recency: 28, Frequency: 4, Monetary: dec("2700000000000000.00031")}}
	if diff := cmp.Diff(want, a.Values()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
