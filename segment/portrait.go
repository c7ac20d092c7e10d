package segment

import "github.com/shopspring/decimal"

// unknown is the label, in portraits, of the members whose value of a
// distribution is not known: no birth date, a city outside the ranking,
// no industry.
const unknown = "未知"

// Count is one entry of a distribution: a value, the number of members
// (or purchases) with it and their share.
type Count struct {
	Value string  `json:"value"`
	Count int     `json:"count"`
	Share float64 `json:"share"`
}

// Amount is one entry of a distribution of money: a value, the money
// spent on it and its share of the total.
type Amount struct {
	Value  string          `json:"value"`
	Amount decimal.Decimal `json:"amount"`
	Share  float64         `json:"share"`
}

// MoneyStat summarises an amount over members: how many have one, and
// its mean and median, rounded half away from zero to the fen. For an
// even number of members the median is the mean of the middle two.
type MoneyStat struct {
	N      int             `json:"n"`
	Mean   decimal.Decimal `json:"mean"`
	Median decimal.Decimal `json:"median"`
}

// Stat summarises a number over members: how many, the mean and the
// median (the mean of the middle two for an even number).
type Stat struct {
	N      int     `json:"n"`
	Mean   float64 `json:"mean"`
	Median float64 `json:"median"`
}

// Portrait describes the members of one segment: a statistical portrait,
// built by [Run]. Distributions hold only values that occur; their shares
// are of the members the distribution applies to, as each field says.
// Values not known (no birth date, a city outside the ranking, no
// industry) are counted as 未知.
type Portrait struct {
	Segment Segment `json:"segment"`
	// Size is the number of members in the segment; Share its share of
	// the valid members (with multi-membership, shares can add up to more
	// than 1).
	Size  int     `json:"size"`
	Share float64 `json:"share"`
	// Persons and Companies split Size; Buyers counts the members with at
	// least one purchase.
	Persons   int `json:"persons"`
	Companies int `json:"companies"`
	Buyers    int `json:"buyers"`

	// Ages holds the persons by age band (Options.AgeBands), in band
	// order, then 未知; shares are of Persons.
	Ages []Count `json:"ages,omitempty"`
	// Genders holds the persons by gender (male, female, 未知); shares
	// are of Persons.
	Genders []Count `json:"genders,omitempty"`
	// Tiers holds the members by city tier, 一线 first, then 未知;
	// shares are of Size.
	Tiers []Count `json:"tiers,omitempty"`
	// Cities holds the top cities (by members, then name; 未知 for
	// cities outside the ranking), shares of Size.
	Cities []Count `json:"cities,omitempty"`
	// Industries holds the companies' top NBS industries (see
	// NBSIndustry; 未知 for none given); shares are of Companies.
	Industries []Count `json:"industries,omitempty"`
	// Sizes holds the companies by size class, 大型 first, then 未知;
	// shares are of Companies.
	Sizes []Count `json:"sizes,omitempty"`

	// AOV is the average order value (customer.Summary.AvgOrderValue)
	// over the buyers.
	AOV MoneyStat `json:"aov"`
	// Frequency is the number of purchases over every member, 0 for
	// members without any.
	Frequency Stat `json:"frequency"`
	// Tags holds the top tags (by members, then tag, written group=value);
	// shares are of Size.
	Tags []Count `json:"tags,omitempty"`
	// Categories holds the top categories by net spend; shares are of the
	// spend over every category with positive spend.
	Categories []Amount `json:"categories,omitempty"`
	// Channels holds every sales channel by purchases, most first; shares
	// are of the segment's purchases.
	Channels []Count `json:"channels,omitempty"`
}
