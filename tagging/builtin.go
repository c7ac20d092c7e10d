package tagging

// Groups of the built-in taggers. Each tagger's config can rename its
// group.
const (
	GroupSpend         = "spend"          // exclusive: LevelHigh, LevelMid, LevelLow
	GroupActivity      = "activity"       // exclusive: LevelHigh, LevelMid, LevelLow
	GroupNeed          = "need"           // multi-valued: NeedPriceSensitive, NeedQuality, keyword values
	GroupLifecycle     = "lifecycle"      // exclusive: Stage*
	GroupCategory      = "category"       // multi-valued: the customer's top category names
	GroupChannel       = "channel"        // exclusive: ChannelOnline, ChannelOffline, ChannelOmni
	GroupLoyalty       = "loyalty"        // exclusive: LoyaltyLoyal, LoyaltyRepeat, LoyaltyOneTime
	GroupDecisionCycle = "decision-cycle" // exclusive: CycleShort, CycleMedium, CycleLong
)

// Values given by the built-in taggers.
const (
	LevelHigh = "high"
	LevelMid  = "mid"
	LevelLow  = "low"

	NeedPriceSensitive = "price-sensitive"
	NeedQuality        = "quality"

	StageProspect = "prospect"
	StageNew      = "new"
	StageActive   = "active"
	StageAtRisk   = "at-risk"
	StageDormant  = "dormant"
	StageChurned  = "churned"

	ChannelOnline  = "online"
	ChannelOffline = "offline"
	ChannelOmni    = "omni-channel"

	LoyaltyLoyal   = "loyal"
	LoyaltyRepeat  = "repeat"
	LoyaltyOneTime = "one-time"

	CycleShort  = "short"
	CycleMedium = "medium"
	CycleLong   = "long"
)

// BuiltinConfig configures every built-in tagger. The zero value gives
// each its documented defaults.
type BuiltinConfig struct {
	Spend         SpendConfig
	Activity      ActivityConfig
	Needs         NeedsConfig
	Lifecycle     LifecycleConfig
	Category      CategoryConfig
	Channel       ChannelConfig
	Loyalty       LoyaltyConfig
	DecisionCycle DecisionCycleConfig
}

// Builtin returns the built-in taggers configured by cfg, in this order:
// [Spend], [Activity], [Needs], [Lifecycle], [CategoryPreference],
// [ChannelPreference], [Loyalty], [DecisionCycle]. The error is the first
// constructor's error.
func Builtin(cfg BuiltinConfig) ([]Tagger, error) {
	spend, err := NewSpend(cfg.Spend)
	if err != nil {
		return nil, err
	}
	activity, err := NewActivity(cfg.Activity)
	if err != nil {
		return nil, err
	}
	needs, err := NewNeeds(cfg.Needs)
	if err != nil {
		return nil, err
	}
	lifecycle, err := NewLifecycle(cfg.Lifecycle)
	if err != nil {
		return nil, err
	}
	category, err := NewCategoryPreference(cfg.Category)
	if err != nil {
		return nil, err
	}
	channel, err := NewChannelPreference(cfg.Channel)
	if err != nil {
		return nil, err
	}
	loyalty, err := NewLoyalty(cfg.Loyalty)
	if err != nil {
		return nil, err
	}
	cycle, err := NewDecisionCycle(cfg.DecisionCycle)
	if err != nil {
		return nil, err
	}
	return []Tagger{spend, activity, needs, lifecycle, category, channel, loyalty, cycle}, nil
}

// purchases reports whether p's customer has at least one purchase.
func purchases(p *Profile) bool {
	return p.Summary != nil && p.Summary.Orders > 0
}

// checkShare checks a configured share in [0, 1].
func checkShare(name string, v float64) error {
	if !(v >= 0 && v <= 1) {
		return configError(name, "%v is not a share in [0, 1]", v)
	}
	return nil
}

// orDefault returns v, or def when v is the zero value.
func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// Interface checks.
var (
	_ Tagger  = (*Spend)(nil)
	_ Tagger  = (*Activity)(nil)
	_ Tagger  = (*Needs)(nil)
	_ Tagger  = (*Lifecycle)(nil)
	_ Tagger  = (*CategoryPreference)(nil)
	_ Tagger  = (*ChannelPreference)(nil)
	_ Tagger  = (*Loyalty)(nil)
	_ Tagger  = (*DecisionCycle)(nil)
	_ Tagger  = Rule{}
	_ Tagger  = Thresholds{}
	_ Tagger  = (*Pipeline)(nil)
	_ Grouper = (*Spend)(nil)
	_ Grouper = (*Pipeline)(nil)
	_ Namer   = (*Spend)(nil)
	_ Namer   = Rule{}
)
