package rfm

import (
	"fmt"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/ingest"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/clientele-go/clientele/internal/parallel"
	"github.com/shopspring/decimal"
)

// Accumulator builds [Values] from orders one at a time, in one pass and
// in any order, skipping and counting bad orders by the rule documented
// on [customer.Skipped] (or rejecting them, as [Options] say). It keeps
// about 40 bytes per customer, plus what duplicate detection needs (see
// Options.TrustOrderIDs) and a buffer of up to 65,536 orders, which
// Values, Skipped and Merge apply first. Duplicate detection holds back
// the orders it cannot clear at once (the duplicates and about 1% of the
// rest) until then too, and deciding them reads the pairs of their
// customers: call Values and Skipped when you need them, not after
// every order. Counters are 64-bit, so no number of orders overflows
// them.
//
// Accumulators over separate shards of the orders can be combined with
// [Accumulator.Merge]; the result is identical to one accumulator fed all
// the orders, as long as no order is in two shards. An Accumulator is not
// safe for concurrent use; use one per goroutine and merge them.
type Accumulator struct {
	prep preparer
	eng  *engine
}

// accumulatorWave is the number of orders an Accumulator buffers before
// it applies them.
const accumulatorWave = 1 << 16

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
	return &Accumulator{
		prep: newPreparer(asOf, opts),
		eng:  newEngine(opts, parallel.Workers(opts.Workers), accumulatorWave),
	}, nil
}

// Add adds one order. It returns nil when the order was used or skipped
// and counted (see [Accumulator.Skipped]), and an [*OrderError] when
// Options.RejectInvalid or RejectFuture rejects it; the order then leaves
// the Accumulator unchanged and later orders can still be added.
func (a *Accumulator) Add(o customer.Order) error {
	var r ingest.Rec[payload]
	day, use, err := a.prep.check(o.CustomerID != "", !o.At.IsZero(), o.ID, o.At)
	if use {
		push(a.eng, &r, a.prep.n-1, string(o.CustomerID), o.ID, day, o.Amount)
	}
	return err
}

// push fills r with the order at position pos, hashes its customer and
// order IDs and hands it to e.
func push(e *engine, r *ingest.Rec[payload], pos int64, id, oid string, day int64, amount decimal.Decimal) {
	h, k := e.Hasher().Hash(id)
	r.Key, r.OKey, r.Pos = k, e.OrderKey(oid), pos
	u, fits := money.Units(amount)
	p, ok := compactPayload(u, fits, day)
	if !ok {
		p = rarePayload(e, h, day, amount)
	}
	r.P = p
	e.Push(h, r, id, oid)
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
	n       int64   // orders seen
}

func newPreparer(asOf time.Time, opts Options) preparer {
	p := preparer{asOf: asOf, opts: opts, clock: newDayClock(asOf.Location())}
	p.asOfDay = p.clock.day(asOf)
	return p
}

// check applies the skip rules to the order at the next position, with
// a customer ID unless hasID is false, order ID oid and time at (none
// unless hasTime), and returns its day number.
func (p *preparer) check(hasID, hasTime bool, oid string, at time.Time) (day int64, use bool, err error) {
	pos := p.n
	p.n++
	if !hasID || !hasTime {
		if !p.opts.RejectInvalid {
			p.skipped.Invalid++
			return 0, false, nil
		}
		what := "no customer ID"
		if hasID {
			what = "no time"
		}
		return 0, false, &OrderError{Index: int(pos), OrderID: oid, Err: fmt.Errorf("%w: %s", customer.ErrInvalidValue, what)}
	}
	if at.After(p.asOf) {
		if !p.opts.RejectFuture {
			p.skipped.Future++
			return 0, false, nil
		}
		return 0, false, &OrderError{Index: int(pos), OrderID: oid, Err: customer.ErrFuture}
	}
	day = p.clock.day(at)
	if p.opts.WindowDays > 0 && p.asOfDay-day >= int64(p.opts.WindowDays) {
		p.skipped.Outside++
		return 0, false, nil
	}
	return day, true, nil
}

// Skipped returns the counts of what was left out so far (see
// [customer.Skipped] for the rule).
func (a *Accumulator) Skipped() Skipped {
	a.eng.Flush()
	return skippedBy(a.eng, a.prep.skipped)
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
	ae, be := a.eng, b.eng
	ae.Flush()
	be.Flush()
	if !ao.TrustOrderIDs {
		// Look for shared orders before changing anything.
		shared := 0
		be.EachOrder(func(pi, slot int, oid string) {
			if api, aslot, ok := ae.Find(be.Part(pi).ID(slot)); ok && ae.HasOrder(api, aslot, oid) {
				shared++
			}
		})
		if shared > 0 {
			return fmt.Errorf("%w: the accumulators share %d orders", ErrMismatch, shared)
		}
	}
	// b's customers, in b's order, go after a's own.
	base := ae.Positions()
	type place struct{ pi, slot int }
	where := make([][]place, ingest.Parts)
	for pi := range ingest.Parts {
		bp := be.Part(pi)
		where[pi] = make([]place, bp.Len())
		for slot := range bp.Len() {
			api, aslot, isNew := ae.Get(bp.ID(slot), base+bp.First(slot))
			where[pi][slot] = place{api, aslot}
			ap := ae.Part(api)
			if isNew && ao.FrequencyDays {
				for len(ap.X.ndays) < ap.Len() {
					ap.X.ndays = append(ap.X.ndays, 0)
				}
			}
			buys, last, sum := numbers(bp, bp.State(slot))
			mergeNumbers(ap, ap.State(aslot), buys, last, sum)
		}
		bp.X.days.Each(func(slot int, v uint64) {
			w := where[pi][slot]
			if ap := ae.Part(w.pi); ap.X.days.Add(w.slot, v) {
				ap.X.ndays[w.slot]++
			}
		})
	}
	be.EachOrder(func(pi, slot int, oid string) {
		w := where[pi][slot]
		ae.AddOrder(w.pi, w.slot, oid)
	})
	a.prep.skipped.Invalid += b.prep.skipped.Invalid
	a.prep.skipped.Future += b.prep.skipped.Future
	a.prep.skipped.Outside += b.prep.skipped.Outside
	ae.AddDups(be.Dups())
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
	a.eng.Flush()
	return values(a.eng, a.prep.asOfDay, a.prep.opts)
}
