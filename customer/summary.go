package customer

import (
	"context"
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/clientele-go/clientele/internal/blocks"
	"github.com/clientele-go/clientele/internal/keyset"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

// Summary describes one customer's buying behaviour up to an as-of date.
// Purchases are orders with a non-negative amount; refunds (negative
// amounts) reduce Net and the category and channel spend but are not
// purchases.
type Summary struct {
	CustomerID ID
	AsOf       time.Time

	Orders  int // purchases
	Refunds int // refund orders

	Gross    decimal.Decimal // sum of purchase amounts
	Refunded decimal.Decimal // sum of refunds, as a non-negative amount
	Net      decimal.Decimal // Gross - Refunded
	// AvgOrderValue is Net / Orders rounded half away from zero to 2
	// decimal places (fen), or zero when there are no purchases. It is zero
	// or negative when refunds outweigh purchases.
	AvgOrderValue decimal.Decimal

	// First and Last are the times of the first and last purchase, in
	// AsOf's location; zero when there are no purchases.
	First time.Time
	Last  time.Time

	// RecentOrders counts purchases in the activity window before AsOf
	// (SummaryOptions.ActivityWindow).
	RecentOrders int
	// PurchasesPerMonth is RecentOrders divided by the window's length in
	// months of 30.44 days, where the window is shortened to the
	// customer's tenure (AsOf - First) when that is shorter, but never to
	// less than one month.
	PurchasesPerMonth float64

	Discounted int // purchases that used a discount or coupon
	Online     int // purchases in an online channel (Channel.Online)
	Offline    int // purchases in a store (Channel.Offline)

	// Categories holds one entry per category seen, by Spend descending,
	// then name.
	Categories []CategoryStat
	// Channels holds one entry per channel seen, by Orders descending,
	// then name.
	Channels []ChannelStat
}

// CategoryStat is a customer's activity in one product category.
type CategoryStat struct {
	Category string
	Orders   int             // purchases
	Spend    decimal.Decimal // purchases minus refunds
}

// ChannelStat is a customer's activity in one sales channel.
type ChannelStat struct {
	Channel Channel
	Orders  int             // purchases
	Spend   decimal.Decimal // purchases minus refunds
}

// DiscountShare returns the share of purchases that used a discount or
// coupon, in [0, 1]; 0 without purchases.
func (s Summary) DiscountShare() float64 { return share(s.Discounted, s.Orders) }

// OnlineShare returns the share of purchases made online, in [0, 1]; 0
// without purchases.
func (s Summary) OnlineShare() float64 { return share(s.Online, s.Orders) }

// OfflineShare returns the share of purchases made in stores, in [0, 1];
// 0 without purchases.
func (s Summary) OfflineShare() float64 { return share(s.Offline, s.Orders) }

// DaysSinceLast returns the number of calendar days from the last purchase
// to AsOf, both dates taken in AsOf's location, and false when there are
// no purchases.
func (s Summary) DaysSinceLast() (int, bool) {
	if s.Last.IsZero() {
		return 0, false
	}
	return CalendarDays(s.Last, s.AsOf), true
}

// CalendarDays returns the number of calendar days from the date of from
// to the date of to, both dates taken in to's location. It is negative
// when from is on a later date.
func CalendarDays(from, to time.Time) int {
	loc := to.Location()
	fy, fm, fd := from.In(loc).Date()
	ty, tm, td := to.Date()
	a := time.Date(fy, fm, fd, 0, 0, 0, 0, time.UTC)
	b := time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours()) / 24
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// SummaryOptions configures a [Summarizer]. The zero value gives the
// documented defaults.
type SummaryOptions struct {
	// ActivityWindow is the span before the as-of date in which
	// Summary.RecentOrders are counted. 0 means 90 days.
	ActivityWindow time.Duration
	// Known reports whether a customer ID is known. Orders for unknown
	// customers are skipped and counted. nil accepts every ID.
	Known func(ID) bool
	// TrustOrderIDs turns off duplicate detection. By default an order
	// whose non-empty ID the same customer already had is skipped and
	// counted (a replayed feed); the same ID under two customers counts
	// for both. Detection keeps a 64-bit fingerprint per order, about 12
	// bytes each; two different IDs of one customer share a fingerprint
	// with probability about 2^-64. Set TrustOrderIDs when the source
	// guarantees unique IDs. Orders with an empty ID are never treated as
	// duplicates.
	TrustOrderIDs bool
}

// Skipped counts the orders a [Summarizer] did not use, by reason.
type Skipped struct {
	Invalid   int // no customer ID or no time
	Future    int // dated after the as-of date
	Duplicate int // an order ID seen before
	Unknown   int // customer not known to SummaryOptions.Known
}

// Total returns the number of skipped orders.
func (s Skipped) Total() int { return s.Invalid + s.Future + s.Duplicate + s.Unknown }

// SkipError explains why [Summarizer.Add] skipped an order. It wraps
// [ErrInvalidValue], [ErrFuture], [ErrDuplicateID] or [ErrUnknownCustomer].
type SkipError struct {
	OrderID string
	Err     error
}

func (e *SkipError) Error() string {
	return fmt.Sprintf("customer: order %q skipped: %v", clip(e.OrderID), e.Err)
}

// Unwrap returns the reason.
func (e *SkipError) Unwrap() error { return e.Err }

// Summarizer builds [Summary] values from a stream of orders in one pass,
// with memory proportional to the number of customers (plus the order IDs,
// unless SummaryOptions.TrustOrderIDs is set). Orders may arrive in any
// order. The zero value is not usable; call [NewSummarizer]. A Summarizer
// is not safe for concurrent use.
type Summarizer struct {
	asOf    time.Time
	recent  time.Time // purchases after this are recent
	window  time.Duration
	opts    SummaryOptions
	index   map[ID]int32
	accs    blocks.List[acc]      // per customer, in order of arrival
	nodes   blocks.List[statNode] // category and channel counters
	seen    keyset.Sets           // order-ID fingerprints per customer
	skipped Skipped
}

// acc accumulates one customer's orders. Times are kept as Unix seconds
// and nanoseconds: smaller than time.Time and compared without calls.
type acc struct {
	id                  ID
	first, last         instant
	gross, refunded     money.Sum
	orders, refunds     int32
	discounted, recent  int32
	online, offline     int32
	categories, channel int32 // heads of statNode lists, -1 when empty
	orderIDs            int32 // head of the customer's set in Summarizer.seen
}

// instant is a time as Unix seconds and nanoseconds; the zero value means
// no time.
type instant struct {
	sec  int64
	nsec int32
	set  bool
}

func instantOf(t time.Time) instant {
	return instant{sec: t.Unix(), nsec: int32(t.Nanosecond()), set: true}
}

func (a instant) before(b instant) bool { return a.sec < b.sec || a.sec == b.sec && a.nsec < b.nsec }

func (a instant) in(loc *time.Location) time.Time {
	if !a.set {
		return time.Time{}
	}
	return time.Unix(a.sec, int64(a.nsec)).In(loc)
}

// statNode is one (customer, category) or (customer, channel) counter in
// a linked list threaded through Summarizer.nodes, so that the common case
// allocates nothing per customer.
type statNode struct {
	key   string
	n     int32
	next  int32
	spend money.Sum
}

// NewSummarizer returns a Summarizer for the as-of date asOf.
func NewSummarizer(asOf time.Time, opts SummaryOptions) *Summarizer {
	w := opts.ActivityWindow
	if w <= 0 {
		w = 90 * 24 * time.Hour
	}
	z := &Summarizer{
		asOf:   asOf,
		window: w,
		recent: asOf.Add(-w),
		opts:   opts,
		index:  make(map[ID]int32),
	}
	return z
}

// Add adds one order. It returns nil when the order was used and a
// [*SkipError] when it was skipped (the skip is also counted in
// [Summarizer.Skipped]).
func (z *Summarizer) Add(o Order) error {
	var reason error
	switch {
	case o.CustomerID == "":
		z.skipped.Invalid++
		reason = errNoCustomer
	case o.At.IsZero():
		z.skipped.Invalid++
		reason = errNoTime
	case o.At.After(z.asOf):
		z.skipped.Future++
		reason = errFutureOrder
	case z.opts.Known != nil && !z.opts.Known(o.CustomerID):
		z.skipped.Unknown++
		reason = ErrUnknownCustomer
	}
	if reason != nil {
		return &SkipError{OrderID: o.ID, Err: reason}
	}

	i, ok := z.index[o.CustomerID]
	if !ok {
		i = z.accs.Push(acc{id: o.CustomerID, categories: -1, channel: -1, orderIDs: keyset.Empty})
		z.index[o.CustomerID] = i
	}
	a := z.accs.At(i)
	if !z.opts.TrustOrderIDs && o.ID != "" && !z.seen.Add(&a.orderIDs, keyset.Fingerprint(o.ID)) {
		z.skipped.Duplicate++
		return &SkipError{OrderID: o.ID, Err: ErrDuplicateID}
	}
	if o.Amount.Sign() < 0 {
		a.refunds++
		a.refunded.Add(o.Amount)
	} else {
		a.orders++
		a.gross.Add(o.Amount)
		t := instantOf(o.At)
		if !a.first.set || t.before(a.first) {
			a.first = t
		}
		if !a.last.set || a.last.before(t) {
			a.last = t
		}
		if o.Discounted {
			a.discounted++
		}
		if o.At.After(z.recent) {
			a.recent++
		}
		if o.Channel.Online() {
			a.online++
		} else if o.Channel.Offline() {
			a.offline++
		}
	}
	z.count(&a.categories, o.Category, o.Amount)
	z.count(&a.channel, string(o.Channel), o.Amount)
	return nil
}

// count adds an order to the list headed by *head under key.
func (z *Summarizer) count(head *int32, key string, amount decimal.Decimal) {
	j := *head
	for j >= 0 && z.nodes.At(j).key != key {
		j = z.nodes.At(j).next
	}
	if j < 0 {
		j = z.nodes.Push(statNode{key: key, next: *head})
		*head = j
	}
	n := z.nodes.At(j)
	if amount.Sign() >= 0 {
		n.n++
	}
	n.spend.Add(amount)
}

// Skipped returns the counts of skipped orders so far.
func (z *Summarizer) Skipped() Skipped { return z.skipped }

// Len returns the number of customers seen so far.
func (z *Summarizer) Len() int { return z.accs.Len() }

// Summaries returns one Summary per customer, in the order in which each
// customer's first used order arrived. It may be called more than once.
// The Categories and Channels slices of all summaries share two backing
// arrays, each capped to its own length, so appending to one never
// changes another.
func (z *Summarizer) Summaries() []Summary {
	n := z.accs.Len()
	out := make([]Summary, n)
	var nc, nh int
	for i := range int32(n) {
		a := z.accs.At(i)
		nc += z.listLen(a.categories)
		nh += z.listLen(a.channel)
	}
	cats := make([]CategoryStat, 0, nc)
	chans := make([]ChannelStat, 0, nh)
	for i := range int32(n) {
		out[i], cats, chans = z.summary(z.accs.At(i), cats, chans)
	}
	return out
}

func (z *Summarizer) listLen(head int32) int {
	n := 0
	for j := head; j >= 0; j = z.nodes.At(j).next {
		n++
	}
	return n
}

const daysPerMonth = 365.25 / 12

// summary converts one accumulator, appending its category and channel
// stats to the shared cats and chans.
func (z *Summarizer) summary(a *acc, cats []CategoryStat, chans []ChannelStat) (Summary, []CategoryStat, []ChannelStat) {
	loc := z.asOf.Location()
	s := Summary{
		CustomerID:   a.id,
		AsOf:         z.asOf,
		Orders:       int(a.orders),
		Refunds:      int(a.refunds),
		Gross:        a.gross.Decimal(),
		Refunded:     negate(a.refunded.Decimal()),
		First:        a.first.in(loc),
		Last:         a.last.in(loc),
		RecentOrders: int(a.recent),
		Discounted:   int(a.discounted),
		Online:       int(a.online),
		Offline:      int(a.offline),
	}
	net := a.gross
	if a.refunded.IsZero() {
		s.Net = s.Gross // decimals are immutable; share the value
	} else {
		net.Merge(a.refunded)
		s.Net = net.Decimal()
	}
	if a.orders > 0 {
		s.AvgOrderValue = average(net, s.Net, int64(a.orders))
		span := z.window
		if tenure := z.asOf.Sub(a.first.in(loc)); tenure < span {
			span = tenure
		}
		months := span.Hours() / 24 / daysPerMonth
		if months < 1 {
			months = 1
		}
		s.PurchasesPerMonth = float64(a.recent) / months
	}
	start := len(cats)
	for j := a.categories; j >= 0; j = z.nodes.At(j).next {
		n := z.nodes.At(j)
		cats = append(cats, CategoryStat{Category: n.key, Orders: int(n.n), Spend: n.spend.Decimal()})
	}
	if len(cats) > start {
		s.Categories = cats[start:len(cats):len(cats)]
		slices.SortFunc(s.Categories, func(x, y CategoryStat) int {
			if c := y.Spend.Cmp(x.Spend); c != 0 {
				return c
			}
			return strings.Compare(x.Category, y.Category)
		})
	}
	start = len(chans)
	for j := a.channel; j >= 0; j = z.nodes.At(j).next {
		n := z.nodes.At(j)
		chans = append(chans, ChannelStat{Channel: Channel(n.key), Orders: int(n.n), Spend: n.spend.Decimal()})
	}
	if len(chans) > start {
		s.Channels = chans[start:len(chans):len(chans)]
		slices.SortFunc(s.Channels, func(x, y ChannelStat) int {
			if c := y.Orders - x.Orders; c != 0 {
				return c
			}
			return strings.Compare(string(x.Channel), string(y.Channel))
		})
	}
	return s, cats, chans
}

// negate returns -d without allocating for zero.
func negate(d decimal.Decimal) decimal.Decimal {
	if d.IsZero() {
		return decimal.Decimal{}
	}
	return d.Neg()
}

// average returns total / n rounded half away from zero to 2 decimal
// places, in integer arithmetic when the total fits (it nearly always
// does), else with decimals.
func average(total money.Sum, totalDec decimal.Decimal, n int64) decimal.Decimal {
	units, ok := total.Units()
	if !ok || n > math.MaxInt64/100 {
		return totalDec.DivRound(decimal.NewFromInt(n), 2)
	}
	// units are 1e-4; the result is in 1e-2, so divide by n*100.
	d := n * 100
	q, r := units/d, units%d
	if r < 0 {
		r = -r
	}
	if 2*r >= d {
		if units < 0 {
			q--
		} else {
			q++
		}
	}
	if q == 0 {
		return decimal.Decimal{}
	}
	return decimal.New(q, -2)
}

// Summarize reads orders once and returns one [Summary] per customer, in
// order of each customer's first used order, and the counts of skipped
// orders: those without a customer ID or time, dated after asOf,
// duplicates of an earlier order ID, or for customers opts.Known rejects
// (see [Summarizer]). It returns ctx.Err() if ctx is cancelled; it checks
// ctx every 4096 orders.
func Summarize(ctx context.Context, orders iter.Seq[Order], asOf time.Time, opts SummaryOptions) ([]Summary, Skipped, error) {
	z := NewSummarizer(asOf, opts)
	n := 0
	for o := range orders {
		if n++; n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, z.Skipped(), err
			}
		}
		_ = z.Add(o) // skips are counted in z.Skipped
	}
	if err := ctx.Err(); err != nil {
		return nil, z.Skipped(), err
	}
	return z.Summaries(), z.Skipped(), nil
}

// Reasons for skipping an order, built once.
var (
	errNoCustomer  = invalid(ErrInvalidValue, ErrEmpty, "customer_id")
	errNoTime      = invalid(ErrInvalidDate, ErrEmpty, "at")
	errFutureOrder = invalid(ErrInvalidDate, ErrFuture, "")
)
