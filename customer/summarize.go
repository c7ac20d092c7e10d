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

// SummaryOptions configures [Summarize]. The zero value
// gives the documented defaults; which orders are skipped, and how the
// Reject and TrustOrderIDs options change that, is documented on
// [Skipped].
type SummaryOptions struct {
	// ActivityWindow is the span before the as-of date in which
	// Summary.RecentOrders are counted. 0 means 90 days; negative is an
	// error wrapping [ErrConfig].
	ActivityWindow time.Duration
	// Known reports whether a customer ID is known. Orders for unknown
	// customers are skipped and counted in Skipped.Unknown. nil accepts
	// every ID.
	Known func(ID) bool
	// TrustOrderIDs turns off duplicate detection (see [Skipped]). By
	// default detection keeps a 64-bit fingerprint per order, about 12
	// bytes each; two different IDs of one customer share a fingerprint
	// with probability about 2^-64. Set TrustOrderIDs when the source
	// guarantees unique IDs.
	TrustOrderIDs bool
	// RejectInvalid makes an order without customer ID or time an error
	// wrapping [ErrInvalidValue] instead of a skip.
	RejectInvalid bool
	// RejectFuture makes an order dated after the as-of date an error
	// wrapping [ErrFuture] instead of a skip.
	RejectFuture bool
}

// summarizer builds Summary values from a stream of orders in one pass,
// with memory proportional to the number of customers (plus the order IDs,
// unless SummaryOptions.TrustOrderIDs is set). Orders may arrive in any
// order. It is not safe for concurrent use.
type summarizer struct {
	asOf    time.Time
	n       int       // orders added
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
	orderIDs            int32 // head of the customer's set in summarizer.seen
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
// a linked list threaded through summarizer.nodes, so that the common case
// allocates nothing per customer.
type statNode struct {
	key   string
	n     int32
	next  int32
	spend money.Sum
}

// newSummarizer returns a summarizer for the as-of date asOf. It fails
// with an error wrapping ErrConfig when opts cannot be used.
func newSummarizer(asOf time.Time, opts SummaryOptions) (*summarizer, error) {
	w := opts.ActivityWindow
	if w < 0 {
		return nil, fmt.Errorf("%w: SummaryOptions.ActivityWindow is negative (%v)", ErrConfig, w)
	}
	if w == 0 {
		w = 90 * 24 * time.Hour
	}
	z := &summarizer{
		asOf:   asOf,
		window: w,
		recent: asOf.Add(-w),
		opts:   opts,
		index:  make(map[ID]int32),
	}
	return z, nil
}

// add adds one order. It returns nil when the order was used, else an
// *orderError: for a skipped order, which is counted in z.skipped, or for
// one rejected under a Reject option, which is not.
func (z *summarizer) add(o Order) error {
	pos := z.n
	z.n++
	var reason error
	reject := false
	switch {
	case o.CustomerID == "":
		reason, reject = errNoCustomer, z.opts.RejectInvalid
		if !reject {
			z.skipped.Invalid++
		}
	case o.At.IsZero():
		reason, reject = errNoTime, z.opts.RejectInvalid
		if !reject {
			z.skipped.Invalid++
		}
	case o.At.After(z.asOf):
		reason, reject = errFutureOrder, z.opts.RejectFuture
		if !reject {
			z.skipped.Future++
		}
	case z.opts.Known != nil && !z.opts.Known(o.CustomerID):
		z.skipped.Unknown++
		reason = ErrUnknownCustomer
	}
	if reason != nil {
		return &orderError{pos: pos, id: o.ID, err: reason, reject: reject}
	}

	i, ok := z.index[o.CustomerID]
	if !ok {
		i = z.accs.Push(acc{id: o.CustomerID, categories: -1, channel: -1, orderIDs: keyset.Empty})
		z.index[o.CustomerID] = i
	}
	a := z.accs.At(i)
	if !z.opts.TrustOrderIDs && o.ID != "" && !z.seen.Add(&a.orderIDs, keyset.Fingerprint(o.ID)) {
		z.skipped.Duplicate++
		return &orderError{pos: pos, id: o.ID, err: ErrDuplicateID}
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
		if o.Channel.online() {
			a.online++
		} else if o.Channel.offline() {
			a.offline++
		}
	}
	z.count(&a.categories, o.Category, o.Amount)
	z.count(&a.channel, string(o.Channel), o.Amount)
	return nil
}

// count adds an order to the list headed by *head under key.
func (z *summarizer) count(head *int32, key string, amount decimal.Decimal) {
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

// summaries returns one Summary per customer, in the order in which each
// customer's first used order arrived. It may be called more than once.
// The Categories and Channels slices of all summaries share two backing
// arrays, each capped to its own length, so appending to one never
// changes another.
func (z *summarizer) summaries() []Summary {
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

func (z *summarizer) listLen(head int32) int {
	n := 0
	for j := head; j >= 0; j = z.nodes.At(j).next {
		n++
	}
	return n
}

const daysPerMonth = 365.25 / 12

// summary converts one accumulator, appending its category and channel
// stats to the shared cats and chans.
func (z *summarizer) summary(a *acc, cats []CategoryStat, chans []ChannelStat) (Summary, []CategoryStat, []ChannelStat) {
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
// order of each customer's first used order, and the counts of the
// orders it skipped. Which orders are skipped, and the options that make
// invalid or future orders errors instead, are documented on [Skipped].
// Orders may come in any order. Memory grows with the number of customers
// (plus about 12 bytes per order ID, unless opts.TrustOrderIDs is set),
// not with the number of orders. The Categories and Channels slices of
// all summaries share two backing arrays, each capped to its own length,
// so appending to one never changes another.
//
// Summarize fails with an error wrapping [ErrConfig] when opts cannot be
// used; with the error of the first order rejected under
// opts.RejectInvalid or opts.RejectFuture, which names the order's
// position in orders (0-based) and its order ID and wraps
// [ErrInvalidValue] or [ErrFuture]; or with ctx.Err() if ctx is
// cancelled (it checks ctx every 4096 orders). On error it returns no
// summaries and the counts so far.
func Summarize(ctx context.Context, orders iter.Seq[Order], asOf time.Time, opts SummaryOptions) ([]Summary, Skipped, error) {
	z, err := newSummarizer(asOf, opts)
	if err != nil {
		return nil, Skipped{}, err
	}
	n := 0
	for o := range orders {
		if n++; n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, z.skipped, err
			}
		}
		if err := z.add(o); err != nil {
			if oe := err.(*orderError); oe.reject {
				return nil, z.skipped, err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, z.skipped, err
	}
	return z.summaries(), z.skipped, nil
}

// orderError explains why an order was skipped or rejected.
type orderError struct {
	pos    int    // position among the orders, 0-based
	id     string // order ID
	err    error  // the reason
	reject bool   // rejected under a Reject option, not counted
}

func (e *orderError) Error() string {
	verb := "skipped"
	if e.reject {
		verb = "rejected"
	}
	return fmt.Sprintf("customer: order %d (ID %q) %s: %s", e.pos, clip(e.id), verb, strings.TrimPrefix(e.err.Error(), "customer: "))
}

func (e *orderError) Unwrap() error { return e.err }

// Reasons for skipping an order, built once. Invalid orders wrap
// ErrInvalidValue, as the contract on Skipped says, and the more precise
// kind where there is one.
var (
	errNoCustomer  = invalid(ErrInvalidValue, ErrEmpty, "no customer ID")
	errNoTime      = invalid(ErrInvalidValue, invalid(ErrInvalidDate, ErrEmpty, ""), "no time")
	errFutureOrder = invalid(ErrInvalidDate, ErrFuture, "")
)
