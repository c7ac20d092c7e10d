package tagging

import (
	"math"
	"time"
)

// LifecycleConfig configures [Lifecycle]. The zero value gives the
// defaults. Days are calendar days before the as-of date.
type LifecycleConfig struct {
	// Group is the group tagged. "" means GroupLifecycle.
	Group string
	// NewDays: a customer whose first purchase is at most this many days
	// old is new. 0 means 30.
	NewDays int
	// ActiveDays: a customer whose last purchase is at most this many days
	// old is active (unless overdue, below). 0 means 90.
	ActiveDays int
	// AtRiskDays: a last purchase older than ActiveDays but at most this
	// many days old is at risk. 0 means 180.
	AtRiskDays int
	// DormantDays: a last purchase older than AtRiskDays but at most this
	// many days old is dormant; older is churned. 0 means 365.
	DormantDays int
	// OverdueFactor marks a repeat buyer at risk before ActiveDays have
	// passed: when the days since the last purchase exceed OverdueFactor
	// times the customer's mean interval between purchases. 0 means 3;
	// negative turns the rule off.
	OverdueFactor float64
	// OverdueMinOrders is the number of purchases a customer needs before
	// their mean interval is trusted. 0 means 3.
	OverdueMinOrders int
}

// Lifecycle tags the lifecycle stage, by recency and frequency relative
// to the as-of date (customer.Summary.AsOf, or Profile.AsOf when the
// summary has none), first rule that holds:
//
//   - StageProspect: no purchases (no Summary, or refunds only);
//   - StageNew: first purchase at most NewDays (30) ago;
//   - StageAtRisk (overdue): at least OverdueMinOrders (3) purchases and
//     the days since the last exceed OverdueFactor (3) times the mean
//     interval, (last - first) / (purchases - 1), when that is positive;
//   - StageActive: last purchase at most ActiveDays (90) ago;
//   - StageAtRisk: at most AtRiskDays (180) ago;
//   - StageDormant: at most DormantDays (365) ago;
//   - StageChurned: longer ago.
//
// Days are calendar days as customer.CalendarDays counts them. A last
// purchase dated after the as-of date counts as 0 days ago, and a summary
// with purchases but no Last date gets no lifecycle tag; customer.Summarize
// produces neither. A Lifecycle is immutable, safe for
// concurrent use and does not allocate.
type Lifecycle struct {
	group                       string
	newDays, active, risk, dorm int
	overdue                     float64
	overdueMin                  int
}

// NewLifecycle returns a Lifecycle tagger. It fails with an error
// wrapping [ErrThresholds] unless NewDays ≤ ActiveDays < AtRiskDays <
// DormantDays, and [ErrConfig] for negative days, a NaN or infinite
// OverdueFactor or a negative OverdueMinOrders.
func NewLifecycle(cfg LifecycleConfig) (*Lifecycle, error) {
	t := &Lifecycle{
		group:      orDefault(cfg.Group, GroupLifecycle),
		newDays:    orDefault(cfg.NewDays, 30),
		active:     orDefault(cfg.ActiveDays, 90),
		risk:       orDefault(cfg.AtRiskDays, 180),
		dorm:       orDefault(cfg.DormantDays, 365),
		overdue:    orDefault(cfg.OverdueFactor, 3),
		overdueMin: orDefault(cfg.OverdueMinOrders, 3),
	}
	for _, c := range []struct {
		name string
		v    int
	}{
		{"LifecycleConfig.NewDays", t.newDays}, {"LifecycleConfig.ActiveDays", t.active},
		{"LifecycleConfig.AtRiskDays", t.risk}, {"LifecycleConfig.DormantDays", t.dorm},
		{"LifecycleConfig.OverdueMinOrders", t.overdueMin},
	} {
		if c.v < 0 {
			return nil, configError(c.name, "%d is negative", c.v)
		}
	}
	if math.IsNaN(t.overdue) || math.IsInf(t.overdue, 0) {
		return nil, configError("LifecycleConfig.OverdueFactor", "%v is not finite", t.overdue)
	}
	if !(t.newDays <= t.active && t.active < t.risk && t.risk < t.dorm) {
		return nil, fmtThresholds("LifecycleConfig", "want NewDays %d ≤ ActiveDays %d < AtRiskDays %d < DormantDays %d",
			t.newDays, t.active, t.risk, t.dorm)
	}
	return t, nil
}

// Name returns "lifecycle".
func (t *Lifecycle) Name() string { return "lifecycle" }

// Groups declares the exclusive lifecycle group.
func (t *Lifecycle) Groups() []Group {
	return []Group{{Name: t.group, Values: []string{StageProspect, StageNew, StageActive, StageAtRisk, StageDormant, StageChurned}}}
}

// Tag implements [Tagger].
func (t *Lifecycle) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if v := t.stage(p); v != "" {
		dst = append(dst, Tag{Group: t.group, Value: v})
	}
	return dst, nil
}

func (t *Lifecycle) stage(p *Profile) string {
	if !purchases(p) {
		return StageProspect
	}
	s := p.Summary
	if s.Last.IsZero() {
		return "" // purchases without a date: not judged
	}
	asOf := s.AsOf
	if asOf.IsZero() {
		asOf = p.AsOf
	}
	first := s.First
	if first.IsZero() {
		first = s.Last
	}
	// Calendar day numbers in the as-of date's location, as
	// customer.CalendarDays counts them.
	loc := asOf.Location()
	today, lastDay, firstDay := dayNumber(asOf, loc), dayNumber(s.Last, loc), dayNumber(first, loc)
	recency := max(today-lastDay, 0)
	if today-firstDay <= int64(t.newDays) {
		return StageNew
	}
	if recency <= int64(t.active) {
		if t.overdue > 0 && s.Orders >= t.overdueMin && s.Orders > 1 {
			interval := float64(lastDay-firstDay) / float64(s.Orders-1)
			if interval > 0 && float64(recency) > t.overdue*interval {
				return StageAtRisk
			}
		}
		return StageActive
	}
	switch {
	case recency <= int64(t.risk):
		return StageAtRisk
	case recency <= int64(t.dorm):
		return StageDormant
	}
	return StageChurned
}

// dayNumber returns the number of the calendar day of t in loc, counted
// from 1970-01-01: the difference of two day numbers is what
// customer.CalendarDays returns, without its cost of two civil-date
// conversions.
func dayNumber(t time.Time, loc *time.Location) int64 {
	t = t.In(loc)
	_, offset := t.Zone()
	secs := t.Unix() + int64(offset)
	d := secs / 86400
	if secs%86400 < 0 {
		d--
	}
	return d
}
