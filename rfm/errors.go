package rfm

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors of the RFM part of the package. Errors about single
// orders come wrapped in an [*OrderError]; test them with [errors.Is].
var (
	// ErrInvalidOrder reports an order without a customer ID or without a
	// time.
	ErrInvalidOrder = errors.New("rfm: invalid order")
	// ErrFutureOrder reports an order dated after the as-of time.
	ErrFutureOrder = errors.New("rfm: order after the as-of time")
	// ErrInvalidConfig reports unusable settings: a negative number of
	// bins, thresholds out of order, a segment rule with an empty name or
	// a range outside the table's scores, accumulators with different
	// settings, and bad FitOptions, CBSOptions or CLVOptions (a negative
	// penalty, iteration limit or horizon, a missing time unit or
	// calibration end, a holdout ending before the calibration, a discount
	// rate outside [0, 1)).
	ErrInvalidConfig = errors.New("rfm: invalid configuration")
	// ErrMismatch reports values and scores of different lengths.
	ErrMismatch = errors.New("rfm: values and scores differ in length")
	// ErrScoreRange reports a score outside 1..Bins of a segment table
	// where a report needs it inside.
	ErrScoreRange = errors.New("rfm: score out of range")
	// ErrOverlap reports two accumulators that both hold the same order
	// (the same order ID for the same customer), so merging them would
	// count it twice.
	ErrOverlap = errors.New("rfm: accumulators share an order")
)

// OrderError reports an order that [Compute] or [Accumulator.Add] could
// not use. It names the order by its position in the stream (0-based, per
// accumulator) and its order ID; it never contains customer data.
type OrderError struct {
	Index   int    // position of the order in the stream, 0-based
	OrderID string // the order's ID; may be empty
	Err     error  // ErrInvalidOrder or ErrFutureOrder, possibly with detail
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
	b.WriteString(strings.TrimPrefix(e.Err.Error(), "rfm: "))
	return b.String()
}

// Unwrap returns the reason.
func (e *OrderError) Unwrap() error { return e.Err }

// badConfig wraps ErrInvalidConfig with a detail.
func badConfig(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidConfig, fmt.Sprintf(format, args...))
}

// clipOrderID shortens s for an error message and replaces invalid UTF-8.
func clipOrderID(s string) string {
	const max = 64
	if len(s) > max {
		s = s[:max] + "..."
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
