package rfm

import (
	"math"
	"sync/atomic"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/ingest"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/clientele-go/clientele/internal/parallel"
	"github.com/shopspring/decimal"
)

// record is an order that passed the checks that need no customer state,
// with what accumulating it needs. The goroutine that reads the orders
// fills it; the shard that owns the customer applies it.
type record struct {
	id    string           // customer ID
	oid   string           // order ID
	h     uint64           // hash of id
	oh    uint64           // hash of oid, when detecting duplicates
	k     ingest.Key       // key of id
	units int64            // the amount in 10^money.Exp units, unless big != nil
	big   *decimal.Decimal // the amount, when it does not fit in units
	day   int64            // the order's day number in the as-of location
	pos   int64            // the order's position in the stream
}

// cust is one customer's state in a shard: 16 bytes, next to the
// customer's key in the index. A customer whose numbers leave this compact
// form (a total beyond int64 units, 2^32-1 purchases, a day beyond int32)
// is promoted: buys is then promoted and units indexes shard.bigs.
type cust struct {
	units int64  // net spend in 10^money.Exp units
	last  int32  // day of the last purchase, when buys > 0
	buys  uint32 // purchases
}

// promoted marks a cust whose numbers are in shard.bigs.
const promoted = math.MaxUint32

// bigCust is a promoted customer's state.
type bigCust struct {
	sum  money.Sum
	last int64
	buys int64
}

// shard accumulates the customers that one hash shard owns. It is not
// safe for concurrent use.
type shard struct {
	hasher   *ingest.Hasher
	idx      ingest.Index[cust]
	seen     ingest.Seen // (customer, order ID) pairs, unless TrustOrderIDs
	days     ingest.Seen // (customer, purchase day) pairs, with FrequencyDays
	ndays    []int64     // distinct purchase days per slot, with FrequencyDays
	bigs     []bigCust
	dedup    bool
	freqDays bool
	slots    []int32 // scratch for apply: the slot of each record
	dups     int     // orders skipped as duplicates
	buyers   int     // customers with at least one purchase
}

func newShard(h *ingest.Hasher, opts Options) *shard {
	return &shard{hasher: h, dedup: !opts.TrustOrderIDs, freqDays: opts.FrequencyDays}
}

// apply accumulates a batch of records in order. It works in passes over
// the batch, each a loop of independent loads, so that the cache misses
// of the lookups overlap instead of coming one at a time: it loads the
// index entries of all the records, then the keys of the customers they
// point to, then finds or adds each customer and loads where its order
// ID would be in the seen set, and only then checks the order IDs and
// updates the customers, all in cache.
func (s *shard) apply(recs []record) {
	var t uint64
	for i := range recs {
		t ^= s.idx.Touch(recs[i].h)
	}
	for i := range recs {
		if c := s.idx.Candidate(recs[i].h); c >= 0 {
			t ^= s.idx.TouchState(c)
		}
	}
	slots := s.slots[:0]
	for i := range recs {
		r := &recs[i]
		slot, _, isNew := s.idx.Get(r.id, r.h, r.k, r.pos)
		if isNew && s.freqDays {
			s.ndays = append(s.ndays, 0)
		}
		slots = append(slots, int32(slot))
	}
	if s.dedup {
		for i := range recs {
			if recs[i].oid != "" {
				t ^= s.seen.Touch(int(slots[i]), recs[i].oh)
			}
		}
	}
	sink.Add(t & 1)
	for i := range recs {
		r := &recs[i]
		slot := int(slots[i])
		if s.dedup && r.oid != "" && !s.seen.Add(slot, r.oid, r.oh, int(r.pos)) {
			s.dups++
			continue
		}
		s.update(slot, r)
	}
	s.slots = slots
}

// sink keeps the touching loads from being optimised away.
var sink atomic.Uint64

// add accumulates one record.
func (s *shard) add(r *record) {
	slot, _, isNew := s.idx.Get(r.id, r.h, r.k, r.pos)
	if isNew && s.freqDays {
		s.ndays = append(s.ndays, 0)
	}
	if s.dedup && r.oid != "" && !s.seen.Add(slot, r.oid, r.oh, int(r.pos)) {
		s.dups++
		return
	}
	s.update(slot, r)
}

// update adds a used record to its customer's numbers.
func (s *shard) update(slot int, r *record) {
	c := s.idx.State(slot)
	refund := r.units < 0
	if r.big != nil {
		refund = r.big.Sign() < 0
	}
	if c.buys != promoted && r.big == nil && int64(int32(r.day)) == r.day && c.buys < promoted-1 {
		if u, ok := addInt64(c.units, r.units); ok {
			c.units = u
			if !refund {
				if c.buys == 0 {
					s.buyers++
					c.last = int32(r.day)
				} else if int32(r.day) > c.last {
					c.last = int32(r.day)
				}
				c.buys++
				s.addDay(slot, r.day)
			}
			return
		}
	}
	b := s.promote(c)
	if r.big != nil {
		b.sum.Add(*r.big)
	} else {
		b.sum.AddUnits(r.units)
	}
	if !refund {
		if b.buys == 0 {
			s.buyers++
			b.last = r.day
		} else if r.day > b.last {
			b.last = r.day
		}
		b.buys++
		s.addDay(slot, r.day)
	}
}

// addDay counts day as a purchase day of slot, with FrequencyDays.
func (s *shard) addDay(slot int, day int64) {
	if s.freqDays && s.days.AddValue(slot, uint64(day)) {
		s.ndays[slot]++
	}
}

// promote moves c's numbers to s.bigs, if they are not there yet, and
// returns them.
func (s *shard) promote(c *cust) *bigCust {
	if c.buys == promoted {
		return &s.bigs[c.units]
	}
	b := bigCust{last: int64(c.last), buys: int64(c.buys)}
	b.sum.AddUnits(c.units)
	c.units, c.buys = int64(len(s.bigs)), promoted
	s.bigs = append(s.bigs, b)
	return &s.bigs[c.units]
}

// numbers returns slot's purchases, last purchase day and net spend.
func (s *shard) numbers(c *cust) (buys, last int64, sum money.Sum) {
	if c.buys == promoted {
		b := &s.bigs[c.units]
		return b.buys, b.last, b.sum
	}
	sum.AddUnits(c.units)
	return int64(c.buys), int64(c.last), sum
}

// fill writes the values of the buying customers among slots [from, to)
// to out, which has room for exactly them; with firsts, it also appends
// each one's first position.
func (s *shard) fill(out []Values, from, to int, asOfDay int64, opts Options, firsts []int64) []int64 {
	j := 0
	for i := from; i < to; i++ {
		c := s.idx.State(i)
		if c.buys == 0 {
			continue
		}
		buys, last, sum := s.numbers(c)
		v := &out[j]
		j++
		v.CustomerID = customer.ID(s.idx.ID(i))
		v.Recency = int(asOfDay - last)
		v.Frequency = int(buys)
		if opts.FrequencyDays {
			v.Frequency = int(s.ndays[i])
		}
		if opts.MonetaryAverage {
			v.Monetary = average(sum, buys)
		} else if u, ok := sum.Units(); ok && c.buys != promoted {
			v.Monetary = decimal.New(u, money.Exp)
		} else {
			v.Monetary = sum.Decimal()
		}
		if firsts != nil {
			firsts = append(firsts, s.idx.First(i))
		}
	}
	return firsts
}

// average returns sum / n rounded half away from zero to 2 decimal
// places, as decimal's DivRound does, in integer arithmetic when the
// total fits.
func average(sum money.Sum, n int64) decimal.Decimal {
	units, ok := sum.Units()
	if !ok || n > math.MaxInt64/100 {
		return sum.Decimal().DivRound(decimal.NewFromInt(n), 2)
	}
	// units are 1e-4; the result is in 1e-2, so divide by n*100.
	d := n * 100
	q, r := units/d, units%d
	if r < 0 {
		r = -r
	}
	if r >= d-r {
		if units < 0 {
			q--
		} else {
			q++
		}
	}
	return decimal.New(q, -2)
}

func addInt64(a, b int64) (int64, bool) {
	c := a + b
	if (c > a) == (b > 0) {
		return c, true
	}
	return 0, false
}

// demote moves c's numbers back to the compact form when they fit again.
func (s *shard) demote(c *cust) {
	if c.buys != promoted {
		return
	}
	b := &s.bigs[c.units]
	u, ok := b.sum.Units()
	if !ok || b.buys >= promoted-1 || b.last != int64(int32(b.last)) {
		return
	}
	*c = cust{units: u, last: int32(b.last), buys: uint32(b.buys)}
}

// values returns the values of the shard's buying customers in slot
// order, filled on up to opts.Workers goroutines.
func (s *shard) values(asOfDay int64, opts Options) []Values {
	out := make([]Values, s.buyers)
	n := s.idx.Len()
	ch := parallel.Split(n, parallel.Workers(opts.Workers), 1<<15, 0)
	if ch.Count < 2 {
		s.fill(out, 0, n, asOfDay, opts, nil)
		return out
	}
	starts := make([]int, ch.Count+1)
	for c := range ch.Count {
		lo, hi := ch.Bounds(c)
		buyers := 0
		for i := lo; i < hi; i++ {
			if s.idx.State(i).buys > 0 {
				buyers++
			}
		}
		starts[c+1] = starts[c] + buyers
	}
	parallel.For(opts.Workers, ch.Count, func(_, c int) {
		lo, hi := ch.Bounds(c)
		s.fill(out[starts[c]:starts[c+1]], lo, hi, asOfDay, opts, nil)
	})
	return out
}
