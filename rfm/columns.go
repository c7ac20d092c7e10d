package rfm

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/clientele-go/clientele/internal/ingest"
	"github.com/clientele-go/clientele/internal/parallel"
	"github.com/shopspring/decimal"
)

// Columns holds orders as parallel columns, the form a host that reads
// SQL, Parquet or Arrow already has: row i is the order with customer ID
// CustomerID[i], order ID OrderID[i], time At[i] and amount Amount[i].
// The columns must have the same length; OrderID may be nil, meaning no
// order IDs (then no order is a duplicate). [ComputeColumns] reads them
// in place and neither keeps nor changes them.
type Columns struct {
	CustomerID []string
	OrderID    []string
	// At holds the order times; a zero time means none, as in
	// customer.Order.
	At []time.Time
	// Amount holds the amounts in fen (hundredths of a yuan): 12990 is
	// 129.90. A negative amount is a refund, zero a free order.
	Amount []int64
}

// ComputeColumns is [Compute] over orders held as columns: for the same
// orders it returns the same values, in the same order, and the same
// counts, and it reports a rejected order by its row. Columns of
// different lengths give an error wrapping [ErrMismatch]. It checks ctx
// every 4096 rows.
func ComputeColumns(ctx context.Context, cols Columns, asOf time.Time, opts Options) ([]Values, Skipped, error) {
	if asOf.IsZero() {
		return nil, Skipped{}, badConfig("the as-of time is zero")
	}
	if err := opts.check(); err != nil {
		return nil, Skipped{}, err
	}
	n := len(cols.CustomerID)
	if len(cols.At) != n || len(cols.Amount) != n || cols.OrderID != nil && len(cols.OrderID) != n {
		return nil, Skipped{}, fmt.Errorf("%w: Columns of different lengths: CustomerID %d, OrderID %d, At %d, Amount %d",
			ErrMismatch, n, len(cols.OrderID), len(cols.At), len(cols.Amount))
	}
	e := newEngine(opts, parallel.Workers(opts.Workers), 0)
	defer e.Close()
	prep := newPreparer(asOf, opts)
	var (
		err error
		r   ingest.Rec[payload]
	)
	for i, id := range cols.CustomerID {
		if (i+1)&(ctxEvery-1) == 0 {
			if err = ctx.Err(); err != nil {
				break
			}
		}
		oid := ""
		if cols.OrderID != nil {
			oid = cols.OrderID[i]
		}
		day, use, perr := prep.check(id, oid, cols.At[i])
		if !use {
			if err = perr; err != nil {
				break
			}
			continue
		}
		if fen := cols.Amount[i]; fen >= math.MinInt64/100 && fen <= math.MaxInt64/100 && day == int64(int32(day)) {
			h, k := e.Hasher().Hash(id)
			r.Key, r.OKey, r.Pos = k, e.OrderKey(oid), int64(i)
			r.P = payload{units: fen * 100, day: int32(day), rare: -1}
			e.Push(h, &r, id, oid)
		} else {
			push(e, &r, int64(i), id, oid, day, decimal.New(fen, -2))
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, Skipped{}, err
	}
	e.Flush()
	return values(e, prep.asOfDay, opts), skippedBy(e, prep.skipped), nil
}
