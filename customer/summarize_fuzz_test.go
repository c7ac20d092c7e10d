package customer_test

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

// fuzzSumAsOf is the as-of time of FuzzSummarize: not in UTC, and with
// nanoseconds, so that conversions to its location show.
var fuzzSumAsOf = time.Date(2025, 3, 1, 9, 30, 0, 250_000_000, time.FixedZone("CST", 8*3600))

// fuzzSumMonth is the month of Summary.PurchasesPerMonth: 365.25/12 =
// 30.4375 days.
const fuzzSumMonth = time.Duration(365.25 / 12 * 24 * float64(time.Hour))

var (
	// fuzzSumCustomers holds the empty (invalid) ID and the customer that
	// fuzzSumKnown rejects.
	fuzzSumCustomers = []customer.ID{"", "c1", "c2", "c3", "c4", "a-very-long-customer-id-0001", "a-very-long-customer-id-0002", "客户"}
	// fuzzSumOrderIDs holds the empty ID (never a duplicate) and IDs of
	// 1, 12, 13, 16 and 20 bytes.
	fuzzSumOrderIDs = []string{"", "A", "B", "123456789012", "1234567890123", "1234567890123456", "ORDER-2024-000000001", "ORDER-2024-000000002"}
	// fuzzSumAmounts holds zero, refunds, amounts with more than 4
	// decimal places, one of which two overflow int64 units of 10^-4
	// and two that do not fit in them at all.
	fuzzSumAmounts = []string{
		"0", "1", "9.99", "100", "0.01", "-1", "-9.99", "-0.01",
		"0.00005", "5.123456", "-5.123456", "123.4567", "900000000000000",
		"92233720368547758.08", "-92233720368547758.08", "0.000",
	}
	fuzzSumCategories = []string{"", "food", "家电", "beauty", "abcdefghijklmno", "abcdefghijklmnop", "home-appliances-and-more", "books"}
	fuzzSumChannels   = []customer.Channel{
		"", customer.ChannelOnline, customer.ChannelApp, customer.ChannelMiniProgram,
		customer.ChannelOffline, customer.ChannelPhone, customer.ChannelPartner, "some-long-unknown-channel-name",
	}
	// fuzzSumTimes are around fuzzSumAsOf: exactly at it, inside and just
	// outside each activity window of fuzzSumWindows (never on a
	// boundary, where "in the window" is not documented precisely), long
	// before, before 1970, in year 1, and in the future.
	fuzzSumTimes = func() []time.Time {
		const day = 24 * time.Hour
		var ts []time.Time
		for _, d := range []time.Duration{
			0, -time.Second, -time.Hour, -2 * time.Hour, -13 * time.Hour, -day, -3 * day, -9*day - 23*time.Hour,
			-10*day - time.Second, -10*day + time.Second, -20 * day, -30 * day, -31 * day, -44*day - 23*time.Hour,
			-45*day - time.Second, -45*day + time.Second, -60 * day, -90*day + time.Second, -90*day - time.Second,
			-100*day + time.Second, -100*day - time.Second, -200 * day, -400 * day,
			time.Second, time.Hour, day, 30 * day,
		} {
			ts = append(ts, fuzzSumAsOf.Add(d))
		}
		return append(ts,
			fuzzSumAsOf.AddDate(-2, 0, 0),
			fuzzSumAsOf.AddDate(10, 0, 0),
			time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC),
			time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC),
		)
	}()
	// fuzzSumNanos are added to the times: an order at fuzzSumAsOf plus
	// 1ns is in the future.
	fuzzSumNanos = []time.Duration{0, 1, 123_456_789, 999_999_999}
	// fuzzSumWindows are the activity windows; 0 means 90 days.
	fuzzSumWindows = []time.Duration{0, 10 * 24 * time.Hour, 45 * 24 * time.Hour, 100 * 24 * time.Hour}
)

// fuzzSumKnown rejects customer c3.
func fuzzSumKnown(id customer.ID) bool { return id != "c3" }

// fuzzSumOptions decodes the options byte: bit 0 TrustOrderIDs, bits 1-2
// the activity window, bits 3-4 Workers (1 to 3), bit 5 Known.
func fuzzSumOptions(b byte) customer.SummaryOptions {
	opts := customer.SummaryOptions{
		TrustOrderIDs:  b&1 == 1,
		ActivityWindow: fuzzSumWindows[b>>1&3],
		Workers:        1 + int(b>>3&3)%3,
	}
	if b>>5&1 == 1 {
		opts.Known = fuzzSumKnown
	}
	return opts
}

// fuzzSumOrders decodes 4 bytes per order:
//
//	0: customer (bits 0-2), order ID (bits 3-5), Discounted (bit 6), At in UTC (bit 7)
//	1: 255 for the zero time, else time (bits 0-4) and nanoseconds (bits 5-6)
//	2: amount (bits 0-3), category (bits 4-6)
//	3: channel (bits 0-2)
func fuzzSumOrders(data []byte) []customer.Order {
	var out []customer.Order
	for ; len(data) >= 4; data = data[4:] {
		o := customer.Order{
			CustomerID: fuzzSumCustomers[data[0]&7],
			ID:         fuzzSumOrderIDs[data[0]>>3&7],
			Discounted: data[0]>>6&1 == 1,
			Amount:     decimal.RequireFromString(fuzzSumAmounts[data[2]&15]),
			Category:   fuzzSumCategories[data[2]>>4&7],
			Channel:    fuzzSumChannels[data[3]&7],
		}
		if data[1] != 255 {
			o.At = fuzzSumTimes[int(data[1]&31)%len(fuzzSumTimes)].Add(fuzzSumNanos[data[1]>>5&3])
		}
		if data[0]>>7 == 1 {
			o.At = o.At.In(time.UTC) // the zero time stays zero
		}
		out = append(out, o)
	}
	return out
}

// fuzzSumOrder encodes one order for fuzzSumOrders, by index into the
// tables above.
func fuzzSumOrder(cust, id int, disc, utc bool, at, nanos, amount, cat, chn int) []byte {
	b0 := byte(cust) | byte(id)<<3
	if disc {
		b0 |= 1 << 6
	}
	if utc {
		b0 |= 1 << 7
	}
	b1 := byte(255)
	if at >= 0 {
		b1 = byte(at) | byte(nanos)<<5
	}
	return []byte{b0, b1, byte(amount) | byte(cat)<<4, byte(chn)}
}

// refSummarize is the slow reference of Summarize, written from the doc
// comments of Summarize, Summary, SummaryOptions, Skipped, CategoryStat,
// ChannelStat and Channel. It assumes RejectInvalid and RejectFuture are
// off.
func refSummarize(orders []customer.Order, asOf time.Time, opts customer.SummaryOptions) ([]customer.Summary, customer.Skipped) {
	window := opts.ActivityWindow
	if window == 0 {
		window = 90 * 24 * time.Hour
	}
	type pair struct {
		c  customer.ID
		id string
	}
	type cust struct {
		s     customer.Summary
		cats  map[string]*customer.CategoryStat
		chans map[customer.Channel]*customer.ChannelStat
	}
	var (
		skipped customer.Skipped
		seen    = map[pair]bool{}
		custs   = map[customer.ID]*cust{}
		order   []customer.ID // by first used order
	)
	for _, o := range orders {
		// "An order is counted once, under the first reason that applies
		// in the order Invalid, Future, Unknown, Duplicate." and "Only
		// orders that were used count as had", so only used orders
		// enter seen.
		switch {
		case o.CustomerID == "" || o.At.IsZero():
			skipped.Invalid++
			continue
		case o.At.After(asOf):
			skipped.Future++
			continue
		case opts.Known != nil && !opts.Known(o.CustomerID):
			skipped.Unknown++
			continue
		case !opts.TrustOrderIDs && o.ID != "":
			k := pair{o.CustomerID, o.ID}
			if seen[k] {
				skipped.Duplicate++
				continue
			}
			seen[k] = true
		}
		c := custs[o.CustomerID]
		if c == nil {
			c = &cust{
				s:     customer.Summary{CustomerID: o.CustomerID, AsOf: asOf},
				cats:  map[string]*customer.CategoryStat{},
				chans: map[customer.Channel]*customer.ChannelStat{},
			}
			custs[o.CustomerID] = c
			order = append(order, o.CustomerID)
		}
		cat := c.cats[o.Category]
		if cat == nil {
			cat = &customer.CategoryStat{Category: o.Category}
			c.cats[o.Category] = cat
		}
		chn := c.chans[o.Channel]
		if chn == nil {
			chn = &customer.ChannelStat{Channel: o.Channel}
			c.chans[o.Channel] = chn
		}
		cat.Spend = cat.Spend.Add(o.Amount)
		chn.Spend = chn.Spend.Add(o.Amount)
		s := &c.s
		if o.Amount.IsNegative() {
			s.Refunds++
			s.Refunded = s.Refunded.Sub(o.Amount)
			continue
		}
		s.Orders++
		cat.Orders++
		chn.Orders++
		s.Gross = s.Gross.Add(o.Amount)
		if s.First.IsZero() || o.At.Before(s.First) {
			s.First = o.At
		}
		if s.Last.IsZero() || o.At.After(s.Last) {
			s.Last = o.At
		}
		if o.At.After(asOf.Add(-window)) {
			s.RecentOrders++
		}
		if o.Discounted {
			s.Discounted++
		}
		switch o.Channel {
		case customer.ChannelOnline, customer.ChannelApp, customer.ChannelMiniProgram:
			s.Online++
		case customer.ChannelOffline:
			s.Offline++
		}
	}

	var out []customer.Summary
	for _, id := range order {
		c := custs[id]
		s := c.s
		s.Net = s.Gross.Sub(s.Refunded)
		if s.Orders > 0 {
			// DivRound rounds half away from zero.
			s.AvgOrderValue = s.Net.DivRound(decimal.NewFromInt(int64(s.Orders)), 2)
			s.First = s.First.In(asOf.Location())
			s.Last = s.Last.In(asOf.Location())
			s.PurchasesPerMonth = fuzzSumPerMonth(s.RecentOrders, asOf.Sub(s.First), window, fuzzSumMonth)
		}
		for _, cat := range c.cats {
			s.Categories = append(s.Categories, *cat)
		}
		slices.SortFunc(s.Categories, func(a, b customer.CategoryStat) int {
			if n := b.Spend.Cmp(a.Spend); n != 0 {
				return n
			}
			return strings.Compare(a.Category, b.Category)
		})
		for _, chn := range c.chans {
			s.Channels = append(s.Channels, *chn)
		}
		slices.SortFunc(s.Channels, func(a, b customer.ChannelStat) int {
			if a.Orders != b.Orders {
				return b.Orders - a.Orders
			}
			return strings.Compare(string(a.Channel), string(b.Channel))
		})
		out = append(out, s)
	}
	return out, skipped
}

// fuzzSumPerMonth returns Summary.PurchasesPerMonth as documented: recent
// divided by the window's length in months, where the window is
// shortened to the tenure when that is shorter, but never to less than
// one month.
func fuzzSumPerMonth(recent int, tenure, window, month time.Duration) float64 {
	span := max(min(window, tenure), month)
	months := float64(span) / float64(month)
	return float64(recent) / months
}

// fuzzSumClose reports whether x and y are equal to 1e-12 relative.
func fuzzSumClose(x, y float64) bool {
	return math.Abs(x-y) <= 1e-12*max(math.Abs(x), math.Abs(y))
}

// FuzzSummarize feeds small random order sets to Summarize: it never
// fails with the Reject options off, its summaries and skip counts match
// the naive reference, its times are in the as-of location, and Workers
// 1 and 3 give the same result.
func FuzzSummarize(f *testing.F) {
	const (
		none, c1, c2, c3 = 0, 1, 2, 3
		idA, id13, id20  = 1, 4, 6
		at0, at3d, at45  = 0, 6, 14 // fuzzSumAsOf, 3 days and 45 days before
		at1h, atLong     = 24, 22   // 1 hour after fuzzSumAsOf, 400 days before
		a0, a1, a999     = 0, 1, 2
		aRef, aRef999    = 5, 6
		aTiny, aSix      = 8, 9
		aHuge, aHugeRef  = 13, 14
		aBig             = 12
		food, home, long = 1, 2, 6
		online, offline  = 1, 4
		unknownChannel   = 7
	)
	cat := func(orders ...[]byte) []byte { return slices.Concat(orders...) }
	// Duplicates: the same (customer, ID) replayed, the same ID under
	// another customer, and empty IDs repeated.
	f.Add(cat([]byte{0},
		fuzzSumOrder(c1, idA, false, false, at3d, 0, a999, food, online),
		fuzzSumOrder(c1, idA, false, false, at3d, 0, a999, food, online),
		fuzzSumOrder(c2, idA, true, true, at45, 1, a1, home, offline),
		fuzzSumOrder(c1, none, false, false, at0, 0, a0, food, online),
		fuzzSumOrder(c1, none, false, false, at0, 0, a0, food, online),
	))
	// Refunds outweighing purchases, with a long category and an unknown
	// channel; TrustOrderIDs and a 10-day window.
	f.Add(cat([]byte{1 | 1<<1},
		fuzzSumOrder(c2, id13, false, false, atLong, 2, a999, long, unknownChannel),
		fuzzSumOrder(c2, id20, false, true, at3d, 0, aRef, long, unknownChannel),
		fuzzSumOrder(c2, id20, false, true, at3d, 3, aRef999, food, online),
		fuzzSumOrder(c3, idA, false, false, at0, 0, aRef, none, none),
	))
	// Rare amounts: more than 4 decimal places and beyond int64 units,
	// and sums that overflow them; 3 workers.
	f.Add(cat([]byte{2 << 3},
		fuzzSumOrder(c1, 2, false, false, at3d, 1, aTiny, food, online),
		fuzzSumOrder(c1, 3, false, false, at3d, 1, aSix, food, online),
		fuzzSumOrder(c1, id13, false, false, at45, 0, aHuge, home, offline),
		fuzzSumOrder(c2, id13, false, false, at45, 0, aBig, home, offline),
		fuzzSumOrder(c2, id20, false, false, at45, 0, aBig, home, offline),
		fuzzSumOrder(c2, 7, false, false, at45, 0, aHugeRef, long, offline),
	))
	// Future orders (1ns and 1h after the as-of time), an invalid and an
	// unknown customer, and the zero time.
	f.Add(cat([]byte{1 << 5},
		fuzzSumOrder(c1, idA, false, false, at0, 1, a1, food, online),
		fuzzSumOrder(c1, idA, false, false, at0, 0, a1, food, online),
		fuzzSumOrder(c2, idA, false, false, at1h, 0, a1, food, online),
		fuzzSumOrder(none, idA, false, false, at0, 0, a1, food, online),
		fuzzSumOrder(c3, idA, false, false, at0, 0, a1, food, online),
		fuzzSumOrder(c1, 2, false, true, -1, 0, a1, food, online),
	))
	// Times before 1970 and in year 1, and the 100-day window.
	f.Add(cat([]byte{3 << 1},
		fuzzSumOrder(5, 5, false, false, 29, 3, a1, 3, 2),
		fuzzSumOrder(5, 5, false, true, 30, 1, a1, 3, 3),
		fuzzSumOrder(7, 5, true, true, 20, 0, 15, 7, 5),
		fuzzSumOrder(7, 0, true, false, 19, 2, 11, 4, 6),
	))
	f.Add([]byte{0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		opts := fuzzSumOptions(data[0])
		orders := fuzzSumOrders(data[1:])

		got, skipped, err := customer.Summarize(t.Context(), slices.Values(orders), fuzzSumAsOf, opts)
		if err != nil {
			t.Fatalf("Summarize: %v", err)
		}
		want, wantSkipped := refSummarize(orders, fuzzSumAsOf, opts)
		// go-cmp compares decimal.Decimal and time.Time with their Equal
		// methods, so by value. PurchasesPerMonth (the only float) may
		// differ in the last bit: the doc fixes the quantities, not the
		// order of the float operations (a span of 90 days less 1s less
		// 1ns gives 0.33819448793653395 here and 0.338194487936534 in
		// Summarize), so fuzzSumClose compares it to 1e-12 relative.
		if diff := gocmp.Diff(want, got, cmpopts.EquateEmpty(), gocmp.Comparer(fuzzSumClose)); diff != "" {
			t.Fatalf("Summarize(%+v) mismatch (-want +got):\n%s", opts, diff)
		}
		if skipped != wantSkipped {
			t.Fatalf("Summarize(%+v) skipped %+v, want %+v", opts, skipped, wantSkipped)
		}
		for _, s := range got {
			for _, tm := range []time.Time{s.AsOf, s.First, s.Last} {
				if !tm.IsZero() && tm.Location() != fuzzSumAsOf.Location() {
					t.Fatalf("customer %s: time %v not in the as-of location", s.CustomerID, tm)
				}
			}
		}

		for _, w := range []int{1, 3} {
			opts.Workers = w
			other, otherSkipped, err := customer.Summarize(t.Context(), slices.Values(orders), fuzzSumAsOf, opts)
			if err != nil {
				t.Fatalf("Summarize(Workers %d): %v", w, err)
			}
			if diff := gocmp.Diff(got, other, cmpopts.EquateEmpty()); diff != "" || otherSkipped != skipped {
				t.Fatalf("Workers %d changed the result (skipped %+v, was %+v) (-before +after):\n%s", w, otherSkipped, skipped, diff)
			}
		}
	})
}
