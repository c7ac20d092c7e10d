package clv_test

import (
	"errors"
	"maps"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/rfm/clv"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

// cbsFuzzCustomers, cbsFuzzOrderIDs and cbsFuzzAmounts are what the fuzz
// input picks from. The empty customer ID is invalid and the empty order
// ID is never a duplicate; the order IDs include ones of 12, 13, 16 and
// more than 16 bytes, some differing only in their last byte. The amounts
// include refunds, a negative zero, more than 4 decimal places, the
// largest and next-to-largest number of 10⁻⁴ units an int64 holds, and
// one far beyond it.
var (
	cbsFuzzCustomers = []customer.ID{"", "C1", "C2", "C3", "customer-with-a-long-id-0001", "customer-with-a-long-id-0002"}
	cbsFuzzOrderIDs  = []string{
		"", "o1", "o2", "o3",
		"12-bytes-id!",
		"order-13bytes", "order-13bytez",
		"exactly-16-bytes",
		"an-order-id-longer-than-sixteen", "an-order-id-longer-than-sixteeN",
	}
	cbsFuzzAmounts = []string{
		"0", "-0.00", "1", "9.99", "-1", "-0.0001", "0.00005", "5.123456",
		"123.4567", "922337203685477.5807", "922337203685477.5806",
		"92233720368547758.07", "-92233720368547758.08", "0.33335", "1e3",
	}
)

// cbsFuzzEnds are the calibration and holdout ends the input picks from,
// all in CST (UTC+8) or read in it:
//   - Tuesday 31 March 2026, holdout to 30 April, given as 20:00 UTC on
//     29 April (04:00 on 30 April in CST);
//   - Sunday 29 March 2026 at its last nanosecond, holdout to Sunday 12
//     April: both ends close a Monday-to-Sunday week;
//   - 31 March 2026 at noon, holdout to 18:00 the same day: a holdout of
//     length 0.
var cbsFuzzEnds = [][2]time.Time{
	{time.Date(2026, 3, 31, 0, 0, 0, 0, clvCST), time.Date(2026, 4, 29, 20, 0, 0, 0, time.UTC)},
	{time.Date(2026, 3, 29, 23, 59, 59, 999999999, clvCST), time.Date(2026, 4, 12, 0, 0, 0, 0, clvCST)},
	{time.Date(2026, 3, 31, 12, 0, 0, 0, clvCST), time.Date(2026, 3, 31, 18, 0, 0, 0, clvCST)},
}

// cbsFuzzOptions decodes the 2-byte header. data[0]: bit 0
// TrustOrderIDs, bit 1 CalendarPeriods, bits 2-3 the unit (0, 1, 7 or 30
// days), bits 4-5 Workers (1, 2, 3, 1), bit 6 no holdout. data[1] % 8:
// 1 RejectInvalid, 2 RejectFuture, 3 both; data[1] >> 3 % 4 picks the
// ends (3 is the first pair again).
func cbsFuzzOptions(data [2]byte) clv.CBSOptions {
	ends := cbsFuzzEnds[int(data[1]>>3&3)%len(cbsFuzzEnds)]
	opts := clv.CBSOptions{
		CalibrationEnd:  ends[0],
		HoldoutEnd:      ends[1],
		Unit:            []time.Duration{0, 24 * time.Hour, 7 * 24 * time.Hour, 30 * 24 * time.Hour}[data[0]>>2&3],
		TrustOrderIDs:   data[0]&1 == 1,
		CalendarPeriods: data[0]>>1&1 == 1,
		Workers:         1 + int(data[0]>>4&3)%3,
		RejectInvalid:   data[1]&7 == 1 || data[1]&7 == 3,
		RejectFuture:    data[1]&7 == 2 || data[1]&7 == 3,
	}
	if data[0]>>6&1 == 1 {
		opts.HoldoutEnd = time.Time{}
	}
	return opts
}

// cbsFuzzOrders decodes 5 bytes per order: customer, order ID, day, hour
// and amount. The day byte gives the calendar day (in CST) from 42 days
// before the calibration end's date to 37 days after it, so orders fall
// in the calibration period, the holdout and after it; 255 is the zero
// time, 254 the zero time in CST (still zero), 253 the first nanosecond
// after the zero time (valid, very early) and 252 a day in year 9999. The
// hour byte gives the hour (bits 0-5, % 24), 128 to 255 ms of nanoseconds
// with bit 7,
// and the same instant in UTC with bit 6 (so it may fall on another day
// in UTC than in CST).
func cbsFuzzOrders(data []byte, calEnd time.Time) []customer.Order {
	y, m, d := calEnd.In(clvCST).Date()
	var out []customer.Order
	for ; len(data) >= 5; data = data[5:] {
		o := customer.Order{
			CustomerID: cbsFuzzCustomers[int(data[0])%len(cbsFuzzCustomers)],
			ID:         cbsFuzzOrderIDs[int(data[1])%len(cbsFuzzOrderIDs)],
			Amount:     decimal.RequireFromString(cbsFuzzAmounts[int(data[4])%len(cbsFuzzAmounts)]),
		}
		h := data[3]
		hour := int(h&0x3f) % 24
		nanos := 0
		if h&0x80 != 0 {
			nanos = int(h) * 1_000_003
		}
		switch data[2] {
		case 255:
		case 254:
			o.At = time.Time{}.In(clvCST)
		case 253:
			o.At = time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC)
		case 252:
			o.At = time.Date(9999, 6, 1, hour, 0, 0, nanos, clvCST)
		default:
			o.At = time.Date(y, m, d+int(data[2])%80-42, hour, 0, 0, nanos, clvCST)
		}
		if h&0x40 != 0 {
			o.At = o.At.UTC()
		}
		out = append(out, o)
	}
	return out
}

// cbsFuzzReference is a slow SummarizeCBS written from its documentation
// (SummarizeCBS, CBS, CBSOptions, Skipped and customer.Skipped):
//
//   - days are calendar dates in CalibrationEnd's location; an order on
//     or before CalibrationEnd's date is in calibration, one after the
//     holdout end's date (or, without a holdout, the calibration end's)
//     is in the future;
//   - an order is skipped as invalid (no customer ID or zero time), else
//     as future, else as a refund (negative amount; refunds are left out
//     "before it looks at order IDs", as TestSummarizeCBSDuplicatesAsIfDropped
//     puts it), else as a duplicate (a non-empty order ID the same
//     customer already had on a used order, unless TrustOrderIDs); the
//     rest are purchases;
//   - purchases on one day (with CalendarPeriods, in one period of Unit
//     days from Monday 5 January 1970, split at the calibration end) are
//     one purchase; X is the number of calibration days (periods) minus
//     one, TX and T run from the first calibration day to the last and
//     to the calibration end, M is the spend on the days after the first
//     divided by X (to 4 places), HoldoutPurchases counts the holdout
//     days, HoldoutSpend sums them and HoldoutLength runs from the
//     calibration end to the holdout end; times are days divided by the
//     unit's days (or whole periods);
//   - customers without a calibration purchase are NewInHoldout; the
//     others come out in the order of their first used order.
func cbsFuzzReference(orders []customer.Order, opts clv.CBSOptions) ([]clv.CBS, clv.Skipped) {
	loc := opts.CalibrationEnd.Location()
	date := func(t time.Time) time.Time {
		y, m, d := t.In(loc).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	calEnd := date(opts.CalibrationEnd)
	lastDay := calEnd
	holdout := !opts.HoldoutEnd.IsZero()
	if holdout {
		lastDay = date(opts.HoldoutEnd)
	}
	unitDays := int64(1)
	if opts.Unit != 0 {
		unitDays = int64(opts.Unit / (24 * time.Hour))
	}
	monday := time.Date(1970, 1, 5, 0, 0, 0, 0, time.UTC)
	// key numbers the day of a date, or with CalendarPeriods its period.
	key := func(d time.Time) int64 {
		days := (d.Unix() - monday.Unix()) / 86400 // both are midnights
		if opts.CalendarPeriods {
			return int64(math.Floor(float64(days) / float64(unitDays)))
		}
		return days
	}
	// span is the time between two keys in units.
	span := func(from, to int64) float64 {
		if opts.CalendarPeriods {
			return float64(to - from)
		}
		return float64(to-from) / float64(unitDays)
	}

	type purchase struct {
		key    int64
		cal    bool
		amount decimal.Decimal
	}
	type orderKey struct {
		c  customer.ID
		id string
	}
	var skip clv.Skipped
	seen := map[orderKey]bool{}
	used := map[customer.ID][]purchase{}
	var order []customer.ID
	for _, o := range orders {
		switch {
		case o.CustomerID == "" || o.At.IsZero():
			skip.Invalid++
			continue
		case date(o.At).After(lastDay):
			skip.Future++
			continue
		case o.Amount.IsNegative():
			skip.Refunds++
			continue
		case !opts.TrustOrderIDs && o.ID != "" && seen[orderKey{o.CustomerID, o.ID}]:
			skip.Duplicate++
			continue
		}
		seen[orderKey{o.CustomerID, o.ID}] = true
		if _, ok := used[o.CustomerID]; !ok {
			order = append(order, o.CustomerID)
		}
		d := date(o.At)
		used[o.CustomerID] = append(used[o.CustomerID], purchase{key: key(d), cal: !d.After(calEnd), amount: o.Amount})
	}

	out := []clv.CBS{}
	for _, id := range order {
		calSpend := map[int64]decimal.Decimal{}
		holdDays := map[int64]bool{}
		var holdSpend decimal.Decimal
		for _, p := range used[id] {
			if p.cal {
				calSpend[p.key] = calSpend[p.key].Add(p.amount)
			} else {
				holdDays[p.key] = true
				holdSpend = holdSpend.Add(p.amount)
			}
		}
		if len(calSpend) == 0 {
			skip.NewInHoldout++
			continue
		}
		keys := slices.Sorted(maps.Keys(calSpend))
		first, last := keys[0], keys[len(keys)-1]
		c := clv.CBS{
			CustomerID: id,
			X:          float64(len(keys) - 1),
			TX:         span(first, last),
			T:          span(first, key(calEnd)),
		}
		if len(keys) > 1 {
			var repeat decimal.Decimal
			for _, k := range keys[1:] {
				repeat = repeat.Add(calSpend[k])
			}
			// "divided by X, rounded half away from zero to 4
			// decimal places" (CBS.M), as DivRound does.
			c.M = repeat.DivRound(decimal.NewFromInt(int64(len(keys)-1)), 4)
		}
		if holdout {
			c.HoldoutPurchases = float64(len(holdDays))
			c.HoldoutSpend = holdSpend
			c.HoldoutLength = span(key(calEnd), key(lastDay))
		}
		out = append(out, c)
	}
	return out, skip
}

// cbsFuzzRejected returns the index of the order a run with
// RejectInvalid or RejectFuture stops at, and the error it wraps, or -1.
func cbsFuzzRejected(orders []customer.Order, opts clv.CBSOptions) (int, error) {
	loc := opts.CalibrationEnd.Location()
	end := opts.CalibrationEnd
	if !opts.HoldoutEnd.IsZero() {
		end = opts.HoldoutEnd
	}
	y, m, d := end.In(loc).Date()
	next := time.Date(y, m, d+1, 0, 0, 0, 0, loc) // first instant of the future
	for i, o := range orders {
		invalid := o.CustomerID == "" || o.At.IsZero()
		switch {
		case invalid && opts.RejectInvalid:
			return i, customer.ErrInvalidValue
		case !invalid && opts.RejectFuture && !o.At.Before(next):
			return i, customer.ErrFuture
		}
	}
	return -1, nil
}

// FuzzSummarizeCBS feeds small random order sets to SummarizeCBS: no
// panic, no error for valid options (or the documented *rfm.OrderError
// when rejecting), summaries and skip counts equal to the naive
// reference, and the same result for any number of workers.
func FuzzSummarizeCBS(f *testing.F) {
	// A customer's orders: two on one day (at 09:00 and 20:00 with
	// nanoseconds), repeats, one replayed order ID, a refund.
	f.Add([]byte{0, 0,
		1, 1, 10, 9, 2,
		1, 2, 10, 20 | 0x80, 3,
		1, 3, 20, 12, 8,
		1, 1, 25, 12, 14, // replay of o1: duplicate
		1, 4, 30, 12, 4, // refund
		2, 1, 41, 23, 2, // another customer's o1, on the calibration end
	})
	// Holdout and future orders, a customer new in the holdout, invalid
	// orders (no customer, zero times), long and 13-byte order IDs.
	f.Add([]byte{0x10, 0,
		3, 8, 5, 1, 3,
		3, 5, 43, 7, 2,
		3, 5, 50, 7, 2, // 13-byte ID replayed in the holdout
		3, 6, 60, 15, 13,
		3, 9, 75, 10, 2, // after the holdout end
		4, 8, 45, 3, 3, // new in the holdout
		0, 1, 10, 1, 2, // no customer
		1, 2, 255, 0, 2, // zero time
		1, 3, 254, 0, 2,
	})
	// Rare amounts: more than 4 decimal places and beyond int64 units,
	// summed on one day and across days; UTC times across the date line.
	f.Add([]byte{0x20, 0,
		5, 0, 1, 1, 6,
		5, 0, 1, 2, 6,
		5, 0, 2, 3, 7,
		5, 7, 3, 4, 11,
		5, 7, 3, 5, 11,
		5, 9, 4, 20 | 0x40, 9,
		5, 9, 5, 1, 10,
		5, 0, 50, 22 | 0x40, 11,
		5, 0, 50, 6, 12,
	})
	// Calendar weeks, no order IDs checked, three workers, year 1 and
	// year 9999 orders.
	f.Add([]byte{0x2b, 8,
		1, 1, 10, 9, 2,
		1, 1, 12, 9, 3,
		2, 1, 253, 0, 2,
		2, 1, 30, 0, 3,
		3, 1, 252, 0, 2,
		3, 0, 41, 23, 1,
		3, 0, 44, 1, 2,
	})
	// Thirty-day periods, no holdout: the day after the calibration end
	// is in the future.
	f.Add([]byte{0x4e, 0,
		1, 1, 0, 0, 2,
		1, 2, 35, 0, 3,
		1, 3, 41, 23, 14,
		1, 4, 43, 0, 2,
		4, 1, 20, 0, 0,
	})
	// Rejecting invalid and future orders, a zero-length holdout.
	f.Add([]byte{0x00, 3 | 2<<3,
		1, 1, 10, 9, 2,
		1, 2, 42, 9, 2,
		1, 3, 42, 19, 2,
		0, 1, 10, 1, 2,
	})
	f.Add([]byte{0x00, 2,
		1, 1, 10, 9, 2,
		1, 2, 79, 9, 2,
	})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		opts := cbsFuzzOptions([2]byte(data[:2]))
		orders := cbsFuzzOrders(data[2:], opts.CalibrationEnd)

		got, skipped, err := clv.SummarizeCBS(t.Context(), slices.Values(orders), opts)
		if i, want := cbsFuzzRejected(orders, opts); i >= 0 {
			var oe *rfm.OrderError
			if !errors.Is(err, want) || !errors.As(err, &oe) || oe.Index != i || oe.OrderID != orders[i].ID || got != nil || skipped != (clv.Skipped{}) {
				t.Fatalf("SummarizeCBS(%+v) = %d rows, %+v, %v; want an *rfm.OrderError at %d wrapping %v", opts, len(got), skipped, err, i, want)
			}
			return
		}
		if err != nil {
			t.Fatalf("SummarizeCBS(%+v): %v", opts, err)
		}
		want, wantSkipped := cbsFuzzReference(orders, opts)
		// Floats are compared exactly: TX, T and HoldoutLength are a
		// difference of whole days divided by the unit's whole days (or
		// whole periods), one correctly rounded division either way.
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" || skipped != wantSkipped {
			t.Fatalf("SummarizeCBS(%+v) mismatch (skipped %+v, want %+v) (-want +got):\n%s", opts, skipped, wantSkipped, diff)
		}

		if opts.Workers != 1 {
			w := opts.Workers
			opts.Workers = 1
			one, oneSkipped, err := clv.SummarizeCBS(t.Context(), slices.Values(orders), opts)
			if err != nil {
				t.Fatalf("SummarizeCBS(Workers 1): %v", err)
			}
			if diff := cmp.Diff(one, got); diff != "" || skipped != oneSkipped {
				t.Fatalf("SummarizeCBS: Workers %d differs from Workers 1 (skipped %+v, want %+v) (-one +%d):\n%s", w, skipped, oneSkipped, w, diff)
			}
		}
	})
}
