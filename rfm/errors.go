package rfm

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors. A rejected order comes as an [*OrderError] wrapping
// customer's sentinels instead; test them all with [errors.Is].
var (
	// ErrConfig reports unusable settings: a negative number of bins,
	// window or workers, thresholds out of order, a segment rule with an
	// empty name or a range outside the table's scores, a zero as-of
	// time, accumulators with different settings.
	ErrConfig = errors.New("rfm: invalid configuration")
	// ErrMismatch reports inputs that do not fit together: values and
	// scores of different lengths or customers, a score outside the
	// range of the segment table a report needs it in, or two
	// accumulators that both hold the same order (the same order ID for
	// the same customer), so merging them would count it twice.
	ErrMismatch = errors.New("rfm: inputs do not match")
)

// OrderError reports an order that was rejected because
// Options.RejectInvalid or RejectFuture asked for it (see
// [customer.Skipped]). It names the order by its position in the stream
// (0-based, per accumulator) and its order ID; it never contains customer
// data. Package clv reports rejected orders with it too.
type OrderError struct {
	Index   int    // position of the order in the stream, 0-based
	OrderID string // the order's ID; may be empty
	// Err wraps customer.ErrInvalidValue (no customer ID or time) or
	// customer.ErrFuture (dated after the as-of time).
	Err error
}

// Error returns a message naming the order by position and ID.
func (e *OrderError) Error() string {
	var b strings.Builder
	b.WriteString("rfm: order ")
	b.WriteString(strconv.Itoa(e.Index))
	if e.OrderID != "" {
		b.WriteString(" (id ")
		b.WriteString(strconv.Quote(clipOrderID(e.OrderID)))
		b.WriteString(")")
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the reason.
func (e *OrderError) Unwrap() error { return e.Err }

// badConfig wraps ErrConfig with a message naming the field.
func badConfig(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrConfig, fmt.Sprintf(format, args...))
}

// clipOrderID shortens s for an error message and replaces invalid UTF-8.
func clipOrderID(s string) string {
	const max = 64
	if len(s) > max {
		s = s[:max] + "..."
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
