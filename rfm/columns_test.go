package rfm_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/rfm"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

// columnsOf returns the orders as columns, and the orders as Compute
// sees them: amounts in fen, order IDs dropped when noIDs.
func columnsOf(orders []customer.Order, noIDs bool) (rfm.Columns, []customer.Order) {
	var c rfm.Columns
	same := make([]customer.Order, len(orders))
	for i, o := range orders {
		fen := o.Amount.Shift(2).IntPart()
		c.CustomerID = append(c.CustomerID, string(o.CustomerID))
		c.OrderID = append(c.OrderID, o.ID)
		c.At = append(c.At, o.At)
		c.Amount = append(c.Amount, fen)
		same[i] = o
		same[i].Amount = decimal.New(fen, -2)
		if noIDs {
			same[i].ID = ""
		}
	}
	if noIDs {
		c.OrderID = nil
	}
	return c, same
}

// messyOrders returns a realistic log with every kind of bad order mixed
// in: invalid, future, duplicate, refunds, long IDs, amounts beyond int64
// units and a day beyond int32.
func messyOrders(r *rand.Rand) []customer.Order {
	orders := synth.Log{Customers: 300, Seed: r.Uint64(), Duplicates: 0.05}.Orders()
	long := "a customer ID longer than fifteen bytes"
	for i := range orders {
		switch r.IntN(40) {
		case 0:
			orders[i].CustomerID = ""
		case 1:
			orders[i].At = time.Time{}
		case 2:
			orders[i].At = synth.DefaultAsOf.Add(time.Hour)
		case 3:
			orders[i].CustomerID = customer.ID(long + strconv.Itoa(r.IntN(3)))
			orders[i].ID = "an order ID longer than fifteen bytes " + strconv.Itoa(r.IntN(5))
		case 4:
			orders[i].Amount = decimal.New(math.MaxInt64/50, -2) // beyond int64 units
		case 5:
			orders[i].At = time.Date(-20_000_000, 1, 1, 0, 0, 0, 0, time.UTC) // day beyond int32
		}
	}
	return orders
}

// TestComputeColumnsMatchesCompute runs ComputeColumns and Compute on the
// same orders under many options and worker counts.
func TestComputeColumnsMatchesCompute(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := range 12 {
		orders := messyOrders(r)
		noIDs := trial%4 == 3
		cols, same := columnsOf(orders, noIDs)
		opts := rfm.Options{
			FrequencyDays:   r.IntN(2) == 0,
			MonetaryAverage: r.IntN(2) == 0,
			WindowDays:      []int{0, 30, 400}[r.IntN(3)],
			TrustOrderIDs:   r.IntN(3) == 0,
			Workers:         1 + r.IntN(3),
		}
		want, wantSkip, err := rfm.Compute(t.Context(), slices.Values(same), synth.DefaultAsOf, opts)
		if err != nil {
			t.Fatal(err)
		}
		got, skipped, err := rfm.ComputeColumns(t.Context(), cols, synth.DefaultAsOf, opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("trial %d, %+v: ComputeColumns differs from Compute (-want +got):\n%s", trial, opts, diff)
		}
		if skipped != wantSkip {
			t.Fatalf("trial %d: ComputeColumns skipped %+v, Compute %+v", trial, skipped, wantSkip)
		}
		if !noIDs && !opts.TrustOrderIDs && skipped.Duplicate == 0 {
			t.Errorf("trial %d: no duplicates to test", trial)
		}
	}
}

func TestComputeColumnsErrors(t *testing.T) {
	good := rfm.Columns{CustomerID: []string{"A", "B"}, OrderID: []string{"1", "2"}, At: []time.Time{asOf, asOf.Add(time.Hour)}, Amount: []int64{100, 200}}
	if _, _, err := rfm.ComputeColumns(t.Context(), good, asOf, rfm.Options{RejectFuture: true}); !errors.Is(err, customer.ErrFuture) {
		t.Errorf("future row: %v, want ErrFuture", err)
	} else if oe := (*rfm.OrderError)(nil); !errors.As(err, &oe) || oe.Index != 1 || oe.OrderID != "2" {
		t.Errorf("future row: %v, want an OrderError for row 1", err)
	}
	bad := good
	bad.Amount = bad.Amount[:1]
	if _, _, err := rfm.ComputeColumns(t.Context(), bad, asOf, rfm.Options{}); !errors.Is(err, rfm.ErrMismatch) {
		t.Errorf("short Amount: %v, want ErrMismatch", err)
	}
	bad = good
	bad.OrderID = []string{"1"}
	if _, _, err := rfm.ComputeColumns(t.Context(), bad, asOf, rfm.Options{}); !errors.Is(err, rfm.ErrMismatch) {
		t.Errorf("short OrderID: %v, want ErrMismatch", err)
	}
	if _, _, err := rfm.ComputeColumns(t.Context(), good, time.Time{}, rfm.Options{}); !errors.Is(err, rfm.ErrConfig) {
		t.Errorf("zero as-of: %v, want ErrConfig", err)
	}
	got, skipped, err := rfm.ComputeColumns(t.Context(), rfm.Columns{}, asOf, rfm.Options{})
	if err != nil || len(got) != 0 || skipped != (rfm.Skipped{}) {
		t.Errorf("no rows: %v, %+v, %v", got, skipped, err)
	}
}
