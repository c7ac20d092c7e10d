package rfm

import (
	"slices"

	"github.com/clientele-go/clientele/internal/parallel"
	"github.com/clientele-go/clientele/internal/quantile"
	"github.com/shopspring/decimal"
)

// Quantile scores each dimension by its sample quantiles, exactly as R's
// rfm package does in rfm_table_order (rsquaredacademy/rfm, R/utils.R and
// R/rfm-table-transaction.R):
//
//   - The cut points are the type-7 sample quantiles (R's default
//     quantile, linear interpolation between order statistics) at the
//     probabilities 1/n, 2/n, ..., (n-1)/n, computed in float64 with R's
//     own operation order, plus 1: R's rfm adds 1 to every inner break.
//   - Bins are half-open: bin i holds the values v with
//     break(i-1) <= v < break(i), bin 1 starting at the minimum and bin n
//     ending just past the maximum. So a value's bin is 1 plus the number
//     of breaks at or below it, equal values always share a bin, and a
//     bin is empty when two breaks coincide (many equal values).
//   - Frequency and monetary scores are the bin numbers; recency is
//     reversed (score n+1-bin), so the fewest days since the last
//     purchase score highest.
//
// Because of the +1, for whole-number values (days, counts) a value equal
// to a quantile stays in the lower bin, like a right-closed interval.
// When every customer has the same value, or there is one customer, all
// breaks equal value+1: frequency and monetary score 1 and recency scores
// n, as in R. Monetary values are compared as the nearest float64, as R
// holds them; R sums a customer's amounts in floating point, so a total
// within a rounding error of a break may land on the other side in R.
//
// The zero value scores 1..5 with R's breaks. Quantile is safe for
// concurrent use.
type Quantile struct {
	// Bins is the number of scores per dimension. 0 means 5; it must not
	// be negative.
	Bins int
	// Unshifted drops R's +1, so that the breaks are the quantiles
	// themselves: a value equal to a quantile goes to the upper bin, and
	// money is cut at the quantile, not one yuan above it. The result
	// then no longer matches R's rfm.
	Unshifted bool
	// Workers is the number of goroutines to use: 0 means GOMAXPROCS, 1
	// keeps the work on the calling goroutine. The scores are the same
	// for every value.
	Workers int
}

func (q Quantile) bins() (int, error) {
	switch {
	case q.Bins < 0:
		return 0, badConfig("Quantile.Bins is negative (%d)", q.Bins)
	case q.Workers < 0:
		return 0, badConfig("Quantile.Workers is negative (%d)", q.Workers)
	case q.Bins == 0:
		return 5, nil
	}
	return q.Bins, nil
}

// Breaks are the inner cut points of a [Quantile] scoring, n-1 per
// dimension in ascending order (R's rfm reports them, with the minimum
// and the maximum+1, as its threshold table). A value v falls in bin
// 1 + (the number of breaks <= v).
type Breaks struct {
	Recency   []float64
	Frequency []float64
	// Monetary holds the breaks as the shortest decimals that convert
	// back to the float64 values Quantile compares with.
	Monetary []decimal.Decimal
}

// Breaks returns the cut points Score would use for values. It returns an
// error wrapping [ErrConfig] for a negative Bins or Workers; for no
// values the breaks are empty.
func (q Quantile) Breaks(values []Values) (Breaks, error) {
	n, err := q.bins()
	if err != nil || len(values) == 0 {
		return Breaks{}, err
	}
	_, br := q.columnsAndBreaks(values, n)
	b := Breaks{Recency: br[dimRecency], Frequency: br[dimFrequency]}
	b.Monetary = make([]decimal.Decimal, len(br[dimMonetary]))
	for i, f := range br[dimMonetary] {
		b.Monetary[i] = decimal.NewFromFloat(f)
	}
	return b, nil
}

// Score scores values by quantiles. It returns an error wrapping
// [ErrConfig] for a negative Bins or Workers.
func (q Quantile) Score(values []Values) ([]Scores, error) {
	n, err := q.bins()
	if err != nil {
		return nil, err
	}
	out := make([]Scores, len(values))
	if len(values) == 0 {
		return out, nil
	}
	cols, br := q.columnsAndBreaks(values, n)
	// Every score depends only on its own value and the breaks, so any
	// split gives the same result.
	chunks := parallel.Split(len(values), 8*parallel.Workers(q.Workers), parallelMin, 0)
	parallel.For(q.Workers, chunks.Count, func(_, c int) {
		lo, hi := chunks.Bounds(c)
		for i := lo; i < hi; i++ {
			out[i] = Scores{
				CustomerID: values[i].CustomerID,
				R:          n - countAtOrBelow(br[dimRecency], cols[dimRecency][i]),
				F:          1 + countAtOrBelow(br[dimFrequency], cols[dimFrequency][i]),
				M:          1 + countAtOrBelow(br[dimMonetary], cols[dimMonetary][i]),
			}
		}
	})
	return out, nil
}

// parallelMin is the least number of customers worth handing to another
// goroutine.
const parallelMin = 1 << 14

// columnsAndBreaks returns the three dimensions of values as float64 and
// their breaks, working on the dimensions concurrently when q.Workers
// allows.
func (q Quantile) columnsAndBreaks(values []Values, n int) (cols, br [3][]float64) {
	one := func(d dimension) func() {
		return func() {
			cols[d] = column(values, d)
			br[d] = q.breaks(cols[d], n)
		}
	}
	w := q.Workers
	if len(values) < parallelMin {
		w = 1
	}
	parallel.Do(w, one(dimRecency), one(dimFrequency), one(dimMonetary))
	return cols, br
}

// breaks returns the n-1 inner breaks of xs, which it does not modify.
func (q Quantile) breaks(xs []float64, n int) []float64 {
	if n < 2 {
		return []float64{}
	}
	ranks := quantile.Ranks(int64(len(xs)), n)
	pos := make([]int, len(ranks))
	for i, r := range ranks {
		pos[i] = int(r)
	}
	stats := countStats(xs, pos)
	if stats == nil {
		stats = orderStats(slices.Clone(xs), pos)
	}
	return quantile.Breaks(int64(len(xs)), n, stats, !q.Unshifted)
}

// countAtOrBelow returns the number of the ascending breaks that are <= x.
func countAtOrBelow(breaks []float64, x float64) int {
	if len(breaks) <= 8 {
		c := 0
		for _, b := range breaks {
			if b <= x {
				c++
			}
		}
		return c
	}
	lo, hi := 0, len(breaks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if breaks[m] <= x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
