package tagging

// LoyaltyConfig configures [Loyalty]. The zero value gives the defaults.
type LoyaltyConfig struct {
	// Group is the group tagged. "" means GroupLoyalty.
	Group string
	// Loyal is the repeat-purchase rate at or above which a customer is
	// loyal. 0 means 0.75: four purchases or more.
	Loyal float64
	// Repeat is the repeat-purchase rate at or above which a customer is
	// a repeat buyer. 0 means 0.5: two purchases or more. It must not be
	// above Loyal.
	Repeat float64
}

// Loyalty tags loyalty by the customer's repeat-purchase rate, the share
// of their purchases that were repeat purchases, (purchases − 1) /
// purchases: LoyaltyLoyal at Loyal (0.75) or more, LoyaltyRepeat at
// Repeat (0.5) or more, LoyaltyOneTime below (with the defaults, exactly
// one purchase). Refunds are not purchases. A customer without purchases
// gets no loyalty tag.
//
// A Loyalty is immutable, safe for concurrent use and does not allocate.
type Loyalty struct {
	group         string
	loyal, repeat float64
}

// NewLoyalty returns a Loyalty tagger. It fails with an error wrapping
// [ErrThresholds] when Repeat > Loyal and [ErrConfig] for a rate outside
// [0, 1].
func NewLoyalty(cfg LoyaltyConfig) (*Loyalty, error) {
	t := &Loyalty{group: orDefault(cfg.Group, GroupLoyalty), loyal: orDefault(cfg.Loyal, 0.75), repeat: orDefault(cfg.Repeat, 0.5)}
	if err := checkShare("LoyaltyConfig.Loyal", t.loyal); err != nil {
		return nil, err
	}
	if err := checkShare("LoyaltyConfig.Repeat", t.repeat); err != nil {
		return nil, err
	}
	if t.repeat > t.loyal {
		return nil, fmtThresholds("LoyaltyConfig", "Repeat %v is above Loyal %v", t.repeat, t.loyal)
	}
	return t, nil
}

// Name returns "loyalty".
func (t *Loyalty) Name() string { return "loyalty" }

// Groups declares the exclusive loyalty group.
func (t *Loyalty) Groups() []Group {
	return []Group{{Name: t.group, Values: []string{LoyaltyLoyal, LoyaltyRepeat, LoyaltyOneTime}}}
}

// Tag implements [Tagger].
func (t *Loyalty) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if !purchases(p) {
		return dst, nil
	}
	n := p.Summary.Orders
	// (n-1)/n >= r  <=>  n-1 >= r*n, compared without dividing.
	repeats, all := float64(n-1), float64(n)
	v := LoyaltyOneTime
	switch {
	case repeats >= t.loyal*all:
		v = LoyaltyLoyal
	case repeats >= t.repeat*all:
		v = LoyaltyRepeat
	}
	return append(dst, Tag{Group: t.group, Value: v}), nil
}
