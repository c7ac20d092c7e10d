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

// moneyBands bins amounts of money, which it sorts, into bands that grow
// in a 1-2-5 progression (¥0–10, ¥10–20, ¥20–50, ¥50–100, …), so that a
// distribution spanning several orders of magnitude shows its body and its
// tail at once. The first band runs from 0 to the power of ten at or below
// the 1st percentile of the positive amounts (at least 1); amounts below
// 0 (net refunds) get a band of their own. xs must not be empty or hold NaN.
func moneyBands(xs []float64) []bin {
	slices.Sort(xs)
	lo, hi := xs[0], xs[len(xs)-1]
	var out []bin
	if lo < 0 {
		out = append(out, bin{lo: lo, hi: 0})
	}
	first := 1.0
	if i, _ := slices.BinarySearch(xs, math.SmallestNonzeroFloat64); i < len(xs) {
		first = max(quantile(xs[i:], 0.01), 1) // of the positive amounts
	}
	step := math.Pow(10, math.Floor(math.Log10(first)))
	out = append(out, bin{lo: 0, hi: step})
	for m := 0; out[len(out)-1].hi <= hi; m++ {
		a := out[len(out)-1].hi
		b := a * []float64{2, 2.5, 2}[m%3]
		out = append(out, bin{lo: a, hi: math.Round(b)})
	}
	i := 0
	for _, x := range xs {
		for x >= out[i].hi {
			i++
		}
		out[i].n++
	}
	return out
}
