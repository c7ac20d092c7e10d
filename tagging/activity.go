package tagging

import "math"

// ActivityConfig configures [Activity]. The zero value gives the defaults.
type ActivityConfig struct {
	// High is the number of purchases per month at or above which activity
	// is high. 0 means 3.
	High float64
	// Low is the number of purchases per month below which activity is
	// low. 0 means 1. High must not be below Low.
	Low float64
	// Group is the group tagged. "" means GroupActivity.
	Group string
}

// Activity tags purchase activity by customer.Summary.PurchasesPerMonth,
// the purchases in the summary's activity window (SummaryOptions.
// ActivityWindow, 90 days by default) per month: LevelHigh at High (3) or
// more, LevelMid from Low (1) up to High, LevelLow below Low. So with the
// defaults, 1–2 purchases a month are mid.
//
// A customer without purchases gets no activity tag (their lifecycle
// stage says prospect); nor does a summary whose PurchasesPerMonth is
// negative or NaN, which customer.Summarize never produces.
//
// An Activity is immutable, safe for concurrent use and does not allocate.
type Activity struct {
	high, low float64
	group     string
}

// NewActivity returns an Activity tagger. It fails with an error wrapping
// [ErrThresholds] when High < Low and [ErrConfig] when a threshold is
// negative, NaN or infinite.
func NewActivity(cfg ActivityConfig) (*Activity, error) {
	t := &Activity{high: orDefault(cfg.High, 3), low: orDefault(cfg.Low, 1), group: orDefault(cfg.Group, GroupActivity)}
	for _, c := range []struct {
		name string
		v    float64
	}{{"ActivityConfig.High", t.high}, {"ActivityConfig.Low", t.low}} {
		if !(c.v >= 0) || math.IsInf(c.v, 0) {
			return nil, configError(c.name, "%v is not a finite non-negative rate", c.v)
		}
	}
	if t.high < t.low {
		return nil, fmtThresholds("ActivityConfig", "High %v is below Low %v", t.high, t.low)
	}
	return t, nil
}

// Name returns "activity".
func (t *Activity) Name() string { return "activity" }

// Groups declares the exclusive activity group.
func (t *Activity) Groups() []Group {
	return []Group{{Name: t.group, Values: []string{LevelHigh, LevelMid, LevelLow}}}
}

// Tag implements [Tagger].
func (t *Activity) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if !purchases(p) {
		return dst, nil
	}
	r := p.Summary.PurchasesPerMonth
	var v string
	switch {
	case !(r >= 0):
		return dst, nil
	case r >= t.high:
		v = LevelHigh
	case r >= t.low:
		v = LevelMid
	default:
		v = LevelLow
	}
	return append(dst, Tag{Group: t.group, Value: v}), nil
}
