package rfm

import (
	"math"
	"math/big"

	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

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
		out[i].CustomerID = v.CustomerID
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
