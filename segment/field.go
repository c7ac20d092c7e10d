package segment

// fieldID identifies what a condition reads.
type fieldID uint8

const (
	fNone fieldID = iota
	// demographics
	fAge
	fGender
	fIncome
	fOccupation
	// geography
	fCity
	fTier
	fProvince
	fRegion
	fSide
	// firmographics
	fIndustry
	fCompanyAge
	fEmployees
	fRevenue
	fSize
	// behaviour
	fDecisionCycle
	fOrders
	fFrequency
	fRecency
	fAOV
	fSpend
	fOnlineShare
	fOfflineShare
	fDiscountShare
	fRepeatRate
	fCategory
	fChannel
	fR
	fF
	fM
	// tags
	fTag
)

// kind is the type of a field's values.
type kind uint8

const (
	kNumber kind = iota + 1 // float64 bounds
	kMoney                  // decimal bounds, compared exactly
	kText                   // free text, compared case-insensitively
	kEnum                   // a closed set held as a bit mask
	kTag                    // tags
)

type fieldInfo struct {
	name string
	dim  dimension
	kind kind
}

// fields describes every field; the index is the fieldID.
var fields = [...]fieldInfo{
	fNone:          {},
	fAge:           {"age", demographics, kNumber},
	fGender:        {"gender", demographics, kEnum},
	fIncome:        {"income", demographics, kText},
	fOccupation:    {"occupation", demographics, kText},
	fCity:          {"city", geography, kText},
	fTier:          {"tier", geography, kEnum},
	fProvince:      {"province", geography, kText},
	fRegion:        {"region", geography, kEnum},
	fSide:          {"side", geography, kEnum},
	fIndustry:      {"industry", firmographics, kText},
	fCompanyAge:    {"company_age", firmographics, kNumber},
	fEmployees:     {"employees", firmographics, kNumber},
	fRevenue:       {"revenue", firmographics, kMoney},
	fSize:          {"size", firmographics, kEnum},
	fDecisionCycle: {"decision_cycle", behaviour, kNumber},
	fOrders:        {"orders", behaviour, kNumber},
	fFrequency:     {"frequency", behaviour, kNumber},
	fRecency:       {"recency", behaviour, kNumber},
	fAOV:           {"aov", behaviour, kMoney},
	fSpend:         {"spend", behaviour, kMoney},
	fOnlineShare:   {"online_share", behaviour, kNumber},
	fOfflineShare:  {"offline_share", behaviour, kNumber},
	fDiscountShare: {"discount_share", behaviour, kNumber},
	fRepeatRate:    {"repeat_rate", behaviour, kNumber},
	fCategory:      {"category", behaviour, kText},
	fChannel:       {"channel", behaviour, kText},
	fR:             {"r", behaviour, kNumber},
	fF:             {"f", behaviour, kNumber},
	fM:             {"m", behaviour, kNumber},
	fTag:           {"tag", psychographics, kTag},
}

var fieldByName = func() map[string]fieldID {
	m := make(map[string]fieldID, len(fields))
	for i := 1; i < len(fields); i++ {
		m[fields[i].name] = fieldID(i)
	}
	return m
}()

// op is a comparison.
type op uint8

const (
	opEq op = iota + 1
	opNe
	opGt
	opGe
	opLt
	opLe
	opBetween
	opIn
	opNotIn
)

var opNames = [...]string{"", "=", "!=", ">", ">=", "<", "<=", "between", "in", "not in"}

// enumValues lists, per enum field, its values in bit order with their
// accepted spellings; the first spelling is canonical.
var enumValues = map[fieldID][][]string{
	fGender: {{"male", "m", "男", "男性"}, {"female", "f", "女", "女性"}},
	fTier:   {{"一线", "tier1"}, {"新一线", "new-tier1"}, {"二线", "tier2"}, {"三线", "tier3"}, {"四线", "tier4"}, {"五线", "tier5"}},
	fRegion: {{"华北"}, {"东北"}, {"华东"}, {"华中"}, {"华南"}, {"西南"}, {"西北"}},
	fSide:   {{"北方", "north"}, {"南方", "south"}},
	fSize:   {{"大型", "large"}, {"中型", "medium"}, {"小型", "small"}, {"微型", "micro"}},
}
