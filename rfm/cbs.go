package rfm

import (
	"context"
	"iter"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

// CBS ("customer-by-sufficient-statistic") summarises one customer's
// purchase history for the BG/NBD and Gamma-Gamma models: everything the
// models need to know about the customer. Times are in periods of the
// unit the summaries were built with (see [CBSOptions.Unit]); the models
// do not know the unit, so keep it with the data (CLV needs it).
//
// The zero value is a customer who made a single purchase at the end of
// the calibration period.
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
}

// Validate reports whether c could come from a purchase history: X a
// finite whole number ≥ 0, T finite and ≥ 0, 0 ≤ TX ≤ T, TX = 0 and M = 0
// when X = 0. A nil result does not require M > 0 (the Gamma-Gamma fit
// skips such customers). Errors are [*CBSError] values with Index 0.
func (c CBS) Validate() error {
	if reason, field := cbsCheck(c); reason != "" {
		return &CBSError{Field: field, Reason: reason}
	}
	return nil
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

// TimeUnit is the unit of time of customer summaries and of the model
// parameters fitted on them.
type TimeUnit uint8

// Time units. A week is seven calendar days.
const (
	UnitDay TimeUnit = iota + 1
	UnitWeek
)

// Days returns the length of the unit in days, or 0 for an unknown unit.
func (u TimeUnit) Days() float64 {
	switch u {
	case UnitDay:
		return 1
	case UnitWeek:
		return 7
	}
	return 0
}

// String returns "day", "week" or "TimeUnit(n)".
func (u TimeUnit) String() string {
	switch u {
	case UnitDay:
		return "day"
	case UnitWeek:
		return "week"
	}
	return "TimeUnit(" + strconv.Itoa(int(u)) + ")"
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
	// holdout: orders after CalibrationEnd are skipped and counted. It
	// must not be before CalibrationEnd.
	HoldoutEnd time.Time
	// Unit is the unit of TX, T and the holdout length. 0 means UnitDay.
	Unit TimeUnit
	// TrustOrderIDs turns off duplicate detection. By default an order
	// whose non-empty ID was already seen is skipped and counted, which
	// costs memory in proportion to the number of orders. Orders with an
	// empty ID are never treated as duplicates.
	TrustOrderIDs bool
}

// Holdout is a customer's purchases in the holdout period, for checking
// predictions.
type Holdout struct {
	// Purchases is the number of distinct purchase days in the holdout.
	Purchases float64
	// Spend is the total amount of those purchases.
	Spend decimal.Decimal
}

// CBSSkipped counts what [SummarizeCBS] left out, by reason.
type CBSSkipped struct {
	Invalid   int // orders without a customer ID or time
	Refunds   int // orders with a negative amount: not purchases
	Late      int // orders after the holdout (or calibration) end
	Duplicate int // orders whose ID was seen before
	// NewInHoldout counts customers (not orders) whose first purchase
	// falls in the holdout period: they are not in the calibration
	// cohort, so they get no CBS.
	NewInHoldout int
}

// Orders returns the number of skipped orders.
func (s CBSSkipped) Orders() int { return s.Invalid + s.Refunds + s.Late + s.Duplicate }

// CBSData is the result of [SummarizeCBS].
type CBSData struct {
	Unit TimeUnit
	// Customers holds one summary per customer with a purchase in the
	// calibration period, in order of each customer's first used order.
	Customers []CBS
	// Holdout is parallel to Customers when CBSOptions.HoldoutEnd is set,
	// and nil otherwise.
	Holdout []Holdout
	// HoldoutLength is the length of the holdout period in units: from
	// the end of the calibration period to the end of HoldoutEnd's date.
	HoldoutLength float64
	Skipped       CBSSkipped
}

// SummarizeCBS reads orders once and builds the calibration summary of
// every customer whose first purchase is on or before the calibration end,
// plus, with a holdout period, their holdout purchases. It is the
// equivalent of lifetimes' summary_data_from_transaction_data and
// calibration_and_holdout_data with the conventions of the BG/NBD and
// Gamma-Gamma papers:
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
// Orders may arrive in any order. Memory is proportional to the number of
// customers plus the number of distinct purchase days (plus the order IDs
// unless TrustOrderIDs). It returns ctx.Err() if ctx is cancelled; it
// checks ctx every 4096 orders.
func SummarizeCBS(ctx context.Context, orders iter.Seq[customer.Order], opts CBSOptions) (*CBSData, error) {
	if opts.CalibrationEnd.IsZero() {
		return nil, clvBadConfig("CBSOptions.CalibrationEnd is required")
	}
	if opts.Unit == 0 {
		opts.Unit = UnitDay
	}
	if opts.Unit.Days() == 0 {
		return nil, clvBadConfig("CBSOptions.Unit %v is unknown", opts.Unit)
	}
	loc := opts.CalibrationEnd.Location()
	calEnd := cbsDay(opts.CalibrationEnd, loc)
	holdEnd := calEnd
	holdout := !opts.HoldoutEnd.IsZero()
	if holdout {
		holdEnd = cbsDay(opts.HoldoutEnd, loc)
		if holdEnd < calEnd {
			return nil, clvBadConfig("CBSOptions.HoldoutEnd is before CalibrationEnd")
		}
	}
	b := cbsBuilder{index: make(map[customer.ID]int32)}
	var seen map[string]struct{}
	if !opts.TrustOrderIDs {
		seen = make(map[string]struct{})
	}
	var skipped CBSSkipped
	n := 0
	for o := range orders {
		if n++; n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		switch {
		case o.CustomerID == "" || o.At.IsZero():
			skipped.Invalid++
			continue
		case o.Amount.Sign() < 0:
			skipped.Refunds++
			continue
		}
		day := cbsDay(o.At, loc)
		if day > holdEnd {
			skipped.Late++
			continue
		}
		if seen != nil && o.ID != "" {
			if _, dup := seen[o.ID]; dup {
				skipped.Duplicate++
				continue
			}
			seen[o.ID] = struct{}{}
		}
		b.add(o.CustomerID, day, o.Amount, day <= calEnd)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	unit := opts.Unit.Days()
	out := &CBSData{Unit: opts.Unit, Skipped: skipped}
	if holdout {
		out.HoldoutLength = float64(holdEnd-calEnd) / unit
	}
	var days []int32
	for i := range b.accs {
		a := &b.accs[i]
		if !a.cal {
			out.Skipped.NewInHoldout++
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
		out.Customers = append(out.Customers, c)
		if holdout {
			out.Holdout = append(out.Holdout, Holdout{Purchases: float64(len(days) - calDays), Spend: a.holdSum.Decimal()})
		}
	}
	return out, nil
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
}

type cbsAcc struct {
	id          customer.ID
	cal         bool  // has a calibration purchase
	first, last int32 // first and last calibration purchase day
	prev        int32 // day of the last node appended
	head        int32 // list of purchase days; -1 when empty
	firstSum    money.Sum
	calSum      money.Sum
	holdSum     money.Sum
}

type cbsNode struct {
	day, next int32
}

func (b *cbsBuilder) add(id customer.ID, day int32, amount decimal.Decimal, cal bool) {
	i, ok := b.index[id]
	if !ok {
		i = int32(len(b.accs))
		b.index[id] = i
		b.accs = append(b.accs, cbsAcc{id: id, head: -1})
	}
	a := &b.accs[i]
	if a.head < 0 || a.prev != day {
		b.nodes = append(b.nodes, cbsNode{day: day, next: a.head})
		a.head = int32(len(b.nodes) - 1)
		a.prev = day
	}
	if !cal {
		a.holdSum.Add(amount)
		return
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
}
