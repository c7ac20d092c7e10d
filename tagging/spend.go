package tagging

import (
	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

// SpendConfig configures [Spend]. The zero value gives the defaults.
type SpendConfig struct {
	// High is the average order value, in yuan, above which spending is
	// high. Zero means 500.
	High decimal.Decimal
	// Low is the average order value below which spending is low. Zero
	// means 100. High must not be below Low; when they are equal only an
	// AOV of exactly that amount is mid.
	Low decimal.Decimal
	// Group is the group tagged. "" means GroupSpend.
	Group string
}

// Spend tags spending level by average order value (AOV, from
// customer.Summary.AvgOrderValue): LevelHigh when AOV > High, LevelMid
// when Low ≤ AOV ≤ High, LevelLow when AOV < Low.
//
// A customer without purchases, or whose AOV is zero or negative because
// refunds cancelled the purchases (or the orders were free), gets no
// spend tag: there is no spending to classify. Comparisons are exact.
//
// A Spend is immutable and safe for concurrent use. It does not allocate
// unless an AOV has more than four decimal places.
type Spend struct {
	high, low   decimal.Decimal
	highU, lowU int64 // thresholds in money units, when exact
	exact       bool
	group       string
}

// NewSpend returns a Spend tagger. It fails with an error wrapping
// [ErrThresholds] when High < Low and [ErrConfig] when a threshold is
// negative.
func NewSpend(cfg SpendConfig) (*Spend, error) {
	t := &Spend{high: cfg.High, low: cfg.Low, group: orDefault(cfg.Group, GroupSpend)}
	if t.high.IsZero() {
		t.high = decimal.NewFromInt(500)
	}
	if t.low.IsZero() {
		t.low = decimal.NewFromInt(100)
	}
	switch {
	case t.high.Sign() < 0:
		return nil, configError("SpendConfig.High", "%s is negative", t.high)
	case t.low.Sign() < 0:
		return nil, configError("SpendConfig.Low", "%s is negative", t.low)
	case t.high.Cmp(t.low) < 0:
		return nil, fmtThresholds("SpendConfig", "High %s is below Low %s", t.high, t.low)
	}
	var ok1, ok2 bool
	t.highU, ok1 = money.Units(t.high)
	t.lowU, ok2 = money.Units(t.low)
	t.exact = ok1 && ok2
	return t, nil
}

// Name returns "spend".
func (t *Spend) Name() string { return "spend" }

// Groups declares the exclusive spend group.
func (t *Spend) Groups() []Group {
	return []Group{{Name: t.group, Values: []string{LevelHigh, LevelMid, LevelLow}}}
}

// Tag implements [Tagger].
func (t *Spend) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if !purchases(p) {
		return dst, nil
	}
	aov := p.Summary.AvgOrderValue
	if aov.Sign() <= 0 {
		return dst, nil
	}
	var above, below bool // AOV > High, AOV < Low
	if u, ok := money.Units(aov); ok && t.exact {
		above, below = u > t.highU, u < t.lowU
	} else {
		above, below = aov.Cmp(t.high) > 0, aov.Cmp(t.low) < 0
	}
	v := LevelMid
	switch {
	case above:
		v = LevelHigh
	case below:
		v = LevelLow
	}
	return append(dst, Tag{Group: t.group, Value: v}), nil
}
