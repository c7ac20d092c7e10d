package tagging

// Groups of the built-in taggers, with the values each gives. Each
// tagger's Group field can rename its group.
const (
	GroupSpend         = "spend"          // exclusive: "high", "mid", "low"
	GroupActivity      = "activity"       // exclusive: "high", "mid", "low"
	GroupNeed          = "need"           // multi-valued: "price-sensitive", "quality", keyword values
	GroupLifecycle     = "lifecycle"      // exclusive: "prospect", "new", "active", "at-risk", "dormant", "churned"
	GroupCategory      = "category"       // multi-valued: the customer's top category names
	GroupChannel       = "channel"        // exclusive: "online", "offline", "omni-channel"
	GroupLoyalty       = "loyalty"        // exclusive: "loyal", "repeat", "one-time"
	GroupDecisionCycle = "decision-cycle" // exclusive: "short", "medium", "long"
)

// Values given by the built-in taggers.
const (
	levelHigh = "high"
	levelMid  = "mid"
	levelLow  = "low"

	needPriceSensitive = "price-sensitive"
	needQuality        = "quality"

	stageProspect = "prospect"
	stageNew      = "new"
	stageActive   = "active"
	stageAtRisk   = "at-risk"
	stageDormant  = "dormant"
	stageChurned  = "churned"

	channelOnline  = "online"
	channelOffline = "offline"
	channelOmni    = "omni-channel"

	loyaltyLoyal   = "loyal"
	loyaltyRepeat  = "repeat"
	loyaltyOneTime = "one-time"

	cycleShort  = "short"
	cycleMedium = "medium"
	cycleLong   = "long"
)

// BuiltinConfig configures every built-in tagger. The zero value gives
// each its documented defaults.
type BuiltinConfig struct {
	Spend         Spend
	Activity      Activity
	Needs         Needs
	Lifecycle     Lifecycle
	Category      CategoryPreference
	Channel       ChannelPreference
	Loyalty       Loyalty
	DecisionCycle DecisionCycle
}

// Builtin checks the built-in taggers configured by cfg and returns them
// ready to run, in this order: [Spend], [Activity], [Needs], [Lifecycle],
// [CategoryPreference], [ChannelPreference], [Loyalty], [DecisionCycle].
// Each returned tagger also implements [Namer] ("spend", "activity",
// "needs", "lifecycle", "category-preference", "channel-preference",
// "loyalty", "decision-cycle") and [Grouper], and has its settings
// resolved once, so it tags without allocating. The error is the first
// bad setting, wrapping [ErrConfig].
func Builtin(cfg BuiltinConfig) ([]Tagger, error) {
	out := make([]Tagger, 0, 8)
	for _, c := range []compiler{cfg.Spend, cfg.Activity, cfg.Needs, cfg.Lifecycle, cfg.Category, cfg.Channel, cfg.Loyalty, cfg.DecisionCycle} {
		t, err := c.compile()
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// compiler is implemented by the taggers configured by their exported
// fields (the built-ins, [Conditional] and [Thresholds]). compile checks
// the settings once and returns the tagger a [Pipeline] runs in their
// place, which has them resolved and implements [Namer] and [Grouper].
type compiler interface {
	Tagger
	compile() (Tagger, error)
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
	_ compiler = Spend{}
	_ compiler = Activity{}
	_ compiler = Needs{}
	_ compiler = Lifecycle{}
	_ compiler = CategoryPreference{}
	_ compiler = ChannelPreference{}
	_ compiler = Loyalty{}
	_ compiler = DecisionCycle{}
	_ compiler = Conditional{}
	_ compiler = Thresholds{}
	_ Tagger   = (*Pipeline)(nil)
	_ Grouper  = (*spend)(nil)
	_ Grouper  = (*Pipeline)(nil)
	_ Namer    = (*spend)(nil)
	_ Namer    = (*conditional)(nil)
)
