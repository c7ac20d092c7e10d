package rfm

import (
	"fmt"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/ingest"
	"github.com/clientele-go/clientele/internal/money"
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
	prep   preparer
	hasher ingest.Hasher
	sh     *shard
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
	a := &Accumulator{prep: newPreparer(asOf, opts), hasher: ingest.NewHasher()}
	a.sh = newShard(&a.hasher, opts)
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
		r.h, r.k = a.hasher.Hash(r.id)
		if a.sh.dedup && r.oid != "" {
			r.oh, _ = a.hasher.Hash(r.oid)
		}
		a.sh.add(&r)
	}
	return err
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

func newPreparer(asOf time.Time, opts Options) preparer {
	p := preparer{asOf: asOf, opts: opts, clock: newDayClock(asOf.Location())}
	p.asOfDay = p.clock.day(asOf)
	return p
}

// prepare fills r from o, all but the hash and key of the customer ID. It returns use=false when the order is skipped
// (and counted) or rejected with an error.
func (p *preparer) prepare(o *customer.Order, r *record) (use bool, err error) {
	if use, err = p.check(string(o.CustomerID), o.ID, o.At, r); !use {
		return false, err
	}
	var ok bool
	if r.units, ok = money.Units(o.Amount); ok {
		r.big = nil
	} else {
		d := o.Amount // allocated only on this rare path
		r.big = &d
	}
	return true, nil
}

// check applies the skip rules to the order at the next position, with
// customer ID id, order ID oid and time at, and fills r but for the
// amount, the hash and the key.
func (p *preparer) check(id, oid string, at time.Time, r *record) (use bool, err error) {
	pos := p.n
	p.n++
	if id == "" || at.IsZero() {
		if !p.opts.RejectInvalid {
			p.skipped.Invalid++
			return false, nil
		}
		what := "no customer ID"
		if id != "" {
			what = "no time"
		}
		return false, &OrderError{Index: pos, OrderID: oid, Err: fmt.Errorf("%w: %s", customer.ErrInvalidValue, what)}
	}
	if at.After(p.asOf) {
		if !p.opts.RejectFuture {
			p.skipped.Future++
			return false, nil
		}
		return false, &OrderError{Index: pos, OrderID: oid, Err: customer.ErrFuture}
	}
	day := p.clock.day(at)
	if p.opts.WindowDays > 0 && p.asOfDay-day >= int64(p.opts.WindowDays) {
		p.skipped.Outside++
		return false, nil
	}
	r.id, r.oid, r.day, r.pos = id, oid, day, int64(pos)
	return true, nil
}

// Skipped returns the counts of what was left out so far (see
// [customer.Skipped] for the rule).
func (a *Accumulator) Skipped() Skipped {
	s := a.prep.skipped
	s.Duplicate = a.sh.dups
	s.NoPurchase = a.sh.idx.Len() - a.sh.buyers
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
	as, bs := a.sh, b.sh
	if !ao.TrustOrderIDs {
		// Map b's customers to a's, then look for shared orders before
		// changing anything.
		slots := make([]int, bs.idx.Len())
		for i := range slots {
			id := bs.idx.ID(i)
			h, k := a.hasher.Hash(id)
			if j, ok := as.idx.Find(id, h, k); ok {
				slots[i] = j
			} else {
				slots[i] = -1
			}
		}
		shared := 0
		bs.seen.Each(func(slot int, oid string, _ uint64) {
			if j := slots[slot]; j >= 0 {
				if oh, _ := a.hasher.Hash(oid); as.seen.Has(j, oid, oh) {
					shared++
				}
			}
		})
		if shared > 0 {
			return fmt.Errorf("%w: the accumulators share %d orders", ErrMismatch, shared)
		}
	}
	slots := make([]int, bs.idx.Len())
	for i := range slots {
		id := bs.idx.ID(i)
		h, k := a.hasher.Hash(id)
		j, c, isNew := as.idx.Get(id, h, k, 0)
		slots[i] = j
		if isNew && as.freqDays {
			as.ndays = append(as.ndays, 0)
		}
		bc := bs.idx.State(i)
		if bc.buys == 0 && bc.units == 0 {
			continue
		}
		buys, last, sum := bs.numbers(bc)
		if buys > 0 {
			if c.buys == 0 {
				as.buyers++
			}
		}
		ab := as.promote(c)
		if buys > 0 {
			if ab.buys == 0 || last > ab.last {
				ab.last = last
			}
			ab.buys += buys
		}
		ab.sum.Merge(sum)
		as.demote(c)
	}
	bs.days.Each(func(slot int, _ string, v uint64) {
		if j := slots[slot]; as.days.AddValue(j, v) {
			as.ndays[j]++
		}
	})
	bs.seen.Each(func(slot int, oid string, _ uint64) {
		oh, _ := a.hasher.Hash(oid)
		as.seen.Add(slots[slot], oid, oh, 0)
	})
	a.prep.skipped.Invalid += b.prep.skipped.Invalid
	a.prep.skipped.Future += b.prep.skipped.Future
	a.prep.skipped.Outside += b.prep.skipped.Outside
	as.dups += bs.dups
	a.prep.n += b.prep.n
	return nil
}

// Values returns the values of every customer with at least one
// purchase, in the order in which each customer's first used order
// arrived (for a merged accumulator: its own customers first, then the
// new ones of each merged accumulator in turn). It may be called more
// than once, and orders may be added in between. It uses up to
// Options.Workers goroutines.
func (a *Accumulator) Values() []Values {
	return a.sh.values(a.prep.asOfDay, a.prep.opts)
}
