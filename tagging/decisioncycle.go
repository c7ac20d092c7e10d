package tagging

// DecisionCycleConfig configures [DecisionCycle]. The zero value gives the
// defaults.
type DecisionCycleConfig struct {
	// Group is the group tagged. "" means GroupDecisionCycle.
	Group string
	// Short is the longest decision cycle, in days, that is short. 0 means
	// 30.
	Short int
	// Long is the longest decision cycle that is medium; longer is long.
	// 0 means 90. It must not be below Short.
	Long int
}

// DecisionCycle tags a company's procurement decision cycle
// (customer.Company.DecisionCycleDays): CycleShort up to Short (30) days,
// CycleMedium up to Long (90) days, CycleLong beyond. Persons, and
// companies whose cycle is unknown (0) or negative (invalid; see
// customer.Validator), get no tag.
//
// A DecisionCycle is immutable, safe for concurrent use and does not
// allocate.
type DecisionCycle struct {
	group       string
	short, long int
}

// NewDecisionCycle returns a DecisionCycle tagger. It fails with an error
// wrapping [ErrThresholds] when Long < Short and [ErrConfig] for negative
// days.
func NewDecisionCycle(cfg DecisionCycleConfig) (*DecisionCycle, error) {
	t := &DecisionCycle{group: orDefault(cfg.Group, GroupDecisionCycle), short: orDefault(cfg.Short, 30), long: orDefault(cfg.Long, 90)}
	if t.short < 0 {
		return nil, configError("DecisionCycleConfig.Short", "%d is negative", t.short)
	}
	if t.long < 0 {
		return nil, configError("DecisionCycleConfig.Long", "%d is negative", t.long)
	}
	if t.long < t.short {
		return nil, fmtThresholds("DecisionCycleConfig", "Long %d is below Short %d", t.long, t.short)
	}
	return t, nil
}

// Name returns "decision-cycle".
func (t *DecisionCycle) Name() string { return "decision-cycle" }

// Groups declares the exclusive decision-cycle group.
func (t *DecisionCycle) Groups() []Group {
	return []Group{{Name: t.group, Values: []string{CycleShort, CycleMedium, CycleLong}}}
}

// Tag implements [Tagger].
func (t *DecisionCycle) Tag(p *Profile, dst []Tag) ([]Tag, error) {
	if p.Company == nil || p.Person != nil {
		return dst, nil
	}
	d := p.Company.DecisionCycleDays
	var v string
	switch {
	case d <= 0:
		return dst, nil
	case d <= t.short:
		v = CycleShort
	case d <= t.long:
		v = CycleMedium
	default:
		v = CycleLong
	}
	return append(dst, Tag{Group: t.group, Value: v}), nil
}
