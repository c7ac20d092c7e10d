package rfm

import (
	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

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
			return badConfig("Thresholds.%s is empty", c.name)
		}
		for i := 1; i < c.n; i++ {
			if !c.less(i) {
				return badConfig("Thresholds.%s is not strictly ascending at %d", c.name, i)
			}
		}
	}
	return nil
}

// Score scores values against the thresholds. It returns an error
// wrapping [ErrConfig] when a list is empty or not strictly
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
		out[i].CustomerID = v.CustomerID
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
