package quantile

import "math"

// Ranks returns the 0-based ranks of the order statistics that the bins-1
// inner breaks of n > 0 values need: for k = 1 to bins-1, the two ranks
// that the break at probability k/bins interpolates between (equal when
// no interpolation is needed).
func Ranks(n int64, bins int) []int64 {
	rs := make([]int64, 0, 2*max(bins-1, 0))
	for k := 1; k < bins; k++ {
		lo, hi, _ := index(n, prob(k, bins))
		rs = append(rs, lo, hi)
	}
	return rs
}

// Breaks returns the bins-1 inner breaks of n values whose order
// statistics at Ranks(n, bins) are stats, in that order; with shift, each
// break is one more, as R's rfm adds 1 to the inner breaks.
func Breaks(n int64, bins int, stats []float64, shift bool) []float64 {
	out := make([]float64, 0, max(bins-1, 0))
	for k := 1; k < bins; k++ {
		_, _, h := index(n, prob(k, bins))
		q := interpolate(stats[2*(k-1)], stats[2*(k-1)+1], h)
		if shift {
			q++
		}
		out = append(out, q)
	}
	return out
}

// prob returns the k-th inner probability of bins bins as R computes it:
// probs <- seq(0, 1, length.out = bins+1) gives k * (1/bins).
func prob(k, bins int) float64 {
	return float64(float64(k) * (1 / float64(bins)))
}

// index returns the 0-based positions of the order statistics that R's
// type-7 quantile of probability p interpolates between, for n > 0
// values, and the interpolation weight h, as quantile.default computes
// them: index <- 1 + (n-1)*p; lo <- floor(index); hi <- ceiling(index);
// h <- index - lo.
func index(n int64, p float64) (lo, hi int64, h float64) {
	i := 1 + float64(float64(n-1)*p)
	flo := math.Floor(i)
	return int64(flo) - 1, int64(math.Ceil(i)) - 1, i - flo
}

// interpolate interpolates as R does: qs <- x[lo]; where index > lo and
// x[hi] != qs, qs <- (1-h)*qs + h*x[hi]. The explicit conversions keep
// the products from being fused, which would change the last bit.
func interpolate(xlo, xhi, h float64) float64 {
	if h > 0 && xhi != xlo {
		return float64((1-h)*xlo) + float64(h*xhi)
	}
	return xlo
}
