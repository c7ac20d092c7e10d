package clv

import (
	"context"
	"fmt"
	"iter"
	"math"
	"slices"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/ingest"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/clientele-go/clientele/internal/parallel"
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
	// out), rounded half away from zero to 4 decimal places. It is zero
	// when X is 0.
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
	// [customer.Skipped]). Detection remembers every distinct (customer,
	// order ID) pair, about 20 bytes each for IDs of up to 12 bytes or of
	// 13 to 19 digits, and compares the IDs themselves, so it is exact.
	TrustOrderIDs bool
	// CalendarPeriods groups purchases by calendar period of Unit days
	// instead of by calendar day, as lifetimes does with freq='W' (or
	// 'D'): X counts the periods with a purchase, minus the first; TX,
	// T and HoldoutLength are whole numbers of periods (the period of
	// the last purchase, of the calibration end and of the holdout end,
	// each minus the period of the first purchase or of the calibration
	// end); M is the mean of the repeat periods' spend. Periods start on
	// Monday 5 January 1970 and follow one another every Unit days, so
	// with a week they are Monday-to-Sunday weeks, pandas' 'W' (W-SUN).
	// A period that holds the calibration end counts in calibration for
	// the purchases up to that date and in the holdout for those after.
	// Summaries built this way also give the BG/BB model's data: see
	// [Discrete].
	CalendarPeriods bool
	// Workers is the number of goroutines that read and accumulate the
	// orders, the calling goroutine (which reads) included: 0 means
	// GOMAXPROCS, 1 keeps all the work on the calling goroutine; negative
	// is an error. The result does not depend on it.
	Workers int
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
//     papers and CLVTools. With [CBSOptions].CalendarPeriods they count
//     calendar periods instead, as lifetimes does with freq='W'.
//
// Invalid, future and repeated orders are skipped and counted by default
// (the rule is on [customer.Skipped]); with CBSOptions.RejectInvalid or
// RejectFuture such an order stops the run with an [*rfm.OrderError]
// wrapping [customer.ErrInvalidValue] or [customer.ErrFuture]. Orders may
// arrive in any order. Memory is proportional to the number of customers
// plus the number of distinct purchase days (plus the order IDs unless
// TrustOrderIDs), and two buffers of a million orders. It reads the
// orders on the calling goroutine and accumulates them on
// [CBSOptions].Workers-1 others, by customer, joining them when it is
// ahead; the result does not depend on their number. It
// returns ctx.Err() if ctx is cancelled, which it checks every 4096
// orders, and an error wrapping [ErrConfig] for bad options.
func SummarizeCBS(ctx context.Context, orders iter.Seq[customer.Order], opts CBSOptions) ([]CBS, Skipped, error) {
	if opts.CalibrationEnd.IsZero() {
		return nil, Skipped{}, badConfig("CBSOptions.CalibrationEnd is required")
	}
	unit, err := unitDays(opts.Unit, "CBSOptions.Unit")
	if err != nil {
		return nil, Skipped{}, err
	}
	if opts.Workers < 0 {
		return nil, Skipped{}, badConfig("CBSOptions.Workers is negative (%d)", opts.Workers)
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
	// The engine keys each purchase by its day, or with CalendarPeriods by
	// 2·period + (1 in the holdout): a period that holds the calibration
	// end then stays two keys, calibration's below holdout's, so the
	// comparisons with calKey below split them as they split days, and
	// times come out in periods once divided by 2.
	key := func(day int32, _ bool) int32 { return day }
	calKey, holdKey, div := calEnd, holdEnd, unit
	if opts.CalendarPeriods {
		u := int32(unit)
		period := func(day int32) int32 {
			q := (day - 4) / u // 1970-01-05, day 4, was a Monday
			if (day-4)%u < 0 {
				q--
			}
			return q
		}
		key = func(day int32, cal bool) int32 {
			if cal {
				return 2 * period(day)
			}
			return 2*period(day) + 1
		}
		calKey, holdKey, div = 2*period(calEnd), 2*period(holdEnd), 2
	}
	e := ingest.New(ingest.NewHasher(), ingest.Config{Workers: parallel.Workers(opts.Workers), Dedup: !opts.TrustOrderIDs}, applyCBS, keepCBS)
	defer e.Close() // also when the host's iterator panics
	var (
		skipped Skipped
		r       ingest.Rec[cbsPayload]
	)
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
		h, k := e.Hasher().Hash(string(o.CustomerID))
		r.Key, r.OKey, r.Pos = k, e.OrderKey(o.ID), int64(n)
		cal := day <= calEnd
		r.P = cbsPayload{day: key(day, cal), cal: cal, rare: -1}
		var ok bool
		if r.P.units, ok = money.Units(o.Amount); !ok {
			r.P.rare = int32(e.Side(h, o.Amount.String()))
		}
		e.Push(h, &r, string(o.CustomerID), o.ID)
	}
	if err := ctx.Err(); err != nil {
		return nil, Skipped{}, err
	}
	e.Flush()
	skipped.Duplicate = e.Dups()
	holdLen := 0.0
	if holdout {
		holdLen = float64(holdKey-calKey) / div
	}
	cohort := 0
	for i := range ingest.Parts {
		p := e.Part(i)
		for j := range p.Len() {
			if p.State(j).cal {
				cohort++
			}
		}
	}
	skipped.NewInHoldout = e.Customers() - cohort
	out := make([]CBS, cohort)
	e.Emit(func(_ *cbsPart, a *cbsAcc) bool { return a.cal }, func(p *cbsPart, slot, i int) {
		x := &p.X
		if x.ids.Len() != p.Len() {
			x.ids = p.IDTable()
		}
		a := p.State(slot)
		days := x.days[:0]
		for j := a.head; j > 0; j = x.nodes.At(int(j - 1)).next {
			days = append(days, x.nodes.At(int(j-1)).day)
		}
		slices.Sort(days)
		days = slices.Compact(days)
		x.days = days
		calDays := 0
		for _, d := range days {
			if d <= calKey {
				calDays++
			}
		}
		c := CBS{CustomerID: customer.ID(p.IDAt(&x.ids, slot)), X: float64(calDays - 1), T: float64(calKey-a.first) / div}
		first, cal, hold := x.sums(a)
		if calDays > 1 {
			c.TX = float64(a.last-a.first) / div
			c.M = repeatMean(cal, first, int64(calDays-1))
		}
		if holdout {
			c.HoldoutPurchases = float64(len(days) - calDays)
			c.HoldoutSpend = hold.Decimal()
			c.HoldoutLength = holdLen
		}
		out[i] = c
	})
	return out, skipped, nil
}

// repeatMean returns (cal - first) / n rounded half away from zero to 4
// decimal places, as decimal's DivRound does, in integer arithmetic when
// the totals fit.
func repeatMean(cal, first money.Sum, n int64) decimal.Decimal {
	cu, ok1 := cal.Units()
	fu, ok2 := first.Units()
	rep := cu - fu
	if !ok1 || !ok2 || (rep < cu) != (fu > 0) {
		return cal.Decimal().Sub(first.Decimal()).DivRound(decimal.NewFromInt(n), 4)
	}
	// Units are 1e-4, as is the result.
	return decimal.New(money.DivRound(rep, n), money.Exp)
}

// cbsDay returns the number of the calendar date of t in loc (days since
// 1970-01-01).
func cbsDay(t time.Time, loc *time.Location) int32 {
	y, m, d := t.In(loc).Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// cbsPayload is what a used purchase carries to its customer.
type cbsPayload struct {
	units int64 // amount in 10^money.Exp units, unless rare >= 0
	day   int32 // calendar day number
	rare  int32 // index of the amount on the side list, or -1
	cal   bool  // on or before the calibration end
}

// cbsAcc accumulates one customer's purchases; the zero value has none.
// Each customer's distinct purchase days sit in a linked list threaded
// through cbsState.nodes (a day is appended unless it equals the
// customer's previous one, so sorted input stores each day once).
type cbsAcc struct {
	firstSum, calSum, holdSum int64 // 10^money.Exp units, unless big > 0
	first, last               int32 // first and last calibration purchase day
	prev                      int32 // day of the last node appended
	head                      int32 // 1 + index of the last node, or 0
	big                       int32 // 1 + index of the exact sums in cbsState.bigs, or 0
	cal                       bool  // has a calibration purchase
}

type cbsNode struct {
	day, next int32
}

// cbsState is what SummarizeCBS keeps per partition besides the
// customers.
type cbsState struct {
	nodes ingest.Blocks[cbsNode]
	bigs  [][3]money.Sum // first, calibration and holdout sums
	ids   ingest.IDTable // the customers' IDs, built for the output
	days  []int32        // scratch for the output
}

type cbsPart = ingest.Part[cbsAcc, cbsState]

// keepCBS moves the side string of a rare order to the end of *to, for
// an order the engine holds past its wave.
func keepCBS(r *cbsPayload, side []string, to *[]string) {
	r.rare = ingest.KeepSide(r.rare, side, to)
}

// applyCBS updates partition p's customers with their purchases.
func applyCBS(p *cbsPart, recs []ingest.Rec[cbsPayload], slots []int32, side []string) {
	x := &p.X
	for i := range recs {
		slot := slots[i]
		if slot < 0 {
			continue
		}
		r := &recs[i].P
		a := p.State(int(slot))
		if a.head == 0 || a.prev != r.day {
			a.head = int32(x.nodes.Append(cbsNode{day: r.day, next: a.head})) + 1
			a.prev = r.day
		}
		var amount decimal.Decimal
		if r.rare >= 0 {
			amount = decimal.RequireFromString(side[r.rare]) // written by String
		}
		if !r.cal {
			x.add(a, 2, r, amount)
			continue
		}
		switch {
		case !a.cal:
			a.cal = true
			a.first, a.last = r.day, r.day
			x.reset(a)
			x.add(a, 0, r, amount)
		case r.day < a.first:
			a.first = r.day
			x.reset(a)
			x.add(a, 0, r, amount)
		case r.day == a.first:
			x.add(a, 0, r, amount)
		}
		x.add(a, 1, r, amount)
		if r.day > a.last {
			a.last = r.day
		}
	}
}

// add adds r's amount to sum k of a: 0 first day, 1 calibration, 2
// holdout.
func (x *cbsState) add(a *cbsAcc, k int, r *cbsPayload, amount decimal.Decimal) {
	if a.big == 0 && r.rare < 0 {
		s := [...]*int64{&a.firstSum, &a.calSum, &a.holdSum}[k]
		if v, ok := addUnits(*s, r.units); ok {
			*s = v
			return
		}
	}
	if a.big == 0 {
		var b [3]money.Sum
		b[0].AddUnits(a.firstSum)
		b[1].AddUnits(a.calSum)
		b[2].AddUnits(a.holdSum)
		x.bigs = append(x.bigs, b)
		a.big, a.firstSum, a.calSum, a.holdSum = int32(len(x.bigs)), 0, 0, 0
	}
	if r.rare >= 0 {
		x.bigs[a.big-1][k].Add(amount)
	} else {
		x.bigs[a.big-1][k].AddUnits(r.units)
	}
}

// reset empties a's first-day sum.
func (x *cbsState) reset(a *cbsAcc) {
	if a.big > 0 {
		x.bigs[a.big-1][0] = money.Sum{}
	} else {
		a.firstSum = 0
	}
}

// sums returns a's exact first-day, calibration and holdout sums.
func (x *cbsState) sums(a *cbsAcc) (first, cal, hold money.Sum) {
	if a.big > 0 {
		b := &x.bigs[a.big-1]
		return b[0], b[1], b[2]
	}
	first.AddUnits(a.firstSum)
	cal.AddUnits(a.calSum)
	hold.AddUnits(a.holdSum)
	return first, cal, hold
}

func addUnits(a, b int64) (int64, bool) {
	c := a + b
	if (c > a) == (b > 0) {
		return c, true
	}
	return 0, false
}

// Discrete turns summaries built with [CBSOptions].CalendarPeriods into
// the BG/BB model's data, one row per customer: each calendar period
// after the first purchase's is a transaction opportunity, so N is T, X
// the number of those periods with a purchase and TX the last of them
// (lifetimes' frequency, recency and n_periods). Use periods as long as
// the opportunities (a year of 365 days for yearly donations, a week for
// weekly visits). data is not modified.
//
// Discrete returns a [*CBSError] for a row that is invalid or whose X, TX
// or T is not a whole number (summaries built without CalendarPeriods,
// with a unit longer than a day, are fractional).
func Discrete(data []CBS) ([]DiscreteCBS, error) {
	out := make([]DiscreteCBS, len(data))
	for i, c := range data {
		if reason, field := cbsCheck(c); reason != "" {
			return nil, &CBSError{Index: i, Field: field, Reason: reason}
		}
		for _, f := range []struct {
			name string
			v    float64
		}{{"X", c.X}, {"TX", c.TX}, {"T", c.T}} {
			if f.v != math.Trunc(f.v) || f.v > math.MaxInt32 {
				return nil, &CBSError{Index: i, Field: f.name, Reason: "not a whole number of periods (build the data with CalendarPeriods)"}
			}
		}
		out[i] = DiscreteCBS{CustomerID: c.CustomerID, X: int(c.X), TX: int(c.TX), N: int(c.T)}
	}
	return out, nil
}
