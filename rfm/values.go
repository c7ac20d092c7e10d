package rfm

import (
	"context"
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
	// (see Options.FrequencyDays).
	Frequency int
	// Monetary is the net spend (purchases minus refunds), or the net
	// spend per purchase (see Options.MonetaryAverage). It can be zero or
	// negative when refunds outweigh purchases.
	Monetary decimal.Decimal
}

// Options configures [Compute] and [NewAccumulator]. The zero value gives
// the defaults: frequency as the number of purchases, monetary as the net
// total, no window, bad orders skipped and counted as [customer.Skipped]
// documents, and one worker per CPU.
type Options struct {
	// FrequencyDays makes Frequency count the distinct calendar days, in
	// the as-of time's location, with at least one purchase, instead of
	// the purchases. It costs about 20 bytes of memory per distinct
	// (customer, day).
	FrequencyDays bool
	// MonetaryAverage makes Monetary the net spend divided by the number
	// of purchases (not of days), rounded half away from zero to 2
	// decimal places, instead of the exact net spend.
	MonetaryAverage bool
	// WindowDays, when positive, limits the orders used to the WindowDays
	// calendar days that end on the as-of date: an order is used when
	// customer.CalendarDays(order.At, asOf) < WindowDays. Older orders
	// are skipped and counted in Skipped.Outside. 0 means no limit;
	// negative is an error.
	WindowDays int
	// RejectInvalid makes an order without a customer ID or time an
	// error, an [*OrderError] wrapping customer.ErrInvalidValue, instead
	// of skipping and counting it in Skipped.Invalid.
	RejectInvalid bool
	// RejectFuture makes an order dated after the as-of time an error,
	// an [*OrderError] wrapping customer.ErrFuture, instead of skipping
	// and counting it in Skipped.Future.
	RejectFuture bool
	// TrustOrderIDs turns off duplicate detection. By default an order
	// whose non-empty ID the same customer has already used is skipped
	// and counted in Skipped.Duplicate: the first one counts. The same ID
	// under two customers is two orders. Detection remembers every
	// distinct (customer, order ID) pair, about 20 bytes each for IDs of
	// up to 12 bytes or of 13 to 19 digits (a marketplace's order
	// numbers), 36 for other IDs up to 15 bytes and for UUIDs in
	// lower-case text, and 52 plus the ID for longer ones, and compares
	// the IDs themselves, so it is exact; with
	// TrustOrderIDs the memory is proportional to the number of customers
	// only.
	TrustOrderIDs bool
	// Workers sets the parallelism, the calling goroutine included: 0
	// means GOMAXPROCS, 1 keeps all work on the calling goroutine;
	// negative is an error. With more, Compute reads the orders on the
	// calling goroutine, up to a million at a time, and accumulates each
	// batch on Workers-1 others, partitioned by customer, while it reads
	// the next (joining them when it is done first); Accumulator.Values
	// fills its result on up to Workers goroutines. The results are
	// identical for every value.
	Workers int
}

func (o Options) check() error {
	switch {
	case o.WindowDays < 0:
		return badConfig("Options.WindowDays is negative (%d)", o.WindowDays)
	case o.Workers < 0:
		return badConfig("Options.Workers is negative (%d)", o.Workers)
	}
	return nil
}

// Skipped counts what [Compute] or an [Accumulator] left out, by reason.
// Invalid, Future and Duplicate follow the rule documented on
// [customer.Skipped].
type Skipped struct {
	Invalid   int // orders without a customer ID or time
	Future    int // orders after the as-of time
	Outside   int // orders before the window (Options.WindowDays)
	Duplicate int // orders whose ID the customer had already used
	// NoPurchase counts customers whose used orders were all refunds:
	// without a purchase they have no recency, so they get no Values.
	NoPurchase int
}

// Compute reads orders once and returns the RFM values of every customer
// with at least one purchase, in the order in which each customer's first
// used order arrived, and the counts of what it skipped.
//
// Purchases are orders with a non-negative amount (zero is a free order);
// refunds, with a negative amount, reduce Monetary but are not purchases
// and do not move Recency. Recency counts calendar days in asOf's
// location, as [customer.CalendarDays] does; asOf is an instant, so pass
// the end of a day to include that day's orders. See [Options] for the
// frequency and monetary variants and the window, and [Accumulator] for
// memory use.
//
// Orders without a customer ID or time, dated after asOf, or repeating an
// order ID are skipped and counted by the rule documented on
// [customer.Skipped]; with Options.RejectInvalid or RejectFuture the
// first such order stops Compute with an [*OrderError]. Bad options or a
// zero asOf give an error wrapping [ErrConfig]. Compute checks ctx every
// 4096 orders and returns ctx.Err() when it is done. No orders is not an
// error: the result is empty.
//
// Memory grows with the customers (about 40 bytes each) and, unless
// Options.TrustOrderIDs is set, the distinct order IDs (see there), plus
// two buffers of a million orders (about 120 MB) once there are that
// many; it does not keep the orders. Hosts that hold orders as columns
// use [ComputeColumns].
func Compute(ctx context.Context, orders iter.Seq[customer.Order], asOf time.Time, opts Options) ([]Values, Skipped, error) {
	if asOf.IsZero() {
		return nil, Skipped{}, badConfig("the as-of time is zero")
	}
	if err := opts.check(); err != nil {
		return nil, Skipped{}, err
	}
	return computeStream(ctx, orders, asOf, opts)
}
