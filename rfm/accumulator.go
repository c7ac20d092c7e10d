package rfm

import (
	"fmt"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/blocks"
	"github.com/clientele-go/clientele/internal/keyset"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/clientele-go/clientele/internal/parallel"
	"github.com/shopspring/decimal"
)

// Accumulator builds [Values] from orders one at a time, in one pass and
// in any order, skipping and counting bad orders by the rule documented
// on [customer.Skipped] (or rejecting them, as [Options] say). It keeps about 80 bytes per customer, plus a 64-bit
// fingerprint of each distinct order ID (about 12 bytes with overhead)
// unless Options.TrustOrderIDs is set, since duplicates can only be
// recognised by remembering the IDs seen, and as much per distinct
// purchase day with FrequencyDays. It handles up to 2^31-1 customers.
//
// Accumulators over separate shards of the orders can be combined with
// [Accumulator.Merge]; the result is identical to one accumulator fed all
// the orders, as long as no order is in two shards. An Accumulator is not
// safe for concurrent use; use one per goroutine and merge them.
type Accumulator struct {
	prep     preparer
	index    custIndex
	ids      blocks.List[customer.ID] // per customer, in order of arrival
	nums     blocks.List[custNum]     // per customer, parallel to ids
	bigs     []money.Sum              // totals that left the int64 fast path
	cur      *custNum                 // the customer of the last record
	lastID   customer.ID              // and its ID, when haveLast
	haveLast bool
	firsts   *blocks.List[int64] // stream position of each customer's first used order, in a shard
	orders   keyset.Sets         // order ID fingerprints per customer
	days     keyset.Sets         // purchase days per customer (FrequencyDays)
	dups     int                 // orders skipped as duplicates
	buyers   int                 // customers with at least one purchase
	freqDays bool                // Options.FrequencyDays
	touched  uint64              // sink for custIndex.touch
	tags     []uint64            // scratch for applyBatch
}

// custNum accumulates one customer's orders. It holds no pointers, so a
// million of them cost the garbage collector nothing to scan.
type custNum struct {
	units  int64 // net spend in 10^money.Exp units, unless big >= 0
	last   int64 // day of the last purchase, when buys > 0
	buys   int32 // purchases
	ndays  int32 // distinct purchase days (FrequencyDays)
	idSet  int32 // head of the order ID set in Accumulator.orders
	daySet int32 // head of the day set in Accumulator.days
	big    int32 // index of the exact total in Accumulator.bigs, or -1
}

// NewAccumulator returns an empty Accumulator for the as-of time asOf. It
// returns an error wrapping [ErrConfig] when asOf is zero or opts are
// invalid.
func NewAccumulator(asOf time.Time, opts Options) (*Accumulator, error) {
	if asOf.IsZero() {
		return nil, badConfig("the as-of time is zero")
	}
	if err := opts.check(); err != nil {
		return nil, err
	}
	a := &Accumulator{index: newCustIndex(), freqDays: opts.FrequencyDays}
	a.prep = preparer{asOf: asOf, opts: opts, clock: newDayClock(asOf.Location())}
	a.prep.asOfDay = a.prep.clock.day(asOf)
	return a, nil
}

// Add adds one order. It returns nil when the order was used or skipped
// and counted (see [Accumulator.Skipped]), and an [*OrderError] when
// Options.RejectInvalid or RejectFuture rejects it; the order then leaves
// the Accumulator unchanged and later orders can still be added.
func (a *Accumulator) Add(o customer.Order) error {
	var r record
	use, err := a.prep.prepare(&o, &r)
	if use {
		a.notice(&r)
		a.apply(&r)
	}
	return err
}

// record is an order that passed the checks that need no customer state,
// with what accumulating it needs.
type record struct {
	id     customer.ID     // the customer
	oid    string          // the order ID
	amount decimal.Decimal // the amount
	day    int64           // the order's day number in the as-of location
	pos    int64           // the order's position in the stream
	tag    uint64          // custIndex tag of id, when newCustomer
	// newCustomer reports that the customer may differ from the
	// previous record's, so apply must look it up.
	newCustomer bool
}

// preparer does the part of adding an order that needs no customer
// state: validation, the day number and the window. In a parallel
// Compute it runs on the goroutine that reads the orders.
type preparer struct {
	asOf    time.Time
	asOfDay int64
	opts    Options
	clock   dayClock
	skipped Skipped // Invalid, Future, Outside
	n       int     // orders seen
}

// prepare fills r from o. It returns use=false when the order is skipped
// (and counted) or rejected with an error.
func (p *preparer) prepare(o *customer.Order, r *record) (use bool, err error) {
	pos := p.n
	p.n++
	if o.CustomerID == "" || o.At.IsZero() {
		if !p.opts.RejectInvalid {
			p.skipped.Invalid++
			return false, nil
		}
		what := "no customer ID"
		if o.CustomerID != "" {
			what = "no time"
		}
		return false, &OrderError{Index: pos, OrderID: o.ID, Err: fmt.Errorf("%w: %s", customer.ErrInvalidValue, what)}
	}
	if o.At.After(p.asOf) {
		if !p.opts.RejectFuture {
			p.skipped.Future++
			return false, nil
		}
		return false, &OrderError{Index: pos, OrderID: o.ID, Err: customer.ErrFuture}
	}
	day := p.clock.day(o.At)
	if p.opts.WindowDays > 0 && p.asOfDay-day >= int64(p.opts.WindowDays) {
		p.skipped.Outside++
		return false, nil
	}
	r.id, r.oid, r.amount, r.day, r.pos = o.CustomerID, o.ID, o.Amount, day, int64(pos)
	r.newCustomer = false
	return true, nil
}

// notice marks r when its customer differs from the previous record's
// and then computes the customer's index tag.
func (a *Accumulator) notice(r *record) {
	if !a.haveLast || r.id != a.lastID {
		a.lastID, a.haveLast = r.id, true
		r.tag = a.index.tag(r.id)
		r.newCustomer = true
	}
}

// apply accumulates a prepared and noticed record.
func (a *Accumulator) apply(r *record) {
	if r.newCustomer {
		a.cur = a.lookup(r.id, r.tag, r.pos)
	}
	c := a.cur
	if !a.prep.opts.TrustOrderIDs && r.oid != "" && !a.orders.Add(&c.idSet, keyset.Fingerprint(r.oid)) {
		a.dups++
		return
	}
	refund := false
	if u, ok := money.Units(r.amount); ok {
		refund = u < 0
		switch {
		case c.big >= 0:
			a.bigs[c.big].AddUnits(u)
		case !addUnits(c, u):
			a.promote(c)
			a.bigs[c.big].AddUnits(u)
		}
	} else {
		refund = r.amount.Sign() < 0
		if c.big < 0 {
			a.promote(c)
		}
		a.bigs[c.big].Add(r.amount)
	}
	if refund {
		return
	}
	if c.buys == 0 {
		a.buyers++
		c.last = r.day
	} else if r.day > c.last {
		c.last = r.day
	}
	c.buys++
	if a.freqDays && a.days.Add(&c.daySet, uint64(r.day)) {
		c.ndays++
	}
}

// addUnits adds u units to c's int64 total and reports whether the sum
// fit; if not, c is unchanged.
func addUnits(c *custNum, u int64) bool {
	r := c.units + u
	if (r > c.units) != (u > 0) {
		return false
	}
	c.units = r
	return true
}

// promote moves c's total to an exact money.Sum.
func (a *Accumulator) promote(c *custNum) {
	c.big = int32(len(a.bigs))
	var s money.Sum
	s.AddUnits(c.units)
	a.bigs = append(a.bigs, s)
	c.units = 0
}

// total returns c's exact net spend.
func (a *Accumulator) total(c *custNum) money.Sum {
	if c.big >= 0 {
		return a.bigs[c.big]
	}
	var s money.Sum
	s.AddUnits(c.units)
	return s
}

// lookup returns the state of customer id (whose index tag is tag),
// adding it if new; pos is the position in the stream of the order that
// adds it, kept only by a shard of a parallel Compute.
func (a *Accumulator) lookup(id customer.ID, tag uint64, pos int64) *custNum {
	i, ok := a.index.find(&a.ids, id, tag)
	if !ok {
		i = a.ids.Push(id)
		a.nums.Push(custNum{idSet: keyset.Empty, daySet: keyset.Empty, big: -1})
		a.index.insert(tag, i)
		if a.firsts != nil {
			a.firsts.Push(pos)
		}
	}
	return a.nums.At(i)
}

// Skipped returns the counts of what was left out so far (see
// [customer.Skipped] for the rule).
func (a *Accumulator) Skipped() Skipped {
	s := a.prep.skipped
	s.Duplicate = a.dups
	s.NoPurchase = a.ids.Len() - a.buyers
	return s
}

// Merge adds the orders of b to a, as if a had been fed b's orders after
// its own. a and b must have the same as-of time and Options (Workers
// aside), else Merge returns an error wrapping [ErrConfig]. The result is
// exact when no order is in both: shards split by customer (as a
// distributed group-by does) or by order ID always qualify, and so do
// consecutive slices of a stream without duplicates. Unless TrustOrderIDs
// is set, Merge checks this and returns an error wrapping [ErrMismatch],
// leaving a unchanged, when an order ID of a customer is in both. b is
// not changed and must not be a itself.
func (a *Accumulator) Merge(b *Accumulator) error {
	ao, bo := a.prep.opts, b.prep.opts
	ao.Workers, bo.Workers = 0, 0
	switch {
	case a == b:
		return badConfig("merging an accumulator into itself")
	case !a.prep.asOf.Equal(b.prep.asOf) || a.prep.asOfDay != b.prep.asOfDay:
		return badConfig("merging accumulators with different as-of times")
	case ao != bo:
		return badConfig("merging accumulators with different options")
	}
	if !ao.TrustOrderIDs {
		shared := 0
		for i := range int32(b.ids.Len()) {
			bc := b.nums.At(i)
			id := *b.ids.At(i)
			j, ok := a.index.find(&a.ids, id, a.index.tag(id))
			if !ok || bc.idSet == keyset.Empty {
				continue
			}
			head := a.nums.At(j).idSet
			b.orders.Each(bc.idSet, func(k uint64) {
				if a.orders.Has(head, k) {
					shared++
				}
			})
		}
		if shared > 0 {
			return fmt.Errorf("%w: the accumulators share %d orders", ErrMismatch, shared)
		}
	}
	for i := range int32(b.ids.Len()) {
		bc := b.nums.At(i)
		id := *b.ids.At(i)
		c := a.lookup(id, a.index.tag(id), 0)
		switch {
		case bc.big >= 0:
			if c.big < 0 {
				a.promote(c)
			}
			a.bigs[c.big].Merge(b.bigs[bc.big])
		case c.big >= 0:
			a.bigs[c.big].AddUnits(bc.units)
		case !addUnits(c, bc.units):
			a.promote(c)
			a.bigs[c.big].AddUnits(bc.units)
		}
		if bc.buys > 0 {
			if c.buys == 0 {
				a.buyers++
				c.last = bc.last
			} else {
				c.last = max(c.last, bc.last)
			}
			c.buys += bc.buys
		}
		b.days.Each(bc.daySet, func(k uint64) {
			if a.days.Add(&c.daySet, k) {
				c.ndays++
			}
		})
		b.orders.Each(bc.idSet, func(k uint64) { a.orders.Add(&c.idSet, k) })
	}
	a.prep.skipped.Invalid += b.prep.skipped.Invalid
	a.prep.skipped.Future += b.prep.skipped.Future
	a.prep.skipped.Outside += b.prep.skipped.Outside
	a.dups += b.dups
	a.prep.n += b.prep.n
	a.haveLast = false // the next order looks its customer up again
	return nil
}

// Values returns the values of every customer with at least one
// purchase, in the order in which each customer's first used order
// arrived (for a merged accumulator: its own customers first, then the
// new ones of each merged accumulator in turn). It may be called more
// than once, and orders may be added in between. It uses up to
// Options.Workers goroutines.
func (a *Accumulator) Values() []Values {
	out := make([]Values, a.buyers)
	n := a.nums.Len()
	w := min(parallel.Workers(a.prep.opts.Workers), (n+blocks.BlockSize-1)/blocks.BlockSize)
	if w < 2 {
		a.fillValues(out, 0, n)
		return out
	}
	// Contiguous ranges of whole blocks, and where each range's output
	// starts.
	bounds := make([]int, w+1)
	starts := make([]int, w+1)
	nblocks := (n + blocks.BlockSize - 1) / blocks.BlockSize
	for k := 1; k <= w; k++ {
		bounds[k] = min(n, nblocks*k/w*blocks.BlockSize)
	}
	for k := range w {
		buyers := 0
		for i := bounds[k]; i < bounds[k+1]; i++ {
			if a.nums.At(int32(i)).buys > 0 {
				buyers++
			}
		}
		starts[k+1] = starts[k] + buyers
	}
	parallel.For(w, w, func(_, k int) {
		a.fillValues(out[starts[k]:starts[k+1]], bounds[k], bounds[k+1])
	})
	return out
}

// fillValues writes the values of the buying customers among positions
// [from, to) to out, which has room for exactly them.
func (a *Accumulator) fillValues(out []Values, from, to int) {
	j := 0
	for i := int32(from); i < int32(to); i++ {
		c := a.nums.At(i)
		if c.buys == 0 {
			continue
		}
		v := &out[j]
		j++
		v.CustomerID = *a.ids.At(i)
		v.Recency = int(a.prep.asOfDay - c.last)
		v.Frequency = int(c.buys)
		if a.prep.opts.FrequencyDays {
			v.Frequency = int(c.ndays)
		}
		switch {
		case a.prep.opts.MonetaryAverage:
			s := a.total(c)
			v.Monetary = s.Decimal().DivRound(decimal.NewFromInt(int64(c.buys)), 2)
		case c.big >= 0:
			v.Monetary = a.bigs[c.big].Decimal()
		default:
			v.Monetary = decimal.New(c.units, money.Exp)
		}
	}
}
