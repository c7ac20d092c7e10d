package rfm

import (
	"math"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/ingest"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/clientele-go/clientele/internal/parallel"
	"github.com/shopspring/decimal"
)

// This file holds what rfm keeps per order and per customer on the
// shared ingestion engine (internal/ingest).

// payload is what a used order carries to its customer, in 16 bytes
// without pointers. A rare order, whose amount has more than four decimal
// places or does not fit in int64 units, or whose day does not fit in
// int32, carries its day in units and its amount as a string on the
// engine's side list, at index rare.
type payload struct {
	units int64 // the amount in 10^money.Exp units; the day of a rare order
	day   int32 // the order's day number in the as-of location
	rare  int32 // index of the amount on the side list, or -1
}

// compactPayload returns the payload of an order of day day and amount
// units (in 10^money.Exp units), and false when the amount does not fit
// units (fits is false) or the day leaves int32: such an order takes
// rarePayload.
func compactPayload(units int64, fits bool, day int64) (payload, bool) {
	return payload{units: units, day: int32(day), rare: -1}, fits && day == int64(int32(day))
}

// rarePayload returns the payload of an order that leaves the compact
// form: its day in units, and its exact amount's text on e's side list,
// with the records of the customer whose hash is h.
func rarePayload(e *engine, h uint64, day int64, amount decimal.Decimal) payload {
	return payload{units: day, rare: int32(e.Side(h, amount.String()))}
}

// cust is one customer's numbers: 16 bytes, next to the customer's key.
// A customer whose numbers leave this compact form (a total beyond int64
// units, 2^32-1 purchases, a day beyond int32, an amount with more than
// four decimals) is promoted: buys is then promoted and units indexes
// the partition's bigs.
type cust struct {
	units int64  // net spend in 10^money.Exp units
	last  int32  // day of the last purchase, when buys > 0
	buys  uint32 // purchases
}

// promoted marks a cust whose numbers are in part.bigs.
const promoted = math.MaxUint32

// bigCust is a promoted customer's numbers.
type bigCust struct {
	sum  money.Sum
	last int64
	buys int64
}

// part is what rfm keeps per partition besides the customers' numbers.
type part struct {
	days   ingest.ValueSet // (customer, purchase day) pairs, with FrequencyDays
	ndays  []int64         // distinct purchase days per slot, with FrequencyDays
	bigs   []bigCust
	buyers int            // customers with at least one purchase
	ids    ingest.IDTable // the customers' IDs, built for Values
}

type engine = ingest.Engine[cust, payload, part]

type enginePart = ingest.Part[cust, part]

// newEngine returns an engine for opts with w workers.
func newEngine(opts Options, w, wave int) *engine {
	freqDays := opts.FrequencyDays
	cfg := ingest.Config{Workers: w, Dedup: !opts.TrustOrderIDs, Wave: wave}
	return ingest.New(ingest.NewHasher(), cfg, func(p *enginePart, recs []ingest.Rec[payload], slots []int32, side []string) {
		x := &p.X
		if freqDays {
			for len(x.ndays) < p.Len() {
				x.ndays = append(x.ndays, 0)
			}
		}
		for i := range recs {
			if slot := slots[i]; slot >= 0 {
				update(p, int(slot), &recs[i].P, side, freqDays)
			}
		}
	}, keepPayload)
}

// keepPayload moves the side string of a rare order to the end of *to,
// for an order the engine holds past its wave.
func keepPayload(r *payload, side []string, to *[]string) {
	r.rare = ingest.KeepSide(r.rare, side, to)
}

// update adds a used order to its customer's numbers.
func update(p *enginePart, slot int, r *payload, side []string, freqDays bool) {
	c := p.State(slot)
	if r.rare < 0 && c.buys < promoted-1 {
		if u, ok := money.AddInt64(c.units, r.units); ok {
			c.units = u
			if r.units >= 0 {
				if c.buys == 0 {
					p.X.buyers++
					c.last = r.day
				} else if r.day > c.last {
					c.last = r.day
				}
				c.buys++
				if freqDays && p.X.days.Add(slot, uint64(int64(r.day))) {
					p.X.ndays[slot]++
				}
			}
			return
		}
	}
	b := promote(p, c)
	day, refund := int64(r.day), r.units < 0
	if r.rare >= 0 {
		amount := decimal.RequireFromString(side[r.rare]) // written by String
		b.sum.Add(amount)
		day, refund = r.units, amount.Sign() < 0
	} else {
		b.sum.AddUnits(r.units)
	}
	if refund {
		return
	}
	if b.buys == 0 {
		p.X.buyers++
		b.last = day
	} else if day > b.last {
		b.last = day
	}
	b.buys++
	if freqDays && p.X.days.Add(slot, uint64(day)) {
		p.X.ndays[slot]++
	}
}

// promote moves c's numbers to the partition's bigs, if they are not
// there yet, and returns them.
func promote(p *enginePart, c *cust) *bigCust {
	x := &p.X
	if c.buys == promoted {
		return &x.bigs[c.units]
	}
	b := bigCust{last: int64(c.last), buys: int64(c.buys)}
	b.sum.AddUnits(c.units)
	c.units, c.buys = int64(len(x.bigs)), promoted
	x.bigs = append(x.bigs, b)
	return &x.bigs[c.units]
}

// mergeNumbers adds another customer's numbers to c.
func mergeNumbers(p *enginePart, c *cust, buys, last int64, sum money.Sum) {
	if buys > 0 && c.buys == 0 {
		p.X.buyers++
	}
	if u, ok := sum.Units(); ok && c.buys != promoted && buys < promoted-1-int64(c.buys) && last == int64(int32(last)) {
		if nu, ok := money.AddInt64(c.units, u); ok {
			if buys > 0 && (c.buys == 0 || int32(last) > c.last) {
				c.last = int32(last)
			}
			c.units, c.buys = nu, c.buys+uint32(buys)
			return
		}
	}
	b := promote(p, c)
	if buys > 0 {
		if b.buys == 0 || last > b.last {
			b.last = last
		}
		b.buys += buys
	}
	b.sum.Merge(sum)
}

// numbers returns a customer's purchases, last purchase day and net
// spend.
func numbers(p *enginePart, c *cust) (buys, last int64, sum money.Sum) {
	if c.buys == promoted {
		b := &p.X.bigs[c.units]
		return b.buys, b.last, b.sum
	}
	sum.AddUnits(c.units)
	return int64(c.buys), int64(c.last), sum
}

// buying reports whether customer c of partition p has a purchase. A
// promoted customer's purchases are in the bigs: refunds alone promote
// one whose amounts leave int64 units or have more than four decimals.
func buying(p *enginePart, c *cust) bool {
	if c.buys == promoted {
		return p.X.bigs[c.units].buys > 0
	}
	return c.buys > 0
}

// values returns the values of the engine's buying customers in the
// order of their first used order, filled in that order (see
// ingest.Engine.Refs) on up to Options.Workers goroutines.
func values(e *engine, asOfDay int64, opts Options) []Values {
	refs := e.Refs(buying, func(p *enginePart) {
		if x := &p.X; x.ids.Len() != p.Len() {
			x.ids = p.IDTable()
		}
	})
	n := len(refs)
	out := make([]Values, n)
	w := parallel.Workers(opts.Workers)
	chunks := parallel.Split(n, 8*w, 4096, 0)
	parallel.For(w, chunks.Count, func(_, ch int) {
		lo, hi := chunks.Bounds(ch)
		for i, r := range refs[lo:hi] {
			p, slot := e.Part(int(r.Part)), int(r.Slot)
			x := &p.X
			c := p.State(slot)
			buys, last, sum := numbers(p, c)
			v := &out[lo+i]
			v.CustomerID = customer.ID(p.IDAt(&x.ids, slot))
			v.Recency = int(asOfDay - last)
			v.Frequency = int(buys)
			if opts.FrequencyDays {
				v.Frequency = int(x.ndays[slot])
			}
			switch {
			case opts.MonetaryAverage:
				v.Monetary = average(sum, buys)
			case c.buys != promoted:
				v.Monetary = decimal.New(c.units, money.Exp)
			default:
				v.Monetary = sum.Decimal()
			}
		}
	})
	return out
}

// skippedBy adds the engine's counts to s.
func skippedBy(e *engine, s Skipped) Skipped {
	s.Duplicate += e.Dups()
	buyers := 0
	for i := range ingest.Parts {
		buyers += e.Part(i).X.buyers
	}
	s.NoPurchase += e.Customers() - buyers
	return s
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
	return decimal.New(money.DivRound(units, n*100), -2)
}
