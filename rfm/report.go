package rfm

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/internal/money"
	"github.com/clientele-go/clientele/internal/textwidth"
	"github.com/shopspring/decimal"
)

// Report describes the customers of each segment of a [SegmentTable],
// and the R×F grid behind the usual RFM heat map.
type Report struct {
	Customers int             // all customers
	Monetary  decimal.Decimal // their total monetary value
	// Segments has one entry per rule of the table, in the table's order,
	// then one for the fallback, including segments with no customers.
	Segments []SegmentStats
	// Bins is the number of scores per side of the grid: the table's.
	Bins int
	// Grid counts customers by recency score (rows) and frequency score
	// (columns), with their monetary value: the data of the RFM heat map
	// that [Report.WriteSVG] draws. It holds Bins*Bins cells, row by row
	// from R = 1, F = 1, so the cell of scores r and f is
	// Grid[(r-1)*Bins+f-1].
	Grid []GridCell
}

// SegmentStats describes the customers of one segment.
type SegmentStats struct {
	Name  string
	Label string // the rule's Label; empty for the fallback
	// Customers is the number of customers in the segment, and Share
	// their share of all customers, in [0, 1].
	Customers int
	Share     float64
	// RecencyMean and RecencyMedian are the mean and median of the
	// segment's recency values, FrequencyMean and FrequencyMedian of its
	// frequency values; zero for an empty segment.
	RecencyMean, RecencyMedian     float64
	FrequencyMean, FrequencyMedian float64
	// MonetaryMean is the mean monetary value rounded half away from zero
	// to 2 decimal places; MonetaryMedian is exact (the mean of the two
	// middle values for an even count). Both are zero for an empty
	// segment.
	MonetaryMean, MonetaryMedian decimal.Decimal
	// Monetary is the segment's total, and MonetaryShare its share of
	// the total of all customers: 0 when that total is zero, and outside
	// [0, 1] when some totals are negative.
	Monetary      decimal.Decimal
	MonetaryShare float64
}

// GridCell is one cell of the R×F grid of a [Report].
type GridCell struct {
	R, F      int
	Customers int
	Monetary  decimal.Decimal // the customers' total
	// AvgMonetary is Monetary per customer, rounded half away from zero
	// to 2 decimal places; zero for an empty cell.
	AvgMonetary decimal.Decimal
}

// cell returns the cell of recency score r and frequency score f, which
// must be in 1..Bins.
func (r *Report) cell(row, f int) GridCell { return r.Grid[(row-1)*r.Bins+f-1] }

// NewReport summarises customers by the segments of table. scores holds
// the scores of values, as a scorer returns them: the same customers in
// the same order; neither is modified. It returns an error wrapping
// [ErrMismatch] when their lengths or customer IDs differ or when a
// recency or frequency score lies outside 1..table.Bins, where the grid
// has no cell for it, and [ErrConfig] for an invalid table. No customers
// give a report of empty segments.
func NewReport(values []Values, scores []Scores, table SegmentTable) (*Report, error) {
	if len(values) != len(scores) {
		return nil, fmt.Errorf("%w: %d values, %d scores", ErrMismatch, len(values), len(scores))
	}
	for i := range values {
		if values[i].CustomerID != scores[i].CustomerID {
			return nil, fmt.Errorf("%w: values and scores differ in customer at %d", ErrMismatch, i)
		}
	}
	seg, err := table.Assign(scores)
	if err != nil {
		return nil, err
	}
	n := table.bins()
	for i, s := range scores {
		if s.R < 1 || s.R > n || s.F < 1 || s.F > n {
			return nil, fmt.Errorf("%w: customer %d has R %d, F %d; the table has 1-%d", ErrMismatch, i, s.R, s.F, n)
		}
	}
	rep := &Report{Customers: len(values), Bins: n, Grid: make([]GridCell, n*n)}

	// Group the customers by segment: the fallback (-1) goes last.
	k := len(table.Rules) + 1
	group := func(i int) int {
		if seg[i] < 0 {
			return k - 1
		}
		return seg[i]
	}
	starts := make([]int, k+1)
	for i := range seg {
		starts[group(i)+1]++
	}
	for g := range k {
		starts[g+1] += starts[g]
	}
	members := make([]int32, len(seg))
	next := slices.Clone(starts[:k])
	for i := range seg {
		g := group(i)
		members[next[g]] = int32(i)
		next[g]++
	}

	var total money.Sum
	for i := range values {
		total.Add(values[i].Monetary)
	}
	rep.Monetary = total.Decimal()
	totalF := total.Float64()

	rep.Segments = make([]SegmentStats, k)
	for g := range k {
		st := &rep.Segments[g]
		st.Name = table.Name(g)
		if g < len(table.Rules) {
			st.Label = table.Rules[g].Label
		} else {
			st.Name = table.fallbackName()
		}
		idx := members[starts[g]:starts[g+1]]
		st.Customers = len(idx)
		if len(idx) == 0 {
			continue
		}
		st.Share = float64(len(idx)) / float64(len(values))
		rs := make([]float64, len(idx))
		fs := make([]float64, len(idx))
		ms := make([]decimal.Decimal, len(idx))
		var sum money.Sum
		for j, i := range idx {
			rs[j] = float64(values[i].Recency)
			fs[j] = float64(values[i].Frequency)
			ms[j] = values[i].Monetary
			sum.Add(values[i].Monetary)
		}
		st.RecencyMean, st.RecencyMedian = meanMedian(rs)
		st.FrequencyMean, st.FrequencyMedian = meanMedian(fs)
		st.Monetary = sum.Decimal()
		st.MonetaryMean = st.Monetary.DivRound(decimal.NewFromInt(int64(len(idx))), 2)
		st.MonetaryMedian = moneyMedian(ms)
		if totalF != 0 {
			st.MonetaryShare = sum.Float64() / totalF
		}
	}

	sums := make([]money.Sum, n*n)
	for i, s := range scores {
		c := (s.R-1)*n + s.F - 1
		rep.Grid[c].Customers++
		sums[c].Add(values[i].Monetary)
	}
	for r := 1; r <= n; r++ {
		for f := 1; f <= n; f++ {
			c := &rep.Grid[(r-1)*n+f-1]
			c.R, c.F = r, f
			c.Monetary = sums[(r-1)*n+f-1].Decimal()
			if c.Customers > 0 {
				c.AvgMonetary = c.Monetary.DivRound(decimal.NewFromInt(int64(c.Customers)), 2)
			}
		}
	}
	return rep, nil
}

// meanMedian returns the mean and median of xs, which it reorders.
func meanMedian(xs []float64) (mean, median float64) {
	var s float64
	for _, x := range xs {
		s += x
	}
	n := len(xs)
	m := orderStats(xs, []int{(n - 1) / 2, n / 2})
	return s / float64(n), (m[0] + m[1]) / 2
}

// moneyMedian returns the exact median of ds, which it may reorder.
func moneyMedian(ds []decimal.Decimal) decimal.Decimal {
	n := len(ds)
	units := make([]int64, n)
	for i, d := range ds {
		u, ok := money.Units(d)
		if !ok {
			// Some value needs more than 4 decimals or 18 digits: sort
			// the decimals themselves.
			slices.SortFunc(ds, func(a, b decimal.Decimal) int { return a.Cmp(b) })
			return midpoint(ds[(n-1)/2], ds[n/2])
		}
		units[i] = u
	}
	m := orderStats(units, []int{(n - 1) / 2, n / 2})
	return midpoint(decimal.New(m[0], money.Exp), decimal.New(m[1], money.Exp))
}

func midpoint(a, b decimal.Decimal) decimal.Decimal {
	if a.Equal(b) {
		return a
	}
	return a.Add(b).Mul(decimal.New(5, -1))
}

// WriteText writes the report as plain text whose columns line up in a
// monospaced font, Chinese labels included (a Han character is two
// cells wide): one line per
// segment (R, F and M are recency, frequency and monetary value; the
// label, if any, comes last), then the grid of customer counts and
// average monetary value, rows from the highest recency score down.
func (r *Report) WriteText(w io.Writer) error {
	tw := textwidth.NewWriter(w, 2, false)
	fmt.Fprint(tw, "segment\tcustomers\tshare\tR mean\tR median\tF mean\tF median\tM mean\tM median\tM total\tM share\n")
	for _, s := range r.Segments {
		if s.Customers == 0 {
			fmt.Fprintf(tw, "%s\t0\t%s\t-\t-\t-\t-\t-\t-\t0.00\t%s", s.Name, percent(0), percent(0))
		} else {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%.1f\t%s\t%.2f\t%s\t%s\t%s\t%s\t%s",
				s.Name, s.Customers, percent(s.Share),
				s.RecencyMean, trimFloat(s.RecencyMedian),
				s.FrequencyMean, trimFloat(s.FrequencyMedian),
				s.MonetaryMean.StringFixed(2), s.MonetaryMedian.StringFixed(2),
				s.Monetary.StringFixed(2), percent(s.MonetaryShare))
		}
		if s.Label != "" {
			fmt.Fprintf(tw, "\t%s", s.Label)
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprintf(tw, "all\t%d\t%s\t\t\t\t\t\t\t%s\n", r.Customers, percent(1), r.Monetary.StringFixed(2))
	if err := tw.Flush(); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "\nR×F grid: customers (average monetary value)\n"); err != nil {
		return err
	}
	tw = textwidth.NewWriter(w, 2, true)
	var b strings.Builder
	b.WriteString("\t")
	for f := 1; f <= r.Bins; f++ {
		fmt.Fprintf(&b, "F=%d\t", f)
	}
	fmt.Fprintln(tw, b.String())
	for row := r.Bins; row >= 1; row-- {
		b.Reset()
		fmt.Fprintf(&b, "R=%d\t", row)
		for f := 1; f <= r.Bins; f++ {
			c := r.cell(row, f)
			fmt.Fprintf(&b, "%d (%s)\t", c.Customers, c.AvgMonetary.StringFixed(2))
		}
		fmt.Fprintln(tw, b.String())
	}
	return tw.Flush()
}

func percent(x float64) string { return strconv.FormatFloat(100*x, 'f', 1, 64) + "%" }

func trimFloat(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
