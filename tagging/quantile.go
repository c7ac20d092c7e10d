package tagging

import (
	"fmt"
	"iter"
	"slices"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

// AOVQuantile returns the q-quantile of the average order values of the
// customers with at least one purchase, for Needs.PremiumAOV ("top
// quantile AOV": q = 0.9 is the AOV the top 10% reach). It uses R's
// default definition (type 7): with the n values sorted, h = (n−1)q, and
// the quantile is x[⌊h⌋] + (h−⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]), computed exactly in
// decimal with q taken as its shortest decimal form, then rounded half
// away from zero to the fen (2 decimal places).
//
// It fails with an error wrapping [ErrConfig] when q is outside [0, 1]
// and [ErrEmpty] when no customer has a purchase. It reads summaries once
// and holds one int64 per customer.
func AOVQuantile(summaries iter.Seq[customer.Summary], q float64) (decimal.Decimal, error) {
	if !(q >= 0 && q <= 1) {
		return decimal.Decimal{}, fmt.Errorf("%w: quantile %v is not in [0, 1]", ErrConfig, q)
	}
	var units []int64
	var decs []decimal.Decimal // used instead once a value does not fit in units
	for s := range summaries {
		if s.Orders <= 0 {
			continue
		}
		if decs == nil {
			if u, ok := money.Units(s.AvgOrderValue); ok {
				units = append(units, u)
				continue
			}
			decs = make([]decimal.Decimal, len(units), len(units)+1)
			for i, u := range units {
				decs[i] = decimal.New(u, money.Exp)
			}
			units = nil
		}
		decs = append(decs, s.AvgOrderValue)
	}
	n := len(units) + len(decs)
	if n == 0 {
		return decimal.Decimal{}, fmt.Errorf("%w: no customer with a purchase", ErrEmpty)
	}
	slices.Sort(units)
	slices.SortFunc(decs, decimal.Decimal.Cmp)
	at := func(i int) decimal.Decimal {
		if decs != nil {
			return decs[i]
		}
		return decimal.New(units[i], money.Exp)
	}
	h := decimal.NewFromInt(int64(n - 1)).Mul(decimal.NewFromFloat(q))
	lo := h.Floor()
	i := int(lo.IntPart())
	x := at(i)
	if frac := h.Sub(lo); !frac.IsZero() && i+1 < n {
		x = x.Add(frac.Mul(at(i + 1).Sub(x)))
	}
	return x.Round(2), nil
}
