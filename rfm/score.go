package rfm

import (
	"cmp"
	"math"
	"math/big"
	"slices"
	"sync"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

// Scores are one customer's recency, frequency and monetary scores. Each
// runs from 1 to the scorer's number of bins, and higher is better: more
// recent, more frequent, more spend.
type Scores struct {
	CustomerID customer.ID
	R, F, M    int
}

// Scorer turns customers' values into scores.
//
// Score returns one Scores per element of values, in the same order, or
// an error; an empty values gives an empty result and no error. A score
// may depend on the whole population (quantiles and means do), so scoring
// a subset can change it. Score must not modify values or keep it after
// returning, and must be safe for concurrent use as long as the scorer
// itself is not modified; [Quantile], [Thresholds] and [MeanSplit] are.
type Scorer interface {
	Score(values []Values) ([]Scores, error)
}

var (
	_ Scorer = Quantile{}
	_ Scorer = Thresholds{}
	_ Scorer = MeanSplit{}
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
		return 0, badConfig("negative Bins %d", q.Bins)
	case q.Workers < 0:
		return 0, badConfig("negative Workers %d", q.Workers)
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
// error wrapping [ErrInvalidConfig] for a negative Bins or Workers; for no
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
// [ErrInvalidConfig] for a negative Bins or Workers.
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
	inRanges(len(values), rfmWorkers(q.Workers), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = Scores{
				R: n - countAtOrBelow(br[dimRecency], cols[dimRecency][i]),
				F: 1 + countAtOrBelow(br[dimFrequency], cols[dimFrequency][i]),
				M: 1 + countAtOrBelow(br[dimMonetary], cols[dimMonetary][i]),
			}
		}
	})
	return out, nil
}

type dimension uint8

const (
	dimRecency dimension = iota
	dimFrequency
	dimMonetary
)

// columnsAndBreaks returns the three dimensions of values as float64 and
// their breaks, working on the dimensions concurrently when q.Workers
// allows.
func (q Quantile) columnsAndBreaks(values []Values, n int) (cols, br [3][]float64) {
	one := func(d dimension) {
		cols[d] = column(values, d)
		br[d] = q.breaks(cols[d], n)
	}
	if rfmWorkers(q.Workers) < 2 || len(values) < 1<<14 {
		for d := range dimension(3) {
			one(d)
		}
		return cols, br
	}
	var wg sync.WaitGroup
	for d := range dimension(3) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			one(d)
		}()
	}
	wg.Wait()
	return cols, br
}

// inRanges calls f on up to w contiguous ranges covering [0, n), on
// separate goroutines when w > 1 and n is large enough to pay for them.
func inRanges(n, w int, f func(lo, hi int)) {
	w = min(w, n/(1<<14))
	if w < 2 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	for k := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(n*k/w, n*(k+1)/w)
		}()
	}
	wg.Wait()
}

// column returns one dimension of values as float64.
func column(values []Values, d dimension) []float64 {
	dst := make([]float64, len(values))
	for i := range values {
		v := &values[i]
		switch d {
		case dimRecency:
			dst[i] = float64(v.Recency)
		case dimFrequency:
			dst[i] = float64(v.Frequency)
		default:
			dst[i] = moneyFloat(v.Monetary)
		}
	}
	return dst
}

// moneyFloat returns d as the nearest float64 without allocating in the
// common case.
func moneyFloat(d decimal.Decimal) float64 {
	if u, ok := money.Units(d); ok && u > -1<<53 && u < 1<<53 {
		// Both operands are exact, so the quotient is correctly rounded.
		return float64(u) / 1e4
	}
	return d.InexactFloat64()
}

// breaks returns the n-1 inner breaks of xs, which it does not modify.
func (q Quantile) breaks(xs []float64, n int) []float64 {
	if n < 2 {
		return []float64{}
	}
	// R: probs <- seq(0, 1, length.out = n+1), which computes the inner
	// probabilities as k * (1/n).
	step := 1 / float64(n)
	pos := make([]int, 0, 2*(n-1))
	for k := 1; k < n; k++ {
		lo, hi, _ := type7Index(len(xs), float64(float64(k)*step))
		pos = append(pos, lo, hi)
	}
	stats := countStats(xs, pos)
	if stats == nil {
		stats = orderStats(slices.Clone(xs), pos)
	}
	out := make([]float64, 0, n-1)
	for k := 1; k < n; k++ {
		_, _, h := type7Index(len(xs), float64(float64(k)*step))
		qs := type7(stats[2*(k-1)], stats[2*(k-1)+1], h)
		if !q.Unshifted {
			qs++
		}
		out = append(out, qs)
	}
	return out
}

// type7Index returns the 0-based positions of the order statistics that
// R's type-7 quantile of probability p interpolates between, for a sample
// of size n > 0, and the interpolation weight h. It follows R's
// quantile.default: index <- 1 + (n-1)*p; lo <- floor(index);
// hi <- ceiling(index); h <- index - lo.
func type7Index(n int, p float64) (lo, hi int, h float64) {
	index := 1 + float64(float64(n-1)*p)
	flo := math.Floor(index)
	return int(flo) - 1, int(math.Ceil(index)) - 1, index - flo
}

// type7 interpolates as R does: qs <- x[lo]; where index > lo and
// x[hi] != qs, qs <- (1-h)*qs + h*x[hi]. The explicit conversions keep
// the products from being fused, which would change the last bit.
func type7(xlo, xhi, h float64) float64 {
	if h > 0 && xhi != xlo {
		return float64((1-h)*xlo) + float64(h*xhi)
	}
	return xlo
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

// countStats returns what orderStats would for xs made of whole numbers
// in a range not much wider than len(xs), such as days and counts, by
// counting them in one pass instead of selecting; it returns nil for
// other xs.
func countStats(xs []float64, pos []int) []float64 {
	lo, hi := xs[0], xs[0]
	for _, x := range xs {
		if x != math.Trunc(x) {
			return nil
		}
		lo, hi = min(lo, x), max(hi, x)
	}
	if !(hi-lo <= float64(4*len(xs)+1024)) {
		return nil
	}
	counts := make([]int, int(hi-lo)+1)
	for _, x := range xs {
		counts[int(x-lo)]++
	}
	order := make([]int, len(pos))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(pos[a], pos[b]) })
	out := make([]float64, len(pos))
	v, below := 0, counts[0] // below: how many values are <= lo+v
	for _, i := range order {
		for below <= pos[i] {
			v++
			below += counts[v]
		}
		out[i] = lo + float64(v)
	}
	return out
}

// orderStats returns the values that would be at the given 0-based
// positions of xs if it were sorted, reordering xs in place. It selects
// them with a three-way quickselect that narrows to each position in
// turn, in O(len(xs) * log(len(pos))) expected time, and falls back to
// sorting a range that partitions badly, so it never goes quadratic.
func orderStats[T cmp.Ordered](xs []T, pos []int) []T {
	out := make([]T, len(pos))
	want := slices.Clone(pos)
	slices.Sort(want)
	want = slices.Compact(want)
	selectInto(xs, 0, want, 2*bitsLen(len(xs))+8)
	for i, p := range pos {
		out[i] = xs[p]
	}
	return out
}

func bitsLen(n int) int {
	l := 0
	for n > 0 {
		l++
		n >>= 1
	}
	return l
}

// selectInto rearranges xs (which starts at absolute position off) so
// that every wanted absolute position holds its sorted value.
func selectInto[T cmp.Ordered](xs []T, off int, want []int, depth int) {
	for len(want) > 0 {
		if len(xs) <= 16 || depth == 0 {
			slices.Sort(xs)
			return
		}
		depth--
		p := pivot(xs)
		// Three-way partition: [< p | == p | > p].
		lt, i, gt := 0, 0, len(xs)
		for i < gt {
			switch x := xs[i]; {
			case x < p:
				xs[lt], xs[i] = xs[i], xs[lt]
				lt++
				i++
			case x > p:
				gt--
				xs[gt], xs[i] = xs[i], xs[gt]
			default:
				i++
			}
		}
		// Positions below off+lt recurse left; those in [lt, gt) are
		// done; the rest continue right in this loop.
		k := 0
		for k < len(want) && want[k] < off+lt {
			k++
		}
		if k > 0 {
			selectInto(xs[:lt], off, want[:k], depth)
		}
		for k < len(want) && want[k] < off+gt {
			k++
		}
		want = want[k:]
		xs = xs[gt:]
		off += gt
	}
}

// pivot returns the median of three medians of three, spread over xs.
func pivot[T cmp.Ordered](xs []T) T {
	n := len(xs)
	s := n / 8
	m := n / 2
	return median3(
		median3(xs[0], xs[s], xs[2*s]),
		median3(xs[m-s], xs[m], xs[m+s]),
		median3(xs[n-1-2*s], xs[n-1-s], xs[n-1]))
}

func median3[T cmp.Ordered](a, b, c T) T {
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	if a > b {
		b = a
	}
	return b
}

// Thresholds scores with fixed business cut points, the way R's rfm uses
// thresholds given in place of a number of bins: a dimension with k
// thresholds has scores 1..k+1, and a value's bin is 1 plus the number of
// thresholds at or below it (bins are half-open, [t(i-1), t(i))).
// Frequency and monetary scores are the bins; recency is reversed. For
// example Recency {30, 90, 180, 365} gives 5 for 0-29 days, 4 for 30-89,
// 3 for 90-179, 2 for 180-364 and 1 for 365 days or more.
//
// Each list must be non-empty and strictly ascending; dimensions may have
// different lengths. Monetary comparisons are exact. Thresholds is safe
// for concurrent use.
type Thresholds struct {
	Recency   []int             // days since the last purchase
	Frequency []int             // purchases (or purchase days)
	Monetary  []decimal.Decimal // money
}

func (t Thresholds) check() error {
	for _, c := range []struct {
		name string
		n    int
		less func(i int) bool
	}{
		{"Recency", len(t.Recency), func(i int) bool { return t.Recency[i-1] < t.Recency[i] }},
		{"Frequency", len(t.Frequency), func(i int) bool { return t.Frequency[i-1] < t.Frequency[i] }},
		{"Monetary", len(t.Monetary), func(i int) bool { return t.Monetary[i-1].Cmp(t.Monetary[i]) < 0 }},
	} {
		if c.n == 0 {
			return badConfig("no %s thresholds", c.name)
		}
		for i := 1; i < c.n; i++ {
			if !c.less(i) {
				return badConfig("%s thresholds not strictly ascending at %d", c.name, i)
			}
		}
	}
	return nil
}

// Score scores values against the thresholds. It returns an error
// wrapping [ErrInvalidConfig] when a list is empty or not strictly
// ascending.
func (t Thresholds) Score(values []Values) ([]Scores, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	// Monetary thresholds as units where they fit, for exact comparison
	// without decimal arithmetic.
	units := make([]int64, len(t.Monetary))
	allUnits := true
	for i, d := range t.Monetary {
		u, ok := money.Units(d)
		units[i], allUnits = u, allUnits && ok
	}
	nr := len(t.Recency) + 1
	out := make([]Scores, len(values))
	for i := range values {
		v := &values[i]
		out[i].R = nr - countInts(t.Recency, v.Recency)
		out[i].F = 1 + countInts(t.Frequency, v.Frequency)
		m := 0
		if u, ok := money.Units(v.Monetary); ok && allUnits {
			for _, tu := range units {
				if tu <= u {
					m++
				}
			}
		} else {
			for _, td := range t.Monetary {
				if td.Cmp(v.Monetary) <= 0 {
					m++
				}
			}
		}
		out[i].M = 1 + m
	}
	return out, nil
}

func countInts(ts []int, x int) int {
	c := 0
	for _, t := range ts {
		if t <= x {
			c++
		}
	}
	return c
}

// MeanSplit scores each dimension 1 (low) or 2 (high) against the
// population mean, for the Chinese eight-class value model
// ([ValueSegments]). Recency is high when it is below the mean: the
// customer bought more recently than the average customer (fewer days,
// not more). Frequency and monetary are high when at or above the mean.
// Comparisons are exact (no floating-point mean). When all customers are
// equal, recency scores 1 and frequency and monetary 2. The zero value
// is ready to use and safe for concurrent use.
type MeanSplit struct{}

// Score scores values against the means. It does not fail.
func (MeanSplit) Score(values []Values) ([]Scores, error) {
	out := make([]Scores, len(values))
	n := int64(len(values))
	if n == 0 {
		return out, nil
	}
	var sumR, sumF big.Int
	var sumM money.Sum
	var tmp big.Int
	for i := range values {
		v := &values[i]
		sumR.Add(&sumR, tmp.SetInt64(int64(v.Recency)))
		sumF.Add(&sumF, tmp.SetInt64(int64(v.Frequency)))
		sumM.Add(v.Monetary)
	}
	mUnits, mFits := sumM.Units()
	sumMDec := sumM.Decimal()
	dn := decimal.NewFromInt(n)
	for i := range values {
		v := &values[i]
		// x >= mean  <=>  x*n >= sum, in exact integer arithmetic.
		if cmpScaled(int64(v.Recency), n, &sumR) < 0 {
			out[i].R = 2
		} else {
			out[i].R = 1
		}
		if cmpScaled(int64(v.Frequency), n, &sumF) >= 0 {
			out[i].F = 2
		} else {
			out[i].F = 1
		}
		var c int
		if u, ok := money.Units(v.Monetary); ok && mFits {
			c = cmpScaledInt64(u, n, mUnits)
		} else {
			c = v.Monetary.Mul(dn).Cmp(sumMDec)
		}
		if c >= 0 {
			out[i].M = 2
		} else {
			out[i].M = 1
		}
	}
	return out, nil
}

// cmpScaled compares x*n with sum exactly.
func cmpScaled(x, n int64, sum *big.Int) int {
	if sum.IsInt64() {
		return cmpScaledInt64(x, n, sum.Int64())
	}
	var p big.Int
	p.Mul(big.NewInt(x), big.NewInt(n))
	return p.Cmp(sum)
}

// cmpScaledInt64 compares x*n with s exactly, for n > 0.
func cmpScaledInt64(x, n, s int64) int {
	if p, ok := mulInt64(x, n); ok {
		switch {
		case p < s:
			return -1
		case p > s:
			return 1
		}
		return 0
	}
	// |x*n| exceeds the int64 range, so it is beyond s.
	if x < 0 {
		return -1
	}
	return 1
}

func mulInt64(x, n int64) (int64, bool) {
	if x == 0 || n == 0 {
		return 0, true
	}
	p := x * n
	if p/n != x || (x == -1 && n == math.MinInt64) || (n == -1 && x == math.MinInt64) {
		return 0, false
	}
	return p, true
}
