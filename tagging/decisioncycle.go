package tagging

// DecisionCycle tags a company's procurement decision cycle
// (customer.Company.DecisionCycleDays): "short" up to Short (30) days,
// "medium" up to Long (90) days, "long" beyond. Persons, and companies
// whose cycle is unknown (0) or negative (invalid; see
// customer.Validator), get no tag.
//
// DecisionCycle is configured by its fields and used as it is, as a
// [Tagger]; the zero value tags with the defaults. Bad settings (negative
// days, Long below Short) are errors wrapping [ErrConfig]. A
// DecisionCycle is safe for concurrent use and does not allocate.
type DecisionCycle struct {
	// Group is the group tagged. "" means GroupDecisionCycle.
	Group string
	// Short is the longest decision cycle, in days, that is short. 0 means
	// 30.
	Short int
	// Long is the longest decision cycle that is medium; longer is long.
	// 0 means 90. It must not be below Short.
	Long int
}

type decisionCycle struct {
	group       string
	short, long int
}

func (t DecisionCycle) resolve() (decisionCycle, error) {
	d := decisionCycle{group: orDefault(t.Group, GroupDecisionCycle), short: orDefault(t.Short, 30), long: orDefault(t.Long, 90)}
	switch {
	case d.short < 0:
		return d, configError("DecisionCycle.Short", "%d is negative", d.short)
	case d.long < 0:
		return d, configError("DecisionCycle.Long", "%d is negative", d.long)
	case d.long < d.short:
		return d, configError("DecisionCycle", "Long %d is below Short %d", d.long, d.short)
	}
	return d, nil
}

func (t DecisionCycle) compile() (Tagger, error) {
	d, err := t.resolve()
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// Tag implements [Tagger].
func (t DecisionCycle) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	d, err := t.resolve()
	if err != nil {
		return dst, err
	}
	return d.Tag(p, dst)
}

func (d *decisionCycle) Name() string { return "decision-cycle" }

func (d *decisionCycle) Groups() []Group {
	return []Group{{Name: d.group, Values: []string{cycleShort, cycleMedium, cycleLong}}}
}

func (d *decisionCycle) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if p.Company == nil || p.Person != nil {
		return dst, nil
	}
	days := p.Company.DecisionCycleDays
	var v string
	switch {
	case days <= 0:
		return dst, nil
	case days <= d.short:
		v = cycleShort
	case days <= d.long:
		v = cycleMedium
	default:
		v = cycleLong
	}
	return append(dst, Tag{Group: d.group, Value: v}), nil
}
