package rfm

import (
	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

// Scores are one customer's recency, frequency and monetary scores. Each
// runs from 1 to the scorer's number of bins, and higher is better: more
// recent, more frequent, more spend.
//
// The scorers [Quantile], [Thresholds] and [MeanSplit] share one method,
// Score(values []Values) ([]Scores, error), which returns one Scores per
// element of values, in the same order and with the same CustomerID, or
// an error; an empty values gives an empty result and no error. A score
// may depend on the whole population (quantiles and means do), so scoring
// a subset can change it. Score does not modify values or keep it after
// returning, and is safe for concurrent use as long as the scorer itself
// is not modified.
type Scores struct {
	CustomerID customer.ID
	R, F, M    int
}

type dimension uint8

const (
	dimRecency dimension = iota
	dimFrequency
	dimMonetary
)

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
