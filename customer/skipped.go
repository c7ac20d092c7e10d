package customer

// Skipped counts the orders that a summary did not use, by reason. It is
// the one statement of the order-skip rules that [Summarize],
// rfm.Compute and clv.SummarizeCBS share.
//
// An order is skipped and counted, never silently dropped, when it is:
//
//   - Invalid: it has no customer ID or no time (a zero At);
//   - Future: it is dated after the as-of date (At after asOf; an order
//     at exactly asOf counts);
//   - Duplicate: its order ID is not empty and the same customer already
//     had an order with that ID (a replayed feed). Only orders that were
//     used count as had: an order skipped for another reason does not
//     claim its ID. The same ID under two customers counts for both, and
//     orders with an empty ID are never duplicates;
//   - Unknown: its customer is not known to SummaryOptions.Known
//     (Summarize only).
//
// An order is counted once, under the first reason that applies in the
// order Invalid, Future, Unknown, Duplicate. Skipping is the default.
// Options change it:
//
//   - RejectInvalid: an invalid order is an error wrapping
//     [ErrInvalidValue] instead of a skip;
//   - RejectFuture: an order after the as-of date is an error wrapping
//     [ErrFuture] instead of a skip;
//   - TrustOrderIDs: duplicate detection is off and every order counts.
//
// A rejected order stops the computation; the error names the order's
// position in the input (0-based) and its order ID, never customer data.
type Skipped struct {
	Invalid   int // no customer ID or no time
	Future    int // dated after the as-of date
	Duplicate int // an order ID the same customer already had
	Unknown   int // customer not known to SummaryOptions.Known
}

// Total returns the number of skipped orders.
func (s Skipped) Total() int { return s.Invalid + s.Future + s.Duplicate + s.Unknown }
