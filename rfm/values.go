package rfm

import (
	"iter"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/shopspring/decimal"
)

// Values are one customer's recency, frequency and monetary value at an
// as-of time. The zero value is a customer who bought today, zero times,
// for nothing; [Compute] never returns it, but scorers accept it.
type Values struct {
	CustomerID customer.ID
	// Recency is the number of calendar days from the date of the last
	// purchase to the as-of date, both dates taken in the as-of time's
	// location: 0 for a purchase on the as-of date.
	Recency int
	// Frequency is the number of purchases, or of distinct purchase days
	// (see [Options.Frequency]).
	Frequency int
	// Monetary is the net spend (purchases minus refunds), or the net
	// spend per purchase (see [Options.Monetary]). It can be zero or
	// negative when refunds outweigh purchases.
	Monetary decimal.Decimal
}

// FrequencyMode says what [Values.Frequency] counts.
type FrequencyMode uint8

const (
	// FrequencyOrders counts purchases: orders with a non-negative amount.
	// It is the default.
	FrequencyOrders FrequencyMode = iota
	// FrequencyDays counts the distinct calendar days, in the as-of time's
	// location, with at least one purchase. It costs about 12 bytes of
	// memory per distinct (customer, day).
	FrequencyDays
)

// MonetaryMode says what [Values.Monetary] holds.
type MonetaryMode uint8

const (
	// MonetaryTotal is the net spend: the sum of purchases and refunds.
	// It is exact and the default.
	MonetaryTotal MonetaryMode = iota
	// MonetaryAverage is the net spend divided by the number of purchases
	// (not of days), rounded half away from zero to 2 decimal places.
	MonetaryAverage
)

// Options configures [Compute] and [NewAccumulator]. The zero value gives
// the defaults: frequency as the number of purchases, monetary as the net
// total, no window, and errors for orders after the as-of time or without
// a customer ID or time.
type Options struct {
	// Frequency selects what Frequency counts. The zero value counts
	// purchases.
	Frequency FrequencyMode
	// Monetary selects what Monetary holds. The zero value is the net
	// total.
	Monetary MonetaryMode
	// WindowDays, when positive, limits the orders used to the WindowDays
	// calendar days that end on the as-of date: an order is used when
	// customer.CalendarDays(order.At, asOf) < WindowDays. Older orders
	// are skipped and counted in Skipped.Outside. 0 means no limit;
	// negative is an error.
	WindowDays int
	// SkipFuture skips orders dated after the as-of time and counts them
	// in Skipped.Future. By default such an order is an error wrapping
	// [ErrFutureOrder].
	SkipFuture bool
	// SkipInvalid skips orders without a customer ID or without a time
	// and counts them in Skipped.Invalid. By default such an order is an
	// error wrapping [ErrInvalidOrder].
	SkipInvalid bool
	// TrustOrderIDs turns off duplicate detection. By default an order
	// whose non-empty ID the same customer has already used is skipped
	// and counted in Skipped.Duplicate: the first one counts. The same ID
	// under two customers is two orders. Detection keeps a 64-bit
	// fingerprint per distinct order ID, about 12 bytes of memory each
	// (two different IDs of one customer collide with probability about
	// 2^-64); with TrustOrderIDs the memory is proportional to the number
	// of customers only. Orders with an empty ID are never treated as
	// duplicates.
	TrustOrderIDs bool
	// Workers sets the parallelism: 0 means GOMAXPROCS, 1 keeps all work
	// on the calling goroutine. With more, Compute reads the orders on
	// the calling goroutine and accumulates them on Workers others (at
	// most 8), each owning a share of the customers, and
	// Accumulator.Values fills its result on up to Workers goroutines.
	// The results are identical for every value.
	Workers int
}

func (o Options) check() error {
	switch {
	case o.Frequency > FrequencyDays:
		return badConfig("unknown frequency mode %d", o.Frequency)
	case o.Monetary > MonetaryAverage:
		return badConfig("unknown monetary mode %d", o.Monetary)
	case o.WindowDays < 0:
		return badConfig("negative WindowDays %d", o.WindowDays)
	case o.Workers < 0:
		return badConfig("negative Workers %d", o.Workers)
	}
	return nil
}

// Skipped counts what an [Accumulator] left out, by reason.
type Skipped struct {
	Invalid   int // orders without a customer ID or time (Options.SkipInvalid)
	Future    int // orders after the as-of time (Options.SkipFuture)
	Outside   int // orders before the window (Options.WindowDays)
	Duplicate int // orders whose ID the customer had already used
	// NoPurchase counts customers whose used orders were all refunds:
	// without a purchase they have no recency, so they get no Values.
	NoPurchase int
}

// Orders returns the number of orders skipped.
func (s Skipped) Orders() int { return s.Invalid + s.Future + s.Outside + s.Duplicate }

// Compute reads orders once and returns the RFM values of every customer
// with at least one purchase, in the order in which each customer's first
// used order arrived.
//
// Purchases are orders with a non-negative amount (zero is a free order);
// refunds, with a negative amount, reduce Monetary but are not purchases
// and do not move Recency. Recency counts calendar days in asOf's
// location, as [customer.CalendarDays] does; asOf is an instant, so pass
// the end of a day to include that day's orders. See [Options] for the
// frequency and monetary variants, the window and the handling of bad
// orders, and [Accumulator] for memory use and the counts of skipped
// orders, which Compute does not return.
//
// Compute returns an [*OrderError] for the first order it cannot use
// (unless Options say to skip it) and an error wrapping
// [ErrInvalidConfig] for bad options or a zero asOf. No orders is not an
// error: the result is empty. Compute takes no context; to cancel a long
// run, stop the iterator or feed an Accumulator yourself.
func Compute(orders iter.Seq[customer.Order], asOf time.Time, opts Options) ([]Values, error) {
	a, err := NewAccumulator(asOf, opts)
	if err != nil {
		return nil, err
	}
	if w := rfmWorkers(opts.Workers); w > 1 {
		// One goroutine reads the orders for all shards, so more than a
		// few shards only add overhead.
		return computeSharded(orders, asOf, opts, min(w, maxShards))
	}
	if err := a.addAll(orders); err != nil {
		return nil, err
	}
	return a.Values(), nil
}
