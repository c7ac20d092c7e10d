package customer_test

import (
	"cmp"
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

var cst = time.FixedZone("CST", 8*3600)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func at(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, cst) }

// summaryOrders is a small hand-checked order stream: customer A buys
// three times, returns one purchase and has a replayed and a future order;
// B has one free order just inside the 90-day window; C only a refund.
func summaryOrders() []customer.Order {
	return []customer.Order{
		{ID: "a1", CustomerID: "A", At: at(2026, 1, 5, 10, 0), Amount: dec("100.00"), Category: "grocery", Channel: customer.ChannelOnline, Discounted: true},
		{ID: "b1", CustomerID: "B", At: at(2025, 12, 31, 23, 30), Amount: dec("0"), Category: "grocery", Channel: customer.ChannelMiniProgram},
		{ID: "a2", CustomerID: "A", At: at(2026, 2, 10, 9, 0), Amount: dec("50.50"), Category: "books", Channel: customer.ChannelOffline},
		{ID: "a3", CustomerID: "A", At: at(2026, 3, 20, 18, 0), Amount: dec("200"), Category: "grocery", Channel: customer.ChannelApp},
		{ID: "a2r", CustomerID: "A", At: at(2026, 3, 22, 10, 0), Amount: dec("-50.50"), Category: "books", Channel: customer.ChannelOffline},
		{ID: "a2", CustomerID: "A", At: at(2026, 2, 10, 9, 0), Amount: dec("50.50"), Category: "books", Channel: customer.ChannelOffline},
		{ID: "a4", CustomerID: "A", At: at(2026, 4, 2, 9, 0), Amount: dec("10"), Category: "books", Channel: customer.ChannelOffline},
		{ID: "c1", CustomerID: "C", At: at(2026, 3, 1, 12, 0), Amount: dec("-30"), Category: "apparel", Channel: customer.ChannelOnline},
		{ID: "x1", CustomerID: "", At: at(2026, 3, 1, 12, 0), Amount: dec("5")},
		{ID: "d1", CustomerID: "D", At: at(2025, 11, 1, 12, 0), Amount: dec("19.99"), Category: "books", Channel: "kiosk"},
		{ID: "d2", CustomerID: "D", At: at(2026, 3, 1, 12, 0), Amount: dec("0.01"), Category: "books", Channel: "kiosk"},
	}
}

func TestSummarize(t *testing.T) {
	asOf := at(2026, 3, 31, 12, 0)
	got, skipped, err := customer.Summarize(t.Context(), slices.Values(summaryOrders()), asOf, customer.SummaryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// A: tenure 85 days 2 hours, shorter than the 90-day window.
	aMonths := (85 + 2.0/24) / (365.25 / 12)
	want := []customer.Summary{
		{
			CustomerID: "A", AsOf: asOf, Orders: 3, Refunds: 1,
			Gross: dec("350.50"), Refunded: dec("50.50"), Net: dec("300"), AvgOrderValue: dec("100"),
			First: at(2026, 1, 5, 10, 0), Last: at(2026, 3, 20, 18, 0),
			RecentOrders: 3, PurchasesPerMonth: 3 / aMonths,
			Discounted: 1, Online: 2, Offline: 1,
			Categories: []customer.CategoryStat{
				{Category: "grocery", Orders: 2, Spend: dec("300")},
				{Category: "books", Orders: 1, Spend: dec("0")},
			},
			Channels: []customer.ChannelStat{
				{Channel: customer.ChannelApp, Orders: 1, Spend: dec("200")},
				{Channel: customer.ChannelOffline, Orders: 1, Spend: dec("0")},
				{Channel: customer.ChannelOnline, Orders: 1, Spend: dec("100")},
			},
		},
		{
			// B: tenure 89 days 12.5 hours, again shorter than the window.
			CustomerID: "B", AsOf: asOf, Orders: 1,
			Gross: dec("0"), Refunded: dec("0"), Net: dec("0"), AvgOrderValue: dec("0"),
			First: at(2025, 12, 31, 23, 30), Last: at(2025, 12, 31, 23, 30),
			RecentOrders: 1, PurchasesPerMonth: 1 / ((89 + 12.5/24) / (365.25 / 12)), Online: 1,
			Categories: []customer.CategoryStat{{Category: "grocery", Orders: 1, Spend: dec("0")}},
			Channels:   []customer.ChannelStat{{Channel: customer.ChannelMiniProgram, Orders: 1, Spend: dec("0")}},
		},
		{
			CustomerID: "C", AsOf: asOf, Refunds: 1,
			Gross: dec("0"), Refunded: dec("30"), Net: dec("-30"),
			Categories: []customer.CategoryStat{{Category: "apparel", Spend: dec("-30")}},
			Channels:   []customer.ChannelStat{{Channel: customer.ChannelOnline, Spend: dec("-30")}},
		},
		{
			// D: tenure beyond the window, so the window's 90 days count;
			// a channel the library does not classify is neither online
			// nor offline.
			CustomerID: "D", AsOf: asOf, Orders: 2,
			Gross: dec("20"), Refunded: dec("0"), Net: dec("20"), AvgOrderValue: dec("10"),
			First: at(2025, 11, 1, 12, 0), Last: at(2026, 3, 1, 12, 0),
			RecentOrders: 1, PurchasesPerMonth: 1 / (90 / (365.25 / 12)),
			Categories: []customer.CategoryStat{{Category: "books", Orders: 2, Spend: dec("20")}},
			Channels:   []customer.ChannelStat{{Channel: "kiosk", Orders: 2, Spend: dec("20")}},
		},
	}
	if diff := gocmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("Summarize mismatch (-want +got):\n%s", diff)
	}
	if want := (customer.Skipped{Invalid: 1, Future: 1, Duplicate: 1}); skipped != want {
		t.Errorf("Skipped = %+v, want %+v", skipped, want)
	}
	if d, ok := got[1].DaysSinceLast(); !ok || d != 90 {
		t.Errorf("B DaysSinceLast = %d, %v; want 90", d, ok)
	}
	if s := got[0].DiscountShare(); s != 1.0/3 {
		t.Errorf("A DiscountShare = %v", s)
	}
}

func TestAverageOrderValueRounding(t *testing.T) {
	asOf := at(2026, 3, 31, 12, 0)
	tests := []struct {
		name    string
		amounts []string
		want    string
	}{
		{"half up", []string{"0.01", "0.02"}, "0.02"},                                // 0.015
		{"below half", []string{"0.01", "0.01", "0.02"}, "0.01"},                     // 0.01333
		{"negative half away from zero", []string{"0.01", "0.02", "-0.06"}, "-0.02"}, // -0.03/2
		{"more than four places", []string{"0.00001", "0.02999"}, "0.02"},            // decimal fallback: 0.015
		{"large", []string{"99999999999999.99", "0.01"}, "50000000000000"},
	}
	for _, tt := range tests {
		var orders []customer.Order
		for i, a := range tt.amounts {
			orders = append(orders, customer.Order{ID: string(rune('a' + i)), CustomerID: "A", At: at(2026, 3, 1, 0, 0), Amount: dec(a)})
		}
		sums, _, err := customer.Summarize(t.Context(), slices.Values(orders), asOf, customer.SummaryOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := sums[0].AvgOrderValue; !got.Equal(dec(tt.want)) {
			t.Errorf("%s: AvgOrderValue = %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestSummarizeReject checks the Reject options of the order-skip
// contract: the first rejected order is an error naming its position and
// ID and wrapping ErrInvalidValue or ErrFuture; without the options the
// same orders are skipped and counted.
func TestSummarizeReject(t *testing.T) {
	asOf := at(2026, 3, 31, 12, 0)
	ok := customer.Order{ID: "o1", CustomerID: "A", At: at(2026, 1, 1, 0, 0), Amount: dec("1")}
	noTime := customer.Order{ID: "o2", CustomerID: "A", Amount: dec("1")}
	noCustomer := customer.Order{ID: "o3", At: asOf, Amount: dec("1")}
	future := customer.Order{ID: "o4", CustomerID: "A", At: asOf.Add(time.Second), Amount: dec("1")}
	tests := []struct {
		name    string
		orders  []customer.Order
		opts    customer.SummaryOptions
		want    error
		wantMsg string
		skipped customer.Skipped
	}{
		{"skip by default", []customer.Order{ok, noTime, noCustomer, future}, customer.SummaryOptions{}, nil, "", customer.Skipped{Invalid: 2, Future: 1}},
		{"reject invalid: no time", []customer.Order{ok, noTime, future}, customer.SummaryOptions{RejectInvalid: true}, customer.ErrInvalidValue,
			`customer: order 1 (ID "o2") rejected: invalid value: invalid date: empty value (no time)`, customer.Skipped{}},
		{"reject invalid: no customer", []customer.Order{future, noCustomer}, customer.SummaryOptions{RejectInvalid: true}, customer.ErrInvalidValue,
			`customer: order 1 (ID "o3") rejected: invalid value: empty value (no customer ID)`, customer.Skipped{Future: 1}},
		{"reject future", []customer.Order{noTime, ok, future}, customer.SummaryOptions{RejectFuture: true}, customer.ErrFuture,
			`customer: order 2 (ID "o4") rejected: invalid date: date after the as-of date`, customer.Skipped{Invalid: 1}},
		{"reject future passes invalid", []customer.Order{noTime, ok}, customer.SummaryOptions{RejectFuture: true}, nil, "", customer.Skipped{Invalid: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sums, skipped, err := customer.Summarize(t.Context(), slices.Values(tt.orders), asOf, tt.opts)
			if skipped != tt.skipped {
				t.Errorf("Skipped = %+v, want %+v", skipped, tt.skipped)
			}
			if tt.want == nil {
				if err != nil || len(sums) != 1 {
					t.Errorf("Summarize = %d summaries, %v; want 1, nil", len(sums), err)
				}
				return
			}
			if !errors.Is(err, tt.want) || err.Error() != tt.wantMsg || sums != nil {
				t.Errorf("Summarize = %d summaries, %v; want none and %q", len(sums), err, tt.wantMsg)
			}
		})
	}
}

func TestSummarizeConfig(t *testing.T) {
	_, _, err := customer.Summarize(t.Context(), slices.Values([]customer.Order(nil)), at(2026, 3, 31, 12, 0), customer.SummaryOptions{ActivityWindow: -time.Hour})
	if !errors.Is(err, customer.ErrConfig) {
		t.Errorf("Summarize with a negative ActivityWindow: %v, want ErrConfig", err)
	}
	_, _, err = customer.Summarize(t.Context(), slices.Values([]customer.Order(nil)), at(2026, 3, 31, 12, 0), customer.SummaryOptions{Workers: -1})
	if !errors.Is(err, customer.ErrConfig) {
		t.Errorf("Summarize with negative Workers: %v, want ErrConfig", err)
	}
}

// The result does not depend on the number of workers.
func TestSummarizeWorkers(t *testing.T) {
	asOf := at(2026, 3, 31, 12, 0)
	want, wantSkip, err := customer.Summarize(t.Context(), slices.Values(summaryOrders()), asOf, customer.SummaryOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{0, 2, 5} {
		got, skip, err := customer.Summarize(t.Context(), slices.Values(summaryOrders()), asOf, customer.SummaryOptions{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" || skip != wantSkip {
			t.Errorf("Summarize(Workers %d) mismatch (-1 worker +%d):\n%s\nskipped %+v, want %+v", w, w, diff, skip, wantSkip)
		}
	}
}

func TestSummarizeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	orders := func(yield func(customer.Order) bool) {
		for i := range 10000 {
			if !yield(customer.Order{CustomerID: "A", At: at(2026, 1, 1, 0, 0), Amount: decimal.NewFromInt(int64(i))}) {
				return
			}
		}
	}
	if _, _, err := customer.Summarize(ctx, orders, at(2026, 3, 1, 0, 0), customer.SummaryOptions{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Summarize on a cancelled context = %v", err)
	}
}

func TestCalendarDays(t *testing.T) {
	utcNoon := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		from, to time.Time
		want     int
	}{
		{at(2026, 1, 1, 23, 59), at(2026, 1, 2, 0, 1), 1},
		{at(2026, 1, 1, 0, 0), at(2026, 1, 1, 23, 59), 0},
		// 01:00 CST on 1 Jan is 17:00 UTC on 31 Dec: dates are taken in to's zone.
		{at(2026, 1, 1, 1, 0), utcNoon, 2},
		{at(2024, 2, 28, 0, 0), at(2024, 3, 1, 0, 0), 2},
		{at(2026, 3, 5, 0, 0), at(2026, 3, 1, 0, 0), -4},
	}
	for _, tt := range tests {
		if got := customer.CalendarDays(tt.from, tt.to); got != tt.want {
			t.Errorf("CalendarDays(%v, %v) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestSummarizeCancelledHalfway cancels while the orders are read: the
// call stops within 4096 orders and returns ctx.Err().
func TestSummarizeCancelledHalfway(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	read := 0
	orders := func(yield func(customer.Order) bool) {
		for ; read < 1_000_000; read++ {
			if read == 10_000 {
				cancel()
			}
			o := customer.Order{ID: "o" + strconv.Itoa(read), CustomerID: customer.ID("C" + strconv.Itoa(read%70)), At: at(2026, 1, 1, 0, 0), Amount: decimal.NewFromInt(1)}
			if !yield(o) {
				return
			}
		}
	}
	sums, _, err := customer.Summarize(ctx, orders, at(2026, 3, 1, 0, 0), customer.SummaryOptions{})
	if !errors.Is(err, context.Canceled) || sums != nil {
		t.Errorf("Summarize = %d summaries, %v; want context.Canceled", len(sums), err)
	}
	if read > 10_000+4096 {
		t.Errorf("Summarize read %d orders, want at most 4096 after the cancellation", read)
	}
}

// TestSummarizeManyChunks summarises enough customers for the output to
// be built in several chunks and checks what must hold of every summary,
// whatever chunk built it: the customers in order of their first order,
// categories by spend descending then name, channels by orders
// descending then name, category spends adding up to Net and channel
// orders to Orders, and the same summaries for 1, 3 and 8 workers.
func TestSummarizeManyChunks(t *testing.T) {
	cfg := synth.Config{People: 8_800, Companies: 300, Seed: 7}
	orders := slices.Collect(synth.Orders(cfg))
	asOf := synth.DefaultAsOf
	opts := customer.SummaryOptions{TrustOrderIDs: true, Workers: 1}
	want, _, err := customer.Summarize(t.Context(), slices.Values(orders), asOf, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) <= 2*4096 {
		t.Fatalf("%d summaries, want more than two chunks' worth", len(want))
	}
	var firstSeen []customer.ID
	seen := map[customer.ID]bool{}
	for _, o := range orders {
		if !seen[o.CustomerID] && !o.At.After(asOf) && o.CustomerID != "" {
			seen[o.CustomerID] = true
			firstSeen = append(firstSeen, o.CustomerID)
		}
	}
	if len(firstSeen) != len(want) {
		t.Fatalf("%d summaries for %d customers", len(want), len(firstSeen))
	}
	for i, s := range want {
		if s.CustomerID != firstSeen[i] {
			t.Fatalf("summary %d is %s, want %s (order of first orders)", i, s.CustomerID, firstSeen[i])
		}
		spend, chanOrders := decimal.Zero, 0
		for j, c := range s.Categories {
			spend = spend.Add(c.Spend)
			if j > 0 {
				p := s.Categories[j-1]
				if d := p.Spend.Cmp(c.Spend); d < 0 || d == 0 && p.Category >= c.Category {
					t.Fatalf("%s: categories out of order: %+v before %+v", s.CustomerID, p, c)
				}
			}
		}
		for j, c := range s.Channels {
			chanOrders += c.Orders
			if j > 0 {
				p := s.Channels[j-1]
				if p.Orders < c.Orders || p.Orders == c.Orders && p.Channel >= c.Channel {
					t.Fatalf("%s: channels out of order: %+v before %+v", s.CustomerID, p, c)
				}
			}
		}
		if len(s.Categories) > 0 && !spend.Equal(s.Net) {
			t.Fatalf("%s: category spends add up to %s, Net is %s", s.CustomerID, spend, s.Net)
		}
		if len(s.Channels) > 0 && chanOrders != s.Orders {
			t.Fatalf("%s: channel orders add up to %d, Orders is %d", s.CustomerID, chanOrders, s.Orders)
		}
	}
	for _, w := range []int{3, 8} {
		opts.Workers = w
		got, _, err := customer.Summarize(t.Context(), slices.Values(orders), asOf, opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Workers %d differ from 1 (-1 +%d):\n%s", w, w, diff)
		}
	}
}

// replayed returns n orders of n/8 customers and the same stream with
// about one in eight orders replayed later under its ID: the replays
// differ in amount (some with more than four decimal places), time,
// category and channel (some longer than fifteen bytes), so that a
// replay counted in place of its first would show.
func replayed(n int) (firsts, all []customer.Order) {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	amounts := []string{"19.99", "0", "-5.00", "3.14159265", "250", "0.00001"}
	cats := []string{"books", "grocery", "a category name past fifteen bytes"}
	chans := []customer.Channel{customer.ChannelOnline, customer.ChannelOffline, "a channel name past fifteen bytes"}
	type keyed struct {
		key float64
		o   customer.Order
	}
	var ks []keyed
	for i := range n {
		id := "o" + strconv.Itoa(i)
		if i%5 == 0 {
			id += " with a suffix past fifteen bytes"
		}
		o := customer.Order{
			ID: id, CustomerID: customer.ID("c" + strconv.Itoa(r.IntN(n/8+1))),
			At:       at(2026, 1, 1, 0, 0).Add(time.Duration(r.IntN(80*24)) * time.Hour),
			Amount:   dec(amounts[r.IntN(len(amounts))]),
			Category: cats[r.IntN(len(cats))], Channel: chans[r.IntN(len(chans))],
		}
		firsts = append(firsts, o)
		ks = append(ks, keyed{float64(i), o})
		if r.IntN(8) == 0 {
			d := o
			d.Amount = dec(amounts[r.IntN(len(amounts))]).Add(dec("0.00007"))
			d.At = d.At.Add(time.Duration(r.IntN(100)) * time.Hour)
			d.Category, d.Channel = cats[r.IntN(len(cats))], chans[r.IntN(len(chans))]
			ks = append(ks, keyed{float64(i) + 1 + r.Float64()*float64(n-i), d})
		}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return cmp.Compare(a.key, b.key) })
	for _, k := range ks {
		all = append(all, k.o)
	}
	return firsts, all
}

// TestSummarizeDuplicatesAsIfDropped checks duplicate detection against
// the stream with the replays taken out: the first of each order counts,
// whichever way the engine decided it (most replays wait until the end),
// with one and several workers.
func TestSummarizeDuplicatesAsIfDropped(t *testing.T) {
	firsts, all := replayed(20000)
	asOf := at(2026, 6, 1, 0, 0)
	want, wantSkip, err := customer.Summarize(t.Context(), slices.Values(firsts), asOf, customer.SummaryOptions{TrustOrderIDs: true})
	if err != nil {
		t.Fatal(err)
	}
	wantSkip.Duplicate = len(all) - len(firsts)
	for _, w := range []int{1, 3} {
		got, skip, err := customer.Summarize(t.Context(), slices.Values(all), asOf, customer.SummaryOptions{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" || skip != wantSkip {
			t.Errorf("Workers %d: mismatch (-without replays +with):\n%s\nskipped %+v, want %+v", w, diff, skip, wantSkip)
		}
	}
}

// TestSummarizeMarketplaceIDs runs Summarize on a log and on the same log
// with 19-digit order IDs, which the engine keeps as numbers: a one-to-one
// change of the IDs must change no summary and no count.
func TestSummarizeMarketplaceIDs(t *testing.T) {
	l := synth.Log{Customers: 3000, Seed: 9, Duplicates: 0.05}
	plain := l.Orders()
	l.MarketplaceIDs = true
	long := l.Orders()
	want, wantSkipped, err := customer.Summarize(context.Background(), slices.Values(plain), synth.DefaultAsOf, customer.SummaryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, skipped, err := customer.Summarize(context.Background(), slices.Values(long), synth.DefaultAsOf, customer.SummaryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if wantSkipped.Duplicate == 0 || skipped != wantSkipped {
		t.Errorf("skipped %+v, want %+v (with duplicates)", skipped, wantSkipped)
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("summaries differ (-plain IDs +marketplace IDs):\n%s", diff)
	}
}
