package report

import (
	"math"
	"slices"
)

// bin is one bar of a histogram: the values in [lo, hi), or at least lo
// for the open-ended last bin.
type bin struct {
	lo, hi float64
	n      int
	open   bool
}

// histogram bins xs, which it sorts, into about target bins of a round
// width. When the values above the quantile tail of xs run on far beyond
// the rest (the largest lies more than a fifth of the quantile's span
// above it), those beyond the bin holding the quantile go to one
// open-ended last bin, so that a few extreme values do not squash every
// other bar. Integer data get whole-number widths; with few distinct
// values, one bin per value. xs must not be empty or hold NaN.
func histogram(xs []float64, integer bool, target int, tail float64) []bin {
	slices.Sort(xs)
	lo, hi := xs[0], xs[len(xs)-1]
	end := hi
	if q := quantile(xs, tail); hi > q && hi-q > 0.2*(q-lo) {
		end = q
	}
	step := niceStep(end-lo, target)
	if integer {
		step = math.Max(1, math.Round(step))
		if hi-lo <= float64(target)+5 {
			step, end = 1, hi
		}
	}
	start := math.Floor(lo/step) * step
	k := int(math.Floor((end-start)/step)) + 1
	bins := make([]bin, k, k+1)
	for i := range bins {
		bins[i].lo = start + float64(i)*step
		bins[i].hi = start + float64(i+1)*step
	}
	if end < hi {
		bins = append(bins, bin{lo: bins[k-1].hi, hi: hi, open: true})
	}
	for _, x := range xs {
		i := min(int((x-start)/step), len(bins)-1)
		bins[i].n++
	}
	return bins
}

// quantile returns the type-7 quantile p of sorted xs.
func quantile(sorted []float64, p float64) float64 {
	h := p * float64(len(sorted)-1)
	i := int(h)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-float64(i))*(sorted[i+1]-sorted[i])
}
