package tagging

import (
	"math"
	"time"
)

// Lifecycle tags the lifecycle stage, by recency and frequency relative
// to the as-of date (customer.Summary.AsOf, or Profile.AsOf when the
// summary has none), first rule that holds:
//
//   - "prospect": no purchases (no Summary, or refunds only);
//   - "new": first purchase at most NewDays (30) ago;
//   - "at-risk" (overdue): at least OverdueMinOrders (3) purchases and
//     the days since the last exceed OverdueFactor (3) times the mean
//     interval, (last - first) / (purchases - 1), when that is positive;
//   - "active": last purchase at most ActiveDays (90) ago;
//   - "at-risk": at most AtRiskDays (180) ago;
//   - "dormant": at most DormantDays (365) ago;
//   - "churned": longer ago.
//
// Days are calendar days as customer.CalendarDays counts them. A last
// purchase dated after the as-of date counts as 0 days ago, and a summary
// with purchases but no Last date gets no lifecycle tag; customer.Summarize
// produces neither.
//
// Lifecycle is configured by its fields and used as it is, as a [Tagger];
// the zero value tags with the defaults. Days are calendar days before
// the as-of date. Bad settings (negative days, days out of order: NewDays
// ≤ ActiveDays < AtRiskDays < DormantDays must hold; a NaN or infinite
// OverdueFactor, a negative OverdueMinOrders) are errors wrapping
// [ErrConfig]. A Lifecycle is safe for concurrent use and does not
// allocate.
type Lifecycle struct {
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

type lifecycle struct {
	group                       string
	newDays, active, risk, dorm int
	overdue                     float64
	overdueMin                  int
}

func (t Lifecycle) resolve() (lifecycle, error) {
	l := lifecycle{
		group:      orDefault(t.Group, GroupLifecycle),
		newDays:    orDefault(t.NewDays, 30),
		active:     orDefault(t.ActiveDays, 90),
		risk:       orDefault(t.AtRiskDays, 180),
		dorm:       orDefault(t.DormantDays, 365),
		overdue:    orDefault(t.OverdueFactor, 3),
		overdueMin: orDefault(t.OverdueMinOrders, 3),
	}
	for _, c := range [...]struct {
		name string
		v    int
	}{
		{"Lifecycle.NewDays", l.newDays}, {"Lifecycle.ActiveDays", l.active},
		{"Lifecycle.AtRiskDays", l.risk}, {"Lifecycle.DormantDays", l.dorm},
		{"Lifecycle.OverdueMinOrders", l.overdueMin},
	} {
		if c.v < 0 {
			return l, configError(c.name, "%d is negative", c.v)
		}
	}
	if math.IsNaN(l.overdue) || math.IsInf(l.overdue, 0) {
		return l, configError("Lifecycle.OverdueFactor", "%v is not finite", l.overdue)
	}
	if !(l.newDays <= l.active && l.active < l.risk && l.risk < l.dorm) {
		return l, configError("Lifecycle", "want NewDays %d ≤ ActiveDays %d < AtRiskDays %d < DormantDays %d",
			l.newDays, l.active, l.risk, l.dorm)
	}
	return l, nil
}

func (t Lifecycle) compile() (Tagger, error) {
	l, err := t.resolve()
	if err != nil {
		return nil, err
	}
	return &l, nil
}

// Tag implements [Tagger].
func (t Lifecycle) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	l, err := t.resolve()
	if err != nil {
		return dst, err
	}
	return l.Tag(p, dst)
}

func (t *lifecycle) Name() string { return "lifecycle" }

func (t *lifecycle) Groups() []Group {
	return []Group{{Name: t.group, Values: []string{stageProspect, stageNew, stageActive, stageAtRisk, stageDormant, stageChurned}}}
}

func (t *lifecycle) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if v := t.stage(p); v != "" {
		dst = append(dst, Tag{Group: t.group, Value: v})
	}
	return dst, nil
}

func (t *lifecycle) stage(p *Profile) string {
	if !purchases(p) {
		return stageProspect
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
		return stageNew
	}
	if recency <= int64(t.active) {
		if t.overdue > 0 && s.Orders >= t.overdueMin && s.Orders > 1 {
			interval := float64(lastDay-firstDay) / float64(s.Orders-1)
			if interval > 0 && float64(recency) > t.overdue*interval {
				return stageAtRisk
			}
		}
		return stageActive
	}
	switch {
	case recency <= int64(t.risk):
		return stageAtRisk
	case recency <= int64(t.dorm):
		return stageDormant
	}
	return stageChurned
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
