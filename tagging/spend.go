package tagging

import (
	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

// Spend tags spending level by average order value (AOV, from
// customer.Summary.AvgOrderValue): "high" when AOV > High, "mid" when
// Low ≤ AOV ≤ High, "low" when AOV < Low.
//
// A customer without purchases, or whose AOV is zero or negative because
// refunds cancelled the purchases (or the orders were free), gets no
// spend tag: there is no spending to classify. Comparisons are exact.
//
// Spend is configured by its fields and used as it is, as a [Tagger]:
// the zero value tags with the defaults. Bad settings (a negative
// threshold, High below Low) make Tag, [NewPipeline] and [Builtin] return
// an error wrapping [ErrConfig]. A Spend is safe for concurrent use and
// does not allocate unless an AOV or threshold has more than four decimal
// places.
type Spend struct {
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

// spend is a Spend with its settings resolved and checked.
type spend struct {
	high, low   decimal.Decimal // zero for a default, which fits units
	highU, lowU int64           // thresholds in money units, when exact
	exact       bool
	group       string
}

func (t Spend) resolve() (spend, error) {
	s := spend{high: t.High, low: t.Low, group: orDefault(t.Group, GroupSpend), highU: 500e4, lowU: 100e4}
	okH, okL := true, true
	if !t.High.IsZero() {
		s.highU, okH = money.Units(t.High)
	}
	if !t.Low.IsZero() {
		s.lowU, okL = money.Units(t.Low)
	}
	s.exact = okH && okL
	switch {
	case t.High.Sign() < 0:
		return s, configError("Spend.High", "%s is negative", t.High)
	case t.Low.Sign() < 0:
		return s, configError("Spend.Low", "%s is negative", t.Low)
	case s.exact && s.highU < s.lowU, !s.exact && s.highDec().Cmp(s.lowDec()) < 0:
		return s, configError("Spend", "High %s is below Low %s", s.highDec(), s.lowDec())
	}
	return s, nil
}

func (s *spend) highDec() decimal.Decimal {
	if s.high.IsZero() {
		return decimal.New(s.highU, money.Exp)
	}
	return s.high
}

func (s *spend) lowDec() decimal.Decimal {
	if s.low.IsZero() {
		return decimal.New(s.lowU, money.Exp)
	}
	return s.low
}

func (t Spend) compile() (Tagger, error) {
	s, err := t.resolve()
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// Tag implements [Tagger].
func (t Spend) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	s, err := t.resolve()
	if err != nil {
		return dst, err
	}
	return s.Tag(p, dst)
}

func (s *spend) Name() string { return "spend" }

func (s *spend) Groups() []Group {
	return []Group{{Name: s.group, Values: []string{levelHigh, levelMid, levelLow}}}
}

func (s *spend) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if !purchases(p) {
		return dst, nil
	}
	aov := p.Summary.AvgOrderValue
	if aov.Sign() <= 0 {
		return dst, nil
	}
	var above, below bool // AOV > High, AOV < Low
	if u, ok := money.Units(aov); ok && s.exact {
		above, below = u > s.highU, u < s.lowU
	} else {
		above, below = aov.Cmp(s.highDec()) > 0, aov.Cmp(s.lowDec()) < 0
	}
	v := levelMid
	switch {
	case above:
		v = levelHigh
	case below:
		v = levelLow
	}
	return append(dst, Tag{Group: s.group, Value: v}), nil
}
