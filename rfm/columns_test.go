package rfm_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
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

// integerColumns returns cols with its IDs as integers and its times as
// counts of unit, and the same columns as text and times as the standard
// library reads such counts (time.Unix, UnixMilli, UnixMicro), for
// reference. The customer IDs are the digits of the log's, and some are
// replaced with negative, long negative and 13- to 19-digit numbers; some
// times move before 1970 and get a fraction of a second.
func integerColumns(r *rand.Rand, cols rfm.Columns, unit time.Duration) (ints, text rfm.Columns) {
	n := len(cols.Amount)
	ints = rfm.Columns{CustomerNo: make([]int64, n), AtUnix: make([]int64, n), Amount: cols.Amount, AtUnit: unit}
	text = rfm.Columns{CustomerID: make([]string, n), At: make([]time.Time, n), Amount: cols.Amount}
	if cols.OrderID != nil {
		ints.OrderNo, text.OrderID = make([]int64, n), make([]string, n)
	}
	odd := []int64{-7, -123_456_789_012_345_678, math.MinInt64, 1_234_567_890_123, math.MaxInt64, 0, 9_999_999_999_999_999}
	digits := func(s string) int64 { // the digits after the letters, or 0
		v, _ := strconv.ParseInt(strings.TrimLeftFunc(s, func(r rune) bool { return r < '0' || r > '9' }), 10, 64)
		return v
	}
	for i := range n {
		c := digits(cols.CustomerID[i])
		if cols.CustomerID[i] == "" || r.IntN(30) == 0 {
			c = odd[int(c)%len(odd)] // empty IDs too: an integer ID is never empty
		}
		ints.CustomerNo[i], text.CustomerID[i] = c, strconv.FormatInt(c, 10)
		if cols.OrderID != nil {
			// Some negative, some long keys (negative, of 16 digits);
			// the replays of an order stay its duplicates.
			o := digits(cols.OrderID[i])
			switch o % 10 {
			case 0:
				o = -o
			case 1:
				o = -1e15 - o
			}
			ints.OrderNo[i], text.OrderID[i] = o, strconv.FormatInt(o, 10)
		}
		at := cols.At[i]
		if at.IsZero() || at.Year() < 0 {
			at = synth.DefaultAsOf.Add(-time.Duration(r.IntN(1000)) * time.Hour)
		}
		switch r.IntN(10) {
		case 0:
			at = time.Date(1969, 12, 31, 23, 59, 59, r.IntN(1e9), time.UTC) // before 1970: a negative count
		case 1:
			at = at.Add(-time.Duration(r.IntN(1e9))) // a fraction of a second
		}
		var v int64
		var ref time.Time
		switch unit {
		case time.Millisecond:
			v = at.UnixMilli()
			ref = time.UnixMilli(v)
		case time.Microsecond:
			v = at.UnixMicro()
			ref = time.UnixMicro(v)
		case time.Nanosecond:
			v = at.UnixNano()
			ref = time.Unix(0, v)
		default:
			v = at.Unix()
			ref = time.Unix(v, 0)
		}
		ints.AtUnix[i], text.At[i] = v, ref
	}
	return ints, text
}

// TestComputeColumnsIntegers runs ComputeColumns on IDs and times held as
// integers and on the same orders held as text and times, and expects
// the same results: the customers' IDs are the integers' decimal text,
// and every time unit is read as the standard library reads it.
func TestComputeColumnsIntegers(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	units := []time.Duration{0, time.Second, time.Millisecond, time.Microsecond, time.Nanosecond}
	for trial := range 10 {
		cols, _ := columnsOf(messyOrders(r), trial%5 == 4)
		ints, text := integerColumns(r, cols, units[trial%len(units)])
		opts := rfm.Options{
			FrequencyDays: r.IntN(2) == 0,
			WindowDays:    []int{0, 30, 400}[r.IntN(3)],
			TrustOrderIDs: r.IntN(3) == 0,
			Workers:       1 + r.IntN(3),
		}
		want, wantSkip, err := rfm.ComputeColumns(t.Context(), text, synth.DefaultAsOf, opts)
		if err != nil {
			t.Fatal(err)
		}
		got, skipped, err := rfm.ComputeColumns(t.Context(), ints, synth.DefaultAsOf, opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("trial %d, unit %v, %+v: integers differ from text (-want +got):\n%s", trial, ints.AtUnit, opts, diff)
		}
		if skipped != wantSkip {
			t.Fatalf("trial %d: integers skipped %+v, text %+v", trial, skipped, wantSkip)
		}
		if ints.OrderNo != nil && !opts.TrustOrderIDs && skipped.Duplicate == 0 {
			t.Errorf("trial %d: no duplicates to test", trial)
		}
	}
}

// TestComputeColumnsIntegerErrors checks the errors of the integer forms:
// both forms of a column, a unit that is not one of the four, lengths
// that differ, and a rejected row named by its order ID's text.
func TestComputeColumnsIntegerErrors(t *testing.T) {
	good := rfm.Columns{CustomerNo: []int64{1, 2}, OrderNo: []int64{10, -20}, AtUnix: []int64{asOf.Unix(), asOf.Unix() + 1}, Amount: []int64{100, 200}}
	if _, _, err := rfm.ComputeColumns(t.Context(), good, asOf, rfm.Options{RejectFuture: true}); !errors.Is(err, customer.ErrFuture) {
		t.Errorf("future row: %v, want ErrFuture", err)
	} else if oe := (*rfm.OrderError)(nil); !errors.As(err, &oe) || oe.Index != 1 || oe.OrderID != "-20" {
		t.Errorf("future row: %v, want an OrderError for row 1, order -20", err)
	}
	for name, c := range map[string]func(*rfm.Columns){
		"CustomerID and CustomerNo": func(c *rfm.Columns) { c.CustomerID = []string{"1", "2"} },
		"OrderID and OrderNo":       func(c *rfm.Columns) { c.OrderID = []string{"10", "20"} },
		"At and AtUnix":             func(c *rfm.Columns) { c.At = []time.Time{asOf, asOf} },
		"AtUnit of a minute":        func(c *rfm.Columns) { c.AtUnit = time.Minute },
		"negative AtUnit":           func(c *rfm.Columns) { c.AtUnit = -time.Second },
	} {
		bad := good
		c(&bad)
		if _, _, err := rfm.ComputeColumns(t.Context(), bad, asOf, rfm.Options{}); !errors.Is(err, rfm.ErrConfig) {
			t.Errorf("%s: %v, want ErrConfig", name, err)
		}
	}
	for name, c := range map[string]func(*rfm.Columns){
		"short OrderNo":    func(c *rfm.Columns) { c.OrderNo = c.OrderNo[:1] },
		"short AtUnix":     func(c *rfm.Columns) { c.AtUnix = c.AtUnix[:1] },
		"short CustomerNo": func(c *rfm.Columns) { c.CustomerNo = c.CustomerNo[:1] },
	} {
		bad := good
		c(&bad)
		if _, _, err := rfm.ComputeColumns(t.Context(), bad, asOf, rfm.Options{}); !errors.Is(err, rfm.ErrMismatch) {
			t.Errorf("%s: %v, want ErrMismatch", name, err)
		}
	}
	// Milliseconds before 1970 round down, as time.UnixMilli reads them:
	// -1 ms is 23:59:59.999 on 1969-12-31, day -1 in UTC.
	asOf := time.Date(1970, 1, 11, 0, 0, 0, 0, time.UTC)
	got, _, err := rfm.ComputeColumns(t.Context(), rfm.Columns{CustomerNo: []int64{5}, AtUnix: []int64{-1}, AtUnit: time.Millisecond, Amount: []int64{100}}, asOf, rfm.Options{})
	if err != nil || len(got) != 1 || got[0].Recency != 11 || got[0].CustomerID != "5" {
		t.Errorf("an order 1 ms before 1970: %+v, %v; want customer 5 with recency 11 days", got, err)
	}
}

// TestComputeColumnsCancelled checks that ComputeColumns stops on a done
// context, in either form of the columns, and returns no values.
func TestComputeColumnsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	n := 10_000
	ints := rfm.Columns{CustomerNo: make([]int64, n), AtUnix: make([]int64, n), Amount: make([]int64, n)}
	text := rfm.Columns{CustomerID: make([]string, n), At: make([]time.Time, n), Amount: make([]int64, n)}
	for i := range n {
		ints.CustomerNo[i], ints.AtUnix[i] = int64(i%700), asOf.Unix()-int64(i)
		text.CustomerID[i], text.At[i] = strconv.Itoa(i%700), asOf.Add(-time.Duration(i)*time.Second)
	}
	for name, cols := range map[string]rfm.Columns{"integers": ints, "text": text} {
		if got, _, err := rfm.ComputeColumns(ctx, cols, asOf, rfm.Options{}); !errors.Is(err, context.Canceled) || got != nil {
			t.Errorf("%s: %d values, %v; want context.Canceled", name, len(got), err)
		}
	}
}
