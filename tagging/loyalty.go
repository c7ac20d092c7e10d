package tagging

// Loyalty tags loyalty by the customer's repeat-purchase rate, the share
// of their purchases that were repeat purchases, (purchases − 1) /
// purchases: "loyal" at Loyal (0.75) or more, "repeat" at Repeat (0.5) or
// more, "one-time" below (with the defaults, exactly one purchase).
// Refunds are not purchases. A customer without purchases gets no loyalty
// tag.
//
// Loyalty is configured by its fields and used as it is, as a [Tagger];
// the zero value tags with the defaults. Bad settings (a rate outside
// [0, 1], Repeat above Loyal) are errors wrapping [ErrConfig]. A Loyalty
// is safe for concurrent use and does not allocate.
type Loyalty struct {
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

type loyalty struct {
	group         string
	loyal, repeat float64
}

func (t Loyalty) resolve() (loyalty, error) {
	l := loyalty{group: orDefault(t.Group, GroupLoyalty), loyal: orDefault(t.Loyal, 0.75), repeat: orDefault(t.Repeat, 0.5)}
	if err := checkShare("Loyalty.Loyal", l.loyal); err != nil {
		return l, err
	}
	if err := checkShare("Loyalty.Repeat", l.repeat); err != nil {
		return l, err
	}
	if l.repeat > l.loyal {
		return l, configError("Loyalty", "Repeat %v is above Loyal %v", l.repeat, l.loyal)
	}
	return l, nil
}

func (t Loyalty) compile() (Tagger, error) {
	l, err := t.resolve()
	if err != nil {
		return nil, err
	}
	return &l, nil
}

// Tag implements [Tagger].
func (t Loyalty) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	l, err := t.resolve()
	if err != nil {
		return dst, err
	}
	return l.Tag(p, dst)
}

func (l *loyalty) Name() string { return "loyalty" }

func (l *loyalty) Groups() []Group {
	return []Group{{Name: l.group, Values: []string{loyaltyLoyal, loyaltyRepeat, loyaltyOneTime}}}
}

func (l *loyalty) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if !purchases(p) {
		return dst, nil
	}
	n := p.Summary.Orders
	// (n-1)/n >= r  <=>  n-1 >= r*n, compared without dividing.
	repeats, all := float64(n-1), float64(n)
	v := loyaltyOneTime
	switch {
	case repeats >= l.loyal*all:
		v = loyaltyLoyal
	case repeats >= l.repeat*all:
		v = loyaltyRepeat
	}
	return append(dst, Tag{Group: l.group, Value: v}), nil
}
