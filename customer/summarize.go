package customer

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/clientele-go/clientele/internal/ingest"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/clientele-go/clientele/internal/parallel"
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
	// default detection remembers every distinct (customer, order ID)
	// pair, about 20 bytes each for IDs of up to 12 bytes or of 13 to 19
	// digits, and compares the IDs themselves, so it is exact. Set
	// TrustOrderIDs when the source guarantees unique IDs.
	TrustOrderIDs bool
	// RejectInvalid makes an order without customer ID or time an error
	// wrapping [ErrInvalidValue] instead of a skip.
	RejectInvalid bool
	// RejectFuture makes an order dated after the as-of date an error
	// wrapping [ErrFuture] instead of a skip.
	RejectFuture bool
	// Workers is the number of goroutines that read and accumulate the
	// orders, the calling goroutine (which reads) included: 0 means
	// GOMAXPROCS, 1 keeps all the work on the calling goroutine; negative
	// is an error wrapping [ErrConfig]. The result does not depend on it.
	Workers int
}

// sumPayload is what a used order carries to its customer: 56 bytes
// without pointers. Category and channel travel as keys (inline when
// short); an amount that does not fit in int64 units travels as a string
// on the engine's side list.
type sumPayload struct {
	sec   int64 // time, Unix seconds
	units int64 // amount in 10^money.Exp units, unless rare >= 0
	cat   ingest.Key
	chn   ingest.Key
	nsec  int32
	flags uint16
	rare  int32 // index of the amount on the side list, or -1
}

// Flags of a sumPayload.
const (
	sumRefund = 1 << iota
	sumDiscounted
	sumRecent
	sumOnline
	sumOffline
)

// acc accumulates one customer's orders in 80 bytes. The zero value is a
// customer without orders. Its counters are the low 32 bits of each
// count; once one wraps, the high bits go to the customer's bigTotals,
// so no input can overflow them. (With int64 counters an acc took 112
// bytes: 32 MB more on a million customers, the room that lets
// Summarize buffer twice the orders at a time within its memory bound.)
type acc struct {
	gross, refunded   int64 // 10^money.Exp units, unless big > 0
	firstSec, lastSec int64 // the first and last purchase, Unix seconds
	firstNs, lastNs   int32 // and nanoseconds
	n                 [counters]uint32
	big               int32 // 1 + index of the customer's bigTotals in sumPart.bigs, or 0
	categories        int32 // 1 + index of the head of a statNode list, or 0
	channel           int32 // 1 + index of the head of a statNode list, or 0
}

// The counters of an acc, indexes of acc.n.
const (
	cOrders = iota
	cRefunds
	cDiscounted
	cRecent
	cOnline
	cOffline
	counters
)

// inc adds one to a's counter c, carrying into its bigTotals on a wrap.
func (x *sumPart) inc(a *acc, c int) {
	if a.n[c]++; a.n[c] == 0 {
		x.promote(a).hi[c]++
	}
}

// counter returns a's counter c.
func (x *sumPart) counter(a *acc, c int) int64 {
	v := int64(a.n[c])
	if a.big > 0 {
		v |= int64(x.bigs[a.big-1].hi[c]) << 32
	}
	return v
}

// instant is a time as Unix seconds and nanoseconds.
type instant struct {
	sec  int64
	nsec int32
}

func (a instant) before(b instant) bool { return a.sec < b.sec || a.sec == b.sec && a.nsec < b.nsec }

func (a instant) in(loc *time.Location) time.Time { return time.Unix(a.sec, int64(a.nsec)).In(loc) }

func (a *acc) first() instant { return instant{a.firstSec, a.firstNs} }

func (a *acc) last() instant { return instant{a.lastSec, a.lastNs} }

// bigTotals are a customer's totals once they leave int64 units, and the
// high bits of its counters once one of them wraps.
type bigTotals struct {
	gross, refunded money.Sum
	hi              [counters]uint32
}

// statNode is one (customer, category) or (customer, channel) counter in
// a linked list threaded through sumPart.nodes.
type statNode struct {
	key   ingest.Key
	n     int64
	spend int64 // 10^money.Exp units, unless big > 0
	big   int32 // 1 + index of the exact spend in sumPart.nodeBigs, or 0
	next  int32 // 1 + index of the next node, or 0
}

// sumPart is what Summarize keeps per partition besides the customers.
type sumPart struct {
	nodes    ingest.Blocks[statNode]
	bigs     []bigTotals
	nodeBigs []money.Sum
	long     []string              // long category and channel names
	names    map[ingest.Key]string // short names, built for the output
	ids      ingest.IDTable        // the customers' IDs, built for the output
}

// prepare builds the customers' IDs and the names of every category and
// channel of the partition, so that building summaries only reads it.
func (x *sumPart) prepare(p *sumEnginePart) {
	x.ids = p.IDTable()
	for j := range x.nodes.Len() {
		if k := x.nodes.At(j).key; !k.Long() {
			if _, ok := x.names[k]; !ok {
				if x.names == nil {
					x.names = make(map[ingest.Key]string)
				}
				x.names[k] = k.Text(nil)
			}
		}
	}
}

// sumOut holds what building one chunk of the output allocates: the
// backing arrays of its summaries' Categories and Channels, and scratch.
type sumOut struct {
	cats  []CategoryStat
	chans []ChannelStat
	nodes []*statNode // one customer's counters, being sorted
}

type sumEnginePart = ingest.Part[acc, sumPart]

// summaryWave is the number of orders Summarize buffers before it applies
// them. Its records are 104 bytes, twice rfm's, so its waves are half as
// many. With waves of 262,144 each partition got half as many records
// at a time, so its customers' entries were fetched into cache about
// twice as often, and Summarize took 2.02-2.13 s on the realistic
// 10M-order log, against 1.69-1.83 s now. The 80-byte acc
// paid for the larger waves: the peak heap stayed at 1.48 times the
// input.
const summaryWave = 1 << 19

// applySummary updates partition p's customers with their records.
func applySummary(p *sumEnginePart, recs []ingest.Rec[sumPayload], slots []int32, side []string) {
	for i := range recs {
		if slot := slots[i]; slot >= 0 {
			addOrder(p, p.State(int(slot)), &recs[i].P, side)
		}
	}
}

// keepSummary moves the side strings of r (a rare amount, a long
// category or channel) to the end of *to, for an order the engine holds
// past its wave.
func keepSummary(r *sumPayload, side []string, to *[]string) {
	r.rare = ingest.KeepSide(r.rare, side, to)
	r.cat = ingest.Keep(r.cat, side, to)
	r.chn = ingest.Keep(r.chn, side, to)
}

// addOrder adds one used order to customer a of partition p.
func addOrder(p *sumEnginePart, a *acc, r *sumPayload, side []string) {
	x := &p.X
	var amount decimal.Decimal // the exact amount, for a rare one
	if r.rare >= 0 {
		amount = decimal.RequireFromString(side[r.rare]) // written by String
	}
	refund := r.flags&sumRefund != 0
	if refund {
		x.inc(a, cRefunds)
	} else {
		t := instant{r.sec, r.nsec}
		first := x.counter(a, cOrders) == 0
		if first || t.before(a.first()) {
			a.firstSec, a.firstNs = t.sec, t.nsec
		}
		if first || a.last().before(t) {
			a.lastSec, a.lastNs = t.sec, t.nsec
		}
		x.inc(a, cOrders)
		if r.flags&sumDiscounted != 0 {
			x.inc(a, cDiscounted)
		}
		if r.flags&sumRecent != 0 {
			x.inc(a, cRecent)
		}
		if r.flags&sumOnline != 0 {
			x.inc(a, cOnline)
		} else if r.flags&sumOffline != 0 {
			x.inc(a, cOffline)
		}
	}
	x.addAmount(a, refund, r, amount)
	x.count(&a.categories, r.cat, r, amount, side)
	x.count(&a.channel, r.chn, r, amount, side)
}

// addAmount adds the order's amount to a's refunds or purchases: in
// int64 units while they fit, else exactly in x.bigs.
func (x *sumPart) addAmount(a *acc, refund bool, r *sumPayload, amount decimal.Decimal) {
	if r.rare < 0 && a.big == 0 {
		units := &a.gross
		if refund {
			units = &a.refunded
		}
		if u, ok := money.AddInt64(*units, r.units); ok {
			*units = u
			return
		}
	}
	b := x.promote(a)
	sum := &b.gross
	if refund {
		sum = &b.refunded
	}
	if r.rare >= 0 {
		sum.Add(amount)
	} else {
		sum.AddUnits(r.units)
	}
}

// promote moves a's totals to x.bigs, if they are not there yet.
func (x *sumPart) promote(a *acc) *bigTotals {
	if a.big == 0 {
		var b bigTotals
		b.gross.AddUnits(a.gross)
		b.refunded.AddUnits(a.refunded)
		x.bigs = append(x.bigs, b)
		a.big, a.gross, a.refunded = int32(len(x.bigs)), 0, 0
	}
	return &x.bigs[a.big-1]
}

// count adds an order to the list headed by *head under key.
func (x *sumPart) count(head *int32, key ingest.Key, r *sumPayload, amount decimal.Decimal, side []string) {
	j := *head
	for j > 0 && !ingest.Same(key, side, x.nodes.At(int(j-1)).key, x.long) {
		j = x.nodes.At(int(j - 1)).next
	}
	if j == 0 {
		j = int32(x.nodes.Append(statNode{key: ingest.Keep(key, side, &x.long), next: *head})) + 1
		*head = j
	}
	n := x.nodes.At(int(j - 1))
	if r.flags&sumRefund == 0 {
		n.n++
	}
	if r.rare < 0 && n.big == 0 {
		if u, ok := money.AddInt64(n.spend, r.units); ok {
			n.spend = u
			return
		}
	}
	if n.big == 0 {
		var s money.Sum
		s.AddUnits(n.spend)
		x.nodeBigs = append(x.nodeBigs, s)
		n.big, n.spend = int32(len(x.nodeBigs)), 0
	}
	if r.rare >= 0 {
		x.nodeBigs[n.big-1].Add(amount)
	} else {
		x.nodeBigs[n.big-1].AddUnits(r.units)
	}
}

// name returns the text of a category or channel key, sharing one string
// per distinct short name in the partition. It only reads x, which
// prepare has filled.
func (x *sumPart) name(k ingest.Key) string {
	if k.Long() {
		return k.Text(x.long)
	}
	return x.names[k]
}

// sums returns a customer's exact totals.
func (x *sumPart) sums(a *acc) (gross, refunded money.Sum) {
	if a.big > 0 {
		b := &x.bigs[a.big-1]
		return b.gross, b.refunded
	}
	gross.AddUnits(a.gross)
	refunded.AddUnits(a.refunded)
	return gross, refunded
}

const daysPerMonth = 365.25 / 12

// summary converts one customer's accumulator, appending its category
// and channel counters to o's backing arrays. Building the summaries of
// the output in output order, so that what one allocates lies next to
// what its neighbours allocate, keeps hosts that read them in order in
// cache: with the decimals scattered over the partitions, tagging a
// million summaries takes a third longer.
func summary(x *sumPart, o *sumOut, a *acc, id ID, asOf time.Time, window time.Duration) Summary {
	loc := asOf.Location()
	grossSum, refundedSum := x.sums(a)
	orders, recent := x.counter(a, cOrders), x.counter(a, cRecent)
	s := Summary{
		CustomerID:   id,
		AsOf:         asOf,
		Orders:       int(orders),
		Refunds:      int(x.counter(a, cRefunds)),
		Gross:        grossSum.Decimal(),
		Refunded:     negate(refundedSum.Decimal()),
		RecentOrders: int(recent),
		Discounted:   int(x.counter(a, cDiscounted)),
		Online:       int(x.counter(a, cOnline)),
		Offline:      int(x.counter(a, cOffline)),
	}
	if orders > 0 {
		s.First, s.Last = a.first().in(loc), a.last().in(loc)
	}
	net := grossSum
	if refundedSum.IsZero() {
		s.Net = s.Gross // decimals are immutable; share the value
	} else {
		net.Merge(refundedSum)
		s.Net = net.Decimal()
	}
	if orders > 0 {
		s.AvgOrderValue = average(net, s.Net, orders)
		span := window
		if tenure := asOf.Sub(s.First); tenure < span {
			span = tenure
		}
		months := span.Hours() / 24 / daysPerMonth
		if months < 1 {
			months = 1
		}
		s.PurchasesPerMonth = float64(recent) / months
	}
	// Categories by spend descending, then name.
	o.nodes = x.list(o.nodes[:0], a.categories)
	slices.SortFunc(o.nodes, func(m, n *statNode) int {
		if c := x.cmpSpend(n, m); c != 0 {
			return c
		}
		return strings.Compare(x.name(m.key), x.name(n.key))
	})
	start := len(o.cats)
	for _, n := range o.nodes {
		o.cats = append(o.cats, CategoryStat{Category: x.name(n.key), Orders: int(n.n), Spend: x.nodeSpend(n, &s)})
	}
	if len(o.cats) > start {
		s.Categories = o.cats[start:len(o.cats):len(o.cats)]
	}
	// Channels by orders descending, then name.
	o.nodes = x.list(o.nodes[:0], a.channel)
	slices.SortFunc(o.nodes, func(m, n *statNode) int {
		if c := cmp.Compare(n.n, m.n); c != 0 {
			return c
		}
		return strings.Compare(x.name(m.key), x.name(n.key))
	})
	start = len(o.chans)
	for _, n := range o.nodes {
		o.chans = append(o.chans, ChannelStat{Channel: Channel(x.name(n.key)), Orders: int(n.n), Spend: x.nodeSpend(n, &s)})
	}
	if len(o.chans) > start {
		s.Channels = o.chans[start:len(o.chans):len(o.chans)]
	}
	return s
}

// list appends the counters of the list headed by head to dst.
func (x *sumPart) list(dst []*statNode, head int32) []*statNode {
	for j := head; j > 0; j = x.nodes.At(int(j - 1)).next {
		dst = append(dst, x.nodes.At(int(j-1)))
	}
	return dst
}

// length returns the number of counters in the list headed by head.
func (x *sumPart) length(head int32) int {
	n := 0
	for j := head; j > 0; j = x.nodes.At(int(j - 1)).next {
		n++
	}
	return n
}

// cmpSpend compares the spend of two counters: in integer units when
// both fit, as they nearly always do, else as decimals.
func (x *sumPart) cmpSpend(m, n *statNode) int {
	if m.big == 0 && n.big == 0 {
		return cmp.Compare(m.spend, n.spend)
	}
	return x.spend(m).Cmp(x.spend(n))
}

// spend returns a counter's exact spend.
func (x *sumPart) spend(n *statNode) decimal.Decimal {
	if n.big > 0 {
		return x.nodeBigs[n.big-1].Decimal()
	}
	return decimal.New(n.spend, money.Exp)
}

// nodeSpend returns a counter's spend as a decimal, sharing s.Gross or
// s.Net when it is the same amount (decimals are immutable), as it is
// for a customer who buys in one category or channel.
func (x *sumPart) nodeSpend(n *statNode, s *Summary) decimal.Decimal {
	if n.big > 0 {
		return x.nodeBigs[n.big-1].Decimal()
	}
	if n.spend == 0 {
		return decimal.Decimal{}
	}
	if u, ok := money.Units(s.Net); ok && u == n.spend {
		return s.Net
	}
	return decimal.New(n.spend, money.Exp)
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
	if n == 1 && units%100 == 0 {
		return totalDec // already whole fen; decimals are immutable, so share it
	}
	// units are 1e-4; the result is in 1e-2, so divide by n*100.
	q := money.DivRound(units, n*100)
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
// and of their distinct categories and channels (plus about 20 bytes per
// distinct order ID, unless opts.TrustOrderIDs is set), and with two
// buffers of up to 524,288 orders (about 110 MB), not with the number of
// orders. It reads orders on the calling goroutine and accumulates them
// on opts.Workers-1 others, by customer, joining them when it is ahead;
// the result does not depend on their number. The Categories and
// Channels slices of the summaries share a few backing arrays, each
// capped to its own length, so appending to one never changes another.
//
// Summarize fails with an error wrapping [ErrConfig] when opts cannot be
// used; with the error of the first order rejected under
// opts.RejectInvalid or opts.RejectFuture, which names the order's
// position in orders (0-based) and its order ID and wraps
// [ErrInvalidValue] or [ErrFuture]; or with ctx.Err() if ctx is
// cancelled (it checks ctx every 4096 orders). On error it returns no
// summaries and the counts so far.
func Summarize(ctx context.Context, orders iter.Seq[Order], asOf time.Time, opts SummaryOptions) ([]Summary, Skipped, error) {
	window := opts.ActivityWindow
	if window < 0 {
		return nil, Skipped{}, fmt.Errorf("%w: SummaryOptions.ActivityWindow is negative (%v)", ErrConfig, window)
	}
	if window == 0 {
		window = 90 * 24 * time.Hour
	}
	if opts.Workers < 0 {
		return nil, Skipped{}, fmt.Errorf("%w: SummaryOptions.Workers is negative (%d)", ErrConfig, opts.Workers)
	}
	recent := asOf.Add(-window)
	w := parallel.Workers(opts.Workers)
	e := ingest.New(ingest.NewHasher(), ingest.Config{Workers: w, Dedup: !opts.TrustOrderIDs, Wave: summaryWave}, applySummary, keepSummary)
	defer e.Close() // also when the host's iterator panics
	var (
		skipped Skipped
		err     error
		r       ingest.Rec[sumPayload]
		pos     int64
	)
	for o := range orders {
		if pos++; pos&4095 == 0 {
			if err = ctx.Err(); err != nil {
				break
			}
		}
		reason, reject := error(nil), false
		switch {
		case o.CustomerID == "":
			reason, reject = errNoCustomer, opts.RejectInvalid
		case o.At.IsZero():
			reason, reject = errNoTime, opts.RejectInvalid
		case o.At.After(asOf):
			reason, reject = errFutureOrder, opts.RejectFuture
		case opts.Known != nil && !opts.Known(o.CustomerID):
			skipped.Unknown++
			continue
		}
		if reason != nil {
			if reject {
				err = &orderError{pos: int(pos - 1), id: o.ID, err: reason, reject: true}
				break
			}
			if reason == errFutureOrder {
				skipped.Future++
			} else {
				skipped.Invalid++
			}
			continue
		}
		h, k := e.Hasher().Hash(string(o.CustomerID))
		r.Key, r.OKey, r.Pos = k, e.OrderKey(o.ID), pos-1
		p := &r.P
		p.sec, p.nsec, p.flags, p.rare = o.At.Unix(), int32(o.At.Nanosecond()), 0, -1
		var ok bool
		if p.units, ok = money.Units(o.Amount); !ok {
			p.rare = int32(e.Side(h, o.Amount.String()))
		}
		if o.Amount.Sign() < 0 {
			p.flags |= sumRefund
		}
		if o.Discounted {
			p.flags |= sumDiscounted
		}
		if o.At.After(recent) {
			p.flags |= sumRecent
		}
		if o.Channel.online() {
			p.flags |= sumOnline
		} else if o.Channel.offline() {
			p.flags |= sumOffline
		}
		p.cat = e.SideKey(h, o.Category)
		p.chn = e.SideKey(h, string(o.Channel))
		e.Push(h, &r, string(o.CustomerID), o.ID)
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		if _, ok := err.(*orderError); ok {
			e.Flush() // the duplicates among the orders before it count
			skipped.Duplicate = e.Dups()
		}
		return nil, skipped, err
	}
	e.Flush()
	skipped.Duplicate = e.Dups()
	refs := e.Refs(func(*sumEnginePart, *acc) bool { return true }, func(p *sumEnginePart) {
		if p.X.ids.Len() != p.Len() {
			p.X.prepare(p)
		}
	})
	// Build the summaries in output order, in chunks on the workers, each
	// chunk's allocations together (see summary).
	out := make([]Summary, len(refs))
	chunks := parallel.Split(len(refs), 8*w, 4096, 0)
	parallel.For(w, chunks.Count, func(_, c int) {
		lo, hi := chunks.Bounds(c)
		nc, nh := 0, 0
		for _, r := range refs[lo:hi] {
			p := e.Part(int(r.Part))
			a := p.State(int(r.Slot))
			nc += p.X.length(a.categories)
			nh += p.X.length(a.channel)
		}
		o := sumOut{cats: make([]CategoryStat, 0, nc), chans: make([]ChannelStat, 0, nh)}
		for i, r := range refs[lo:hi] {
			p, slot := e.Part(int(r.Part)), int(r.Slot)
			out[lo+i] = summary(&p.X, &o, p.State(slot), ID(p.IDAt(&p.X.ids, slot)), asOf, window)
		}
	})
	return out, skipped, nil
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
