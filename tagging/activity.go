package tagging

import "math"

// Activity tags purchase activity by customer.Summary.PurchasesPerMonth,
// the purchases in the summary's activity window (SummaryOptions.
// ActivityWindow, 90 days by default) per month: "high" at High (3) or
// more, "mid" from Low (1) up to High, "low" below Low. So with the
// defaults, 1–2 purchases a month are mid.
//
// A customer without purchases gets no activity tag (their lifecycle
// stage says prospect); nor does a summary whose PurchasesPerMonth is
// negative or NaN, which customer.Summarize never produces.
//
// Activity is configured by its fields and used as it is, as a [Tagger];
// the zero value tags with the defaults. Bad settings (a negative, NaN
// or infinite threshold, High below Low) are errors wrapping [ErrConfig].
// An Activity is safe for concurrent use and does not allocate.
type Activity struct {
	// High is the number of purchases per month at or above which activity
	// is high. 0 means 3.
	High float64
	// Low is the number of purchases per month below which activity is
	// low. 0 means 1. High must not be below Low.
	Low float64
	// Group is the group tagged. "" means GroupActivity.
	Group string
}

type activity struct {
	high, low float64
	group     string
}

func (t Activity) resolve() (activity, error) {
	a := activity{high: orDefault(t.High, 3), low: orDefault(t.Low, 1), group: orDefault(t.Group, GroupActivity)}
	if !(a.high >= 0) || math.IsInf(a.high, 0) {
		return a, configError("Activity.High", "%v is not a finite non-negative rate", a.high)
	}
	if !(a.low >= 0) || math.IsInf(a.low, 0) {
		return a, configError("Activity.Low", "%v is not a finite non-negative rate", a.low)
	}
	if a.high < a.low {
		return a, configError("Activity", "High %v is below Low %v", a.high, a.low)
	}
	return a, nil
}

func (t Activity) compile() (Tagger, error) {
	a, err := t.resolve()
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// Tag implements [Tagger].
func (t Activity) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	a, err := t.resolve()
	if err != nil {
		return dst, err
	}
	return a.Tag(p, dst)
}

func (a *activity) Name() string { return "activity" }

func (a *activity) Groups() []Group {
	return []Group{{Name: a.group, Values: []string{levelHigh, levelMid, levelLow}}}
}

func (a *activity) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if !purchases(p) {
		return dst, nil
	}
	r := p.Summary.PurchasesPerMonth
	var v string
	switch {
	case !(r >= 0):
		return dst, nil
	case r >= a.high:
		v = levelHigh
	case r >= a.low:
		v = levelMid
	default:
		v = levelLow
	}
	return append(dst, Tag{Group: a.group, Value: v}), nil
}
