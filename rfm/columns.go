package rfm

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/clientele-go/clientele/internal/ingest"
	"github.com/clientele-go/clientele/internal/parallel"
	"github.com/shopspring/decimal"
)

// Columns holds orders as parallel columns, the form a host that reads
// SQL, Parquet or Arrow already has: row i is the order with customer ID
// CustomerID[i], order ID OrderID[i], time At[i] and amount Amount[i].
// The IDs and times may come as integers instead (CustomerNo, OrderNo,
// AtUnix), one form per column. The columns must have the same length;
// the order IDs may be nil, meaning none (then no order is a duplicate).
// [ComputeColumns] reads them in place and neither keeps nor changes
// them.
type Columns struct {
	CustomerID []string
	OrderID    []string
	// At holds the order times; a zero time means none, as in
	// customer.Order.
	At []time.Time
	// Amount holds the amounts in fen (hundredths of a yuan): 12990 is
	// 129.90. A negative amount is a refund, zero a free order.
	Amount []int64

	// CustomerNo, in place of CustomerID, holds the customer IDs as
	// integers, the way a database's BIGINT key or an Arrow int64 column
	// has them: row i's customer ID is the decimal text of CustomerNo[i]
	// (strconv.FormatInt(v, 10)), and so is its Values.CustomerID. The
	// results are those of CustomerID holding that text, without a
	// string per row.
	CustomerNo []int64
	// OrderNo, in place of OrderID, holds the order IDs as integers, the
	// same way.
	OrderNo []int64
	// AtUnix, in place of At, holds the order times as counts of AtUnit
	// since 1970-01-01 UTC, the way Arrow and Parquet timestamps and
	// Unix times in SQL are kept. Every value is a time: a host whose
	// column has nulls uses At, where a zero time means none.
	AtUnix []int64
	// AtUnit is the unit of AtUnix: time.Second (also when 0),
	// time.Millisecond, time.Microsecond or time.Nanosecond.
	AtUnit time.Duration
}

// unitsPerSecond returns how many AtUnit make a second, and an error
// wrapping ErrConfig when AtUnit is not one of the four units.
func (c *Columns) unitsPerSecond() (int64, error) {
	switch c.AtUnit {
	case 0, time.Second:
		return 1, nil
	case time.Millisecond, time.Microsecond, time.Nanosecond:
		return int64(time.Second / c.AtUnit), nil
	}
	return 0, badConfig("Columns.AtUnit is %v, not a second, millisecond, microsecond or nanosecond", c.AtUnit)
}

// at returns the time of row i.
func (c *Columns) at(i int, perSec int64) time.Time {
	if c.At != nil {
		return c.At[i]
	}
	// Before 1970 both parts are negative; time.Unix takes such a
	// fraction as it is.
	v := c.AtUnix[i]
	return time.Unix(v/perSec, v%perSec*(int64(time.Second)/perSec))
}

// rows returns the number of rows, and an error wrapping ErrMismatch or
// ErrConfig when the columns do not fit together.
func (c *Columns) rows() (int, error) {
	if c.CustomerID != nil && c.CustomerNo != nil || c.OrderID != nil && c.OrderNo != nil || c.At != nil && c.AtUnix != nil {
		return 0, badConfig("Columns set both forms of one column (CustomerID and CustomerNo, OrderID and OrderNo, or At and AtUnix)")
	}
	ids, oids, ats := c.CustomerID, c.OrderID, len(c.At)
	n := max(len(ids), len(c.CustomerNo))
	o := max(len(oids), len(c.OrderNo))
	if c.AtUnix != nil {
		ats = len(c.AtUnix)
	}
	if ats != n || len(c.Amount) != n || (c.OrderID != nil || c.OrderNo != nil) && o != n {
		return 0, fmt.Errorf("%w: Columns of different lengths: customer IDs %d, order IDs %d, times %d, amounts %d",
			ErrMismatch, n, o, ats, len(c.Amount))
	}
	return n, nil
}

// ComputeColumns is [Compute] over orders held as columns: for the same
// orders it returns the same values, in the same order, and the same
// counts, and it reports a rejected order by its row. Columns of
// different lengths give an error wrapping [ErrMismatch]; both forms of
// one column, or an AtUnit that is not one of the four, an error
// wrapping [ErrConfig]. It checks ctx every 4096 rows.
func ComputeColumns(ctx context.Context, cols Columns, asOf time.Time, opts Options) ([]Values, Skipped, error) {
	if asOf.IsZero() {
		return nil, Skipped{}, badConfig("the as-of time is zero")
	}
	if err := opts.check(); err != nil {
		return nil, Skipped{}, err
	}
	n, err := cols.rows()
	if err != nil {
		return nil, Skipped{}, err
	}
	perSec, err := cols.unitsPerSecond()
	if err != nil {
		return nil, Skipped{}, err
	}
	e := newEngine(opts, parallel.Workers(opts.Workers), 0)
	defer e.Close()
	prep := newPreparer(asOf, opts)
	var r ingest.Rec[payload]
	for i := range n {
		if (i+1)&(ctxEvery-1) == 0 {
			if err = ctx.Err(); err != nil {
				break
			}
		}
		// The IDs as strings: none yet for integer IDs, which are made
		// into text only when they are long keys or needed in an error.
		id, oid := "", ""
		if cols.CustomerID != nil {
			id = cols.CustomerID[i]
		}
		if cols.OrderID != nil {
			oid = cols.OrderID[i]
		}
		at := cols.at(i, perSec)
		day, use, perr := prep.check(id != "" || cols.CustomerNo != nil, cols.At == nil || !at.IsZero(), oid, at)
		if !use {
			if err = perr; err != nil {
				var oe *OrderError
				if cols.OrderNo != nil && errors.As(err, &oe) {
					oe.OrderID = strconv.FormatInt(cols.OrderNo[i], 10)
				}
				break
			}
			continue
		}
		var h uint64
		if cols.CustomerNo != nil {
			h, r.Key, id = e.Hasher().HashInt(cols.CustomerNo[i])
		} else {
			h, r.Key = e.Hasher().Hash(id)
		}
		if cols.OrderNo != nil {
			r.OKey, oid = e.IntOrderKey(cols.OrderNo[i])
		} else {
			r.OKey = e.OrderKey(oid)
		}
		r.Pos = int64(i)
		fen := cols.Amount[i]
		p, ok := compactPayload(fen*100, fen >= math.MinInt64/100 && fen <= math.MaxInt64/100, day)
		if !ok {
			p = rarePayload(e, h, day, decimal.New(fen, -2))
		}
		r.P = p
		e.Push(h, &r, id, oid)
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
