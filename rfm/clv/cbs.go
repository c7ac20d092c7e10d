package clv

import (
	"context"
	"fmt"
	"iter"
	"math"
	"slices"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/keyset"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/clientele-go/clientele/rfm"
	"github.com/shopspring/decimal"
)

// CBS ("customer-by-sufficient-statistic") summarises one customer's
// purchase history for the BG/NBD and Gamma-Gamma models: everything the
// models need to know about the customer, plus, when [SummarizeCBS] had a
// holdout period, what the customer did in it. Times are in periods of
// the unit the summaries were built with (see [CBSOptions.Unit]); the
// models do not know the unit, so keep it with the data (CLV needs it).
//
// A valid CBS has X a finite whole number ≥ 0, T finite and ≥ 0,
// 0 ≤ TX ≤ T, and TX = 0 and M = 0 when X = 0; the fits and
// [LifetimeValues] report any other as a [*CBSError]. The zero value is a
// customer who made a single purchase at the end of the calibration
// period: a new customer.
type CBS struct {
	CustomerID customer.ID
	// X is the number of repeat purchases: the number of distinct
	// purchase days minus one (the first purchase is not a repeat). It
	// is a whole number.
	X float64
	// TX is the time from the first to the last purchase; 0 when X is 0.
	TX float64
	// T is the time from the first purchase to the end of the
	// calibration period; TX ≤ T.
	T float64
	// M is the mean value of the repeat purchases: the money spent on the
	// repeat purchase days divided by X (the first day's spend is left
	// out). It is zero when X is 0.
	M decimal.Decimal

	// HoldoutPurchases is the number of distinct purchase days in the
	// holdout period, and HoldoutSpend their total amount. Both are zero
	// without a holdout; the models ignore them.
	HoldoutPurchases float64
	HoldoutSpend     decimal.Decimal
	// HoldoutLength is the length of the holdout period, the same for
	// every customer: from the end of the calibration period to the end
	// of CBSOptions.HoldoutEnd's date. Zero without a holdout.
	HoldoutLength float64
}

// cbsCheck returns why c is invalid and in which field, or "" when valid.
func cbsCheck(c CBS) (reason, field string) {
	switch {
	case math.IsNaN(c.X) || math.IsInf(c.X, 0):
		return "not a finite number", "X"
	case c.X < 0:
		return "negative", "X"
	case c.X != math.Trunc(c.X):
		return "not a whole number", "X"
	case math.IsNaN(c.T) || math.IsInf(c.T, 0):
		return "not a finite number", "T"
	case c.T < 0:
		return "negative", "T"
	case math.IsNaN(c.TX) || math.IsInf(c.TX, 0):
		return "not a finite number", "TX"
	case c.TX < 0:
		return "negative", "TX"
	case c.TX > c.T:
		return "greater than T", "TX"
	case c.X == 0 && c.TX != 0:
		return "not zero although X is zero", "TX"
	case c.X == 0 && !c.M.IsZero():
		return "not zero although X is zero", "M"
	}
	return "", ""
}

// cbsCheckAll validates every row and returns a *CBSError for the first
// invalid one.
func cbsCheckAll(data []CBS) error {
	for i := range data {
		if reason, field := cbsCheck(data[i]); reason != "" {
			return &CBSError{Index: i, Field: field, Reason: reason}
		}
	}
	return nil
}

// oneDay is the length of the default unit.
const oneDay = 24 * time.Hour

// unitDays returns the length of unit in days, with 0 meaning a day, or an
// error naming field when unit is not a positive whole number of days.
func unitDays(unit time.Duration, field string) (float64, error) {
	if unit == 0 {
		return 1, nil
	}
	if unit < 0 || unit%oneDay != 0 {
		return 0, badConfig("%s %v is not a whole number of days", field, unit)
	}
	return float64(unit / oneDay), nil
}

// CBSOptions configures [SummarizeCBS]. CalibrationEnd is required; the
// other fields default as documented.
type CBSOptions struct {
	// CalibrationEnd is the last day of the calibration period. Orders
	// on its calendar date (in its location) or before count; T is
	// measured up to the end of that date. Required.
	CalibrationEnd time.Time
	// HoldoutEnd is the last day of the holdout period that follows
	// calibration, taken in CalibrationEnd's location. Zero means no
	// holdout. It must not be before CalibrationEnd. Orders after it (or
	// after CalibrationEnd without a holdout) are future orders.
	HoldoutEnd time.Time
	// Unit is the unit of TX, T and the holdout length: a whole number
	// of calendar days. 0 means a day; 7*24*time.Hour gives weeks, as in
	// the BG/NBD paper. Pass the same Unit to [CLVOptions].
	Unit time.Duration
	// RejectInvalid makes an order without a customer ID or time an
	// error, and RejectFuture one dated after the holdout (or
	// calibration) end; see [customer.Skipped] for the default.
	RejectInvalid, RejectFuture bool
	// TrustOrderIDs turns off duplicate detection (see
	// [customer.Skipped]). Detection keeps a 64-bit fingerprint per
	// distinct order ID, about 12 bytes each.
	TrustOrderIDs bool
}

// Skipped counts what [SummarizeCBS] left out, by reason. Invalid, Future
// and Duplicate follow the rule documented on [customer.Skipped], with
// the end of the holdout (or, without one, of the calibration) period as
// the as-of date.
type Skipped struct {
	Invalid   int // orders without a customer ID or time
	Future    int // orders after the holdout (or calibration) end
	Duplicate int // orders whose ID the same customer had already used
	Refunds   int // orders with a negative amount: not purchases
	// NewInHoldout counts customers (not orders) whose first purchase
	// falls in the holdout period: they are not in the calibration
	// cohort, so they get no CBS.
	NewInHoldout int
}

// SummarizeCBS reads orders once and builds the calibration summary of
// every customer whose first purchase is on or before the calibration end,
// plus, with a holdout period, their holdout purchases, in the order of
// each customer's first used order. It is the equivalent of lifetimes'
// summary_data_from_transaction_data and calibration_and_holdout_data
// with the conventions of the BG/NBD and Gamma-Gamma papers:
//
//   - Purchases are orders with a non-negative amount; refunds are
//     skipped and counted (so M is gross of refunds).
//   - Purchases on the same calendar day (in CalibrationEnd's location)
//     are one purchase whose value is their sum. X is the number of
//     distinct purchase days minus one.
//   - TX and T are whole numbers of days divided by the unit's length, so
//     in weeks they are fractional (30.43 weeks = 213 days), as in the
//     papers and CLVTools. (lifetimes with freq='W' instead counts
//     calendar weeks, which gives whole numbers.)
//
// Invalid, future and repeated orders are skipped and counted by default
// (the rule is on [customer.Skipped]); with CBSOptions.RejectInvalid or
// RejectFuture such an order stops the run with an [*rfm.OrderError]
// wrapping [customer.ErrInvalidValue] or [customer.ErrFuture]. Orders may
// arrive in any order. Memory is proportional to the number of customers
// plus the number of distinct purchase days (plus the order IDs unless
// TrustOrderIDs). It returns ctx.Err() if ctx is cancelled, which it
// checks every 4096 orders, and an error wrapping [ErrConfig] for bad
// options.
func SummarizeCBS(ctx context.Context, orders iter.Seq[customer.Order], opts CBSOptions) ([]CBS, Skipped, error) {
	if opts.CalibrationEnd.IsZero() {
		return nil, Skipped{}, badConfig("CBSOptions.CalibrationEnd is required")
	}
	unit, err := unitDays(opts.Unit, "CBSOptions.Unit")
	if err != nil {
		return nil, Skipped{}, err
	}
	loc := opts.CalibrationEnd.Location()
	calEnd := cbsDay(opts.CalibrationEnd, loc)
	holdEnd := calEnd
	holdout := !opts.HoldoutEnd.IsZero()
	if holdout {
		holdEnd = cbsDay(opts.HoldoutEnd, loc)
		if holdEnd < calEnd {
			return nil, Skipped{}, badConfig("CBSOptions.HoldoutEnd is before CalibrationEnd")
		}
	}
	b := cbsBuilder{index: make(map[customer.ID]int32)}
	var skipped Skipped
	n := -1
	for o := range orders {
		if n++; n&4095 == 4095 {
			if err := ctx.Err(); err != nil {
				return nil, Skipped{}, err
			}
		}
		if o.CustomerID == "" || o.At.IsZero() {
			if opts.RejectInvalid {
				what := "no customer ID"
				if o.CustomerID != "" {
					what = "no time"
				}
				return nil, Skipped{}, &rfm.OrderError{Index: n, OrderID: o.ID, Err: fmt.Errorf("%w: %s", customer.ErrInvalidValue, what)}
			}
			skipped.Invalid++
			continue
		}
		day := cbsDay(o.At, loc)
		switch {
		case day > holdEnd:
			if opts.RejectFuture {
				return nil, Skipped{}, &rfm.OrderError{Index: n, OrderID: o.ID, Err: customer.ErrFuture}
			}
			skipped.Future++
			continue
		case o.Amount.Sign() < 0:
			skipped.Refunds++
			continue
		}
		if !b.add(o.CustomerID, o.ID, !opts.TrustOrderIDs, day, o.Amount, day <= calEnd) {
			skipped.Duplicate++
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, Skipped{}, err
	}
	holdLen := 0.0
	if holdout {
		holdLen = float64(holdEnd-calEnd) / unit
	}
	var out []CBS
	var days []int32
	for i := range b.accs {
		a := &b.accs[i]
		if !a.cal {
			skipped.NewInHoldout++
			continue
		}
		days = days[:0]
		for j := a.head; j >= 0; j = b.nodes[j].next {
			days = append(days, b.nodes[j].day)
		}
		slices.Sort(days)
		days = slices.Compact(days)
		calDays := 0
		for _, d := range days {
			if d <= calEnd {
				calDays++
			}
		}
		c := CBS{CustomerID: a.id, X: float64(calDays - 1), T: float64(calEnd-a.first) / unit}
		if calDays > 1 {
			c.TX = float64(a.last-a.first) / unit
			rep := a.calSum.Decimal().Sub(a.firstSum.Decimal())
			c.M = rep.DivRound(decimal.NewFromInt(int64(calDays-1)), 4)
		}
		if holdout {
			c.HoldoutPurchases = float64(len(days) - calDays)
			c.HoldoutSpend = a.holdSum.Decimal()
			c.HoldoutLength = holdLen
		}
		out = append(out, c)
	}
	return out, skipped, nil
}

// cbsDay returns the number of the calendar date of t in loc (days since
// 1970-01-01).
func cbsDay(t time.Time, loc *time.Location) int32 {
	y, m, d := t.In(loc).Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// cbsBuilder accumulates customers' purchases. Each customer's distinct
// purchase days sit in a linked list threaded through nodes (a day is
// appended unless it equals the customer's previous one, so sorted input
// stores each day once).
type cbsBuilder struct {
	index map[customer.ID]int32
	accs  []cbsAcc
	nodes []cbsNode
	seen  keyset.Sets // order-ID fingerprints per customer
}

type cbsAcc struct {
	id          customer.ID
	cal         bool  // has a calibration purchase
	first, last int32 // first and last calibration purchase day
	prev        int32 // day of the last node appended
	head        int32 // list of purchase days; -1 when empty
	orderIDs    int32 // head of the customer's set in cbsBuilder.seen
	firstSum    money.Sum
	calSum      money.Sum
	holdSum     money.Sum
}

type cbsNode struct {
	day, next int32
}

// add adds a purchase of customer id, with order ID oid, and reports
// whether it was used: false when dedup is set and the customer already
// had a purchase with the same non-empty order ID.
func (b *cbsBuilder) add(id customer.ID, oid string, dedup bool, day int32, amount decimal.Decimal, cal bool) bool {
	i, ok := b.index[id]
	if !ok {
		i = int32(len(b.accs))
		b.index[id] = i
		b.accs = append(b.accs, cbsAcc{id: id, head: -1, orderIDs: keyset.Empty})
	}
	a := &b.accs[i]
	if dedup && oid != "" && !b.seen.Add(&a.orderIDs, keyset.Fingerprint(oid)) {
		return false
	}
	if a.head < 0 || a.prev != day {
		b.nodes = append(b.nodes, cbsNode{day: day, next: a.head})
		a.head = int32(len(b.nodes) - 1)
		a.prev = day
	}
	if !cal {
		a.holdSum.Add(amount)
		return true
	}
	a.calSum.Add(amount)
	switch {
	case !a.cal:
		a.cal = true
		a.first, a.last = day, day
		a.firstSum = money.Sum{}
		a.firstSum.Add(amount)
	case day < a.first:
		a.first = day
		a.firstSum = money.Sum{}
		a.firstSum.Add(amount)
	case day == a.first:
		a.firstSum.Add(amount)
	}
	if day > a.last {
		a.last = day
	}
	return true
}
