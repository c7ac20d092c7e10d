package clv

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/parallel"
	"github.com/shopspring/decimal"
)

// CLVOptions configures [LifetimeValues]. Unit (or PeriodsPerMonth) is
// required; the other fields default as documented.
type CLVOptions struct {
	// Unit is the time unit of the CBS and of the BG/NBD model: the
	// CBSOptions.Unit the summaries were built with, a whole number of
	// days (24*time.Hour for days, 7*24*time.Hour for weeks). It converts
	// the horizon in months into model periods. It is required unless
	// PeriodsPerMonth is set: guessing it wrong is the classic lifetimes
	// pitfall, where a model fitted in weeks and evaluated with the
	// default daily steps turns a 12-month horizon into 360 weeks and
	// inflates CLV fourfold (140.10 instead of 36.28 for the first CDNOW
	// customer).
	Unit time.Duration
	// PeriodsPerMonth, when positive, overrides Unit's month length:
	// 0 means 365.25/12 = 30.4375 days or 4.348 weeks. lifetimes uses 30
	// for days and 4.345 for weeks. Negative or NaN is an error.
	PeriodsPerMonth float64
	// Months is the horizon. 0 means 12; negative is an error.
	Months int
	// DiscountRate is the monthly discount rate: the value of month i is
	// divided by (1+DiscountRate)^i. 0 means no discounting; it must be
	// in [0, 1).
	DiscountRate float64
	// Workers is the number of goroutines; 0 means GOMAXPROCS, 1 means
	// sequential, negative is an error. Results do not depend on it.
	Workers int
}

// CLV is one customer's predicted future: a purchase model's purchases and
// churn risk and the Gamma-Gamma model's spend, combined as lifetimes'
// customer_lifetime_value does.
type CLV struct {
	CustomerID customer.ID
	// ProbAlive is P(alive) at the end of calibration (Model.ProbAlive).
	ProbAlive float64
	// ExpectedPurchases is the expected number of purchases over the
	// horizon (Model.ConditionalExpectedPurchases), not discounted.
	ExpectedPurchases float64
	// ExpectedSpend is the expected spend per purchase
	// (GammaGamma.ConditionalExpectedValue).
	ExpectedSpend decimal.Decimal
	// Value is the customer lifetime value over the horizon: the sum over
	// months i = 1..Months of ExpectedSpend × (expected purchases in
	// month i) / (1+DiscountRate)^i, rounded to 4 decimal places.
	Value decimal.Decimal
	// ValueAtRisk is (1 − ProbAlive) × the value the customer would have
	// if certainly alive: what is lost if they have in fact churned, and
	// what winning them back is worth. It ranks [ChurnRisk] lists.
	ValueAtRisk decimal.Decimal
}

func (o CLVOptions) withDefaults() (CLVOptions, float64, error) {
	switch {
	case o.PeriodsPerMonth < 0 || math.IsNaN(o.PeriodsPerMonth) || math.IsInf(o.PeriodsPerMonth, 0):
		return o, 0, badConfig("CLVOptions.PeriodsPerMonth %v is not a finite non-negative number", o.PeriodsPerMonth)
	case o.PeriodsPerMonth == 0 && o.Unit == 0:
		return o, 0, badConfig("CLVOptions.Unit is required (the unit the CBS and model times are in)")
	case o.Months < 0:
		return o, 0, badConfig("CLVOptions.Months %d is negative", o.Months)
	case !(o.DiscountRate >= 0 && o.DiscountRate < 1):
		return o, 0, badConfig("CLVOptions.DiscountRate %v is outside [0, 1)", o.DiscountRate)
	case o.Workers < 0:
		return o, 0, badConfig("CLVOptions.Workers %d is negative", o.Workers)
	}
	if o.Months == 0 {
		o.Months = 12
	}
	days, err := unitDays(o.Unit, "CLVOptions.Unit")
	if err != nil {
		return o, 0, err
	}
	perMonth := o.PeriodsPerMonth
	if perMonth == 0 {
		perMonth = 365.25 / 12 / days
	}
	return o, perMonth, nil
}

// LifetimeValues predicts, for every customer in data, P(alive), the
// purchases and spend over the horizon and the discounted customer
// lifetime value, combining a model of purchases (a *BGNBD, *MBGNBD or
// *ParetoNBD, or their values) with a Gamma-Gamma model of spend as
// lifetimes' customer_lifetime_value does: month by month, the expected
// purchases in that month (the difference of the cumulative conditional
// expectation at its end and start) times the expected spend per
// purchase, discounted by (1+DiscountRate)^month. The result is parallel
// to data. data is not modified or kept.
//
// To reproduce lifetimes' figures exactly, set CLVOptions.PeriodsPerMonth
// to lifetimes' month length for the freq its call used: 30 for 'D'
// (its default), 4.345 for 'W', 1 for 'M', 720 for 'H'; the default here
// is 365.25/12 days in the data's unit. lifetimes' discount_rate is
// monthly, as DiscountRate is, and its time is Months.
//
// The work is spread over opts.Workers goroutines; the result does not
// depend on their number.
//
// Errors: [ErrInvalidModel] for a nil model (or nil pointer) or invalid
// parameters (including a Gamma-Gamma q ≤ 1), a *CBSError for an invalid row,
// [ErrConfig] for bad options (notably a missing Unit), ctx.Err() when
// ctx is cancelled (checked every 8,192 customers).
func LifetimeValues(ctx context.Context, data []CBS, m Model, gg *GammaGamma, opts CLVOptions) ([]CLV, error) {
	o, perMonth, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := modelValid(m); err != nil {
		return nil, err
	}
	if gg == nil {
		return nil, fmt.Errorf("%w: nil model", ErrInvalidModel)
	}
	if err := gg.validate(); err != nil {
		return nil, err
	}
	if err := cbsCheckAll(data); err != nil {
		return nil, err
	}
	out := make([]CLV, len(data))
	disc := make([]float64, o.Months+1) // 1/(1+d)^i
	for i := range disc {
		disc[i] = math.Pow(1+o.DiscountRate, -float64(i))
	}
	chunks := (len(data) + fitChunkRows - 1) / fitChunkRows
	err = parallel.ForErr(ctx, o.Workers, chunks, func(_, c int) error {
		lo := c * fitChunkRows
		for i := lo; i < min(lo+fitChunkRows, len(data)); i++ {
			out[i] = clvOne(data[i], m, *gg, o.Months, perMonth, disc)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// clvOne computes one customer's CLV for valid models and c.
func clvOne(c CBS, m Model, gg GammaGamma, months int, perMonth float64, disc []float64) CLV {
	pa := m.ProbAlive(c)
	spend := gg.conditionalValue(c)
	var aliveValue, prev float64
	for i := 1; i <= months; i++ {
		cum := m.ifAlive(c, float64(i)*perMonth)
		aliveValue += spend * (cum - prev) * disc[i]
		prev = cum
	}
	return CLV{
		CustomerID:        c.CustomerID,
		ProbAlive:         pa,
		ExpectedPurchases: pa * prev,
		ExpectedSpend:     clvMoney(spend),
		Value:             clvMoney(pa * aliveValue),
		ValueAtRisk:       clvMoney((1 - pa) * aliveValue),
	}
}

// clvMoney rounds a finite amount to 4 decimal places; non-finite
// amounts (impossible for valid models) become zero.
func clvMoney(v float64) decimal.Decimal {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return decimal.Decimal{}
	}
	return decimal.NewFromFloat(v).Round(4)
}

// TopCLV returns the n customers of vals with the highest Value, highest
// first, ties by CustomerID. n ≤ 0 or n ≥ len(vals) returns all of them,
// sorted. vals is not modified; the result is a new slice.
func TopCLV(vals []CLV, n int) []CLV {
	out := slices.Clone(vals)
	slices.SortStableFunc(out, func(a, b CLV) int {
		if c := b.Value.Cmp(a.Value); c != 0 {
			return c
		}
		return strings.Compare(string(a.CustomerID), string(b.CustomerID))
	})
	if n > 0 && n < len(out) {
		out = out[:n:n]
	}
	return out
}

// ChurnRisk returns the customers of vals whose ProbAlive is below
// threshold, the most valuable first: by ValueAtRisk descending, then
// ProbAlive ascending, then CustomerID. At most n are returned; n ≤ 0
// means all. A threshold of 0 means 0.5. vals is not modified; the
// result is a new slice.
func ChurnRisk(vals []CLV, threshold float64, n int) []CLV {
	if threshold == 0 {
		threshold = 0.5
	}
	var out []CLV
	for _, v := range vals {
		if v.ProbAlive < threshold {
			out = append(out, v)
		}
	}
	slices.SortStableFunc(out, func(a, b CLV) int {
		if c := b.ValueAtRisk.Cmp(a.ValueAtRisk); c != 0 {
			return c
		}
		if c := cmp.Compare(a.ProbAlive, b.ProbAlive); c != 0 {
			return c
		}
		return strings.Compare(string(a.CustomerID), string(b.CustomerID))
	})
	if n > 0 && n < len(out) {
		out = out[:n:n]
	}
	return out
}
