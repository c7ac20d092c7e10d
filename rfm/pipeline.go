package rfm

import (
	"context"
	"iter"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/ingest"
	"github.com/clientele-go/clientele/internal/parallel"
)

// ctxEvery is the number of orders between two checks of the context, a
// power of two.
const ctxEvery = 4096

// computeStream is Compute after the checks. The calling goroutine reads
// and prepares the orders and hands them to the ingestion engine, which
// applies them a wave at a time on the workers, partitioned by customer,
// while the next wave is read.
func computeStream(ctx context.Context, orders iter.Seq[customer.Order], asOf time.Time, opts Options) ([]Values, Skipped, error) {
	e := newEngine(opts, parallel.Workers(opts.Workers), 0)
	defer e.Close() // also when the host's iterator panics
	prep := newPreparer(asOf, opts)
	var (
		err  error
		r    ingest.Rec[payload]
		read int
	)
	for o := range orders {
		if read++; read&(ctxEvery-1) == 0 {
			if err = ctx.Err(); err != nil {
				break
			}
		}
		day, use, perr := prep.check(o.CustomerID != "", !o.At.IsZero(), o.ID, o.At)
		if !use {
			if err = perr; err != nil {
				break
			}
			continue
		}
		push(e, &r, prep.n-1, string(o.CustomerID), o.ID, day, o.Amount)
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
