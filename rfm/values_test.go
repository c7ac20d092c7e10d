package rfm_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // America/New_York for the daylight-saving cases

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/clientele-go/clientele/rfm"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

var cst = time.FixedZone("CST", 8*3600)

// asOf is the end of 2026-06-30 in Beijing.
var asOf = time.Date(2026, 6, 30, 23, 59, 59, 0, cst)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// ord builds an order at a time given as "2006-01-02 15:04" in zone loc.
func ord(id, cust, at string, loc *time.Location, amount string) customer.Order {
	t, err := time.ParseInLocation("2006-01-02 15:04", at, loc)
	if err != nil {
		panic(err)
	}
	return customer.Order{ID: id, CustomerID: customer.ID(cust), At: t, Amount: dec(amount)}
}

func TestComputeHandCases(t *testing.T) {
	tests := []struct {
		name   string
		orders []customer.Order
		opts   rfm.Options
		want   []rfm.Values
		skip   rfm.Skipped
	}{
		{
			name: "recency frequency monetary",
			orders: []customer.Order{
				ord("1", "A", "2026-06-01 10:00", cst, "100.00"),
				ord("2", "B", "2026-06-29 09:00", cst, "20.50"),
				ord("3", "A", "2026-06-20 18:00", cst, "50.25"),
				ord("4", "A", "2026-05-01 08:00", cst, "9.75"),
			},
			// A: last purchase 06-20, 10 days before 06-30; 3 purchases;
			// 100+50.25+9.75 = 160. B: 1 day, 1 purchase, 20.50.
			want: []rfm.Values{
				{CustomerID: "A", Recency: 10, Frequency: 3, Monetary: dec("160")},
				{CustomerID: "B", Recency: 1, Frequency: 1, Monetary: dec("20.5")},
			},
		},
		{
			name: "days are counted in the as-of location",
			orders: []customer.Order{
				// 2026-06-29 17:30 UTC is 2026-06-30 01:30 in Beijing: the
				// as-of date, so recency 0, not 1.
				ord("1", "A", "2026-06-29 17:30", time.UTC, "1"),
				// 2026-06-29 15:59 UTC is 23:59 in Beijing on 06-29.
				ord("2", "B", "2026-06-29 15:59", time.UTC, "1"),
			},
			want: []rfm.Values{
				{CustomerID: "A", Recency: 0, Frequency: 1, Monetary: dec("1")},
				{CustomerID: "B", Recency: 1, Frequency: 1, Monetary: dec("1")},
			},
		},
		{
			name: "refunds reduce monetary but are not purchases",
			orders: []customer.Order{
				ord("1", "A", "2026-06-01 10:00", cst, "100"),
				ord("2", "A", "2026-06-25 10:00", cst, "-30"), // later refund: recency stays 29
				ord("3", "B", "2026-06-10 10:00", cst, "-5"),  // refund only: no values
				ord("4", "C", "2026-06-10 10:00", cst, "10"),
				ord("5", "C", "2026-06-11 10:00", cst, "-25"), // refunds outweigh purchases
			},
			want: []rfm.Values{
				{CustomerID: "A", Recency: 29, Frequency: 1, Monetary: dec("70")},
				{CustomerID: "C", Recency: 20, Frequency: 1, Monetary: dec("-15")},
			},
			skip: rfm.Skipped{NoPurchase: 1},
		},
		{
			// Their refunds leave int64 units (five decimals; beyond 9.2e14
			// yuan), which moves a customer's numbers to the exact form.
			name: "refund-only customers get no values in the exact form too",
			orders: []customer.Order{
				ord("1", "A", "2026-06-01 10:00", cst, "-0.00001"),
				ord("2", "B", "2026-06-02 10:00", cst, "-1000000000000000"),
				ord("3", "C", "2026-06-03 10:00", cst, "-0.00001"),
				ord("4", "C", "2026-06-04 10:00", cst, "5"), // a purchase after the move
			},
			want: []rfm.Values{{CustomerID: "C", Recency: 26, Frequency: 1, Monetary: dec("4.99999")}},
			skip: rfm.Skipped{NoPurchase: 2},
		},
		{
			name: "refund-only customers in the exact form, with averages",
			orders: []customer.Order{
				ord("1", "A", "2026-06-01 10:00", cst, "-0.00001"),
				ord("2", "B", "2026-06-02 10:00", cst, "10"),
			},
			opts: rfm.Options{MonetaryAverage: true},
			want: []rfm.Values{{CustomerID: "B", Recency: 28, Frequency: 1, Monetary: dec("10")}},
			skip: rfm.Skipped{NoPurchase: 1},
		},
		{
			name: "zero amounts are purchases, odd decimals stay exact",
			orders: []customer.Order{
				ord("1", "A", "2026-06-30 10:00", cst, "0"),
				ord("2", "A", "2026-06-30 11:00", cst, "0.001"),
				ord("3", "A", "2026-06-30 12:00", cst, "0.0015"),
				ord("4", "B", "2026-06-30 12:00", cst, "1.000000001"), // beyond 4 decimals
				ord("5", "B", "2026-06-30 13:00", cst, "2.123456789"),
			},
			want: []rfm.Values{
				{CustomerID: "A", Recency: 0, Frequency: 3, Monetary: dec("0.0025")},
				{CustomerID: "B", Recency: 0, Frequency: 2, Monetary: dec("3.12345679")},
			},
		},
		{
			name: "duplicate order IDs count once per customer",
			orders: []customer.Order{
				ord("X1", "A", "2026-06-01 10:00", cst, "10"),
				ord("X1", "A", "2026-06-01 10:00", cst, "10"), // replayed
				ord("X1", "B", "2026-06-02 10:00", cst, "7"),  // same ID, other customer
				ord("", "B", "2026-06-03 10:00", cst, "1"),    // empty IDs are never duplicates
				ord("", "B", "2026-06-03 10:00", cst, "1"),
				ord("X2", "A", "2026-06-05 10:00", cst, "5"),
				ord("X1", "A", "2026-06-29 10:00", cst, "99"), // duplicate, later: ignored
			},
			want: []rfm.Values{
				{CustomerID: "A", Recency: 25, Frequency: 2, Monetary: dec("15")},
				{CustomerID: "B", Recency: 27, Frequency: 3, Monetary: dec("9")},
			},
			skip: rfm.Skipped{Duplicate: 2},
		},
		{
			name: "trusted order IDs are all counted",
			orders: []customer.Order{
				ord("X1", "A", "2026-06-01 10:00", cst, "10"),
				ord("X1", "A", "2026-06-01 10:00", cst, "10"),
			},
			opts: rfm.Options{TrustOrderIDs: true},
			want: []rfm.Values{{CustomerID: "A", Recency: 29, Frequency: 2, Monetary: dec("20")}},
		},
		{
			name: "frequency as distinct purchase days",
			orders: []customer.Order{
				ord("1", "A", "2026-06-01 10:00", cst, "1"),
				ord("2", "A", "2026-06-01 23:00", cst, "1"),
				ord("3", "A", "2026-06-01 16:30", time.UTC, "1"), // 06-02 00:30 in Beijing
				ord("4", "A", "2026-06-03 10:00", cst, "-1"),     // refunds add no day
			},
			opts: rfm.Options{FrequencyDays: true},
			want: []rfm.Values{{CustomerID: "A", Recency: 28, Frequency: 2, Monetary: dec("2")}},
		},
		{
			name: "monetary as the average per purchase, half away from zero",
			orders: []customer.Order{
				ord("1", "A", "2026-06-01 10:00", cst, "10"),
				ord("2", "A", "2026-06-02 10:00", cst, "0"),
				ord("3", "A", "2026-06-03 10:00", cst, "0"),
				ord("4", "B", "2026-06-03 10:00", cst, "0.01"),
				ord("5", "B", "2026-06-03 11:00", cst, "0"),
				ord("6", "C", "2026-06-03 10:00", cst, "0.01"),
				ord("7", "C", "2026-06-03 11:00", cst, "0"),
				ord("8", "C", "2026-06-03 12:00", cst, "-0.03"),
			},
			opts: rfm.Options{MonetaryAverage: true},
			// 10/3 = 3.333 -> 3.33; 0.01/2 = 0.005 -> 0.01; -0.02/2 = -0.01.
			want: []rfm.Values{
				{CustomerID: "A", Recency: 27, Frequency: 3, Monetary: dec("3.33")},
				{CustomerID: "B", Recency: 27, Frequency: 2, Monetary: dec("0.01")},
				{CustomerID: "C", Recency: 27, Frequency: 2, Monetary: dec("-0.01")},
			},
		},
		{
			name: "window of 30 days",
			orders: []customer.Order{
				ord("1", "A", "2026-05-31 23:59", cst, "1"), // 30 days before: out
				ord("2", "A", "2026-06-01 00:00", cst, "2"), // 29 days before: in
				ord("3", "B", "2026-05-01 12:00", cst, "5"), // out, and B has nothing else
			},
			opts: rfm.Options{WindowDays: 30},
			want: []rfm.Values{{CustomerID: "A", Recency: 29, Frequency: 1, Monetary: dec("2")}},
			skip: rfm.Skipped{Outside: 2},
		},
		{
			name: "future and invalid orders skipped by default",
			orders: []customer.Order{
				ord("1", "A", "2026-07-01 00:00", cst, "1"), // one second after asOf
				ord("2", "", "2026-06-01 00:00", cst, "1"),
				{ID: "3", CustomerID: "A", Amount: dec("1")},
				ord("4", "A", "2026-06-30 23:59", cst, "4"),
			},
			want: []rfm.Values{{CustomerID: "A", Recency: 0, Frequency: 1, Monetary: dec("4")}},
			skip: rfm.Skipped{Future: 1, Invalid: 2},
		},
		{
			name: "as-of before every order",
			orders: []customer.Order{
				ord("1", "A", "2027-01-01 00:00", cst, "1"),
				ord("2", "B", "2027-01-02 00:00", cst, "1"),
			},
			want: []rfm.Values{},
			skip: rfm.Skipped{Future: 2},
		},
		{
			name:   "no orders",
			orders: nil,
			want:   []rfm.Values{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, workers := range []int{1, 2} {
				opts := tt.opts
				opts.Workers = workers
				got, skipped, err := rfm.Compute(t.Context(), slices.Values(tt.orders), asOf, opts)
				if err != nil {
					t.Fatalf("Compute: %v", err)
				}
				if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("Compute(workers %d) mismatch (-want +got):\n%s", workers, diff)
				}
				if skipped != tt.skip {
					t.Errorf("Compute(workers %d) skipped %+v, want %+v", workers, skipped, tt.skip)
				}
			}
			a, err := rfm.NewAccumulator(asOf, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range tt.orders {
				if err := a.Add(o); err != nil {
					t.Fatalf("Add: %v", err)
				}
			}
			if diff := cmp.Diff(tt.want, a.Values(), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Accumulator.Values mismatch (-want +got):\n%s", diff)
			}
			if got := a.Skipped(); got != tt.skip {
				t.Errorf("Skipped() = %+v, want %+v", got, tt.skip)
			}
		})
	}
}

func TestComputeErrors(t *testing.T) {
	good := ord("ok", "A", "2026-06-01 10:00", cst, "1")
	tests := []struct {
		name   string
		orders []customer.Order
		asOf   time.Time
		opts   rfm.Options
		want   error
		index  int // of the *OrderError, when there is one
	}{
		{"future order", []customer.Order{good, ord("f", "A", "2026-07-01 00:00", cst, "1")}, asOf, rfm.Options{RejectFuture: true}, customer.ErrFuture, 1},
		{"no customer", []customer.Order{good, good, ord("n", "", "2026-06-01 10:00", cst, "1")}, asOf, rfm.Options{RejectInvalid: true}, customer.ErrInvalidValue, 2},
		{"no time", []customer.Order{{ID: "t", CustomerID: "A", Amount: dec("1")}}, asOf, rfm.Options{RejectInvalid: true}, customer.ErrInvalidValue, 0},
		{"zero as-of", []customer.Order{good}, time.Time{}, rfm.Options{}, rfm.ErrConfig, -1},
		{"negative window", nil, asOf, rfm.Options{WindowDays: -1}, rfm.ErrConfig, -1},
		{"negative workers", nil, asOf, rfm.Options{Workers: -1}, rfm.ErrConfig, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, workers := range []int{1, 3} {
				opts := tt.opts
				if opts.Workers == 0 {
					opts.Workers = workers
				}
				got, skipped, err := rfm.Compute(t.Context(), slices.Values(tt.orders), tt.asOf, opts)
				if !errors.Is(err, tt.want) {
					t.Fatalf("Compute error = %v, want %v", err, tt.want)
				}
				if got != nil || skipped != (rfm.Skipped{}) {
					t.Errorf("Compute returned %d values and skipped %+v with an error", len(got), skipped)
				}
				var oe *rfm.OrderError
				if errors.As(err, &oe) != (tt.index >= 0) {
					t.Fatalf("error %v: OrderError = %v, want %v", err, errors.As(err, &oe), tt.index >= 0)
				}
				if tt.index >= 0 && oe.Index != tt.index {
					t.Errorf("OrderError.Index = %d, want %d", oe.Index, tt.index)
				}
			}
		})
	}
}

// TestComputeCancelled checks that Compute stops when ctx is done, with
// one worker and with several.
func TestComputeCancelled(t *testing.T) {
	for _, w := range []int{1, 3} {
		ctx, cancel := context.WithCancel(t.Context())
		read := 0
		orders := func(yield func(customer.Order) bool) {
			for ; read < 1_000_000; read++ {
				if read == 10_000 {
					cancel()
				}
				if !yield(ord(strconv.Itoa(read), "C"+strconv.Itoa(read%70), "2026-06-01 10:00", cst, "1")) {
					return
				}
			}
		}
		got, _, err := rfm.Compute(ctx, orders, asOf, rfm.Options{Workers: w})
		if !errors.Is(err, context.Canceled) || got != nil {
			t.Errorf("workers %d: Compute = %d values, %v; want context.Canceled", w, len(got), err)
		}
		if read > 10_000+4096 {
			t.Errorf("workers %d: Compute read %d orders, want at most 4096 after the cancellation", w, read)
		}
		cancel()
	}
}

func TestOrderErrorMessage(t *testing.T) {
	_, _, err := rfm.Compute(t.Context(), slices.Values([]customer.Order{
		ord("O-1", "13800138000", "2026-07-02 00:00", cst, "1"),
	}), asOf, rfm.Options{RejectFuture: true})
	const want = `rfm: order 0 (id "O-1"): date after the as-of date`
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v, want %s", err, want)
	}
	if strings.Contains(err.Error(), "13800138000") {
		t.Errorf("error %q contains the customer ID", err)
	}
}

func TestAddAfterErrorContinues(t *testing.T) {
	a, err := rfm.NewAccumulator(asOf, rfm.Options{RejectFuture: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Add(ord("f", "A", "2026-07-09 00:00", cst, "1")); !errors.Is(err, customer.ErrFuture) {
		t.Fatalf("Add(future) = %v", err)
	}
	if err := a.Add(ord("ok", "A", "2026-06-29 00:00", cst, "3")); err != nil {
		t.Fatalf("Add: %v", err)
	}
	want := []rfm.Values{{CustomerID: "A", Recency: 1, Frequency: 1, Monetary: dec("3")}}
	if diff := cmp.Diff(want, a.Values()); diff != "" {
		t.Errorf("Values mismatch (-want +got):\n%s", diff)
	}
	if got := a.Skipped(); got != (rfm.Skipped{}) {
		t.Errorf("Skipped() = %+v, want none: an error is not a skip", got)
	}
}

// TestRecencyAcrossDaylightSaving checks calendar-day recency in a zone
// with daylight saving time against customer.CalendarDays.
func TestRecencyAcrossDaylightSaving(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	at := time.Date(2026, 11, 2, 0, 30, 0, 0, ny) // the day after clocks go back
	var orders []customer.Order
	for i, s := range []string{
		"2026-03-08 01:59", "2026-03-08 03:00", // around the spring gap
		"2026-11-01 00:30", "2026-11-01 01:30", "2026-11-01 23:59", // the long day
		"2026-11-02 00:10",
	} {
		o := ord(strconv.Itoa(i), "C"+strconv.Itoa(i), s, ny, "1")
		orders = append(orders, o, ord(strconv.Itoa(i)+"u", "U"+strconv.Itoa(i), s, ny, "1"))
		// The same instant seen from UTC must give the same recency.
		orders[len(orders)-1].At = o.At.UTC()
	}
	got, _, err := rfm.Compute(t.Context(), slices.Values(orders), at, rfm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range got {
		if want := customer.CalendarDays(orders[i].At, at); v.Recency != want {
			t.Errorf("order %d at %v: Recency = %d, want %d", i, orders[i].At, v.Recency, want)
		}
	}
	if got[0].Recency != 239 || got[4].Recency != 1 || got[8].Recency != 1 || got[10].Recency != 0 {
		t.Errorf("recencies %v, want 239 days from 03-08 and 1 day from 11-01", got)
	}
}

// reference computes what Compute should return, naively: it keeps every
// used order and works the values out from them with decimal arithmetic
// and customer.CalendarDays.
func reference(orders []customer.Order, at time.Time, opts rfm.Options) ([]rfm.Values, rfm.Skipped) {
	type key struct {
		c  customer.ID
		id string
	}
	seen := map[key]bool{}
	var order []customer.ID
	used := map[customer.ID][]customer.Order{}
	var skip rfm.Skipped
	for _, o := range orders {
		switch {
		case o.CustomerID == "" || o.At.IsZero():
			skip.Invalid++
			continue
		case o.At.After(at):
			skip.Future++
			continue
		case opts.WindowDays > 0 && customer.CalendarDays(o.At, at) >= opts.WindowDays:
			skip.Outside++
			continue
		case !opts.TrustOrderIDs && o.ID != "" && seen[key{o.CustomerID, o.ID}]:
			skip.Duplicate++
			continue
		}
		seen[key{o.CustomerID, o.ID}] = true
		if _, ok := used[o.CustomerID]; !ok {
			order = append(order, o.CustomerID)
		}
		used[o.CustomerID] = append(used[o.CustomerID], o)
	}
	out := []rfm.Values{}
	for _, c := range order {
		var net decimal.Decimal
		buys, recency := 0, -1
		days := map[int]bool{}
		for _, o := range used[c] {
			net = net.Add(o.Amount)
			if o.Amount.Sign() < 0 {
				continue
			}
			buys++
			d := customer.CalendarDays(o.At, at)
			days[d] = true
			if recency < 0 || d < recency {
				recency = d
			}
		}
		if buys == 0 {
			skip.NoPurchase++
			continue
		}
		v := rfm.Values{CustomerID: c, Recency: recency, Frequency: buys, Monetary: net}
		if opts.FrequencyDays {
			v.Frequency = len(days)
		}
		if opts.MonetaryAverage {
			v.Monetary = net.DivRound(decimal.NewFromInt(int64(buys)), 2)
		}
		out = append(out, v)
	}
	return out, skip
}

// randomOrders returns n orders of a few customers with repeated IDs,
// refunds, odd amounts, times around the as-of date in several zones and
// some invalid orders.
func randomOrders(r *rand.Rand, n int) []customer.Order {
	zones := []*time.Location{cst, time.UTC, time.FixedZone("X", -11*3600)}
	amounts := []string{"0", "1", "19.99", "-5", "0.0001", "123456.78", "-0.5", "3.14159265", "99999999999999.9999"}
	out := make([]customer.Order, n)
	for i := range out {
		o := &out[i]
		if r.IntN(20) > 0 {
			o.CustomerID = customer.ID(string(rune('A' + r.IntN(6))))
		}
		if r.IntN(3) > 0 {
			o.ID = "O" + strconv.Itoa(r.IntN(n+1))
		}
		if r.IntN(30) > 0 {
			o.At = asOf.Add(time.Duration(r.Int64N(int64(90*24*time.Hour))) - 89*24*time.Hour).In(zones[r.IntN(len(zones))])
		}
		o.Amount = dec(amounts[r.IntN(len(amounts))])
	}
	return out
}

// TestComputeAgainstReference compares Compute with the naive reference
// on random order sets, under every combination of options, with one and
// several workers and through Add one by one.
func TestComputeAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		orders := randomOrders(r, 1+r.IntN(60))
		opts := rfm.Options{
			FrequencyDays:   r.IntN(2) == 0,
			MonetaryAverage: r.IntN(2) == 0,
			WindowDays:      []int{0, 1, 10, 60}[r.IntN(4)],
			TrustOrderIDs:   r.IntN(3) == 0,
			Workers:         1 + r.IntN(3),
		}
		want, wantSkip := reference(orders, asOf, opts)
		got, skipped, err := rfm.Compute(t.Context(), slices.Values(orders), asOf, opts)
		if err != nil {
			t.Fatalf("trial %d: Compute: %v", trial, err)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("trial %d, %+v: Compute mismatch (-want +got):\n%s", trial, opts, diff)
		}
		if skipped != wantSkip {
			t.Fatalf("trial %d: Compute skipped %+v, want %+v", trial, skipped, wantSkip)
		}
		a, err := rfm.NewAccumulator(asOf, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range orders {
			if err := a.Add(o); err != nil {
				t.Fatalf("trial %d: Add: %v", trial, err)
			}
		}
		if got := a.Skipped(); got != wantSkip {
			t.Fatalf("trial %d: Skipped() = %+v, want %+v", trial, got, wantSkip)
		}
	}
}

// TestComputeManyOrdersPerCustomer drives one customer's order ID and day
// sets past their small form into hash tables, with duplicates.
func TestComputeManyOrdersPerCustomer(t *testing.T) {
	var orders []customer.Order
	for i := range 3000 {
		o := ord("O"+strconv.Itoa(i%1000), "A", "2026-01-01 00:00", cst, "1.5")
		o.At = o.At.Add(time.Duration(i%150) * 24 * time.Hour)
		orders = append(orders, o)
	}
	for _, opts := range []rfm.Options{{}, {FrequencyDays: true}} {
		want, _ := reference(orders, asOf, opts)
		got, _, err := rfm.Compute(t.Context(), slices.Values(orders), asOf, opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Compute(%+v) mismatch (-want +got):\n%s", opts, diff)
		}
	}
}

func TestComputeWorkersIdentical(t *testing.T) {
	cfg := synth.Config{People: 3000, Seed: 7, DuplicateOrders: 0.05}
	orders := slices.Collect(synth.Orders(cfg))
	for _, opts := range []rfm.Options{{}, {FrequencyDays: true, MonetaryAverage: true}} {
		opts.Workers = 1
		want, wantSkipped, err := rfm.Compute(t.Context(), slices.Values(orders), synth.DefaultAsOf, opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) < 2500 {
			t.Fatalf("only %d customers", len(want))
		}
		for _, w := range []int{2, 3, 8} {
			opts.Workers = w
			got, skipped, err := rfm.Compute(t.Context(), slices.Values(orders), synth.DefaultAsOf, opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" || skipped != wantSkipped {
				t.Errorf("Workers %d differs from Workers 1 (skipped %+v, want %+v) (-want +got):\n%s", w, skipped, wantSkipped, diff)
			}
		}
	}
}

// TestComputeIteratorPanic: when the host's iterator panics, Compute's
// goroutines still stop, and the panic reaches the caller.
func TestComputeIteratorPanic(t *testing.T) {
	before := runtime.NumGoroutine()
	for _, w := range []int{1, 3} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("workers %d: no panic", w)
				}
			}()
			orders := func(yield func(customer.Order) bool) {
				for i := range 5000 {
					if !yield(ord(strconv.Itoa(i), "C"+strconv.Itoa(i%70), "2026-06-01 10:00", cst, "1")) {
						return
					}
				}
				panic("host iterator failed")
			}
			rfm.Compute(t.Context(), orders, asOf, rfm.Options{Workers: w})
		}()
	}
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines left running, %d before", runtime.NumGoroutine(), before)
}

// TestComputeMarketplaceIDs runs Compute on a log and on the same log
// with 19-digit order IDs, which the engine keeps as numbers: a one-to-one
// change of the IDs must change no value and no count, replays included.
func TestComputeMarketplaceIDs(t *testing.T) {
	l := synth.Log{Customers: 3000, Seed: 9, Duplicates: 0.05}
	plain := l.Orders()
	l.MarketplaceIDs = true
	long := l.Orders()
	for _, w := range []int{1, 2} {
		want, wantSkipped, err := rfm.Compute(context.Background(), slices.Values(plain), synth.DefaultAsOf, rfm.Options{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		got, skipped, err := rfm.Compute(context.Background(), slices.Values(long), synth.DefaultAsOf, rfm.Options{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if wantSkipped.Duplicate == 0 || skipped != wantSkipped {
			t.Errorf("workers %d: skipped %+v, want %+v (with duplicates)", w, skipped, wantSkipped)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("workers %d: values differ (-plain IDs +marketplace IDs):\n%s", w, diff)
		}
	}
}
