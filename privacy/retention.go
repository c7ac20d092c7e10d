package privacy

import (
	"context"
	"fmt"
	"iter"
	"time"
)

// Activity is what retention looks at for one customer. Zero times mean
// "never".
type Activity struct {
	// LastPurchase is the time of the customer's latest purchase.
	LastPurchase time.Time
	// LastInteraction is the time of the latest other contact: a login,
	// a service call, a reply to a message.
	LastInteraction time.Time
}

// Last returns the later of the two times.
func (a Activity) Last() time.Time {
	if a.LastInteraction.After(a.LastPurchase) {
		return a.LastInteraction
	}
	return a.LastPurchase
}

// Retention is a retention rule: a customer with no purchase and no
// interaction for the period before the as-of date is dormant, to be
// reviewed or purged. The zero value means three years.
type Retention struct {
	// Years, Months and Days make up the period, counted back from the
	// as-of date in calendar terms (time.AddDate). All zero means 3
	// years; negative values are an error.
	Years, Months, Days int
}

// Cutoff returns the instant before which the latest activity must lie
// for a customer to be dormant as of asOf.
func (r Retention) Cutoff(asOf time.Time) time.Time {
	y, m, d := r.Years, r.Months, r.Days
	if y == 0 && m == 0 && d == 0 {
		y = 3
	}
	return asOf.AddDate(-y, -m, -d)
}

// Dormant reports whether a customer with activity a is dormant as of
// asOf: its latest activity is before [Retention.Cutoff]. A customer
// with no recorded activity at all is dormant, so it reaches review
// rather than staying forever.
func (r Retention) Dormant(a Activity, asOf time.Time) bool {
	return a.Last().Before(r.Cutoff(asOf))
}

// validate reports a rule or as-of date that cannot be used.
func (r Retention) validate(asOf time.Time) error {
	switch {
	case r.Years < 0:
		return fmt.Errorf("%w: Retention.Years is negative (%d)", ErrConfig, r.Years)
	case r.Months < 0:
		return fmt.Errorf("%w: Retention.Months is negative (%d)", ErrConfig, r.Months)
	case r.Days < 0:
		return fmt.Errorf("%w: Retention.Days is negative (%d)", ErrConfig, r.Days)
	}
	if asOf.IsZero() {
		return fmt.Errorf("%w: retention needs an as-of date, got the zero time", ErrConfig)
	}
	return nil
}

// FindDormant returns the customers that are dormant under r as of asOf,
// in input order. activity reports a customer's activity. It checks ctx
// once per customer. Errors wrap [ErrConfig] for a negative period or a
// zero asOf, or are ctx's error.
func FindDormant[T any](ctx context.Context, customers iter.Seq[T], activity func(T) Activity,
	asOf time.Time, r Retention) ([]T, error) {
	if err := r.validate(asOf); err != nil {
		return nil, err
	}
	var out []T
	for c := range customers {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		if r.Dormant(activity(c), asOf) {
			out = append(out, c)
		}
	}
	return out, nil
}
